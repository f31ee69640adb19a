#!/usr/bin/env bash
# HTTP benchmark: sohosolo against a bare Boost.Beast "hello" server (bench/http/hello.cpp), both
# release builds with as many threads (sohosolo's default, two per core, at most 32) on
# loopback, measured with wrk in alternating runs (hello, subject, hello, subject, ...) so that
# the machine's drift hits both alike. Writes the section
# "HTTP (bench/http/run.sh)" of bench/README.md (the rest of the file is kept).
#
#   bash bench/http/run.sh              (or `make bench`)
#
# Environment: ENGINE (sqlite, or postgresql: a throw-away cluster started by tests/pg/start.sh,
# written to its own section), DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), ROUNDS (3), SERVER_THREADS (two per core),
# README (bench/README.md; "-" prints the section instead of writing it), SOHOSOLO_BIN (the
# sohosolo binary to measure instead of build/release/sohosolo, e.g. a build of a patched tree),
# MEMBERS (100000: the members, with their sessions, of the "nothing kept" row).
# Only 127.0.0.1 is used; every server started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/servers.sh
source bench/lib/servers.sh
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
ROUNDS=${ROUNDS:-3}
SERVER_THREADS=${SERVER_THREADS:-$((2 * $(nproc) > 32 ? 32 : 2 * $(nproc)))}
README=${README:-bench/README.md}
ENGINE=${ENGINE:-sqlite}
# Both servers run as many threads: sohosolo's default is two per core (its requests wait for
# PostgreSQL's round trips or for the WAL sync of their SQLite commit), and the bare server gets
# the same, which suits it too (+8 % from 2 to 4 threads on this machine).
SUBJECT_THREADS=$SERVER_THREADS
case $ENGINE in
  sqlite) HEADING="## HTTP (bench/http/run.sh)" ;;
  postgresql) HEADING="## HTTP on PostgreSQL (ENGINE=postgresql bash bench/http/run.sh)" ;;
  *) echo "run.sh: ENGINE is sqlite or postgresql, not $ENGINE" >&2; exit 2 ;;
esac
BUILD=build/release
BIN=${SOHOSOLO_BIN:-$BUILD/sohosolo}
HELLO=$BUILD/bench/bench_hello
EMAIL=bench@example.org
PASSWORD="bench password $RANDOM$RANDOM"

for tool in cmake curl wrk; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

echo "== building the release preset (sohosolo, bench_hello)" >&2
cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo bench_hello -j "$(nproc)" >&2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The servers go before the PostgreSQL cluster they use.
  [[ -f "$TMP/pg/url" ]] && tests/pg/stop.sh "$TMP/pg" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- a fresh database (SQLite, or PostgreSQL) with one programme and one member ---------------
if [[ $ENGINE == postgresql ]]; then
  tests/pg/start.sh "$TMP/pg" >/dev/null
  DB=$(cat "$TMP/pg/url")
else
  DB="sqlite:$TMP/bench.db"
fi
"$BIN" migrate --db "$DB" >/dev/null
"$BIN" programme add gers --name "Soho Solo Gers" --db "$DB" >/dev/null
"$BIN" user add "$EMAIL" --role member --programme gers --db "$DB" <<<"$PASSWORD" >/dev/null \
  || { echo "run.sh: \`sohosolo user add\` failed" >&2; exit 1; }

