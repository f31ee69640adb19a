#!/usr/bin/env bash
# Scale-out on one PostgreSQL: 1, 2 and 4 `sohosolo serve` processes on the same database (a
# throw-away cluster started here), the load split evenly across them, on this one machine:
#  - availability of a resource holding a year of bookings, 64 connections in all;
#  - booking requests decided per second under contention (2 resources, every client asking for
#    the same slots) and bookings per second without contention (each process's clients on their
#    own resources);
# with the CPU each side used (PostgreSQL's processes, the sohosolo processes), read from /proc,
# to say where growth stops. References of the same run: the bare Beast hello server at 64
# connections and PostgreSQL's one-row commit rate (bench_commit_rate, 2 clients).
# Rounds alternate the process counts (1, 2, 4, 1, 2, 4, ...); figures are medians.
# Writes the section "Scale-out on PostgreSQL (bench/scale/run.sh)" of bench/README.md
# (README=- prints it). Environment: DURATION (4s), ROUNDS (3), THREADS per process (2).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/section.sh
source bench/lib/section.sh
# shellcheck source=bench/lib/servers.sh
source bench/lib/servers.sh
# shellcheck source=bench/lib/demo.sh
source bench/lib/demo.sh
DURATION=${DURATION:-4s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
README=${README:-bench/README.md}
BUILD=build/release
BIN=$BUILD/sohosolo
COUNTS=(1 2 4)

cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo bench_hello bench_commit_rate -j "$(nproc)" >&2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench-scale.XXXXXX")
PIDS=()
SERVERS=()
stop_servers() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVERS=()
}
cleanup() {
  stop_servers
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -f "$TMP/pg/url" ]] && tests/pg/stop.sh "$TMP/pg" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

# start ARRAY LOG COMMAND...: a background server, its PID added to ARRAY (PIDS or SERVERS) at
# once, so that cleanup stops it even if it never starts; sets STARTED_URL.
start() {
  local -n started=$1
  local log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  started+=($!)
  wait_listening "$log"
}


# CPU ticks (user + system) of the given processes, summed.
ticks() {
  local sum=0 pid
  for pid in "$@"; do
    # Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    # A process may end meanwhile (an autovacuum worker, the sampler's backend): it counts 0.
    local t
    t=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || t=0
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}
pg_pids() {
  local master
  master=$(head -1 "$(cat "$TMP/pg/datadir")/data/postmaster.pid")
  echo "$master" $(pgrep -P "$master" || true)
}
HZ=$(getconf CLK_TCK)

# --- PostgreSQL, the demo programme, a token, a resource with a year of bookings --------------
tests/pg/start.sh "$TMP/pg" >/dev/null
DB=$(cat "$TMP/pg/url")
"$BIN" demo --db "$DB" --credentials-file "$TMP/cred" >/dev/null
MAX_CONNECTIONS=$(psql -Atq "$DB" -c "SHOW max_connections")
start PIDS "$TMP/hello.log" "$BUILD/bench/bench_hello" 0 2
HELLO_URL=$STARTED_URL

start SERVERS "$TMP/setup.log" "$BIN" --log-level warn serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS"
url=$STARTED_URL
TOKEN=$(demo_token "$url" "$TMP/cred")
ALL=$(demo_resources "$url")
demo_open_horizon "$url" "$TOKEN" "$ALL"
FEW=$(echo "$ALL" | cut -d, -f1,2)
stop_servers

# The booking runs' first slot.
START=$(next_monday)
RESOURCE=${ALL%%,*}
from_day=$(( START / 86400 + 400 ))
year_of_bookings postgresql "$DB" "$RESOURCE" "$from_day"
AVAILABILITY=$(availability_path "$RESOURCE" "$from_day")

# --- one measurement ---------------------------------------------------------------------------
# load N KIND: KIND is availability, contended or free; N servers are running (URLS). Prints
# "RATE PG_CORES SOHOSOLO_CORES ACTIVE LOCK_WAITS": requests (availability), decided requests
# (contended) or bookings created (free) per second, the cores each side used meanwhile, and the
# mean number of PostgreSQL backends running a statement and, of those, waiting for a lock.
load() {
  local n=$1 kind=$2 i pg_before ss_before pg_after ss_after t0 t1 loaders=()
  local wrk_threads=1 conns=$((64 / n))
  ((n == 1)) && wrk_threads=2
  # Same slots for every client under contention: 64 requests per slot in all, as in
  # bench/workspaces (32 per slot for each of wrk's 2 threads).
  local share=$((64 / (n * wrk_threads)))
  [[ $kind == availability ]] || psql -q "$DB" -c "DELETE FROM bookings WHERE start_at >= $START AND start_at < $START + 200 * 86400"
  pg_before=$(ticks $(pg_pids))
  ss_before=$(ticks "${SERVERS[@]}")
  t0=$(date +%s.%N)
  # PostgreSQL's client backends four times a second: how many are running a statement, and how
  # many of those wait for a lock (another transaction's row or advisory lock).
  (
    while :; do
      psql -Atq -F ' ' "$DB" -c "SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE wait_event_type = 'Lock') FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null || true
      sleep 0.25
    done
  ) >"$TMP/samples" &
  local sampler=$!
  for ((i = 0; i < n; i++)); do
    case $kind in
      availability)
        wrk -t"$wrk_threads" -c"$conns" -d"$DURATION" -H "Authorization: Bearer $TOKEN" "${URLS[$i]}$AVAILABILITY" >"$TMP/out.$i" &
        loaders+=($!)
        ;;
      contended)
        wrk -t"$wrk_threads" -c"$conns" -d"$DURATION" -s bench/workspaces/book.lua "${URLS[$i]}" -- "$TOKEN" "$FEW" "$share" "$START" "$wrk_threads" >"$TMP/out.$i" &
        loaders+=($!)
        ;;
      free)
        # Each process's clients on their own resources.
        local mine
        mine=$(tr , '\n' <<<"$ALL" | awk -v n="$n" -v i="$i" '(NR - 1) % n == i' | paste -sd, -)
        wrk -t"$wrk_threads" -c"$conns" -d"$DURATION" -s bench/workspaces/book.lua "${URLS[$i]}" -- "$TOKEN" "$mine" 1 "$START" "$wrk_threads" >"$TMP/out.$i" &
        loaders+=($!)
        ;;
    esac
  done
  wait "${loaders[@]}"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  t1=$(date +%s.%N)
  pg_after=$(ticks $(pg_pids))
  ss_after=$(ticks "${SERVERS[@]}")
  local rate
  case $kind in
    availability) rate=$(cat "$TMP"/out.* | awk '/Requests\/sec/ {s += $2} END {printf "%.0f", s}') ;;
    contended | free)
      local fields=(created) line
      [[ $kind == contended ]] && fields=(created conflicts)
      rate=0
      while read -r line; do rate=$((rate + $(result_rate "$line" "${fields[@]}"))); done < <(cat "$TMP"/out.* | grep RESULT)
      ;;
  esac
  rm -f "$TMP"/out.*
  local waits
  waits=$(awk 'NF == 2 {a += $1; l += $2; n++} END {if (n) printf "%.1f %.1f", a / n, l / n; else print "0 0"}' "$TMP/samples")
  awk -v r="$rate" -v pa="$pg_after" -v pb="$pg_before" -v sa="$ss_after" -v sb="$ss_before" -v hz="$HZ" -v t0="$t0" -v t1="$t1" -v w="$waits" \
    'BEGIN {printf "%s %.2f %.2f %s\n", r, (pa - pb) / hz / (t1 - t0), (sa - sb) / hz / (t1 - t0), w}'
}

