// A programme's own connectivity parameters: `sohosolo import parameters FILE` (the format of
// src/territory/reference/adsl-defaults.json plus official_area_km2 and wifi_radius_km), shown
// by GET /api/v1/territory/parameters and used by every answer, which names them (origin and
// revision): a commune's connection, coverage (reported against the computed area and the
// official one), WiFi plans (the radius when none is asked). Bad files are refused, field by
// field, and the parameters in force stay as they were. On the Gers files when present.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, startServer, tokenFor } from '../../lib/harness.mjs';
import { GERS, REPO, needData } from '../../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const EXCHANGES = path.join(GERS, 'nra-osm-gers.csv');
const HAVE_DATA = !needData(COMMUNES, EXCHANGES);
const DEFAULTS = JSON.parse(readFileSync(path.join(REPO, 'src/territory/reference/adsl-defaults.json'), 'utf8'));
const EAUZE = '32119';

let server;
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sohosolo-params-'));
  server = await startServer();
});
after(async () => {
  if (server) await server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Lets the event loop run first: `cli()` blocks it (spawnSync), and a keep-alive socket the server
 * closed meanwhile (15 s idle) is only seen as closed once the loop has run; fetch would reuse it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function get(pathAndQuery) {
  await settle();
  const r = await fetch(server.url + pathAndQuery);
  const text = await r.text();
  assert.equal(r.status, 200, `${pathAndQuery}: ${r.status} ${text}`);
  return JSON.parse(text);
}

/** Writes a parameters file: the defaults with `changes` merged in; returns its path. */
function parametersFile(name, changes) {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ ...structuredClone(DEFAULTS), ...changes }));
  return file;
}

function load(file) {
  return cli(['import', 'parameters', file, '--db', server.db.url, '--programme', 'gers']);
}

test('without a file of its own a programme uses the embedded defaults, with no official area', async () => {
  const p = await get('/api/v1/territory/parameters');
  assert.equal(p.origin, 'src/territory/reference/adsl-defaults.json');
  assert.equal(p.detour_factor, DEFAULTS.detour_factor.value);
  assert.equal(p.gauge_mm, DEFAULTS.gauge_mm.value);
  assert.equal(p.cable_gauges.length, DEFAULTS.cable_gauges.rows.length);
  assert.equal(p.rate_vs_attenuation.length, DEFAULTS.rate_vs_attenuation.rows.length);
  assert.equal(p.no_adsl_above_db, DEFAULTS.no_adsl_above_db.value);
  assert.equal(p.official_area_km2, null);
  assert.equal(p.wifi_radius_km, 5);
});

