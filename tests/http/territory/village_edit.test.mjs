// Advisors edit villages (role, committee, services, listings) and telephone exchanges, through
// the API and the HTML forms: every bad input is refused field by field and changes nothing,
// members and visitors cannot edit, and programmes are isolated. On the demo database (Gers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless } from '../../lib/harness.mjs';
import { LOT, SKIP, call, startVillagesServer, token } from '../../lib/villages.mjs';

const GIMONT = '32147';
let server, accounts, advisor, member;

before(async () => {
  if (SKIP) return;
  ({ server, accounts } = await startVillagesServer());
  advisor = await token(server, accounts.advisor.email, accounts.advisor.password);
  member = await token(server, accounts.member.email, accounts.member.password);
});
after(async () => { await server?.close(); });

const village = async (code = GIMONT) => (await call(server, 'GET', `/api/v1/villages/${code}`)).json;

function assertField(r, field, what) {
  assert.equal(r.status, 422, `${what}: ${r.status} ${r.text}`);
  assert.equal(r.headers['content-type'], 'application/problem+json', what);
  assert.ok(r.json.errors.some((e) => e.field === field), `${what}: ${r.text}`);
}

test('a village reads with its committee, services and listings, demo data flagged', { skip: SKIP }, async () => {
  const v = await village();
  assert.equal(v.nom, 'Gimont');
  assert.equal(v.role, 'host');
  assert.ok(v.committee.length >= 2 && v.committee.every((m) => m.demo));
  assert.ok(v.services.some((s) => s.kind === 'train_station' && s.distance_kind === 'straight_line'));
  assert.ok(v.listings.some((l) => l.kind === 'home_rent' && l.price_period === 'month'));
  assert.equal(v.page, '/villages/32147');
  const c = (await call(server, 'GET', `/api/v1/communes/${GIMONT}/connectivity`)).json;
  assert.equal(v.connectivity.exchange_code, c.exchange.code);
  assert.equal(v.connectivity.distance_km, c.distance_km);
  assert.equal(v.connectivity.class, c.class);
  assert.equal((await call(server, 'GET', '/api/v1/villages/99999')).status, 404);
});

test('the villages page lists host and associated villages; staff jump to any commune', { skip: SKIP }, async () => {
  const html = await (await fetch(server.url + '/villages')).text();
  assert.match(html, /<a href="\/villages\/32147">Gimont<\/a>/);
  assert.equal((html.match(/<tr><td><a href="\/villages\/32\d{3}">/g) ?? []).length, 18);
  assert.doesNotMatch(html, /action="\/villages\/modifier"/, 'visitors get no editing form');
  const b = new Browserless(server.url);
  await b.login(accounts.advisor.email, accounts.advisor.password);
  assert.match(await (await b.get('/villages')).text(), /action="\/villages\/modifier"/);
  const jump = await b.get('/villages/modifier?code=32013');
  assert.equal(jump.status, 303);
  assert.equal(jump.headers.get('location'), '/villages/32013/modifier');
  // Sent without a code: back to the list, not a loop of redirections.
  for (const query of ['', '?code=']) {
    const empty = await b.get(`/villages/modifier${query}`);
    assert.equal(empty.status, 303, query);
    assert.equal(empty.headers.get('location'), '/villages', query);
  }
});