# --- the two servers, on ports the kernel picks -----------------------------------------------
# start NAME VAR COMMAND...: runs COMMAND in the background, its output in NAME's log, and sets
# VAR to the base URL it announces ("... listening on http://127.0.0.1:PORT/").
start() {
  local name=$1 var=$2
  shift 2
  "$@" >"$TMP/$name.log" 2>&1 &
  local pid=$! url=""
  PIDS+=("$pid")
  for _ in $(seq 300); do
    url=$(grep -o -m1 'listening on http://[0-9.:]*' "$TMP/$name.log" | sed 's/^listening on //' || true)
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited:" >&2; cat "$TMP/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n $url ]] || { echo "run.sh: $name did not start" >&2; exit 1; }
  printf -v "$var" '%s' "$url"
}
# sohosolo logs one line per request at the default level (info), as in production: to a file.
start sohosolo SUBJECT "$BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads "$SUBJECT_THREADS" --programme gers
start hello REFERENCE "$HELLO" 0 "$SERVER_THREADS"
# GET /'s bytes sent Beast's way: bare Beast answering with as many body bytes, the same header
# fields (a fresh request id and CSRF cookie) through its serializer, and one flushed log line
# per request. It was GET /'s ceiling until sohosolo wrote its answers itself (bench/README.md,
# fifth pass); it stays to show what that change is worth.
HOME_BYTES=$(curl -sf "$SUBJECT/" | wc -c)
start ceiling CEILING "$HELLO" 0 "$SERVER_THREADS" 127.0.0.1 "$HOME_BYTES" like-sohosolo
echo "== sohosolo on $SUBJECT, bench_hello on $REFERENCE" >&2

# --- a session cookie through the login form (csrf cookie + hidden _csrf field) ------------------
JAR=$TMP/cookies
csrf=$(curl -sf -c "$JAR" -b "$JAR" "$SUBJECT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
[[ -n $csrf ]] || { echo "run.sh: no _csrf field on /login" >&2; exit 1; }
status=$(curl -s -o /dev/null -D "$TMP/login.headers" -w '%{http_code}' -c "$JAR" -b "$JAR" "$SUBJECT/login" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD")
[[ $status == 303 ]] || { echo "run.sh: login answered $status, not 303" >&2; exit 1; }
SID=$(awk '$6 == "sid" { print $7 }' "$JAR")
if [[ -z $SID ]]; then
  echo "run.sh: no sid cookie after login; the answer set these cookies:" >&2
  grep -i '^set-cookie' "$TMP/login.headers" >&2 || echo "  (none)" >&2
  exit 1
fi
check_account() {
  local page
  page=$(curl -sf -H "Cookie: sid=$SID" "$SUBJECT/account") || { echo "run.sh: GET /account failed" >&2; exit 1; }
  grep -q "$EMAIL" <<<"$page" || { echo "run.sh: /account does not show $EMAIL (not logged in?)" >&2; exit 1; }
}
check_account

# --- many members, for GET /account with nothing kept ---------------------------------------------
# The row above asks as one member: the identity behind the session, the API tokens and the feed
# address are kept two seconds in the process, so it measures the page, not the reads. This one
# asks as a different member on each request (MEMBERS of them, each revisited every few seconds,
# beyond the two), so every request reads its session, account, roles, tokens and feed.
MEMBERS=${MEMBERS:-100000}
python3 bench/http/members.py "$MEMBERS" gers "$TMP/members.sql" "$TMP/sids"
if [[ $ENGINE == postgresql ]]; then
  psql "$DB" -X -q -v ON_ERROR_STOP=1 -f "$TMP/members.sql" >/dev/null
else
  sqlite3 -bail "${DB#sqlite:}" <"$TMP/members.sql"
fi
export SIDS=$TMP/sids PARTS=$WRK_THREADS

# --- measurements ------------------------------------------------------------------------------
# One wrk run; prints "REQ_PER_S P99_MS". Fails on socket errors or non-2xx/3xx answers.
measure() {
  local url=$1 out
  shift
  out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
  echo "$out" >>"$TMP/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "run.sh: errors while measuring $url:" >&2
    echo "$out" >&2
    exit 1
  fi
  local rps p99
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" {
    v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
    printf "%.2f", v }' <<<"$out")
  echo "$rps $p99"
}

NAMES=("sohosolo GET /healthz" "sohosolo GET / (home page, anonymous)" "sohosolo GET /account (session, database)"
  "sohosolo GET /account, a different member each time ($MEMBERS members: nothing kept)"
  "bare Beast answering GET /'s bytes its way ($HOME_BYTES-byte body, same fields through its serializer, flushed log line)")
URLS=("$SUBJECT/healthz" "$SUBJECT/" "$SUBJECT/account" "$SUBJECT/account" "$CEILING/")
# Extra request header per target: only /account is fetched logged in (GET / as a first visit);
# "members" is bench/http/members.lua, a session of its own on each request.
HEADERS=("" "" "Cookie: sid=$SID" "members" "")
declare -A RPS P99 RATIO
HELLO_RPS=() HELLO_P99=()
# On PostgreSQL, the row with nothing kept is also set against PostgreSQL's own rate for one
# indexed read with as many clients (pgbench's select-only script, prepared statements), run
# right before it in each round: that rate divided by the page's statements is its ceiling.
PGB_TPS=() PGB_RATIO=()
if [[ $ENGINE == postgresql ]]; then pgbench_init "$(cat "$TMP/pg/bindir")" "$DB"; fi

echo "== warming up" >&2
WARM=2s
DURATION=$WARM measure "$REFERENCE/" >/dev/null
header_args() {
  extra=()
  case ${HEADERS[$1]} in
    "") ;;
    members) extra=(-s bench/http/members.lua) ;;
    *) extra=(-H "${HEADERS[$1]}") ;;
  esac
}
for i in "${!URLS[@]}"; do
  header_args "$i"
  DURATION=$WARM measure "${URLS[$i]}" "${extra[@]}" >/dev/null
