#!/usr/bin/env bash
# A newsletter to RECIPIENTS generated members (100,000 by default), on SQLite and on a
# throw-away PostgreSQL, delivered into Postfix's smtp-sink on 127.0.0.1 (Debian package
# postfix, installed here when missing, never started as a mail server):
#   1. queueing: POST /api/v1/newsletters/{id}/send, one transaction for every recipient;
#   2. delivery: `sohosolo mail send-pending` until the queue is empty, messages per second;
#   3. the same campaign again with the sender killed (SIGKILL) every KILL_EVERY seconds and
#      started again (its claims made to lapse at once): lost messages (queue rows not sent)
#      and duplicates (messages the sink counted beyond one per recipient).
# Writes the section "Newsletter delivery (bench/community/newsletter.sh)" of bench/README.md
# (README=- prints it). Only 127.0.0.1; everything started here is stopped.
#
# Environment: RECIPIENTS (100000), KILL_EVERY (3), ENGINES ("sqlite postgresql"), README.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/section.sh
source bench/lib/section.sh
RECIPIENTS=${RECIPIENTS:-100000}
KILL_EVERY=${KILL_EVERY:-3}
ENGINES=${ENGINES:-sqlite postgresql}
README=${README:-bench/README.md}
BIN=build/release/sohosolo
SINK=/usr/sbin/smtp-sink
FROM="Soho Solo Gers <soho-solo@example.org>"
cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo -j "$(nproc)" >&2
if [[ ! -x $SINK ]]; then
  # smtp-sink comes with Postfix. "No configuration": the package installs no running mail server.
  as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
  echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postfix >&2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench-newsletter.XXXXXX")
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

sql() {  # sql DB QUERY: runs one statement on either engine, prints the result
  if [[ $1 == sqlite:* ]]; then sqlite3 -cmd '.timeout 10000' "${1#sqlite:}" "$2"; else psql "$1" -qtAc "$2"; fi
}
now_ms() { date +%s%3N; }
# sink PORT: starts smtp-sink, its running counters in $TMP/sink-PORT.out
sink() {
  "$SINK" -c -u nobody "127.0.0.1:$1" 256 >"$TMP/sink-$1.out" 2>&1 &
  PIDS+=("$!")
  sleep 0.3
}
sink_count() { tr '\r' '\n' <"$TMP/sink-$1.out" | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -1; }
remaining() { sql "$1" "SELECT COUNT(*) FROM outbox WHERE batch = 'newsletter-$2' AND state <> 'sent'"; }

ROWS=()
PORT=25300
for engine in $ENGINES; do
  if [[ $engine == postgresql ]]; then
    bash tests/pg/start.sh "$TMP/pg" >/dev/null
    PG_STARTED=1
    base=$(cat "$TMP/pg/url")
    psql "$base" -qc "CREATE DATABASE bench_newsletter"
    DB="${base%/*}/bench_newsletter"
  else
    DB="sqlite:$TMP/newsletter.db"
  fi
  "$BIN" migrate --db "$DB" >/dev/null
  "$BIN" programme add gers --name "Soho Solo Gers" --public-url http://gers.example.org --db "$DB" >/dev/null
  "$BIN" user add advisor@bench.example.org --role advisor --programme gers --db "$DB" <<<"bench password 1234" >/dev/null
  echo "== $engine: $RECIPIENTS members" >&2
  python3 - "$RECIPIENTS" >"$TMP/members.sql" <<'PY'
import sys
n = int(sys.argv[1])
print("BEGIN;")
for start in range(0, n, 1000):
    rows = ",".join(f"('membre{i}@bench.example.org', 'membre{i}@bench.example.org', 'Membre {i}', 1796000000)"
                    for i in range(start, min(n, start + 1000)))
    print(f"INSERT INTO accounts (email, email_key, display_name, created_at) VALUES {rows};")
print("INSERT INTO account_roles (programme_id, account_id, role, granted_at) SELECT "
      "(SELECT id FROM programmes WHERE slug = 'gers'), id, 'member', 1796000000 FROM accounts "
      "WHERE email LIKE 'membre%';")
