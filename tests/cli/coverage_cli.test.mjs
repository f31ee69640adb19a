// `sohosolo coverage`: the territory model run from the command line on files, no database.
// The figures on the Gers are those of src/territory/connectivity/coverage_test.cpp (same files, same model):
// with the partial OpenStreetMap exchange list (27 exchanges, 11 inside; about 10 % of the real
// ones, see ../shared/data/PROVENANCE.md) they are test figures, not the Gers' coverage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from '../lib/harness.mjs';
import { GERS, SHARED, needData } from '../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const EXCHANGES_CSV = path.join(GERS, 'nra-osm-gers.csv');
const EXCHANGES_GEOJSON = path.join(GERS, 'nra-osm-gers.geojson');
const HAVE_DATA = !needData(COMMUNES, EXCHANGES_CSV);
const NO_DATA = `no shared data at ${SHARED}`;

let dir;
before(() => { dir = mkdtempSync(path.join(tmpdir(), 'sohosolo-coverage-')); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function file(name, content) {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function coverage(args) {
  return cli(['coverage', ...args]);
}

function ok(r) {
  assert.equal(r.status, 0, `exit ${r.status}\n${r.stderr}${r.stdout}`);
  return r;
}

// A small square commune of `side` degrees around (lon, lat), as a GeoJSON Feature.
function square(code, nom, lon, lat, side = 0.1, population = 100) {
  const h = side / 2;
  return {
    type: 'Feature',
    properties: { code, nom, population },
    geometry: {
      type: 'Polygon',
      coordinates: [[[lon - h, lat - h], [lon + h, lat - h], [lon + h, lat + h], [lon - h, lat + h], [lon - h, lat - h]]],
    },
  };
}

const SMALL_EXCHANGES = 'code,name,lon,lat\nX1,Centre,0.5,43.6\n';

test('the Gers at 2 Mbit/s: area and population shares as the unit tests find them', (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const r = ok(coverage(['--communes', COMMUNES, '--exchanges', EXCHANGES_CSV, '--threshold', '2',
    '--official-area', '6257', '--raster-cell', '100']));
  const out = r.stdout;
  // The parameters that produced the figures.
  assert.match(out, /detour factor\s+1\.4142/);
  assert.match(out, /cable gauge\s+0\.4 mm, 15 dB\/km/);
  assert.match(out, /no ADSL above\s+78 dB/);
  assert.match(out, /READSL above\s+70 dB/);
  assert.match(out, /rate table\s+https:\/\//);
  // Computed and official areas, each share saying which area it is against.
  assert.match(out, /area \(computed\)\s+6,300\.6\d km²/);
  assert.match(out, /area \(official\)\s+6,257 km²/);
  assert.match(out, /reach radius\s+3\.15 km/);
  assert.match(out, /inside the territory\s+11\n/);
  assert.match(out, /outside\s+16\n/);
  assert.match(out, /reaching the territory\s+12 /);
  assert.match(out, /area share\s+5\.10 % of the computed area/);
  assert.match(out, /5\.14 % of the official area \(6,257 km²\)/);
  assert.match(out, /population share\s+12\.71 % \([\d,]+ of 192,645 inhabitants/);
  // The raster cross-check agrees within its bound.
  assert.match(out, /Raster cross-check \(100 m cells/);
  assert.match(out, /difference from exact\s+[+-][\d.]+ km² \(error bound ±[\d.]+ km²: within\)/);
  // Communes too far: the top 20, Auch first, then how many more.
  assert.match(out, /Communes covered under 50 %: \d+ of 458, by uncovered population/);
  const rows = out.split('\n').filter((l) => /^ {2}32\d{3} /.test(l));
  assert.equal(rows.length, 20);
  assert.match(rows[0], /^ {2}32013 {2}Auch /);
  assert.match(out, /… and \d+ more/);
});

test('--json gives the same figures as one document', (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const r = ok(coverage(['--communes', COMMUNES, '--exchanges', EXCHANGES_CSV, '--threshold', '2', '--json',
    '--official-area', '6257', '--raster-cell', '100']));
  const doc = JSON.parse(r.stdout);
  for (const key of ['territory_area_km2', 'covered_area_km2', 'area_share', 'population_share', 'communes_too_far']) {
    assert.ok(key in doc, `missing ${key}`);
  }
  assert.ok(Math.abs(doc.territory_area_km2 - 6300.65) <= 6300.65 * 0.001, String(doc.territory_area_km2));
  assert.ok(Math.abs(doc.area_share - 0.0510) < 0.0005, String(doc.area_share));
  assert.ok(Math.abs(doc.population_share - 0.1271) < 0.0005, String(doc.population_share));
  assert.equal(doc.official_area_km2, 6257);
  assert.ok(Math.abs(doc.official_area_share - doc.covered_area_km2 / 6257) < 1e-12);
  assert.ok(Math.abs(doc.area_share - doc.covered_area_km2 / doc.territory_area_km2) < 1e-12);
  assert.equal(doc.population, 192645);
  assert.deepEqual(doc.exchanges, { total: 27, inside: 11, outside: 16, reaching: 12 });
  assert.equal(doc.threshold_mbps, 2);
  assert.equal(doc.technology, 'adsl2plus');
  assert.equal(doc.parameters.gauge_mm, 0.4);
  assert.equal(doc.parameters.db_per_km, 15);
  assert.ok(Math.abs(doc.raster.difference_km2) <= doc.raster.error_bound_km2);
  // Every commune under half covered, the most people left out first.
  const far = doc.communes_too_far;
  assert.ok(far.length > 20 && far.length < 458);
  assert.equal(far[0].code, '32013');
  for (let i = 1; i < far.length; i++) {
    assert.ok(far[i - 1].uncovered_population >= far[i].uncovered_population);
  }
  for (const c of far) {
    assert.ok(c.covered_share < 0.5);
    assert.equal(typeof c.nom, 'string');
  }
});

test('8 Mbit/s reaches less than 2 Mbit/s, and the GeoJSON exchanges give the same figures', (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const at = (threshold, exchanges) =>
    JSON.parse(ok(coverage(['--communes', COMMUNES, '--exchanges', exchanges, '--threshold', threshold, '--json'])).stdout);
  const two = at('2', EXCHANGES_CSV);
  const eight = at('8', EXCHANGES_CSV);
  assert.ok(eight.reach_km < two.reach_km);
  assert.ok(eight.area_share < two.area_share);
  assert.ok(eight.population_share < two.population_share);
  assert.ok(eight.population_share > eight.area_share);
  if (existsSync(EXCHANGES_GEOJSON)) {
    const same = at('2', EXCHANGES_GEOJSON);
    assert.ok(Math.abs(same.covered_area_km2 - two.covered_area_km2) < 1e-6);
  }
});

test('the GeoJSON outputs parse: 458 communes with their results, and the covered area', (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const communesOut = path.join(dir, 'communes-2.geojson');
  const coveredOut = path.join(dir, 'covered-2.geojson');
  const r = ok(coverage(['--communes', COMMUNES, '--exchanges', EXCHANGES_CSV, '--threshold', '2', '--json',
    '--geojson-communes', communesOut, '--geojson-covered', coveredOut]));
  const doc = JSON.parse(r.stdout);

  const communes = JSON.parse(readFileSync(communesOut, 'utf8'));
  assert.equal(communes.type, 'FeatureCollection');
  assert.equal(communes.features.length, 458);
  const input = JSON.parse(readFileSync(COMMUNES, 'utf8'));
  let population = 0;
  let uncovered = 0;
  communes.features.forEach((f, i) => {
    assert.equal(f.type, 'Feature');
    const p = f.properties;
    for (const key of ['code', 'nom', 'population', 'covered_share', 'uncovered_population']) {
      assert.ok(key in p, `feature ${i}: missing ${key}`);
    }
    assert.ok(p.covered_share >= 0 && p.covered_share <= 1);
    // The geometry is written as it was read (WGS84).
    assert.equal(p.code, input.features[i].properties.code);
    assert.deepEqual(f.geometry, input.features[i].geometry);
    population += p.population;
    uncovered += p.uncovered_population;
  });
  assert.equal(population, 192645);
  assert.ok(Math.abs(1 - uncovered / population - doc.population_share) < 1e-9);

  const covered = JSON.parse(readFileSync(coveredOut, 'utf8'));
  assert.equal(covered.type, 'FeatureCollection');
  assert.equal(covered.features.length, 1);
  const g = covered.features[0].geometry;
  assert.ok(g.type === 'MultiPolygon' || g.type === 'Polygon', g.type);
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  assert.ok(polygons.length >= 1);
  for (const rings of polygons) {
    for (const ring of rings) {
      assert.ok(ring.length >= 4);
      assert.deepEqual(ring[0], ring[ring.length - 1]);
      for (const [lon, lat] of ring) assert.ok(lon > -0.5 && lon < 1.6 && lat > 43 && lat < 44.1, `${lon},${lat}`);
    }
  }
  assert.ok(Math.abs(covered.features[0].properties.covered_area_km2 - doc.covered_area_km2) < 1e-9);
});

test('malformed GeoJSON: exit 5 with where it stops being JSON', () => {
  const communes = file('malformed.geojson', '{"type": "FeatureCollection", "features": [ {"type": "Feature",\n');
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  const r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2']);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /malformed\.geojson: The file is not valid GeoJSON\./);
  assert.match(r.stderr, /line \d+, column \d+/);
  assert.equal(r.stdout, '');
});

test('empty files: exit 5, "Empty file."', () => {
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  const empty = file('empty.geojson', '');
  let r = coverage(['--communes', empty, '--exchanges', exchanges, '--threshold', '2']);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /empty\.geojson: Empty file\./);
  const emptyCsv = file('empty.csv', '');
  const communes = file('one.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('32001', 'A', 0.5, 43.6)] }));
  r = coverage(['--communes', communes, '--exchanges', emptyCsv, '--threshold', '2']);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /empty\.csv: Empty CSV file\./);
});

test('duplicated commune codes: every rejected feature with its number and reason, exit 5', () => {
  const features = [
    square('32001', 'A', 0.5, 43.6),
    square('32002', 'B', 0.6, 43.6),
    square('32001', 'A bis', 0.7, 43.6),
    square('32003', 'C', 0.8, 43.6, 0.1, -4),
  ];
  const communes = file('duplicated.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  const r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2']);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /duplicated\.geojson: Some features of the file are rejected\./);
  assert.match(r.stderr, /feature 3 \(32001\).*feature 1: Duplicated commune code\./);
  assert.match(r.stderr, /feature 4 \(32003\): Invalid population/);
  assert.match(r.stderr, /2 problems/);
  assert.equal(r.stdout, '');
});

test('rejected exchange rows are listed by line, exit 5', () => {
  const communes = file('one.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('32001', 'A', 0.5, 43.6)] }));
  const exchanges = file('bad-exchanges.csv', 'code,name,lon,lat\nX1,a,0.5,43.6\nX2,b,200,43.6\nX1,c,0.6,43.6\n');
  const r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2']);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /line 3: lon: Longitude or latitude out of range/);
  assert.match(r.stderr, /line 4.*Duplicated/);
});

test('a missing file: non-zero exit naming the file', () => {
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  const missing = path.join(dir, 'no-such-communes.geojson');
  const r = coverage(['--communes', missing, '--exchanges', exchanges, '--threshold', '2']);
  assert.notEqual(r.status, 0);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read .*no-such-communes\.geojson: no such file/);
});

test('communes from CSV have no outline: exit 5 saying polygons are needed', () => {
  const communes = file('communes.csv', 'code,nom,population,lon,lat\n32001,A,100,0.5,43.6\n');
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  const r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2']);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /no outline.*polygons/);
});

test('a small territory: one exchange in a square commune, text and JSON agree', () => {
  const communes = file('square.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('32001', 'Carré', 0.5, 43.6, 0.3, 1000)] }));
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  const doc = JSON.parse(ok(coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2', '--json'])).stdout);
  // The whole reach disc lies inside the square: covered area = π r².
  const circle = Math.PI * doc.reach_km ** 2;
  assert.ok(Math.abs(doc.covered_area_km2 - circle) < circle * 1e-3);
  assert.ok(Math.abs(doc.population_share - doc.area_share) < 1e-12);
  assert.deepEqual(doc.exchanges, { total: 1, inside: 1, outside: 0, reaching: 1 });
  const text = ok(coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2'])).stdout;
  assert.match(text, new RegExp(`area share\\s+${(doc.area_share * 100).toFixed(2)} %`));
  assert.match(text, /32001 {2}Carré/);
});

test('usage errors exit 2; a bad parameter file exits 5', () => {
  const communes = file('one.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('32001', 'A', 0.5, 43.6)] }));
  const exchanges = file('ok-exchanges.csv', SMALL_EXCHANGES);
  let r = coverage(['--communes', communes, '--exchanges', exchanges]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--threshold is required/);
  r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '-1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--threshold: a number above 0 is expected/);
  r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2', '--technology', 'vdsl']);
  assert.equal(r.status, 2);
  r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2', '--geojson-covered',
    path.join(dir, 'no-such-dir', 'covered.geojson')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot write .*covered\.geojson/);
  const params = file('params.json', JSON.stringify({ detour_factor: 0.5 }));
  r = coverage(['--communes', communes, '--exchanges', exchanges, '--threshold', '2', '--parameters', params]);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /params\.json: Invalid connectivity parameters\./);
});
