#!/usr/bin/env bash
# `make run`: migrate, seed the demo programme on a new database, print the accounts, serve.
set -euo pipefail
db="$1"
listen="$2"
bin=build/release/sohosolo
credentials=var/demo-credentials.txt
"$bin" migrate --db "$db"
# The demo's own lines (territory import, partial exchange list); its account lines are shown below.
demo_log=$(mktemp)
"$bin" demo --db "$db" --credentials-file "$credentials" --public-url "http://$listen" >"$demo_log"
grep -v -e "^  " -e "^Demo accounts" -e "accounts:$" "$demo_log" || true
rm -f "$demo_log"
echo
echo "Soho Solo: http://$listen/"
if [[ -f "$credentials" ]]; then
  cat "$credentials"
  echo "(kept in $credentials)"
fi
echo
exec "$bin" serve --db "$db" --listen "$listen"