declare -A RESULTS
HELLO=() COMMITS=()
for ((round = 1; round <= ROUNDS; round++)); do
  HELLO+=("$(wrk -t2 -c64 -d"$DURATION" "$HELLO_URL/" | awk '/Requests\/sec/ {printf "%.0f", $2}')")
  COMMITS+=("$("$BUILD/bench/bench_commit_rate" "$DB" "${DURATION%s}" 2)")
  for n in "${COUNTS[@]}"; do
    URLS=()
    for ((i = 0; i < n; i++)); do
      start SERVERS "$TMP/serve.$i.log" "$BIN" --log-level warn serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS"
      URLS+=("$STARTED_URL")
    done
    for kind in availability contended free; do
      RESULTS[$n.$kind]+="$(load "$n" "$kind")"$'\n'
      echo "round $round, $n process(es), $kind: $(tail -1 <<<"${RESULTS[$n.$kind]%$'\n'}")" >&2
    done
    stop_servers
  done
done

hello=$(printf '%s\n' "${HELLO[@]}" | median)
commits=$(printf '%s\n' "${COMMITS[@]}" | median)
col() { awk -v c="$2" 'NF {print $c}' <<<"${RESULTS[$1]}" | median; }
rows=()
for n in "${COUNTS[@]}"; do
  a=$(col "$n.availability" 1) c=$(col "$n.contended" 1) f=$(col "$n.free" 1)
  rows+=("| $n | $((n * (THREADS + 3))) | $a ($(awk -v a="$a" -v b="$hello" 'BEGIN {printf "%.3f", a / b}')x hello), PostgreSQL $(col "$n.availability" 2), sohosolo $(col "$n.availability" 3); $(col "$n.availability" 4) active, $(col "$n.availability" 5) on locks | $c ($(awk -v a="$c" -v b="$commits" 'BEGIN {printf "%.2f", a / b}')x commits), PostgreSQL $(col "$n.contended" 2), sohosolo $(col "$n.contended" 3); $(col "$n.contended" 4) active, $(col "$n.contended" 5) on locks | $f ($(awk -v a="$f" -v b="$commits" 'BEGIN {printf "%.2f", a / b}')x commits), PostgreSQL $(col "$n.free" 2), sohosolo $(col "$n.free" 3); $(col "$n.free" 4) active, $(col "$n.free" 5) on locks |")
done

section=$(cat <<SECTION
## Scale-out on PostgreSQL (bench/scale/run.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bash bench/scale/run.sh\`: 1, 2 and 4 \`sohosolo serve --threads $THREADS\`
processes (release build) on one PostgreSQL (tests/pg/start.sh, \`max_connections\` = $MAX_CONNECTIONS), the demo
programme, an admin token. 64 client connections in all, split evenly across the processes (one
wrk per process: \`-t2 -c64\` for one process, \`-t1 -c32\` and \`-t1 -c16\` for two and four), $DURATION per
run, $ROUNDS rounds alternating the process counts; medians. Machine: $(nproc) cores
($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), shared by PostgreSQL,
the servers and wrk. References of the same run: bare Beast hello $hello req/s (64 connections),
PostgreSQL one-row commits $commits/s (2 clients). "PostgreSQL" and "sohosolo" are the cores each
used during the run (CPU seconds per second from /proc, all their processes); "active" and "on
locks" are PostgreSQL's client backends running a statement and, of those, waiting for a lock
(\`pg_stat_activity\` sampled four times a second, means).

| processes | connections to PostgreSQL | availability, req/s (year of bookings, one week) | booking requests decided/s, contended (2 resources) | bookings/s, uncontended (every resource) |
| --- | ---: | --- | --- | --- |
$(printf '%s\n' "${rows[@]}")
SECTION
)
write_section "$README" "$section"