test('a programme file changes every answer, which names it; bad files change nothing', async (t) => {
  if (!HAVE_DATA) return t.skip(`no shared data at ${GERS}`);
  assert.equal(cli(['import', 'communes', COMMUNES, '--db', server.db.url, '--programme', 'gers']).status, 0);
  assert.equal(cli(['import', 'exchanges', EXCHANGES, '--db', server.db.url, '--programme', 'gers']).status, 0);
  const before = await get('/api/v1/coverage?threshold_mbps=2');
  const eauzeBefore = await get(`/api/v1/communes/${EAUZE}/connectivity`);
  assert.equal(before.official_area_km2, null);
  assert.equal(before.official_area_share, null);
  assert.equal(before.parameters.origin, 'src/territory/reference/adsl-defaults.json');

  // Thicker cable (0.6 mm) and straighter lines (1.2): lines lose less, the reach grows.
  const file = parametersFile('gers-parameters.json', {
    detour_factor: { value: 1.2 }, gauge_mm: { value: 0.6 },
    official_area_km2: { value: 6257, note: 'published by the département' }, wifi_radius_km: 3,
  });
  const r = load(file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /detour factor 1\.2, gauge 0\.6 mm/);
  assert.match(r.stdout, /official area 6257 km²/);

  const p = await get('/api/v1/territory/parameters');
  assert.equal(p.origin, 'gers-parameters.json, revision 1');
  assert.equal(p.detour_factor, 1.2);
  assert.equal(p.gauge_mm, 0.6);
  assert.equal(p.official_area_km2, 6257);
  assert.equal(p.wifi_radius_km, 3);

  const after = await get('/api/v1/coverage?threshold_mbps=2');
  assert.equal(after.parameters.origin, 'gers-parameters.json, revision 1');
  assert.equal(after.parameters.detour_factor, 1.2);
  assert.equal(after.parameters.db_per_km, 10.3);
  // The same attenuation budget over 1.2 × 10.3 dB per straight km instead of √2 × 15.
  assert.ok(Math.abs(after.reach_km / before.reach_km - (Math.SQRT2 * 15) / (1.2 * 10.3)) < 1e-9);
  assert.ok(after.covered_area_km2 > before.covered_area_km2);
  assert.equal(after.territory_area_km2, before.territory_area_km2);
  assert.ok(Math.abs(after.area_share - after.covered_area_km2 / after.territory_area_km2) < 1e-12);
  assert.equal(after.official_area_km2, 6257);
  assert.ok(Math.abs(after.official_area_share - after.covered_area_km2 / 6257) < 1e-12);

  const eauze = await get(`/api/v1/communes/${EAUZE}/connectivity`);
  assert.equal(eauze.parameters.origin, 'gers-parameters.json, revision 1');
  assert.ok(Math.abs(eauze.line_length_km - eauze.distance_km * 1.2) < 1e-9);
  assert.ok(Math.abs(eauze.attenuation_db - eauze.line_length_km * 10.3) < 1e-9);
  assert.ok(eauze.attenuation_db < eauzeBefore.attenuation_db);

  // A plan without a radius takes the programme's.
  await settle();
  const token = await tokenFor(server, 'advisor@example.org');
  const plan = await fetch(server.url + '/api/v1/wifi-plans', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ relays: 1 }),
  });
  const planJson = await plan.json();
  assert.equal(plan.status, 200, JSON.stringify(planJson));
  assert.equal(planJson.radius_km, 3);
  assert.equal(planJson.parameters.origin, 'gers-parameters.json, revision 1');

  // Refused files: each problem named, nothing changed.
  const bad = [
    [parametersFile('detour.json', { detour_factor: { value: 0.5 } }), /detour_factor/],
    [parametersFile('gauge.json', { gauge_mm: { value: 0.7 } }), /gauge_mm/],
    [parametersFile('area.json', { official_area_km2: -3 }), /official_area_km2/],
    [parametersFile('radius.json', { wifi_radius_km: { value: 80 } }), /wifi_radius_km/],
    [parametersFile('text.json', { official_area_km2: 'six mille' }), /official_area_km2/],
    [parametersFile('list.json', { exchange_list: 'some' }), /exchange_list/],
    [parametersFile('list-type.json', { exchange_list: true }), /exchange_list/],
  ];
  for (const [badFile, field] of bad) {
    const refused = load(badFile);
    assert.notEqual(refused.status, 0, badFile);
    assert.match(refused.stderr, field, badFile);
    assert.match(refused.stderr, /not loaded/);
  }
  const notJson = path.join(dir, 'broken.json');
  writeFileSync(notJson, '{"detour_factor": ');
  assert.notEqual(load(notJson).status, 0);
  assert.equal((await get('/api/v1/territory/parameters')).origin, 'gers-parameters.json, revision 1');

  // Loading again makes revision 2, and answers say so.
  assert.equal(load(parametersFile('gers-parameters.json', { official_area_km2: 6300 })).status, 0);
  const again = await get('/api/v1/coverage?threshold_mbps=2');
  assert.equal(again.parameters.origin, 'gers-parameters.json, revision 2');
  assert.equal(again.official_area_km2, 6300);
  assert.equal(again.reach_km, before.reach_km);  // back to the default model
});