done

for round in $(seq "$ROUNDS"); do
  for i in "${!URLS[@]}"; do
    result=$(measure "$REFERENCE/")
    read -r a_rps a_p99 <<<"$result"
    HELLO_RPS+=("$a_rps") HELLO_P99+=("$a_p99")
    header_args "$i"
    result=$(measure "${URLS[$i]}" "${extra[@]}")
    read -r b_rps b_p99 <<<"$result"
    RPS[$i]+="$b_rps " P99[$i]+="$b_p99 "
    RATIO[$i]+="$(awk -v b="$b_rps" -v a="$a_rps" 'BEGIN { printf "%.3f", b / a }') "
    if [[ $ENGINE == postgresql && ${HEADERS[$i]} == members ]]; then
      tps=$(pgbench_select_tps "$(cat "$TMP/pg/bindir")" "$DB" "$CONNECTIONS" "$WRK_THREADS" "${DURATION%s}")
      [[ -n $tps ]] || { echo "run.sh: pgbench -S gave no rate" >&2; exit 1; }
      PGB_TPS+=("$tps")
      PGB_RATIO+=("$(awk -v b="$b_rps" -v a="$tps" 'BEGIN { printf "%.3f", b / a }')")
      printf '   round %s: pgbench -S -c %s %8.0f tps\n' "$round" "$CONNECTIONS" "$tps" >&2
    fi
    printf '   round %s: bare hello %8.0f req/s p99 %6.2f ms | %-42s %8.0f req/s p99 %6.2f ms\n' \
      "$round" "$a_rps" "$a_p99" "${NAMES[$i]}" "$b_rps" "$b_p99" >&2
  done
done
check_account