test('the role is set by advisors; a bad role changes nothing', { skip: SKIP }, async () => {
  const r = await call(server, 'PUT', `/api/v1/villages/32001`, { token: advisor, body: { role: 'associated' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.role, 'associated');
  assertField(await call(server, 'PUT', `/api/v1/villages/32001`, { token: advisor, body: { role: 'capital' } }), 'role', 'bad role');
  assertField(await call(server, 'PUT', `/api/v1/villages/32001`, { token: advisor, body: {} }), 'role', 'no role');
  assert.equal((await village('32001')).role, 'associated');
  const list = (await call(server, 'GET', '/api/v1/villages')).json.items;
  assert.equal(list.find((v) => v.code === '32001').role, 'associated');
  // A commune that was no village becomes one.
  const newcomer = await call(server, 'PUT', `/api/v1/villages/32013`, { token: advisor, body: { role: 'host' } });
  assert.equal(newcomer.status, 200, newcomer.text);
  assert.ok((await call(server, 'GET', '/api/v1/villages')).json.items.some((v) => v.code === '32013'));
  assert.equal((await call(server, 'PUT', `/api/v1/villages/99999`, { token: advisor, body: { role: 'host' } })).status, 404);
});

test('committee members are added, changed and removed', { skip: SKIP }, async () => {
  const base = `/api/v1/villages/${GIMONT}/committee`;
  const added = await call(server, 'POST', base, { token: advisor, body: { name: 'Jeanne Dupré', role: 'maire', contact: '05 62 00 00 00' } });
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.name, 'Jeanne Dupré');
  const id = added.json.id;
  const changed = await call(server, 'PATCH', `${base}/${id}`, { token: advisor, body: { role: 'adjointe' } });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.role, 'adjointe');
  assert.equal(changed.json.name, 'Jeanne Dupré');
  const before = await village();
  assertField(await call(server, 'PATCH', `${base}/${id}`, { token: advisor, body: { name: ' ' } }), 'name', 'empty name');
  assertField(await call(server, 'POST', base, { token: advisor, body: { role: 'maire' } }), 'name', 'no name');
  assertField(await call(server, 'POST', base, { token: advisor, body: { name: 'x'.repeat(121) } }), 'name', 'long name');
  assertField(await call(server, 'POST', base, { token: advisor, body: { name: { first: 'A' } } }), 'name', 'object');
  assert.deepEqual(await village(), before);
  assert.equal((await call(server, 'DELETE', `${base}/${id}`, { token: advisor })).status, 204);
  assert.equal((await call(server, 'DELETE', `${base}/${id}`, { token: advisor })).status, 404);
  assert.equal((await call(server, 'PATCH', `${base}/abc`, { token: advisor, body: { name: 'A' } })).status, 404);
  assert.ok(!(await village()).committee.some((m) => m.id === id));
});

test('a service takes a distance or a position (straight-line distance computed)', { skip: SKIP }, async () => {
  const base = `/api/v1/villages/${GIMONT}/services`;
  const v = await call(server, 'GET', `/api/v1/communes/${GIMONT}`);
  const { lon, lat } = v.json.point;
  const placed = await call(server, 'POST', base, { token: advisor, body: { kind: 'pharmacy', name: 'Pharmacie du centre', lon: lon + 0.1, lat } });
  assert.equal(placed.status, 201, placed.text);
  // 0.1 degree of longitude at the commune's latitude on a 6371 km sphere.
  const expected = 6371 * Math.PI / 180 * Math.cos(lat * Math.PI / 180) * 0.1;
  assert.ok(Math.abs(placed.json.distance_km - expected) < 0.05, `${placed.json.distance_km} vs ${expected}`);
  const before = await village();
  for (const [body, field] of [
    [{ kind: 'school' }, 'distance_km'],
    [{ kind: 'castle', distance_km: 1 }, 'kind'],
    [{ kind: 'school', distance_km: -1 }, 'distance_km'],
    [{ kind: 'school', distance_km: 'far' }, 'distance_km'],
    [{ kind: 'school', lon: 0.9 }, 'lat'],
    [{ kind: 'school', lon: 400, lat: 43 }, 'lon'],
  ]) assertField(await call(server, 'POST', base, { token: advisor, body }), field, JSON.stringify(body));
  assert.deepEqual(await village(), before);
});

