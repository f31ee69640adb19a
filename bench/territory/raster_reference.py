#!/usr/bin/python3
"""Reference for the raster coverage of the territory benchmark: GDAL's gdal_proximity.py on the
same grid as sohosolo's raster (cells of CELL_M metres on EPSG:3035, aligned on multiples of the
cell size, a cell counted when its centre is inside a commune and within REACH_KM of an exchange).

Steps: the communes and the exchanges are carried to EPSG:3035 (ogr2ogr) and burnt into the grid
(gdal_rasterize, one cell per exchange, communes by cell centre); gdal_proximity.py gives each
cell its distance to the nearest exchange cell; cells at most REACH_KM away are counted. Only
the proximity step is timed as the reference (it is the step sohosolo's scanlines replace); the
distance is measured on EPSG:3035 and from the exchange's cell centre, so the area differs from
sohosolo's by up to a few tenths of a percent: GDAL is the reference for speed, GEOS for the area.
Prints one JSON line.

Usage: raster_reference.py COMMUNES.geojson EXCHANGES(.geojson|.csv) REACH_KM CELL_M WORKDIR
"""
import json
import math
import os
import subprocess
import sys
import time

from osgeo import gdal, ogr

gdal.UseExceptions()


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    communes, exchanges, reach_km, cell, work = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    communes_3035 = os.path.join(work, "communes-3035.gpkg")
    exchanges_3035 = os.path.join(work, "exchanges-3035.gpkg")
    run("ogr2ogr", "-overwrite", "-t_srs", "EPSG:3035", communes_3035, communes)
    if exchanges.endswith(".csv"):
        run("ogr2ogr", "-overwrite", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:3035", "-oo", "X_POSSIBLE_NAMES=lon",
            "-oo", "Y_POSSIBLE_NAMES=lat", exchanges_3035, exchanges)
    else:
        run("ogr2ogr", "-overwrite", "-t_srs", "EPSG:3035", exchanges_3035, exchanges)

    source = ogr.Open(communes_3035)  # kept: a layer dies with its data source
    min_x, max_x, min_y, max_y = source.GetLayer(0).GetExtent()
    # Cells aligned on multiples of the cell size, as sohosolo's (and INSPIRE's) grid.
    x0, y0 = math.floor(min_x / cell) * cell, math.floor(min_y / cell) * cell
    x1, y1 = math.ceil(max_x / cell) * cell, math.ceil(max_y / cell) * cell
    bounds = ["-te", str(x0), str(y0), str(x1), str(y1), "-tr", str(cell), str(cell), "-ot", "Byte"]
    mask = os.path.join(work, "communes.tif")
    sources = os.path.join(work, "exchanges.tif")
    proximity = os.path.join(work, "proximity.tif")
    # gdal_proximity.py writes into an existing output as it is: start from no file at all.
    for path in (mask, sources, proximity):
        if os.path.exists(path):
            os.remove(path)
    run("gdal_rasterize", "-q", "-burn", "1", "-init", "0", *bounds, communes_3035, mask)
    run("gdal_rasterize", "-q", "-burn", "1", "-init", "0", *bounds, exchanges_3035, sources)

    started = time.perf_counter()
    run("gdal_proximity.py", "-q", sources, proximity, "-values", "1", "-distunits", "GEO",
        "-maxdist", str(reach_km * 1000), "-fixed-buf-val", "1", "-nodata", "0", "-ot", "Byte")
    proximity_s = time.perf_counter() - started

    inside = gdal.Open(mask).ReadAsArray()
    reached = gdal.Open(proximity).ReadAsArray()
    cells = int(inside.sum())
    covered = int(((inside == 1) & (reached == 1)).sum())
    cell_km2 = cell * cell / 1e6
    print(json.dumps({"cells": cells, "covered_cells": covered, "territory_km2": cells * cell_km2,
                      "covered_km2": covered * cell_km2, "proximity_s": proximity_s,
                      "grid": [int((x1 - x0) / cell), int((y1 - y0) / cell)]}))


if __name__ == "__main__":
    main()
