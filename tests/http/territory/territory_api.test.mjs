// The territory through `sohosolo import` and the JSON API: the real Gers files (458 communes,
// 27 exchanges from OpenStreetMap, about 10 % of the real ones: see ../shared/data/PROVENANCE.md),
// imports that are all or nothing, accent-insensitive search with cursor pagination, a commune's
// expected connection, coverage (the same figures as `sohosolo coverage`), the map layers, and
// programmes that do not see each other's territory. The parts that need the Gers files skip when
// ../shared/data is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, startServer } from '../../lib/harness.mjs';
import { GERS, SHARED, needData } from '../../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const COMMUNES_CSV = path.join(GERS, 'communes-32-gers-cog2026.csv');
const EXCHANGES = path.join(GERS, 'nra-osm-gers.csv');
const EXCHANGES_GEOJSON = path.join(GERS, 'nra-osm-gers.geojson');
const HAVE_DATA = !needData(COMMUNES, COMMUNES_CSV, EXCHANGES, EXCHANGES_GEOJSON);
const NO_DATA = `no shared data at ${SHARED}`;
const LOT = 'lot.localhost';

let server;
let dir;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sohosolo-territory-'));
  // Programmes of their own for the tests that need an empty territory (the server reads the
  // programmes and their host names when it starts).
  const own = ['vide', 'communes', 'centraux'].map((slug) => ({ slug, name: `Programme ${slug}`, hosts: [`${slug}.localhost`] }));
  server = await startServer({ programmes: [{ slug: 'lot', name: 'Soho Solo Lot', hosts: [LOT] }, ...own] });
});
after(async () => {
  if (server) await server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(name, content) {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function importFile(kind, p, programme = 'gers', extra = []) {
  return cli(['import', kind, p, '--db', server.db.url, '--programme', programme, ...extra]);
}

function ok(r) {
  assert.equal(r.status, 0, `exit ${r.status}\n${r.stderr}${r.stdout}`);
  return r;
}

/** GET through node:http, which sends the Host header given (fetch replaces it). */
function get(pathAndQuery, host) {
  return new Promise((resolve, reject) => {
    const headers = host ? { host } : {};
    const req = http.request(server.url + pathAndQuery, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, type: res.headers['content-type'], json, text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function getJson(pathAndQuery, host) {
  const r = await get(pathAndQuery, host);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** What the database holds, seen through the API: commune and exchange counts, and one commune. */
async function state(host) {
  const communes = await getJson('/api/v1/communes?limit=1', host);
  const exchanges = await getJson('/api/v1/geo/exchanges.geojson', host);
  const aignan = await get('/api/v1/communes/32001', host);
  return { communes: communes.total, exchanges: exchanges.features.length, aignan: aignan.json };
}

/** The host of programme `slug`, one of those made empty for a single test in before(). */
function freshProgramme(slug) {
  return `${slug}.localhost`;
}

let gersReady;
/** The Gers communes and exchanges in programme "gers", imported once for the tests that read them. */
function importGers() {
  gersReady ??= (async () => {
    ok(importFile('communes', COMMUNES));
    ok(importFile('exchanges', EXCHANGES));
  })();
  return gersReady;
}

function square(code, nom, lon, lat, population = 100, side = 0.02) {
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

const collection = (features, extra = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });

test('before any import: empty lists and layers, 404 for a commune and for coverage', async () => {
  const host = freshProgramme('vide');
  const list = await getJson('/api/v1/communes?q=eauze', host);
  assert.deepEqual(list, { items: [], total: 0, next_cursor: null });
  assert.equal((await get('/api/v1/communes/32119/connectivity', host)).status, 404);
  const coverage = await get('/api/v1/coverage?threshold_mbps=2', host);
  assert.equal(coverage.status, 404);
  assert.match(coverage.type, /application\/problem\+json/);
  const layer = await get('/api/v1/geo/communes.geojson', host);
  assert.equal(layer.status, 200);
  assert.match(layer.type, /application\/geo\+json/);
  assert.deepEqual(layer.json, { type: 'FeatureCollection', features: [] });
});

test('the Gers communes: 458 imported, 6,300.65 km² within 0.1 %, 192,645 inhabitants', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const host = freshProgramme('communes');
  const r = ok(importFile('communes', COMMUNES, 'communes'));
  assert.match(r.stdout, /458 communes read: 458 added, 0 updated, 0 unchanged \(programme communes/);
  assert.equal((await getJson('/api/v1/communes?limit=1', host)).total, 458);
  // Without exchanges nothing is covered, but the territory's figures are there.
  const coverage = await getJson('/api/v1/coverage?threshold_mbps=2', host);
  assert.equal(coverage.communes, 458);
  assert.ok(Math.abs(coverage.territory_area_km2 - 6300.65) <= 6300.65 * 0.001, String(coverage.territory_area_km2));
  assert.equal(coverage.population, 192645);
  assert.equal(coverage.covered_area_km2, 0);
  assert.equal(coverage.communes_too_far.length, 458);
  // The stored per-commune areas add up to the same total.
  const layer = await getJson('/api/v1/geo/communes.geojson', host);
  assert.equal(layer.features.length, 458);
  const area = layer.features.reduce((s, f) => s + f.properties.area_km2, 0);
  assert.ok(Math.abs(area - 6300.65) <= 6300.65 * 0.001, String(area));
  assert.equal(layer.features.reduce((s, f) => s + f.properties.population, 0), 192645);
  for (const f of layer.features) assert.match(f.geometry.type, /^(Multi)?Polygon$/);
  const eauze = await getJson('/api/v1/communes/32119', host);
  assert.equal(eauze.nom, 'Eauze');
  assert.deepEqual(eauze.codes_postaux, ['32800']);
  assert.equal(eauze.has_outline, true);
});

test('importing the same communes again changes nothing', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const r = ok(importFile('communes', COMMUNES));
  assert.match(r.stdout, /458 communes read: 0 added, 0 updated, 458 unchanged/);
  assert.equal((await getJson('/api/v1/communes?limit=1')).total, 458);
});

test('the Gers exchanges: 27, of which 11 inside the outline; CSV and GeoJSON give the same rows', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const host = freshProgramme('centraux');
  ok(importFile('communes', COMMUNES, 'centraux'));
  const r = ok(importFile('exchanges', EXCHANGES, 'centraux'));
  assert.match(r.stdout, /27 exchanges read: 27 added/);
  assert.match(r.stdout, /11 inside the communes' outline, 16 outside/);
  const again = ok(importFile('exchanges', EXCHANGES_GEOJSON, 'centraux'));
  assert.match(again.stdout, /27 exchanges read: 0 added, 0 updated, 27 unchanged/);
  const layer = await getJson('/api/v1/geo/exchanges.geojson', host);
  assert.equal(layer.features.length, 27);
  assert.equal(layer.features.filter((f) => f.properties.in_territory).length, 11);
  const cologne = layer.features.find((f) => f.properties.code === '32106CG2');
  assert.deepEqual(cologne.geometry, { type: 'Point', coordinates: [0.971672, 43.723567] });
  assert.deepEqual(cologne.properties.technologies, ['copper']);
  assert.equal(cologne.properties.lines, null);
});

test('rejected files: a clear message per problem, exit 5, and the database unchanged', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const before = await state();
  assert.equal(before.communes, 458);
  assert.equal(before.aignan.population, 720);
  const cases = [
    {
      name: 'malformed GeoJSON',
      kind: 'communes',
      path: file('malformed.geojson', '{"type": "FeatureCollection", "features": [\n  {"type": "Feature",'),
      expect: [/not valid GeoJSON/, /line 2, column/],
    },
    {
      name: 'an empty file',
      kind: 'communes',
      path: file('empty.geojson', ''),
      expect: [/Empty file/],
    },
    {
      name: 'an empty CSV',
      kind: 'exchanges',
      path: file('empty.csv', ''),
      expect: [/[Ee]mpty/],
    },
    {
      // A valid update of Aignan next to bad features: nothing of the file may land.
      name: 'bad features next to a good update',
      kind: 'communes',
      path: file('bad-features.geojson', collection([
        square('32001', 'Aignan', 0.08, 43.69, 999999),
        square('99001', 'Nouvelle', 0.5, 43.6),
        { ...square('99002', 'Ouverte', 0.6, 43.6), geometry: { type: 'Polygon', coordinates: [[[0.6, 43.6], [0.61, 43.6], [0.61, 43.61], [0.6, 43.62]]] } },
        { ...square('99003', 'Papillon', 0.7, 43.6), geometry: { type: 'Polygon', coordinates: [[[0.7, 43.6], [0.72, 43.62], [0.72, 43.6], [0.7, 43.62], [0.7, 43.6]]] } },
        { ...square('99004', 'Loin', 0.8, 43.6), geometry: { type: 'Polygon', coordinates: [[[200, 43.6], [0.81, 43.6], [0.81, 43.61], [200, 43.6]]] } },
        { type: 'Feature', properties: { code: '99005' }, geometry: square('x', 'x', 0.9, 43.6).geometry },
      ])),
      expect: [/feature 3 \(99002\).*Ring not closed/, /feature 4 \(99003\).*intersects itself/,
        /feature 5 \(99004\).*out of range/, /feature 6 \(99005\).*name missing/, /4 problems/],
    },
    {
      name: 'duplicated codes (GeoJSON)',
      kind: 'communes',
      path: file('duplicates.geojson', collection([square('99001', 'Une', 0.5, 43.6), square('99001', 'Deux', 0.6, 43.6)])),
      expect: [/feature 2 \(99001\) same code as feature 1: Duplicated/],
    },
    {
      name: 'duplicated codes (CSV)',
      kind: 'exchanges',
      path: file('duplicates.csv', 'code,name,lon,lat\nX1,Un,0.5,43.6\nX2,Deux,0.6,43.6\nX1,Trois,0.7,43.6\n'),
      expect: [/line 4: code \(same as line 2\): Duplicated/],
    },
    {
      name: 'a CRS other than WGS84',
      kind: 'communes',
      path: file('lambert93.geojson', collection([square('99001', 'Une', 0.5, 43.6)],
        { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } } })),
      expect: [/"crs" member names a system other than WGS84/],
    },
    {
      name: 'a CSV that is not UTF-8',
      kind: 'communes',
      path: file('latin1.csv', Buffer.concat([Buffer.from('code,nom,population,lon,lat\n99001,'), Buffer.from([0xc9]),
        Buffer.from('auze,10,0.1,43.8\n')])),
      expect: [/not UTF-8/],
    },
    {
      name: 'a bad line count',
      kind: 'exchanges',
      path: file('lines.csv', 'code,name,lon,lat,lines\nX1,Un,0.5,43.6,12\nX2,Deux,0.6,43.6,beaucoup\n'),
      expect: [/line 3: lines: Invalid line count/],
    },
  ];
  for (const c of cases) {
    const r = importFile(c.kind, c.path);
    assert.equal(r.status, 5, `${c.name}: exit ${r.status}\n${r.stderr}${r.stdout}`);
    for (const re of c.expect) assert.match(r.stderr, re, `${c.name}:\n${r.stderr}`);
    assert.match(r.stderr, /nothing was imported; the database is unchanged/, c.name);
    assert.deepEqual(await state(), before, c.name);
  }
  assert.equal((await get('/api/v1/communes/99001')).status, 404);
});

test('a file over 50 MB is refused before it is read', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const before = await state();
  const big = path.join(dir, 'big.geojson');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 50 * 1024 * 1024 + 1); // sparse: the size is what counts
  closeSync(fd);
  const started = Date.now();
  const r = importFile('communes', big);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /the file is 50\.0 MB, over the 50 MB limit of an import; nothing was read or changed/);
  assert.ok(Date.now() - started < 10000);
  assert.deepEqual(await state(), before);
  // A missing file is a usage error.
  assert.equal(importFile('communes', path.join(dir, 'nowhere.geojson')).status, 2);
});

test('search ignores accents, case and punctuation: ?q=lisle finds L\'Isle-Jourdain, ?q=eauze Eauze', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const lisle = await getJson('/api/v1/communes?q=lisle');
  assert.ok(lisle.items.some((c) => c.code === '32160' && c.nom === "L'Isle-Jourdain" && c.population > 0),
    JSON.stringify(lisle));
  for (const q of ['eauze', 'EAUZE', 'Éauze', 'éauzé']) {
    const found = await getJson('/api/v1/communes?q=' + encodeURIComponent(q));
    assert.deepEqual(found.items, [{ code: '32119', nom: 'Eauze', population: 4108 }], q);
    assert.equal(found.total, 1);
  }
  for (const q of ["l'isle-jourdain", 'L’ISLE JOURDAIN', 'isle jourdain']) {
    const found = await getJson('/api/v1/communes?q=' + encodeURIComponent(q));
    assert.deepEqual(found.items.map((c) => c.code), ['32160'], q);
  }
  // Accents in the stored name, none in the query.
  const castera = await getJson('/api/v1/communes?q=castera');
  assert.ok(castera.items.length > 0 && castera.items.every((c) => /Castéra|Castera/i.test(c.nom)), JSON.stringify(castera));
  assert.deepEqual((await getJson('/api/v1/communes?q=zzzz')).items, []);
});

