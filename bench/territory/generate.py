#!/usr/bin/env python3
"""National-size territory input for the territory benchmark, deterministic for a given seed.

Writes COMMUNES (GeoJSON FeatureCollection of polygons with code, nom, population) and EXCHANGES
(CSV code,name,lon,lat) covering a box of about 540,000 km² over France (lon -2..7, lat
42.8..49.8): the communes tile the box as a grid of jittered quadrilaterals whose edges carry
jittered intermediate points shared by both neighbours (so the tiling has no gap, no overlap, and
every polygon is valid); populations follow a log-normal law like French communes (median about
430, mean about 1,900); exchanges sit near the centres of randomly chosen communes.

Usage: generate.py COMMUNES EXCHANGES [--communes N] [--exchanges M] [--seed S]
Only the Python 3 standard library: no package to install.
"""
import argparse
import json
import math
import random

LON0, LON1, LAT0, LAT1 = -2.0, 7.0, 42.8, 49.8
EDGE_POINTS = 3  # intermediate points on each edge: polygons of 16 vertices


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("communes_path")
    parser.add_argument("exchanges_path")
    parser.add_argument("--communes", type=int, default=35000)
    parser.add_argument("--exchanges", type=int, default=15000)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    # Grid of nx × ny cells with the box's aspect ratio on the ground.
    ground_w = (LON1 - LON0) * math.cos(math.radians((LAT0 + LAT1) / 2))
    ground_h = LAT1 - LAT0
    ny = max(1, round(math.sqrt(args.communes * ground_h / ground_w)))
    nx = max(1, math.ceil(args.communes / ny))
    dx = (LON1 - LON0) / nx
    dy = (LAT1 - LAT0) / ny

    # Corners, jittered by up to 20 % of a cell (interior corners only, so the box stays a box).
    corner = {}
    for j in range(ny + 1):
        for i in range(nx + 1):
            jx = rng.uniform(-0.2, 0.2) * dx if 0 < i < nx else 0
            jy = rng.uniform(-0.2, 0.2) * dy if 0 < j < ny else 0
            corner[i, j] = (LON0 + i * dx + jx, LAT0 + j * dy + jy)

    def edge(a, b, wiggle, border):
        """Intermediate points from corner a to corner b, offset sideways by up to `wiggle`."""
        (ax, ay), (bx, by) = a, b
        nxv, nyv = -(by - ay), bx - ax  # normal
        length = math.hypot(nxv, nyv) or 1
        pts = []
        for k in range(1, EDGE_POINTS + 1):
            t = k / (EDGE_POINTS + 1)
            off = 0 if border else rng.uniform(-wiggle, wiggle)
            pts.append((ax + t * (bx - ax) + off * nxv / length, ay + t * (by - ay) + off * nyv / length))
        return pts

    wiggle = 0.06 * min(dx, dy)
    horizontal = {}  # (i, j): points from corner (i, j) to (i + 1, j)
    vertical = {}  # (i, j): points from corner (i, j) to (i, j + 1)
    for j in range(ny + 1):
        for i in range(nx):
            horizontal[i, j] = edge(corner[i, j], corner[i + 1, j], wiggle, j in (0, ny))
    for j in range(ny):
        for i in range(nx + 1):
            vertical[i, j] = edge(corner[i, j], corner[i, j + 1], wiggle, i in (0, nx))

    features = []
    centres = []
    count = 0
    for j in range(ny):
        for i in range(nx):
            if count == args.communes:
                break
            count += 1
            # Counter-clockwise: bottom edge east, right edge north, top edge west, left edge south.
            ring = [corner[i, j], *horizontal[i, j], corner[i + 1, j], *vertical[i + 1, j],
                    corner[i + 1, j + 1], *reversed(horizontal[i, j + 1]), corner[i, j + 1],
                    *reversed(vertical[i, j]), corner[i, j]]
            ring = [[round(x, 5), round(y, 5)] for x, y in ring]
            code = f"N{count:05d}"
            population = int(math.exp(rng.gauss(6.07, 1.25)))
            features.append({"type": "Feature",
                             "properties": {"code": code, "nom": f"Commune {count}", "population": population},
                             "geometry": {"type": "Polygon", "coordinates": [ring]}})
            centres.append((LON0 + (i + 0.5) * dx, LAT0 + (j + 0.5) * dy))

    with open(args.communes_path, "w") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out, separators=(",", ":"))

    with open(args.exchanges_path, "w") as out:
        out.write("code,name,lon,lat\n")
        for k, index in enumerate(sorted(rng.sample(range(len(centres)), min(args.exchanges, len(centres))))):
            lon, lat = centres[index]
            lon += rng.uniform(-0.25, 0.25) * dx
            lat += rng.uniform(-0.25, 0.25) * dy
            out.write(f"X{k + 1:05d},Exchange {k + 1},{lon:.6f},{lat:.6f}\n")


if __name__ == "__main__":
    main()