# --- the README section --------------------------------------------------------------------------
list() { tr ' ' '\n' | grep -v '^$'; }
fmt_runs() { list | awk '{ printf "%s%.0f", (NR > 1 ? " / " : ""), $1 }'; }
section=$TMP/section.md
{
  echo "$HEADING"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`$([[ $ENGINE == postgresql ]] && echo "ENGINE=postgresql ")bash bench/http/run.sh\`:"
  echo "\`wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency\` on 127.0.0.1, servers started with $SERVER_THREADS threads each (sohosolo's default: two per core)"
  echo "(\`sohosolo serve --threads $SUBJECT_THREADS\` on a fresh $([[ $ENGINE == postgresql ]] && echo "PostgreSQL (tests/pg/start.sh)" || echo SQLite) database made with \`migrate\`, \`programme add\`"
  echo "and \`user add\`, release build$([[ $BIN != "$BUILD/sohosolo" ]] && echo " \`$BIN\`"), log level info to a file;"
  echo "\`bench_hello 0 $SERVER_THREADS\`), $ROUNDS rounds, each subject run right after a bare-hello run."
  echo
  echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)),"
  echo "$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) of memory, $(uname -sr); shared, so wrk and the server compete for the same cores."
  echo
  echo "| target | req/s (median) | p99 ms (median) | ratio to bare hello (median of same-round ratios) |"
  echo "| --- | ---: | ---: | ---: |"
  printf '| bare Beast hello (reference) | %.0f | %.2f | 1.00 |\n' \
    "$(printf '%s\n' "${HELLO_RPS[@]}" | median)" "$(printf '%s\n' "${HELLO_P99[@]}" | median)"
  for i in "${!URLS[@]}"; do
    printf '| %s | %.0f | %.2f | %.2f |\n' "${NAMES[$i]}" "$(list <<<"${RPS[$i]}" | median)" \
      "$(list <<<"${P99[$i]}" | median)" "$(list <<<"${RATIO[$i]}" | median)"
  done
  echo
  echo "Runs (req/s): bare hello $(printf '%s ' "${HELLO_RPS[@]}" | fmt_runs);"
  for i in "${!URLS[@]}"; do
    echo "${NAMES[$i]#sohosolo } $(fmt_runs <<<"${RPS[$i]}")$([[ $i -lt $((${#URLS[@]} - 1)) ]] && echo ';' || echo '.')"
  done
  if ((${#PGB_TPS[@]})); then
    echo
    printf 'PostgreSQL alone, `pgbench -S -M prepared -c %s -j %s` (one indexed read per transaction), run\n' "$CONNECTIONS" "$WRK_THREADS"
    printf 'before each run of the row with nothing kept: %.0f tps (median; runs %s); that row'"'"'s pages/s\n' \
      "$(printf '%s\n' "${PGB_TPS[@]}" | median)" "$(printf '%s ' "${PGB_TPS[@]}" | fmt_runs)"
    printf 'over it: %.2f (median of same-round ratios). The page makes three statements.\n' \
      "$(printf '%s\n' "${PGB_RATIO[@]}" | median)"
  fi
  echo
  echo "How to read it: req/s is throughput at $CONNECTIONS keep-alive connections, p99 the latency under which 99 %"
  echo "of requests were answered. Absolute figures move with the machine's other load; the ratio"
  echo "compares each sohosolo run with the bare-hello run just before it, so it is the figure to"
  echo "track across commits. The design target is a page reading the database (GET /account) at"
  echo ">= 0.6x bare hello with p99 <= 10 ms at 64 connections. GET /account asks as one member, whose"
  echo "identity, API tokens and feed address the server keeps two seconds (as any member clicking"
  echo "through pages); the row after it asks as a different member each time, so that every request"
  echo "reads them all (three statements, each a round trip on PostgreSQL). The last row is \`bench_hello\`"
  echo "sending what GET / sends, with nothing behind it, the way Beast writes (its serializer, one"
  echo "flushed log line per request): it was GET /'s ceiling until sohosolo wrote its answers in one"
  echo "buffer and its access log in batches (\"fifth pass\" in this file)."
} >"$section"

if [[ $README == - ]]; then
  cat "$section"
  exit 0
fi
if [[ ! -f $README ]]; then
  printf '# Benchmarks\n\nFigures are medians of alternating runs on a shared 2-core machine.\n\n' >"$README"
fi
# Replace the section (from its heading to the next "## " heading) and keep everything else.
awk -v file="$section" -v heading="$HEADING" '
  $0 == heading { skip = 1; while ((getline line < file) > 0) print line; print ""; done = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
  END { if (!done) { print ""; while ((getline line < file) > 0) print line } }
' "$README" >"$TMP/README.md"
# One blank line between blocks, none at the end.
awk 'NF { if (blank && printed) print ""; blank = 0; printed = 1; print; next } { blank = 1 }' "$TMP/README.md" >"$README"
echo "== wrote $README" >&2
cat "$section"