test('cursor pagination walks every commune once, in name order', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await getJson('/api/v1/communes?limit=100' + (cursor ? '&cursor=' + cursor : ''));
    assert.equal(page.total, 458);
    assert.ok(page.items.length <= 100);
    seen.push(...page.items);
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 10);
  assert.equal(pages, 5);
  assert.equal(seen.length, 458);
  assert.equal(new Set(seen.map((c) => c.code)).size, 458);
  // A filtered search pages too, and its pages do not overlap.
  const first = await getJson('/api/v1/communes?q=saint&limit=3');
  assert.ok(first.total > 6);
  const second = await getJson('/api/v1/communes?q=saint&limit=3&cursor=' + first.next_cursor);
  assert.equal(second.items.length, 3);
  assert.equal(new Set([...first.items, ...second.items].map((c) => c.code)).size, 6);
  for (const bad of ['limit=0', 'limit=101', 'limit=ten', 'cursor=zz', 'cursor=0a0b']) {
    const r = await get('/api/v1/communes?' + bad);
    assert.equal(r.status, 422, bad);
    assert.match(r.type, /application\/problem\+json/);
  }
});

test('connectivity of Eauze, 2.9 km from its exchange: the fields and a hand-checked answer', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const r = await getJson('/api/v1/communes/32119/connectivity');
  for (const key of ['exchange', 'distance_km', 'line_length_km', 'attenuation_db', 'adsl2plus_mbps', 'adsl_mbps',
    'class', 'parameters']) assert.ok(key in r, `missing ${key}`);
  // Hand computation. Eauze's representative point is (0.10560, 43.86074); the exchange way/110288468
  // ("Central téléphonique", Eauze) is at (0.069502, 43.857459). At 43.86°N a degree of longitude is
  // 111.32 × cos(43.86°) = 80.27 km: Δx = 0.036096 × 80.27 = 2.897 km, Δy = 0.003277 × 111.13 = 0.364 km,
  // so 2.920 km on the sphere; Lambert-93 lengthens it by about 0.1 % here. Line: × √2 = 4.13 km;
  // attenuation: × 15 dB/km (0.4 mm) = 62.0 dB, past the table's last row (60.8 dB: 3.0 / 2.0 Mbit/s)
  // on the slope of the last two rows (53.0 dB: 4.3 / 3.1): ADSL2+ 3.0 − 1.3 × 1.25 / 7.8 = 2.79 Mbit/s,
  // ADSL 2.0 − 1.1 × 1.25 / 7.8 = 1.82 Mbit/s; under 70 dB, so class "adsl".
  assert.equal(r.exchange.code, 'way/110288468');
  assert.equal(r.exchange.in_territory, true);
  assert.ok(Math.abs(r.distance_km - 2.92) < 0.01, String(r.distance_km));
  assert.ok(Math.abs(r.line_length_km - r.distance_km * Math.SQRT2) < 1e-9);
  assert.ok(Math.abs(r.attenuation_db - r.line_length_km * 15) < 1e-9);
  assert.ok(Math.abs(r.attenuation_db - 62.0) < 0.2, String(r.attenuation_db));
  assert.ok(Math.abs(r.adsl2plus_mbps - 2.79) < 0.03, String(r.adsl2plus_mbps));
  assert.ok(Math.abs(r.adsl_mbps - 1.82) < 0.03, String(r.adsl_mbps));
  assert.equal(r.class, 'adsl');
  assert.equal(r.parameters.detour_factor, Math.SQRT2);
  assert.equal(r.parameters.gauge_mm, 0.4);
  assert.equal(r.parameters.db_per_km, 15);
  assert.equal(r.parameters.no_adsl_above_db, 78);
  assert.match(r.parameters.rates_source, /^https:\/\//);
  assert.equal(r.commune.code, '32119');
  assert.equal((await get('/api/v1/communes/99999/connectivity')).status, 404);
});