test('listings: each bad field is named and nothing changes; marking taken removes it from the finder', { skip: SKIP }, async () => {
  const base = `/api/v1/villages/${GIMONT}/listings`;
  const before = await village();
  for (const [body, field] of [
    [{ title: 'Maison' }, 'kind'],
    [{ kind: 'castle', title: 'Maison' }, 'kind'],
    [{ kind: 'home_rent' }, 'title'],
    [{ kind: 'home_rent', title: 'Maison', price_eur: 12.5 }, 'price_eur'],
    [{ kind: 'home_rent', title: 'Maison', price_eur: -5 }, 'price_eur'],
    [{ kind: 'home_rent', title: 'Maison', surface_m2: 0 }, 'surface_m2'],
    [{ kind: 'home_rent', title: 'Maison', rooms: 0 }, 'rooms'],
    [{ kind: 'home_rent', title: 'Maison', rooms: 'trois' }, 'rooms'],
    [{ kind: 'home_rent', title: 'Maison', available: 'maybe' }, 'available'],
    [{ kind: 'home_rent', title: 'Maison', description: [1] }, 'description'],
  ]) assertField(await call(server, 'POST', base, { token: advisor, body }), field, JSON.stringify(body));
  assert.equal((await call(server, 'POST', base, { token: advisor, body: '{"kind":' })).status, 400);
  assert.deepEqual(await village(), before);

  // A large, cheap home to rent that only Gimont has: the finder counts it, then not once taken.
  const added = await call(server, 'POST', base, { token: advisor, body: {
    kind: 'home_rent', title: 'Grande maison <b>à louer</b>', description: "Jardin ; 'quote'", price_eur: 310, surface_m2: 180, rooms: 9 } });
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.title, 'Grande maison <b>à louer</b>');
  const needs = { min_mbps: 0.5, max_km_to_workspace: 100, housing: 'rent', budget_eur: 320, household_size: 9 };
  let found = await call(server, 'POST', '/api/v1/village-finder', { body: needs });
  assert.equal(found.status, 200, found.text);
  let gimont = found.json.items.find((i) => i.village.code === GIMONT);
  let housing = gimont.criteria.find((c) => c.criterion === 'housing');
  assert.equal(housing.met, true);
  assert.deepEqual(housing.listing_ids, [added.json.id]);
  assert.equal(housing.cheapest_eur, 310);
  assert.equal(housing.min_rooms, 9);
  const metBefore = gimont.criteria_met;
  const rankBefore = found.json.items.findIndex((i) => i.village.code === GIMONT);
  const taken = await call(server, 'PATCH', `${base}/${added.json.id}`, { token: advisor, body: { available: false } });
  assert.equal(taken.status, 200, taken.text);
  assert.equal(taken.json.available, false);
  assert.equal(taken.json.price_eur, 310);
  found = await call(server, 'POST', '/api/v1/village-finder', { body: needs });
  gimont = found.json.items.find((i) => i.village.code === GIMONT);
  housing = gimont.criteria.find((c) => c.criterion === 'housing');
  assert.equal(housing.met, false);
  assert.equal(housing.value, 0);
  assert.equal(gimont.criteria_met, metBefore - 1);
  assert.ok(found.json.items.findIndex((i) => i.village.code === GIMONT) > rankBefore, 'ranks lower once taken');
  // The visitor's page escapes what advisors typed.
  const page = await (await fetch(server.url + `/villages/${GIMONT}`)).text();
  assert.match(page, /Grande maison &lt;b&gt;à louer&lt;\/b&gt;/);
  assert.equal((await call(server, 'DELETE', `${base}/${added.json.id}`, { token: advisor })).status, 204);
});

test('members and visitors cannot edit', { skip: SKIP }, async () => {
  const listing = (await village()).listings[0];
  for (const [method, path, body] of [
    ['PUT', `/api/v1/villages/${GIMONT}`, { role: 'none' }],
    ['POST', `/api/v1/villages/${GIMONT}/listings`, { kind: 'home_rent', title: 'X' }],
    ['PATCH', `/api/v1/villages/${GIMONT}/listings/${listing.id}`, { available: false }],
    ['DELETE', `/api/v1/villages/${GIMONT}/listings/${listing.id}`, undefined],
    ['POST', '/api/v1/exchanges', { code: 'X1', lon: 0.8, lat: 43.6 }],
  ]) {
    assert.equal((await call(server, method, path, { token: member, body })).status, 403, `member ${method} ${path}`);
    assert.equal((await call(server, method, path, { body })).status, 401, `anonymous ${method} ${path}`);
  }
  assert.equal((await village()).role, 'host');
  assert.deepEqual((await village()).listings[0], listing);
  const b = new Browserless(server.url);
  await b.login(accounts.member.email, accounts.member.password);
  assert.equal((await b.get(`/villages/${GIMONT}/modifier`)).status, 403);
  assert.equal((await b.get('/centraux')).status, 403);
});