print("COMMIT;")
PY
  if [[ $engine == postgresql ]]; then psql "$DB" -q -v ON_ERROR_STOP=1 -f "$TMP/members.sql" >/dev/null
  else sqlite3 "${DB#sqlite:}" <"$TMP/members.sql"; fi

  "$BIN" --log-level warn serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --programme gers >"$TMP/serve.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 300); do grep -q 'listening on' "$TMP/serve.log" && break; sleep 0.1; done
  URL=$(grep -o -m1 'listening on http://[0-9.:]*' "$TMP/serve.log" | sed 's/^listening on //')
  TOKEN=$(curl -sf -H 'content-type: application/json' \
    -d '{"email":"advisor@bench.example.org","password":"bench password 1234"}' "$URL/api/v1/tokens" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  campaign() {  # campaign SUBJECT: creates and sends a newsletter; prints "ID MILLISECONDS"
    local id t0 t1
    id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
      -d "{\"subject\":\"$1\",\"markdown\":\"# Bonjour\\n\\nLe **club** se retrouve jeudi au télécentre.\"}" \
      "$URL/api/v1/newsletters" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
    t0=$(now_ms)
    curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$URL/api/v1/newsletters/$id/send" >/dev/null
    t1=$(now_ms)
    echo "$id $((t1 - t0))"
  }
  read -r first queue_ms <<<"$(campaign 'Lettre de mesure')"
  read -r second _ <<<"$(campaign 'Lettre de mesure, avec arrêts')"
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
  # Only the first campaign is due while it is measured.
  sql "$DB" "UPDATE outbox SET next_attempt_at = 4102444800 WHERE batch = 'newsletter-$second'" >/dev/null

  PORT=$((PORT + 1)); sink $PORT
  t0=$(now_ms)
  "$BIN" --log-level warn mail send-pending --db "$DB" --smtp-url "smtp://127.0.0.1:$PORT?starttls=never" --mail-from "$FROM" >/dev/null
  t1=$(now_ms)
  sleep 0.5
  received=$(sink_count $PORT)
  left=$(remaining "$DB" "$first")
  rate=$(awk -v n="$RECIPIENTS" -v ms="$((t1 - t0))" 'BEGIN { printf "%.0f", n * 1000 / ms }')
  ROWS+=("| $engine | $RECIPIENTS | $(awk -v ms="$queue_ms" 'BEGIN { printf "%.1f", ms / 1000 }') s | $(awk -v ms="$((t1 - t0))" 'BEGIN { printf "%.1f", ms / 1000 }') s, **$rate msg/s** | $received | $left | | |")

  # The second campaign, its sender killed every KILL_EVERY seconds.
  sql "$DB" "UPDATE outbox SET next_attempt_at = 0 WHERE batch = 'newsletter-$second'" >/dev/null
  PORT=$((PORT + 1)); sink $PORT
  kills=0
  while [[ $(remaining "$DB" "$second") != 0 ]]; do
    "$BIN" --log-level warn mail send-pending --db "$DB" --smtp-url "smtp://127.0.0.1:$PORT?starttls=never" --mail-from "$FROM" >/dev/null 2>&1 &
    sender=$!
    sleep "$KILL_EVERY"
    if kill -9 "$sender" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$sender" 2>/dev/null || true
    # A dead sender's claims lapse after the claim time; here at once.
    sql "$DB" "UPDATE outbox SET claimed_until = 0 WHERE state = 'sending'" >/dev/null
  done
  sleep 0.5
  received=$(sink_count $PORT)
  left=$(remaining "$DB" "$second")
  ROWS+=("| $engine, killed every ${KILL_EVERY} s | $RECIPIENTS | | | $received | $left | $kills | $((received - RECIPIENTS)) |")
done

section=$(cat <<SECTION
## Newsletter delivery (bench/community/newsletter.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bash bench/community/newsletter.sh\`: a newsletter to
$RECIPIENTS generated members, release build. "Queueing" is \`POST /api/v1/newsletters/{id}/send\`
(one transaction: a recipient row, an unsubscribe token and an outbox message each);
"delivery" is one \`sohosolo mail send-pending\` into Postfix's \`smtp-sink\` on 127.0.0.1 (no
rate limit, two SMTP connections (the default of `--mail-connections`), batches of 50 claims). The second row of each engine sends the
same campaign again while the sender is killed (SIGKILL) every $KILL_EVERY s and started again.
Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), shared.
Targets (issue #10): >= 2,000 msg/s, zero lost; duplicates counted.

| engine | recipients | queueing | delivery | received by the sink | lost (not sent) | kills | duplicates |
| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |
$(printf '%s\n' "${ROWS[@]}")
SECTION
)
write_section "$README" "$section"