test('a border commune may be served by an exchange outside the territory', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const layer = await getJson('/api/v1/geo/communes.geojson');
  const outside = new Set((await getJson('/api/v1/geo/exchanges.geojson')).features
    .filter((f) => !f.properties.in_territory).map((f) => f.properties.code));
  const served = layer.features.find((f) => outside.has(f.properties.exchange));
  assert.ok(served, 'some commune has an outside exchange as its nearest');
  const r = await getJson(`/api/v1/communes/${served.properties.code}/connectivity`);
  assert.equal(r.exchange.code, served.properties.exchange);
  assert.equal(r.exchange.in_territory, false);
  assert.ok(Math.abs(r.distance_km - served.properties.distance_km) < 1e-9);
  assert.equal(r.class, served.properties.class);
});

test('long commands say what they do on stderr with --progress, and keep stdout to their result', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const args = ['coverage', '--communes', COMMUNES, '--exchanges', EXCHANGES, '--threshold', '2', '--json'];
  const quiet = ok(cli(args));
  assert.equal(quiet.stderr, '', 'not a terminal, not asked: nothing on stderr');
  const told = ok(cli([...args, '--progress']));
  assert.deepEqual(JSON.parse(told.stdout).area_share, JSON.parse(quiet.stdout).area_share, 'the same result on stdout');
  const phases = told.stderr.trimEnd().split('\n');
  const expected = [/coverage: reading the communes and the exchanges$/, /coverage: building the territory of 458 communes, placing 27 exchanges$/,
    /coverage: exact coverage at 2 Mbit\/s/, /coverage: done$/];
  assert.equal(phases.length, expected.length, told.stderr);
  phases.forEach((line, i) => {
    assert.match(line, /^\[ *\d+\.\d s\] /);
    assert.match(line, expected[i]);
  });
  const seconds = phases.map((line) => Number(line.match(/^\[ *([\d.]+) s\]/)[1]));
  assert.deepEqual([...seconds].sort((a, b) => a - b), seconds, 'times since the start only grow');
});

