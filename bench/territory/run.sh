#!/usr/bin/env bash
# Territory benchmark (release build), each figure a median of RUNS runs, alternating the
# reference and sohosolo (reference, subject, reference, subject, ...):
#  1. import of the Gers communes (../shared/data/gers, read in place) into a fresh SQLite
#     database with `sohosolo import communes`;
#  2. exact coverage of the Gers (GEOS) against Python shapely on the same input (speed ratio and
#     relative difference of the covered areas); raster coverage at 25 m and 100 m against GDAL's
#     gdal_proximity.py on the same grid;
#  3. a national-size input made by bench/territory/generate.py (35,000 communes with polygons and
#     population, 15,000 exchanges, fixed seed): exact coverage against shapely, and a WiFi plan,
#     with peak memory from /usr/bin/time -v.
# Needs the Debian packages time, python3-shapely, python3-pyproj, gdal-bin and python3-gdal: it
# installs those that are missing (they serve only this benchmark, not `make test`).
# Writes the section "Territory (bench/territory/run.sh)" of bench/README.md (README=- prints it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib/section.sh
source bench/lib/section.sh
RUNS=${RUNS:-5}
NATIONAL_RUNS=${NATIONAL_RUNS:-3}
README=${README:-bench/README.md}
DATA=${DATA:-../shared/data/gers}
BIN=build/release/sohosolo
PY=/usr/bin/python3  # Debian's, where python3-shapely and python3-gdal install
THRESHOLD=2          # Mbit/s (ADSL2+), the usual "good enough" rate of the programme
RELAYS=20

