#!/usr/bin/env bash
# Stops the throw-away PostgreSQL server that tests/pg/start.sh STATEDIR started and removes
# its data. Meant for an EXIT trap: it never fails because the server is already stopped, was
# never started, or the state directory does not exist. The server log is kept as
# STATEDIR/postgres.log for a post-mortem.
set -uo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 STATEDIR" >&2
  exit 2
fi
statedir="$(realpath -m -- "$1")"
[[ -d "$statedir" ]] || exit 0

# Runs a command as the user that owns PATH (the server refuses to be driven by root).
as_owner_of() {
  local path="$1" owner
  shift
  owner="$(stat -c %U -- "$path" 2>/dev/null || id -un)"
  if [[ "$(id -u)" -eq 0 && "$owner" != root ]]; then
    (cd / && runuser -u "$owner" -- "$@")
  else
    "$@"
  fi
}

find_pg_ctl() {
  local dir best="" best_ver=-1 ver
  if [[ -s "$statedir/bindir" && -x "$(<"$statedir/bindir")/pg_ctl" ]]; then
    echo "$(<"$statedir/bindir")/pg_ctl"
    return 0
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/pg_ctl" ]] || continue
    ver="${dir#/usr/lib/postgresql/}"
    ver="${ver%%/*}"
    [[ "$ver" =~ ^[0-9]+$ ]] || continue
    if ((ver > best_ver)); then
      best_ver=$ver
      best="$dir/pg_ctl"
    fi
  done
  [[ -n "$best" ]] && echo "$best" && return 0
  command -v pg_ctl
}

base="$statedir"
if [[ -s "$statedir/datadir" ]]; then
  base="$(<"$statedir/datadir")"
fi
data="$base/data"

if [[ -f "$data/postmaster.pid" ]]; then
  pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)"
  pg_ctl="$(find_pg_ctl || true)"
  if [[ -n "$pg_ctl" ]]; then
    as_owner_of "$data" "$pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      as_owner_of "$data" "$pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
      true
  fi
  # Last resort: the postmaster did not go away (or pg_ctl is gone). Only kill a process that
  # is a postgres server for this data directory.
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data"; then
    echo "tests/pg/stop.sh: server $pid did not stop, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
fi

# Keep the server log; remove everything else.
if [[ "$base" != "$statedir" && -f "$base/postgres.log" ]]; then
  cp -f -- "$base/postgres.log" "$statedir/postgres.log" 2>/dev/null || true
fi
rm -rf -- "$statedir/data" "$statedir/sock"
case "$base" in
  /tmp/sohosolo-pg-*) rm -rf -- "$base" ;;
esac
rm -f -- "$statedir/url" "$statedir/port" "$statedir/datadir" "$statedir/bindir"
exit 0