test('coverage at 2 Mbit/s: the figures of `sohosolo coverage` (area 5.10 %, population 12.71 %)', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  const api = await getJson('/api/v1/coverage?threshold_mbps=2');
  const r = ok(cli(['coverage', '--communes', COMMUNES, '--exchanges', EXCHANGES, '--threshold', '2', '--json']));
  const doc = JSON.parse(r.stdout);
  for (const key of ['territory_area_km2', 'covered_area_km2', 'area_share', 'population_share']) {
    assert.ok(Math.abs(api[key] - doc[key]) <= 1e-9 * Math.max(1, Math.abs(doc[key])), `${key}: ${api[key]} vs ${doc[key]}`);
  }
  assert.ok(Math.abs(api.area_share - 0.0510) < 0.0005, String(api.area_share));
  assert.ok(Math.abs(api.population_share - 0.1271) < 0.0005, String(api.population_share));
  assert.equal(api.population, 192645);
  assert.deepEqual(api.exchanges, { total: 27, inside: 11, outside: 16, reaching: 12 });
  assert.deepEqual(api.communes_too_far.map((c) => c.code), doc.communes_too_far.map((c) => c.code));
  assert.equal(api.communes_too_far[0].code, '32013');
  for (const c of api.communes_too_far) {
    for (const key of ['code', 'nom', 'covered_share', 'uncovered_population']) assert.ok(key in c, key);
    assert.ok(c.covered_share < 0.5);
  }
  assert.equal(api.parameters.gauge_mm, 0.4);
  // A higher rate reaches less; ADSL (not 2+) at 2 Mbit/s reaches less than ADSL2+.
  const eight = await getJson('/api/v1/coverage?threshold_mbps=8');
  assert.ok(eight.area_share < api.area_share && eight.area_share > 0);
  const adsl = await getJson('/api/v1/coverage?threshold_mbps=2&technology=adsl');
  assert.ok(adsl.area_share < api.area_share);
  for (const bad of ['threshold_mbps=abc', 'threshold_mbps=0', 'threshold_mbps=-2', 'threshold_mbps=1e9',
    'threshold_mbps=', 'technology=vdsl', 'too_far_share=2']) {
    const res = await get('/api/v1/coverage?' + bad);
    assert.equal(res.status, 422, bad);
    assert.match(res.type, /application\/problem\+json/);
  }
});

