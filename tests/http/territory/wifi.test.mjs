// WiFi relay planning through POST /api/v1/wifi-plans and `sohosolo plan-wifi`: advisors and
// admins only, bad bodies refused with every problem named, and on the real Gers files (imported
// with `sohosolo import` as territory_api.test.mjs does) the same plan as the command line. The
// exchange list is partial (27 from OpenStreetMap, about 10 % of the real ones: see
// ../shared/data/PROVENANCE.md), so the figures are test figures, not a plan for the Gers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, startServer, tokenFor } from '../../lib/harness.mjs';
import { GERS, needData } from '../../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const EXCHANGES = path.join(GERS, 'nra-osm-gers.csv');
const HAVE_DATA = !needData(COMMUNES, EXCHANGES);
const NO_DATA = `no shared data at ${GERS}`;

let server;
let dir;
const tokens = {};

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sohosolo-wifi-'));
  server = await startServer();
  for (const [role, email] of [['admin', 'admin@example.org'], ['advisor', 'advisor@example.org'],
    ['member', 'member@example.org'], ['site_host', 'host@example.org']]) {
    tokens[role] = await tokenFor(server, email);
  }
});
after(async () => {
  if (server) await server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Lets the event loop run first: `cli()` blocks it (spawnSync), and a keep-alive socket the server
 * closed meanwhile (15 s idle) is only seen as closed once the loop has run; fetch would reuse it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function plan(body, token = tokens.advisor) {
  await settle();
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url + '/api/v1/wifi-plans', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, type: res.headers.get('content-type'), json, text };
}

function ok(r) {
  assert.equal(r.status, 0, `exit ${r.status}\n${r.stderr}${r.stdout}`);
  return r;
}

function fields(r) {
  return (r.json?.errors ?? []).map((e) => `${e.field}:${e.code}`);
}

test('members, site hosts and visitors may not plan; advisors may, once there are communes', async () => {
  const body = { threshold_mbps: 2, relays: 3 };
  assert.equal((await plan(body, tokens.member)).status, 403);
  assert.equal((await plan(body, tokens.site_host)).status, 403);
  assert.equal((await plan(body, null)).status, 401);
  const none = await plan(body);
  assert.equal(none.status, 404, none.text);
  assert.match(none.type, /application\/problem\+json/);
});

test('bad bodies: 400 when not a JSON object, 422 naming every field otherwise', async () => {
  assert.equal((await plan('{"relays": ')).status, 400);
  assert.equal((await plan('[1, 2]')).status, 400);
  const cases = [
    [{}, ['relays:error.territory.relays_or_target']],
    [{ relays: 3, target_share: 0.5 }, ['relays:error.territory.relays_or_target']],
    [{ relays: 0 }, ['relays:error.territory.bad_relays']],
    [{ relays: 1001 }, ['relays:error.territory.bad_relays']],
    [{ relays: 2.5 }, ['relays:error.territory.bad_relays']],
    [{ relays: 1e30 }, ['relays:error.territory.bad_relays']],
    [{ target_share: 1.5 }, ['target_share:error.territory.bad_target_share']],
    [{ target_share: 0 }, ['target_share:error.territory.bad_target_share']],
    [{ relays: 3, radius_km: '5' }, ['radius_km:error.territory.bad_radius']],
    [{ relays: '3', target_share: 2 }, ['relays:error.territory.bad_relays', 'target_share:error.territory.bad_target_share']],
    [{ relays: 3, radius_km: 0 }, ['radius_km:error.territory.bad_radius']],
    [{ relays: 3, radius_km: 51 }, ['radius_km:error.territory.bad_radius']],
    [{ relays: 3, threshold_mbps: 0 }, ['threshold_mbps:error.territory.bad_threshold']],
    [{ relays: 3, technology: 'vdsl' }, ['technology:error.territory.bad_technology']],
    [{ relays: 3, commune_candidates: 'no' }, ['commune_candidates:error.field.boolean']],
    [{ relays: 3, candidates: 'tower' }, ['candidates:error.territory.bad_sites']],
    [{ relays: 3, commune_candidates: false }, ['candidates:error.territory.no_sites']],
    [{ relays: 3, candidates: [{ name: 'Tower', lon: 0.5, lat: 143.6 }, { lon: 0.5, lat: 43.6 }, 7] }, [
      'candidates[0]:error.territory.lon_lat_out_of_range',
      'candidates[1].name:error.territory.missing_site_name',
      'candidates[2]:error.territory.bad_sites']],
  ];
  for (const [body, expected] of cases) {
    const r = await plan(body);
    assert.equal(r.status, 422, JSON.stringify(body) + ' ' + r.text);
    assert.match(r.type, /application\/problem\+json/);
    for (const f of expected) assert.ok(fields(r).includes(f), `${JSON.stringify(body)}: ${f} in ${fields(r)}`);
  }
});

test('the Gers, 10 relays of 5 km at 2 Mbit/s: the plan, its GeoJSON, and the same as the CLI', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  ok(cli(['import', 'communes', COMMUNES, '--db', server.db.url, '--programme', 'gers']));
  ok(cli(['import', 'exchanges', EXCHANGES, '--db', server.db.url, '--programme', 'gers']));
  const r = await plan({ threshold_mbps: 2, radius_km: 5, relays: 10 });
  assert.equal(r.status, 200, r.text);
  assert.match(r.type, /application\/json/);
  const p = r.json;
  assert.equal(p.relays.length, 10);
  assert.equal(p.territory.communes, 458);
  assert.equal(p.territory.population, 192645);
  assert.equal(p.candidates.total, 458);
  assert.equal(p.totals.end, 'relays_placed');
  assert.ok(p.totals.population_share_after > p.totals.population_share_before);
  for (let i = 1; i < p.relays.length; i++) {
    assert.ok(p.relays[i].population_gained <= p.relays[i - 1].population_gained + 1e-6, `step ${i + 1}`);
  }
  assert.ok(Math.abs(p.relays[0].population_gained - p.bounds.best_single_relay_population) < 1e-6);
  assert.ok(p.bounds.upper_bound_population >= p.totals.population_gained);
  assert.ok(p.bounds.upper_bound_population <= p.bounds.greedy_guarantee_population);
  assert.ok(p.relays[0].communes.length > 0 && p.relays[0].communes[0].code.startsWith('32'));
  // GeoJSON: one disc and one site per relay, discs closed.
  assert.equal(p.geojson.type, 'FeatureCollection');
  const discs = p.geojson.features.filter((f) => f.properties.kind === 'disc');
  const sites = p.geojson.features.filter((f) => f.properties.kind === 'relay');
  assert.equal(discs.length, 10);
  assert.equal(sites.length, 10);
  const ring = discs[0].geometry.coordinates[0];
  assert.deepEqual(ring[0], ring[ring.length - 1]);
  assert.deepEqual(sites[0].geometry.coordinates, [p.relays[0].lon, p.relays[0].lat]);

  // The command line on the same files finds the same plan.
  const geojson = path.join(dir, 'plan.geojson');
  const c = ok(cli(['plan-wifi', '--communes', COMMUNES, '--exchanges', EXCHANGES, '--threshold', '2',
    '--relays', '10', '--json', '--geojson', geojson]));
  const fromCli = JSON.parse(c.stdout);
  assert.deepEqual(fromCli.relays.map((x) => x.id), p.relays.map((x) => x.id));
  assert.ok(Math.abs(fromCli.totals.population_gained - p.totals.population_gained) < 1e-6);
  assert.equal(JSON.parse(readFileSync(geojson, 'utf8')).features.length, 20);
  const text = ok(cli(['plan-wifi', '--communes', COMMUNES, '--exchanges', EXCHANGES, '--relays', '10']));
  assert.match(text.stdout, /rank +site/);
  assert.match(text.stdout, new RegExp(p.relays[0].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('a given site alone, a target share, and an admin', async (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  // A water tower in Fleurance (no exchange within 2 Mbit/s reach there).
  const tower = await plan({ relays: 1, commune_candidates: false,
    candidates: [{ id: 'ce-fleurance', name: "Château d'eau de Fleurance", lon: 0.663, lat: 43.848 }] },
  tokens.admin);
  assert.equal(tower.status, 200, tower.text);
  assert.equal(tower.json.relays.length, 1);
  assert.equal(tower.json.relays[0].id, 'ce-fleurance');
  assert.equal(tower.json.relays[0].origin, 'given');
  assert.ok(tower.json.relays[0].communes.some((c) => c.code === '32132'));
  assert.equal(tower.json.candidates.given, 1);

  const target = await plan({ target_share: 0.25, radius_km: 5 });
  assert.equal(target.status, 200, target.text);
  assert.equal(target.json.totals.end, 'target_reached');
  assert.ok(target.json.totals.uncovered_share_reached >= 0.25);
  assert.ok(target.json.bounds.relays_lower_bound >= 1);
  assert.ok(target.json.bounds.relays_lower_bound <= target.json.relays.length);
});

test('plan-wifi refuses a bad command line and bad site files', (t) => {
  if (!HAVE_DATA) return t.skip(NO_DATA);
  const base = ['plan-wifi', '--communes', COMMUNES, '--exchanges', EXCHANGES];
  assert.equal(cli(base).status, 2);  // neither --relays nor --target-share
  assert.equal(cli([...base, '--relays', '3', '--target-share', '0.5']).status, 2);
  assert.equal(cli([...base, '--relays', '0']).status, 2);
  const sites = path.join(dir, 'sites.csv');
  writeFileSync(sites, 'name,lon,lat\n,0.1,43\nTower,181,43\n');
  const r = cli([...base, '--relays', '3', '--candidates', sites]);
  assert.equal(r.status, 5);
  assert.match(r.stderr, /line 2: name/);
  assert.match(r.stderr, /line 3: lon/);
});
