# Sourced by the bench scripts that book on the demo programme (bench/workspaces, bench/scale).

# demo_token URL CREDENTIALS_FILE: an API token of the demo's admin (no quota gets in the way).
demo_token() {
  local password
  password=$(awk -F'\t' '$1 ~ /admin/ {print $3}' "$2")
  curl -sf -X POST -H 'content-type: application/json' \
    -d "{\"email\":\"admin@demo.sohosolo.fr\",\"password\":\"$password\"}" "$1/api/v1/tokens" |
    sed 's/.*"token":"\([^"]*\)".*/\1/'
}

# demo_resources URL: every resource id of the demo's sites, comma-separated.
demo_resources() {
  curl -sf "$1/api/v1/sites" | grep -o '"id":[0-9]*,"site_id"' | grep -o '[0-9]*' | head -1000 | paste -sd, -
}

# demo_open_horizon URL TOKEN RESOURCES: lets each resource (comma list) be booked up to two
# years ahead, so that a booking run at thousands per second does not run out of slots.
demo_open_horizon() {
  local r
  for r in ${3//,/ }; do
    curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $2" -H 'content-type: application/json' \
      -d '{"rules":{"horizon_days":730}}' "$1/api/v1/resources/$r"
  done
}

# year_of_bookings ENGINE DB RESOURCE FROM_DAY: ten half-hours a day on RESOURCE for the 365 days
# from day number FROM_DAY (days since 1970-01-01, UTC), then, on PostgreSQL, the statistics
# autovacuum would have by then (without them the planner, told the table is near empty, reads
# the resource's whole year through the exclusion constraint's index).
year_of_bookings() {
  local engine=$1 db=$2 resource=$3 from_day=$4
  local insert="INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, note, status, created_at)
    SELECT 1, $resource, 1, d * 86400 + s * 1800, d * 86400 + s * 1800 + 1800, '', 'confirmed', 0 FROM"
  if [[ $engine == sqlite ]]; then
    sqlite3 -cmd ".timeout 10000" "${db#sqlite:}" "WITH RECURSIVE d(d) AS (SELECT $from_day UNION ALL SELECT d + 1 FROM d WHERE d < $from_day + 364),
      s(s) AS (SELECT 17 UNION ALL SELECT s + 1 FROM s WHERE s < 30) $insert d, s WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.resource_id = $resource AND b.start_at = d * 86400 + s * 1800);"
  else
    psql -q "$db" -c "$insert generate_series($from_day, $from_day + 364) d, generate_series(17, 30) s"
    psql -q "$db" -c "ANALYZE bookings"
  fi
}

# availability_path RESOURCE FROM_DAY: the availability question of one week in the middle of
# that year.
availability_path() {
  local day week
  day=$(date -u -d "@$(( ($2 + 180) * 86400 ))" +%F)
  week=$(date -u -d "@$(( ($2 + 186) * 86400 ))" +%F)
  echo "/api/v1/resources/$1/availability?from=$day&to=$week"
}

# result_rate RESULT FIELD...: the sum of the FIELDs (created, conflicts, others) of book.lua's
# RESULT line, per second of its run.
result_rate() {
  local line=$1 sum=0 field
  shift
  for field in "$@"; do sum=$((sum + $(sed "s/.*$field=\([0-9]*\).*/\1/" <<<"$line"))); done
  awk -v n="$sum" -v s="$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$line")" 'BEGIN {printf "%.0f", n / s}'
}
