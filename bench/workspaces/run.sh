#!/usr/bin/env bash
# Workspaces benchmark, on SQLite and on PostgreSQL (a throw-away cluster started here):
#  1. bookings under contention: 64 connections asking for the same half-hour slots of 2 resources
#     (32 requests per slot), and without contention (every demo resource, one request per slot);
#     successful bookings per second against the engine's own one-row-per-transaction commit rate
#     with the same settings (bench_commit_rate, 2 clients), measured in the same run;
#  2. availability of a resource holding a year of bookings: latency at 1 connection (p50, p99)
#     and throughput at 64 connections as a ratio to the bare Beast hello server of bench/http.
# Writes the section "Workspaces (bench/workspaces/run.sh)" of bench/README.md (README=- prints it).
# SOHOSOLO_BIN measures another sohosolo binary than build/release/sohosolo (e.g. for an A/B run).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/section.sh
source bench/lib/section.sh
# shellcheck source=bench/lib/servers.sh
source bench/lib/servers.sh
# shellcheck source=bench/lib/demo.sh
source bench/lib/demo.sh
DURATION=${DURATION:-5s}
README=${README:-bench/README.md}
BUILD=build/release
BIN=${SOHOSOLO_BIN:-$BUILD/sohosolo}

cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo bench_hello bench_commit_rate -j "$(nproc)" >&2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench-ws.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The PostgreSQL server must go before its cluster is stopped below.
  [[ -f "$TMP/pg/url" ]] && tests/pg/stop.sh "$TMP/pg" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

# start LOG COMMAND...: background server; sets STARTED_URL to its base URL once it says
# "listening on". (Not called through $(...): a subshell would lose the PID that cleanup kills.)
start() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  PIDS+=($!)
  wait_listening "$log"
}


# The booking runs' first slot.
START=$(next_monday)

# The bare server runs as many threads as sohosolo (two per core).
start "$TMP/hello.log" "$BUILD/bench/bench_hello" 0 "$((2 * $(nproc)))"
HELLO_URL=$STARTED_URL
rows=()

run_engine() {
  local engine=$1 db=$2
  "$BIN" demo --db "$db" --credentials-file "$TMP/$engine.cred" >/dev/null
  local url token
  # sohosolo's default thread count: two per core (requests wait for PostgreSQL's round trips,
  # or for the WAL sync their SQLite commit shares): 4 on this machine.
  local threads
  threads=$((2 * $(nproc)))
  start "$TMP/$engine.log" "$BIN" --log-level warn serve --db "$db" --listen 127.0.0.1:0 --threads "$threads"
  url=$STARTED_URL
  token=$(demo_token "$url" "$TMP/$engine.cred")
  local all few
  all=$(demo_resources "$url")
  demo_open_horizon "$url" "$token" "$all"
  few=$(echo "$all" | cut -d, -f1,2)

  local reference contended free r1 r2 r3
  # The reference is measured before, between and after the two runs (the disk's fsync rate
  # drifts on a shared machine); its median is used.
  r1=$("$BUILD/bench/bench_commit_rate" "$db" "${DURATION%s}" 2)
  contended=$(wrk -t2 -c64 -d"$DURATION" -s bench/workspaces/book.lua "$url" -- "$token" "$few" 32 "$START" | grep RESULT)
  r2=$("$BUILD/bench/bench_commit_rate" "$db" "${DURATION%s}" 2)
  # Without contention: every resource, each wrk thread on its own resources.
  free=$(wrk -t2 -c64 -d"$DURATION" -s bench/workspaces/book.lua "$url" -- "$token" "$all" 1 "$START" | grep RESULT)
  r3=$("$BUILD/bench/bench_commit_rate" "$db" "${DURATION%s}" 2)
  reference=$(printf '%s\n' "$r1" "$r2" "$r3" | median)
  local c_answer_rate c_rate f_rate
  c_answer_rate=$(result_rate "$contended" created conflicts)
  c_rate=$(result_rate "$contended" created)
  f_rate=$(result_rate "$free" created)
  rows+=("| $engine | booking requests decided/s (201 or 409), 64 clients on 2 resources, 32 per slot | $c_answer_rate | engine one-row commits/s: $reference | $(awk -v a="$c_answer_rate" -v b="$reference" 'BEGIN {printf "%.2f", a / b}') |")
  rows+=("| $engine | of which bookings created/s (one per slot, by construction) | $c_rate | — | — |")
  rows+=("| $engine | bookings/s, 64 clients on every demo resource | $f_rate | engine one-row commits/s: $reference | $(awk -v a="$f_rate" -v b="$reference" 'BEGIN {printf "%.2f", a / b}') |")
  echo "$engine contended: $contended / free: $free / reference $reference" >&2

  # A year of bookings on one resource: ten half-hours each day.
  local resource=${all%%,*}
  local from_day=$(( START / 86400 + 400 ))
  year_of_bookings "$engine" "$db" "$resource" "$from_day"
  local target
  target="$url$(availability_path "$resource" "$from_day")"
  local lat p50 p99 thr hello
  lat=$(wrk -t1 -c1 -d"$DURATION" --latency -H "Authorization: Bearer $token" "$target")
  p50=$(awk '/^ +50%/ {print $2}' <<<"$lat"); p99=$(awk '/^ +99%/ {print $2}' <<<"$lat")
  hello=$(wrk -t2 -c64 -d"$DURATION" "$HELLO_URL/" | awk '/Requests\/sec/ {print $2}')
  thr=$(wrk -t2 -c64 -d"$DURATION" -H "Authorization: Bearer $token" "$target" | awk '/Requests\/sec/ {print $2}')
  rows+=("| $engine | availability of a resource with a year of bookings (one week), 1 connection | p50 $p50, p99 $p99 | — | — |")
  rows+=("| $engine | availability, 64 connections, req/s | ${thr%.*} | bare hello req/s: ${hello%.*} | $(awk -v a="$thr" -v b="$hello" 'BEGIN {printf "%.2f", a / b}') |")
  if [[ $engine == postgresql ]]; then
    # PostgreSQL's own read rate with as many clients: pgbench's select-only script (one
    # primary-key SELECT per transaction, prepared statements), on its scale-1 tables in the same
    # database, right after the run above.
    local tps
    pgbench_init "$(cat "$TMP/pg/bindir")" "$db"
    tps=$(pgbench_select_tps "$(cat "$TMP/pg/bindir")" "$db" 64 2 "${DURATION%s}")
    rows+=("| $engine | availability, 64 connections, req/s | ${thr%.*} | pgbench -S, 64 clients, tps: $tps | $(awk -v a="$thr" -v b="$tps" 'BEGIN {printf "%.2f", a / b}') |")
  fi
}

run_engine sqlite "sqlite:$TMP/ws.db"
tests/pg/start.sh "$TMP/pg" >/dev/null
run_engine postgresql "$(cat "$TMP/pg/url")"

section=$(cat <<SECTION
## Workspaces (bench/workspaces/run.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bash bench/workspaces/run.sh\` (wrk, $DURATION per run, release
build, \`sohosolo serve\` with its default threads (two per core), admin token so that quotas do not interfere). Machine: $(nproc) cores
($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), shared.
The reference of the booking rows is the engine's own rate of one-row transactions with the same
durability settings (SQLite WAL + synchronous=FULL; PostgreSQL fsync on), 2 clients, same run.

| engine | what | figure | reference | ratio |
| --- | --- | ---: | --- | ---: |
$(printf '%s\n' "${rows[@]}")
SECTION
)
write_section "$README" "$section"
