# Sourced by the bench scripts that start servers of their own.

# wait_listening LOG: waits (10 s at most) for the server writing LOG to say "listening on", then
# sets STARTED_URL to its base URL; exits the script with LOG's text if it never does.
wait_listening() {
  local log=$1
  for _ in $(seq 1 200); do
    if grep -q "listening on" "$log"; then
      STARTED_URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$log" | head -1)
      return
    fi
    sleep 0.05
  done
  echo "server did not start: $(cat "$log")" >&2
  exit 1
}

# median: the median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# next_monday: epoch seconds of the next Monday 00:00Z at least 2 days ahead (booking runs'
# first slot).
next_monday() {
  local today dow
  today=$(date -u +%s)
  dow=$(date -u +%u)
  echo $(( (today / 86400 + (8 - dow) % 7 + ( (8 - dow) % 7 < 2 ? 7 : 0 )) * 86400 ))
}

# pgbench_init BINDIR DB: pgbench's scale-1 tables in DB (the reference for PostgreSQL's read rate).
pgbench_init() {
  local log
  log=$(mktemp)
  "$1/pgbench" -i -s 1 -q "$2" >"$log" 2>&1 || { echo "pgbench -i failed: $(cat "$log")" >&2; rm -f "$log"; exit 1; }
  rm -f "$log"
}

# pgbench_select_tps BINDIR DB CLIENTS THREADS SECONDS: PostgreSQL's own read rate with CLIENTS
# clients, pgbench's select-only script (one primary-key SELECT per transaction, prepared
# statements) on the tables of pgbench_init; prints the transactions per second, rounded.
pgbench_select_tps() {
  "$1/pgbench" -S -M prepared -n -c "$3" -j "$4" -T "$5" "$2" 2>/dev/null | awk '/^tps/ { printf "%.0f", $3; exit }'
}