test('programmes are isolated', { skip: SKIP }, async () => {
  const lot = await token(server, 'lot-advisor@example.org', undefined, LOT);
  const listing = (await village()).listings[0];
  // The Lot has no Gimont: its advisor cannot reach the Gers' rows through it...
  assert.equal((await call(server, 'GET', `/api/v1/villages/${GIMONT}`, { host: LOT })).status, 404);
  assert.equal((await call(server, 'PATCH', `/api/v1/villages/${GIMONT}/listings/${listing.id}`,
    { token: lot, host: LOT, body: { available: false } })).status, 404);
  assert.equal((await call(server, 'DELETE', '/api/v1/exchanges/32121END', { token: lot, host: LOT })).status, 404);
  // ...and the Lot's token means nothing in the Gers.
  assert.equal((await call(server, 'PATCH', `/api/v1/villages/${GIMONT}/listings/${listing.id}`,
    { token: lot, body: { available: false } })).status, 401);
  assert.deepEqual((await village()).listings[0], listing);
  assert.deepEqual((await call(server, 'GET', '/api/v1/villages', { host: LOT })).json.items, []);
});

test('exchanges are added, moved and deleted; connectivity follows at once', { skip: SKIP }, async () => {
  const connectivity = async () => (await call(server, 'GET', `/api/v1/communes/${GIMONT}/connectivity`)).json;
  const first = await connectivity();
  const { lon, lat } = first.commune.point;
  assert.ok(first.distance_km > 1, 'no exchange at Gimont yet');
  const added = await call(server, 'POST', '/api/v1/exchanges', { token: advisor, body: { code: 'GIMONT1', name: 'Gimont', lon, lat } });
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.in_territory, true);
  let now = await connectivity();
  assert.equal(now.exchange.code, 'GIMONT1');
  assert.ok(now.distance_km < 0.01);
  assert.equal(now.class, 'adsl');
  assert.ok((await call(server, 'GET', '/api/v1/geo/exchanges.geojson')).text.includes('GIMONT1'));

  for (const [body, field, status] of [
    [{ code: 'GIMONT1', lon, lat }, 'code', 409],
    [{ code: 'bad code', lon, lat }, 'code', 422],
    [{ code: 'G2', lon: 200, lat }, 'lon', 422],
    [{ code: 'G2', lon }, 'lat', 422],
    [{ code: 'G2', lon: 'east', lat }, 'lon', 422],
  ]) {
    const r = await call(server, 'POST', '/api/v1/exchanges', { token: advisor, body });
    assert.equal(r.status, status, `${JSON.stringify(body)} ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), r.text);
  }
  assertField(await call(server, 'PATCH', '/api/v1/exchanges/GIMONT1', { token: advisor, body: { lon: 1 } }), 'lat', 'move without lat');
  assert.equal((await call(server, 'PATCH', '/api/v1/exchanges/NOPE', { token: advisor, body: { lon: 1, lat: 43 } })).status, 404);

  // Moved 60 km west, outside the Gers: no longer the nearest, and said to be outside.
  const moved = await call(server, 'PATCH', '/api/v1/exchanges/GIMONT1', { token: advisor, body: { lon: lon - 0.75, lat: lat + 0.3 } });
  assert.equal(moved.status, 200, moved.text);
  now = await connectivity();
  assert.notEqual(now.exchange.code, 'GIMONT1');
  assert.equal((await call(server, 'PATCH', '/api/v1/exchanges/GIMONT1', { token: advisor, body: { lon, lat } })).status, 200);
  assert.equal((await connectivity()).exchange.code, 'GIMONT1');
  assert.equal((await call(server, 'DELETE', '/api/v1/exchanges/GIMONT1', { token: advisor })).status, 204);
  assert.deepEqual(await connectivity(), first);
  assert.equal((await call(server, 'DELETE', '/api/v1/exchanges/GIMONT1', { token: advisor })).status, 404);
});

test('imported codes with a slash (OpenStreetMap "way/N") can be moved', { skip: SKIP }, async () => {
  const all = (await call(server, 'GET', '/api/v1/exchanges')).json.items;
  const osm = all.find((e) => e.code.includes('/'));
  assert.ok(osm, 'the demo has OpenStreetMap codes');
  const r = await call(server, 'PATCH', `/api/v1/exchanges/${osm.code}`, { token: advisor, body: { lon: osm.lon + 0.001, lat: osm.lat } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, osm.code);
  assert.ok(Math.abs(r.json.lon - osm.lon - 0.001) < 1e-9);
  const b = new Browserless(server.url);
  await b.login(accounts.advisor.email, accounts.advisor.password);
  const back = await b.submit('/centraux', '/centraux/deplacer', { code: osm.code, name: osm.name, lon: String(osm.lon), lat: String(osm.lat) });
  assert.equal(back.status, 303);
  const now = (await call(server, 'GET', '/api/v1/exchanges')).json.items.find((e) => e.code === osm.code);
  assert.equal(now.lon, osm.lon);
});

test('the editing page: forms add a listing, a refused form is shown again with its message', { skip: SKIP }, async () => {
  const b = new Browserless(server.url);
  await b.login(accounts.advisor.email, accounts.advisor.password);
  const page = `/villages/${GIMONT}/modifier`;
  assert.equal((await b.get(page)).status, 200);
  const before = await village();
  const bad = await b.submit(page, `${page}/listings`, { kind: 'home_sale', title: 'Ferme rénovée', price_eur: 'cent mille' });
  assert.equal(bad.status, 422);
  const html = await bad.text();
  assert.match(html, /Prix \(€, loyer mensuel pour une location\) : Nombre entier attendu\./);
  assert.match(html, /value="Ferme rénovée"/, 'the typed title is kept');
  assert.deepEqual(await village(), before);
  const ok = await b.submit(page, `${page}/listings`, { kind: 'home_sale', title: 'Ferme rénovée', price_eur: '185000', rooms: '5' });
  assert.equal(ok.status, 303);
  const v = await village();
  const farm = v.listings.find((l) => l.title === 'Ferme rénovée');
  assert.equal(farm.price_eur, 185000);
  const visitor = await (await fetch(server.url + `/villages/${GIMONT}`)).text();
  assert.match(visitor, /Ferme rénovée/);
  assert.match(visitor, /185[\s\u202f\u00a0]000 €/);
  // Taken through the form: the visitor's page lists it among those no longer available.
  const taken = await b.submit(page, `${page}/listings/${farm.id}`, { kind: 'home_sale', title: 'Ferme rénovée', price_eur: '185000', rooms: '5', available: 'false' });
  assert.equal(taken.status, 303);
  assert.equal((await village()).listings.find((l) => l.id === farm.id).available, false);
  // A refused change of that row shows the row again with what was typed.
  const refused = await b.submit(page, `${page}/listings/${farm.id}`, { kind: 'home_sale', title: 'Ferme à rénover', price_eur: '185000', rooms: 'cinq' });
  assert.equal(refused.status, 422);
  const again = await refused.text();
  assert.match(again, /Pièces : Nombre entier attendu\./);
  assert.match(again, /value="cinq"/);
  assert.match(again, /value="Ferme à rénover"/);
  assert.equal((await village()).listings.find((l) => l.id === farm.id).title, 'Ferme rénovée');
  // Without the CSRF token the form is refused.
  const forged = await b.request('POST', `${page}/listings/${farm.id}/supprimer`, {
    body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(forged.status, 403);
  assert.ok((await village()).listings.some((l) => l.id === farm.id));
});

test('the exchanges page adds and refuses with messages', { skip: SKIP }, async () => {
  const b = new Browserless(server.url);
  await b.login(accounts.advisor.email, accounts.advisor.password);
  const bad = await b.submit('/centraux', '/centraux', { code: 'PAGE1', name: 'Essai', lon: '0,9', lat: '' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Latitude : Ce champ est obligatoire\./);
  const ok = await b.submit('/centraux', '/centraux', { code: 'PAGE1', name: 'Essai', lon: '0,9', lat: '43,6' });
  assert.equal(ok.status, 303);
  assert.match(await (await b.get('/centraux')).text(), /PAGE1/);
  const gone = await b.submit('/centraux', '/centraux/supprimer', { code: 'PAGE1' });
  assert.equal(gone.status, 303);
  assert.doesNotMatch(await (await b.get('/centraux')).text(), /PAGE1/);
});
