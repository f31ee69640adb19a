#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for a test run and writes its connection URL,
#   postgresql://sohosolo@127.0.0.1:PORT/sohosolo_test
# to STATEDIR/url (one line, written last). Stop it with tests/pg/stop.sh STATEDIR, e.g. from
# a trap so that it also happens when tests fail:
#   tests/pg/start.sh build/debug-asan/pg
#   trap 'tests/pg/stop.sh build/debug-asan/pg' EXIT
#
# STATEDIR is removed and re-created (a server still running there is stopped first). The
# server listens on 127.0.0.1 only, on a free port, with trust authentication; the database
# sohosolo_test belongs to the superuser role sohosolo and has the btree_gist extension.
# Several clusters with different state directories can run at once.
#
# STATEDIR layout: url, port, bindir, datadir (the postgres-owned base directory holding
# data/, sock/ and postgres.log: STATEDIR itself, or /tmp/sohosolo-pg-XXXXXX when the postgres
# user cannot reach STATEDIR or its socket path would be too long).
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 STATEDIR" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
statedir="$(realpath -m -- "$1")"

die() {
  echo "tests/pg/start.sh: $*" >&2
  exit 1
}

[[ "$statedir" != / && "$statedir" != "$HOME" ]] || die "refusing to use $statedir as state directory"
[[ "$statedir" != *"'"* ]] || die "state directory must not contain a single quote: $statedir"

# The caller's libpq settings (PGOPTIONS, PGSSLMODE, PGSERVICE, ...) must not leak into the
# commands below.
while read -r var; do
  unset "$var"
done < <(compgen -e | grep '^PG' || true)

# Newest /usr/lib/postgresql/<major>/bin, else wherever initdb and pg_ctl are on PATH.
find_bindir() {
  local dir best="" best_ver=-1 ver initdb
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/pg_ctl" && -x "$dir/initdb" && -x "$dir/psql" ]] || continue
    ver="${dir#/usr/lib/postgresql/}"
    ver="${ver%%/*}"
    [[ "$ver" =~ ^[0-9]+$ ]] || continue
    if ((ver > best_ver)); then
      best_ver=$ver
      best=$dir
    fi
  done
  if [[ -n "$best" ]]; then
    echo "$best"
    return 0
  fi
  initdb="$(command -v initdb)" || return 1
  command -v pg_ctl >/dev/null && command -v psql >/dev/null || return 1
  dirname "$(readlink -f "$initdb")"
}

# initdb and the server refuse to run as root: as root, run them as the postgres user.
if [[ "$(id -u)" -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "no 'postgres' user (install postgresql: scripts/install-deps.sh)"
  pg_user=postgres
else
  pg_user="$(id -un)"
fi
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# A port in 20000-60000 that nothing listens on. Two clusters starting at once may still pick
# the same one: the start loop below retries with another port when binding fails.
port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}
pick_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40001))
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

bindir="$(find_bindir)" || die "no PostgreSQL programs found (install postgresql: scripts/install-deps.sh)"

# A previous run's state: stop its server if still running, then start afresh.
if [[ -e "$statedir" ]]; then
  "$here/stop.sh" "$statedir" || true
  rm -rf -- "$statedir"
fi
mkdir -p -- "$statedir"

# Where the postgres user keeps the cluster: STATEDIR when it can get there, else under /tmp.
# A Unix socket path is limited to 107 bytes.
base="$statedir"
if [[ "$pg_user" == postgres ]]; then
  chown postgres:postgres "$statedir"
fi
sock_path="$statedir/sock/.s.PGSQL.65535.lock"
if ! as_pg test -w "$statedir" -a -x "$statedir" || ((${#sock_path} > 100)); then
  base="$(mktemp -d /tmp/sohosolo-pg-XXXXXX)"
  chown "$pg_user" "$base"
fi
printf '%s\n' "$base" >"$statedir/datadir"
printf '%s\n' "$bindir" >"$statedir/bindir"

# From here on, a failure stops whatever was started and keeps the log as STATEDIR/postgres.log.
on_exit() {
  local rc=$?
  if ((rc != 0)); then
    echo "tests/pg/start.sh: failed; server log in $statedir/postgres.log" >&2
    "$here/stop.sh" "$statedir" >/dev/null 2>&1 || true
  fi
  exit "$rc"
}
trap on_exit EXIT

as_pg mkdir -p "$base/sock"
log="$base/postgres.log"
as_pg touch "$log"

# --no-sync only skips flushing the freshly created files; the server itself runs with fsync=on.
if ! as_pg "$bindir/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C --no-sync >"$statedir/initdb.log" 2>&1; then
  cat "$statedir/initdb.log" >&2
  die "initdb failed"
fi

port=""
for attempt in $(seq 10); do
  port="$(pick_port)" || die "no free TCP port found in 20000-60000"
  log_size="$(stat -c %s "$log")"
  if as_pg "$bindir/pg_ctl" -D "$base/data" -l "$log" -w -t 60 -o "-p $port -k '$base/sock' \
-c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null 2>&1; then
    break
  fi
  if tail -c "+$((log_size + 1))" "$log" | grep -qE 'could not bind|could not create any TCP/IP|lock file .* already exists'; then
    echo "tests/pg/start.sh: port $port taken meanwhile (attempt $attempt), trying another" >&2
    port=""
    continue
  fi
  tail -n 30 "$log" >&2
  die "pg_ctl start failed"
done
[[ -n "$port" ]] || die "could not start the server on a free port"
printf '%s\n' "$port" >"$statedir/port"

psql_as() {
  local user="$1" db="$2"
  shift 2
  PGCONNECT_TIMEOUT=10 "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
    -U "$user" -d "$db" "$@"
}
psql_as postgres postgres \
  -c "CREATE ROLE sohosolo LOGIN SUPERUSER" \
  -c "CREATE DATABASE sohosolo_test OWNER sohosolo ENCODING 'UTF8' TEMPLATE template0"
psql_as sohosolo sohosolo_test -c "CREATE EXTENSION IF NOT EXISTS btree_gist"

url="postgresql://sohosolo@127.0.0.1:$port/sohosolo_test"
printf '%s\n' "$url" >"$statedir/url.tmp"
mv -f -- "$statedir/url.tmp" "$statedir/url"
echo "tests/pg: $("$bindir/postgres" -V | sed 's/^postgres (PostgreSQL) //; s/^/PostgreSQL /') at $url (data in $base/data)"