test('programmes do not see each other\'s territory; a CLI import reaches the running server at once', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  await importGers();
  // The second programme sees no communes, no exchanges, no coverage.
  assert.equal((await getJson('/api/v1/communes?q=eauze', LOT)).total, 0);
  assert.equal((await getJson('/api/v1/geo/exchanges.geojson', LOT)).features.length, 0);
  assert.equal((await get('/api/v1/communes/32119/connectivity', LOT)).status, 404);
  assert.equal((await get('/api/v1/coverage', LOT)).status, 404);

  // Communes as CSV points: searchable, but coverage needs outlines and says so.
  ok(importFile('communes', COMMUNES_CSV, 'lot'));
  assert.equal((await getJson('/api/v1/communes?q=eauze', LOT)).total, 1);
  const points = await get('/api/v1/coverage', LOT);
  assert.equal(points.status, 409);
  assert.match(points.json.errors[0].field, /^458 of 458 communes$/);
  // The GeoJSON then adds the outlines to the same rows.
  const outlines = ok(importFile('communes', COMMUNES, 'lot'));
  assert.match(outlines.stdout, /458 communes read: 0 added, 458 updated/);
  const none = await getJson('/api/v1/coverage?threshold_mbps=2', LOT);
  assert.equal(none.covered_area_km2, 0);
  // One exchange, in Eauze: the server's cached coverage follows the import of another process.
  ok(importFile('exchanges', file('one.csv', 'code,name,lon,lat\nEAUZE,Eauze,0.069502,43.857459\n'), 'lot'));
  const one = await getJson('/api/v1/coverage?threshold_mbps=2', LOT);
  assert.ok(one.covered_area_km2 > 0, JSON.stringify(one).slice(0, 300));
  assert.deepEqual(one.exchanges, { total: 1, inside: 1, outside: 0, reaching: 1 });
  // The Gers programme is as it was.
  const gers = await getJson('/api/v1/coverage?threshold_mbps=2');
  assert.deepEqual(gers.exchanges, { total: 27, inside: 11, outside: 16, reaching: 12 });
  assert.equal((await getJson('/api/v1/geo/exchanges.geojson', LOT)).features.length, 1);
});