need=()
[[ -x /usr/bin/time ]] || need+=(time)
$PY -c 'import shapely' 2>/dev/null || need+=(python3-shapely)
$PY -c 'import pyproj' 2>/dev/null || need+=(python3-pyproj)
command -v gdal_proximity.py >/dev/null || need+=(gdal-bin)
$PY -c 'from osgeo import gdal' 2>/dev/null || need+=(python3-gdal)
if ((${#need[@]})); then
  echo "installing ${need[*]}" >&2
  apt-get install -y --no-install-recommends "${need[@]}" >&2 ||
    { apt-get update >&2 && apt-get install -y --no-install-recommends "${need[@]}" >&2; }
fi

COMMUNES=$DATA/communes-32-gers-cog2026.geojson
EXCHANGES=$DATA/nra-osm-gers.geojson
[[ -f $COMMUNES && -f $EXCHANGES ]] || { echo "missing $DATA (see ../shared/data/PROVENANCE.md)" >&2; exit 1; }

cmake --preset release >/dev/null
cmake --build --preset release --target sohosolo -j "$(nproc)" >&2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sohosolo-bench-territory.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# json FILE EXPR: a value of a JSON document, EXPR in Python on `d`.
json() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# timed FILE.time COMMAND...: runs COMMAND under /usr/bin/time -v; prints nothing.
timed() { local out=$1; shift; /usr/bin/time -v -o "$out" "$@"; }
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
peak_mb() { awk '/Maximum resident set size/ {printf "%.0f", $NF/1024}' "$1"; }
fmt() { awk -v v="$1" -v d="${2:-2}" 'BEGIN {printf "%.*f", d, v}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
reldiff() { awk -v a="$1" -v b="$2" 'BEGIN {d = (a - b) / b; printf "%.1e", d < 0 ? -d : d}'; }
rows=()

# 1. Import of the Gers communes, each run into a fresh database.
import_s=()
for i in $(seq 1 "$RUNS"); do
  db="sqlite:$TMP/import-$i.db"
  "$BIN" migrate --db "$db" >/dev/null
  "$BIN" programme add gers --name Gers --db "$db" >/dev/null
  timed "$TMP/import.time" "$BIN" import communes "$COMMUNES" --db "$db" >/dev/null
  import_s+=("$(wall_s "$TMP/import.time")")
done
imp=$(printf '%s\n' "${import_s[@]}" | median)
rows+=("| Gers | import of the 458 communes (GeoJSON, 650 kB) into a fresh SQLite database | $(fmt "$imp" 2) s | — | — | — | $(peak_mb "$TMP/import.time") MB |")

# coverage_runs NAME COMMUNES EXCHANGES RUNS: alternating shapely and sohosolo; sets REACH and the
# medians S_COMPUTE (territory + exact, as sohosolo reports them), S_WALL, R_COMPUTE, R_WALL and
# the areas S_AREA, R_AREA, and the peak memories S_MB, R_MB.
coverage_runs() {
  local name=$1 communes=$2 exchanges=$3 runs=$4
  "$BIN" coverage --communes "$communes" --exchanges "$exchanges" --threshold $THRESHOLD --json >"$TMP/$name.json"
  REACH=$(json "$TMP/$name.json" "d['reach_km']")
  local sc=() sw=() rc=() rw=() smb=() rmb=()
  for i in $(seq 1 "$runs"); do
    timed "$TMP/ref.time" $PY bench/territory/reference.py "$communes" "$exchanges" "$REACH" >"$TMP/ref.json"
    rc+=("$(json "$TMP/ref.json" "d['compute_s']")"); rw+=("$(wall_s "$TMP/ref.time")"); rmb+=("$(peak_mb "$TMP/ref.time")")
    timed "$TMP/sub.time" "$BIN" coverage --communes "$communes" --exchanges "$exchanges" --threshold $THRESHOLD --json >"$TMP/sub.json"
    sc+=("$(json "$TMP/sub.json" "(d['timings_ms']['territory'] + d['timings_ms']['exact']) / 1000")")
    sw+=("$(wall_s "$TMP/sub.time")"); smb+=("$(peak_mb "$TMP/sub.time")")
    echo "$name run $i: shapely ${rc[-1]} s, sohosolo ${sc[-1]} s" >&2
  done
  S_COMPUTE=$(printf '%s\n' "${sc[@]}" | median); S_WALL=$(printf '%s\n' "${sw[@]}" | median)
  R_COMPUTE=$(printf '%s\n' "${rc[@]}" | median); R_WALL=$(printf '%s\n' "${rw[@]}" | median)
  S_MB=$(printf '%s\n' "${smb[@]}" | median); R_MB=$(printf '%s\n' "${rmb[@]}" | median)
  S_AREA=$(json "$TMP/sub.json" "d['covered_area_km2']"); R_AREA=$(json "$TMP/ref.json" "d['covered_km2']")
}

# 2. Exact coverage of the Gers.
coverage_runs gers "$COMMUNES" "$EXCHANGES" "$RUNS"
rows+=("| Gers | exact coverage at $THRESHOLD Mbit/s (reach $(fmt "$REACH" 3) km): covered area $(fmt "$S_AREA" 3) km² | $(fmt "$S_COMPUTE" 3) s (process $(fmt "$S_WALL" 2) s) | shapely: $(fmt "$R_COMPUTE" 3) s (process $(fmt "$R_WALL" 2) s), $(fmt "$R_AREA" 3) km² | $(ratio "$S_COMPUTE" "$R_COMPUTE") | $(reldiff "$S_AREA" "$R_AREA") | $S_MB MB (shapely $R_MB MB) |")

# Raster coverage of the Gers at 25 m and 100 m.
for cell in 25 100; do
  st=() gt=()
  for i in $(seq 1 "$RUNS"); do
    mkdir -p "$TMP/gdal"
    $PY bench/territory/raster_reference.py "$COMMUNES" "$EXCHANGES" "$REACH" "$cell" "$TMP/gdal" >"$TMP/gdal.json"
    gt+=("$(json "$TMP/gdal.json" "d['proximity_s']")")
    "$BIN" coverage --communes "$COMMUNES" --exchanges "$EXCHANGES" --threshold $THRESHOLD --raster-cell "$cell" --json >"$TMP/raster.json"
    st+=("$(json "$TMP/raster.json" "d['timings_ms']['raster'] / 1000")")
  done
  s=$(printf '%s\n' "${st[@]}" | median); g=$(printf '%s\n' "${gt[@]}" | median)
  area=$(json "$TMP/raster.json" "d['raster']['covered_area_km2']")
  bound=$(json "$TMP/raster.json" "d['raster']['error_bound_km2']")
  garea=$(json "$TMP/gdal.json" "d['covered_km2']"); grid=$(json "$TMP/gdal.json" "'%d × %d' % tuple(d['grid'])")
  rows+=("| Gers | raster coverage, $cell m cells ($grid): $(fmt "$area" 3) km², bound ±$(fmt "$bound" 3) km² | $(fmt "$s" 4) s | gdal_proximity.py: $(fmt "$g" 3) s, $(fmt "$garea" 3) km² | $(ratio "$s" "$g") | $(reldiff "$area" "$S_AREA") from exact | — |")
done

# 3. National-size input.
$PY bench/territory/generate.py "$TMP/national.geojson" "$TMP/national.csv" --communes 35000 --exchanges 15000 --seed 20261126
nat_mb=$(du -m "$TMP/national.geojson" | cut -f1)
coverage_runs national "$TMP/national.geojson" "$TMP/national.csv" "$NATIONAL_RUNS"
rows+=("| national | exact coverage at $THRESHOLD Mbit/s, 35,000 communes ($nat_mb MB GeoJSON), 15,000 exchanges: $(fmt "$S_AREA" 0) km² | $(fmt "$S_COMPUTE" 2) s (process $(fmt "$S_WALL" 2) s) | shapely: $(fmt "$R_COMPUTE" 2) s (process $(fmt "$R_WALL" 2) s), $(fmt "$R_AREA" 0) km² | $(ratio "$S_COMPUTE" "$R_COMPUTE") | $(reldiff "$S_AREA" "$R_AREA") | $S_MB MB (shapely $R_MB MB) |")

ww=()
for i in $(seq 1 "$NATIONAL_RUNS"); do
  timed "$TMP/wifi.time" "$BIN" plan-wifi --communes "$TMP/national.geojson" --exchanges "$TMP/national.csv" \
    --threshold $THRESHOLD --relays $RELAYS --json >"$TMP/wifi.json"
  ww+=("$(wall_s "$TMP/wifi.time")")
done
w=$(printf '%s\n' "${ww[@]}" | median)
gained=$(json "$TMP/wifi.json" "round(d['totals']['population_gained'])")
ratio_cert=$(json "$TMP/wifi.json" "'%.3f' % d['bounds']['certified_ratio']")
rows+=("| national | WiFi plan, $RELAYS relays of 5 km among 35,000 commune sites: $gained people reached, at least $ratio_cert of the best plan | $(fmt "$w" 2) s (process) | — | — | — | $(peak_mb "$TMP/wifi.time") MB |")

section=$(cat <<SECTION
## Territory (bench/territory/run.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bash bench/territory/run.sh\` (release build; medians of
$RUNS runs for the Gers and $NATIONAL_RUNS for the national input, reference and sohosolo alternating).
Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), shared.
Gers: \`../shared/data/gers\` (458 communes of COG 2026, the 27 OpenStreetMap exchanges in and around
it, partial). National: \`bench/territory/generate.py\`, seed 20261126. Times of sohosolo are its
own territory + exact (or raster) timings; "process" is the whole command, reading included.
Shapely (GEOS from Python, pyproj) computes the same area independently: the same discs (reach on
Lambert-93, polygons of 128 vertices scaled to the circle's area, carried to EPSG:3035), united,
clipped to the union of the communes. gdal_proximity.py runs on the same 3035 grid; its distance
is measured on EPSG:3035 from the exchange's cell, so its area is only a speed reference.

| input | what | sohosolo | reference | ratio (time) | relative area difference | peak memory |
| --- | --- | ---: | --- | ---: | ---: | ---: |
$(printf '%s\n' "${rows[@]}")
SECTION
)
write_section "$README" "$section"
