#!/usr/bin/python3
"""Reference for the territory benchmark: the covered area computed independently with shapely
(GEOS through Python) and pyproj, from the same files and the same reach radius.

Same definition as sohosolo's exact coverage (docs/territory.md): each exchange's reach is a disc
of REACH_KM drawn on Lambert-93 (EPSG:2154) with VERTICES vertices, its radius scaled so that the
polygon's area is the circle's; the discs are carried to EPSG:3035, united, and clipped to the
union of the communes (also on EPSG:3035). Prints one JSON line: the covered and territory areas
in km² and the seconds spent (reading the files, then computing).

Usage: reference.py COMMUNES.geojson EXCHANGES(.geojson|.csv) REACH_KM [VERTICES]
"""
import csv
import json
import math
import sys
import time

from pyproj import Transformer
from shapely.geometry import Polygon, shape
from shapely.ops import transform, unary_union


def read_exchanges(path):
    if path.endswith(".csv"):
        with open(path, newline="") as f:
            return [(float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)]
    with open(path) as f:
        doc = json.load(f)
    return [tuple(feature["geometry"]["coordinates"][:2]) for feature in doc["features"]]


def main():
    communes_path, exchanges_path, reach_km = sys.argv[1], sys.argv[2], float(sys.argv[3])
    vertices = int(sys.argv[4]) if len(sys.argv) > 4 else 128
    started = time.perf_counter()
    with open(communes_path) as f:
        communes = [shape(feature["geometry"]) for feature in json.load(f)["features"]]
    exchanges = read_exchanges(exchanges_path)
    read_s = time.perf_counter() - started

    started = time.perf_counter()
    to_laea = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True).transform
    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True).transform
    l93_to_laea = Transformer.from_crs("EPSG:2154", "EPSG:3035", always_xy=True).transform
    territory = unary_union([transform(to_laea, c) for c in communes])

    step = 2 * math.pi / vertices
    radius = reach_km * 1000 * math.sqrt(step / math.sin(step))
    cos = [math.cos(k * step) for k in range(vertices)]
    sin = [math.sin(k * step) for k in range(vertices)]
    discs = []
    for lon, lat in exchanges:
        x, y = to_l93(lon, lat)
        xs, ys = l93_to_laea([x + radius * c for c in cos], [y + radius * s for s in sin])
        discs.append(Polygon(list(zip(xs, ys))))
    covered = unary_union(discs).intersection(territory) if discs else Polygon()
    compute_s = time.perf_counter() - started
    print(json.dumps({"covered_km2": covered.area / 1e6, "territory_km2": territory.area / 1e6,
                      "read_s": read_s, "compute_s": compute_s}))


if __name__ == "__main__":
    main()
