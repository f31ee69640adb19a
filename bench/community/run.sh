#!/usr/bin/env bash
# The members' directory over generated profiles (100,000 by default), on SQLite and on a
# throw-away PostgreSQL: latency of GET /api/v1/members at one connection (p50/p99, three kinds
# of search) and throughput at 64 connections as a ratio to the bare Beast hello server of the
# same run (alternating runs). Writes the section "Directory (bench/community/run.sh)" of
# bench/README.md (README=- prints it). Only 127.0.0.1; everything started here is stopped.
#
# Environment: PROFILES (100000), DURATION (5s), ROUNDS (2), SERVER_THREADS (2), ENGINES
# ("sqlite postgresql"), README.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/section.sh
source bench/lib/section.sh
PROFILES=${PROFILES:-100000}
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-2}
SERVER_THREADS=${SERVER_THREADS:-2}
ENGINES=${ENGINES:-sqlite postgresql}
README=${README:-bench/README.md}
BIN=build/release/sohosolo
HELLO=build/release/bench/bench_hello
cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo bench_hello -j "$(nproc)" >&2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench-community.XXXXXX")
chmod 755 "$TMP"
PIDS=()
PG_STARTED=
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n $PG_STARTED ]] && bash tests/pg/stop.sh "$TMP/pg" >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT

start() {  # start NAME VAR COMMAND...: sets VAR to the URL the server announces
  local name=$1 var=$2 url=""
  shift 2
  "$@" >"$TMP/$name.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 600); do
    url=$(grep -o -m1 'listening on http://[0-9.:]*' "$TMP/$name.log" | sed 's/^listening on //' || true)
    [[ -n $url ]] && break
    sleep 0.1
  done
  [[ -n $url ]] || { echo "run.sh: $name did not start" >&2; cat "$TMP/$name.log" >&2; exit 1; }
  printf -v "$var" '%s' "$url"
}
stop_servers() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
# wrk_run URL CONNECTIONS: prints "REQ_PER_S P50_MS P99_MS"
wrk_run() {
  local out
  out=$(wrk -t"$([[ $2 == 1 ]] && echo 1 || echo 2)" -c"$2" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$1")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "run.sh: errors on $1: $out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ { r = $2 }
       $1 == "50%" || $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
         if (u == "us") v /= 1000; else if (u == "s") v *= 1000; ms[$1] = v }
       END { printf "%s %.2f %.2f\n", r, ms["50%"], ms["99%"] }' <<<"$out"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

QUERIES=("q=develop" "q=specialite1234" "skill=comptabilite&q=gimont")
ROWS=()
for engine in $ENGINES; do
  if [[ $engine == postgresql ]]; then
    bash tests/pg/start.sh "$TMP/pg" >/dev/null
    PG_STARTED=1
    base=$(cat "$TMP/pg/url")
    psql "$base" -qc "CREATE DATABASE bench_directory"
    DB="${base%/*}/bench_directory"
  else
    DB="sqlite:$TMP/directory.db"
  fi
  "$BIN" migrate --db "$DB" >/dev/null
  "$BIN" programme add gers --name "Soho Solo Gers" --db "$DB" >/dev/null
  "$BIN" user add asker@bench.example.org --role member --programme gers --db "$DB" <<<"bench password 1234" >/dev/null
  echo "== $engine: loading $PROFILES profiles" >&2
  python3 bench/community/generate.py "$PROFILES" "$engine" >"$TMP/profiles.sql"
  if [[ $engine == postgresql ]]; then
    psql "$DB" -q -v ON_ERROR_STOP=1 -f "$TMP/profiles.sql" >/dev/null
  else
    sqlite3 "${DB#sqlite:}" <"$TMP/profiles.sql"
  fi
  start sohosolo SUBJECT "$BIN" --log-level warn serve --db "$DB" --listen 127.0.0.1:0 --threads "$SERVER_THREADS" --programme gers
  start hello REFERENCE "$HELLO" 0 "$SERVER_THREADS"
  TOKEN=$(curl -sf -H 'content-type: application/json' \
    -d '{"email":"asker@bench.example.org","password":"bench password 1234"}' "$SUBJECT/api/v1/tokens" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [[ -n $TOKEN ]] || { echo "run.sh: no token" >&2; exit 1; }
  for query in "${QUERIES[@]}"; do
    count=$(curl -sf -H "Authorization: Bearer $TOKEN" "$SUBJECT/api/v1/members?$query&limit=100" | grep -o '"account_id"' | wc -l)
    read -r _ p50 p99 <<<"$(wrk_run "$SUBJECT/api/v1/members?$query" 1)"
    ROWS+=("| $engine | \`$query\` ($count+ on the first page of 100) | 1 | $p50 | $p99 | |")
  done
  ratios=() rps_all=()
  for _ in $(seq "$ROUNDS"); do
    read -r a _ _ <<<"$(wrk_run "$REFERENCE/" 64)"
    read -r b _ p99 <<<"$(wrk_run "$SUBJECT/api/v1/members?${QUERIES[0]}" 64)"
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')") rps_all+=("$b")
  done
  ROWS+=("| $engine | \`${QUERIES[0]}\` | 64 | | $p99 | $(printf '%s\n' "${rps_all[@]}" | median | awk '{printf "%.0f", $1}') req/s, $(printf '%s\n' "${ratios[@]}" | median)x bare hello |")
  stop_servers
done

section=$(cat <<SECTION
## Directory (bench/community/run.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bash bench/community/run.sh\`: $PROFILES generated listed
profiles (bench/community/generate.py, seeded) in one programme, release build, \`serve --threads
$SERVER_THREADS\`, \`wrk --latency -d$DURATION\` with a member's bearer token; throughput runs alternate with
\`bench_hello\` ($ROUNDS rounds, median). Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), shared.
Target (DESIGN.md): p99 <= 5 ms on both engines.

| engine | query | connections | p50 ms | p99 ms | throughput |
| --- | --- | ---: | ---: | ---: | --- |
$(printf '%s\n' "${ROWS[@]}")
SECTION
)
write_section "$README" "$section"
