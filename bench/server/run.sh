#!/usr/bin/env bash
# The server itself: time from exec to "listening" on a migrated demo database (median of 11
# starts), resident memory idle, and resident memory at the end of 10 s of 64-connection load on
# GET /account (a page that reads the database). Writes the section "Server (bench/server/run.sh)"
# of bench/README.md (README=- prints it). Only 127.0.0.1; everything started here is stopped.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/section.sh
source bench/lib/section.sh
README=${README:-bench/README.md}
BIN=build/release/sohosolo
cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo -j "$(nproc)" >&2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench-server.XXXXXX")
PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
DB="sqlite:$TMP/s.db"
"$BIN" demo --db "$DB" --credentials-file "$TMP/cred" >/dev/null

# Ready time: exec to the "listening" line.
times=()
for _ in $(seq 1 11); do
  start=$(date +%s%N)
  "$BIN" --log-level warn serve --db "$DB" --listen 127.0.0.1:0 --threads 2 >"$TMP/out" 2>&1 &
  PID=$!
  until grep -q "listening on" "$TMP/out" 2>/dev/null; do sleep 0.001; done
  times+=($(( ($(date +%s%N) - start) / 1000 )))
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
done
ready_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')

"$BIN" --log-level warn serve --db "$DB" --listen 127.0.0.1:0 --threads 2 >"$TMP/out" 2>&1 &
PID=$!
until grep -q "listening on" "$TMP/out" 2>/dev/null; do sleep 0.01; done
URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$TMP/out" | head -1)
sleep 1
idle_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
password=$(awk -F'\t' '$1 ~ /member/ {print $3}' "$TMP/cred")
curl -s -c "$TMP/jar" "$URL/login" >"$TMP/login.html"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$TMP/login.html" | head -1 | sed 's/.*value="//;s/"//')
curl -s -b "$TMP/jar" -c "$TMP/jar" --data-urlencode "_csrf=$csrf" --data-urlencode "email=membre@demo.sohosolo.fr" \
  --data-urlencode "password=$password" "$URL/login" -o /dev/null
sid=$(awk '$6 == "sid" {print $7}' "$TMP/jar")
wrk -t2 -c64 -d10s -H "Cookie: sid=$sid" "$URL/account" >"$TMP/wrk" &
WRK=$!
peak_kb=0
while kill -0 "$WRK" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  (( rss > peak_kb )) && peak_kb=$rss
  sleep 0.2
done
rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk")

section=$(cat <<SECTION
## Server (bench/server/run.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bash bench/server/run.sh\` on the demo database (SQLite,
with the Gers communes when ../shared/data is present), release build, 2 threads. Machine: $(nproc) cores,
$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), shared.

| what | figure | target |
| --- | ---: | --- |
| ready (exec to "listening", median of 11) | ${ready_ms} ms | < 200 ms |
| resident memory, idle | $(( idle_kb / 1024 )) MB | < 50 MB |
| resident memory, peak under 64 connections on GET /account (${rps%.*} req/s) | $(( peak_kb / 1024 )) MB | < 200 MB |
SECTION
)
write_section "$README" "$section"
