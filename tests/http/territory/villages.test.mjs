// The village finder on the demo database: GET /api/v1/villages lists the demo host and
// associated villages (real Gers communes, invented services flagged as demo data), POST
// /api/v1/village-finder ranks them with every criterion and its figure, and the page
// /trouver-mon-village answers a plain form without JavaScript. Skips without ../shared/data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli, freshDatabase, launch } from '../../lib/harness.mjs';
import { GERS, needData } from '../../lib/shared_data.mjs';

const HAVE_DATA = !needData(path.join(GERS, 'communes-32-gers-cog2026.geojson'));
const skip = HAVE_DATA ? false : `no shared data at ${GERS}`;

let server;
before(async () => {
  if (!HAVE_DATA) return;
  const db = freshDatabase();
  const r = cli(['demo', '--db', db.url]);
  assert.equal(r.status, 0, r.stderr);
  server = await launch(db);
});
after(async () => { await server?.close(); });

async function find(body) {
  const res = await fetch(server.url + '/api/v1/village-finder', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

const fullMatches = (items) => items.filter((i) => i.criteria_met === i.criteria_total).length;

test('the demo villages are listed with their commune, role and expected rate', { skip }, async () => {
  const res = await fetch(server.url + '/api/v1/villages');
  assert.equal(res.status, 200);
  const { items } = await res.json();
  assert.equal(items.filter((v) => v.role === 'host').length, 12);
  assert.equal(items.filter((v) => v.role === 'associated').length, 6);
  const gimont = items.find((v) => v.code === '32147');
  assert.equal(gimont.nom, 'Gimont');
  assert.ok(gimont.population > 0);
  assert.ok(['adsl', 'readsl', 'unknown'].includes(gimont.class), gimont.class);
  assert.equal(typeof gimont.adsl2plus_mbps, gimont.class === 'unknown' ? 'object' : 'number');
  assert.match(gimont.welcome_committee, /démonstration/);
  assert.equal(gimont.nearest_workspace.distance_kind, 'straight_line');
  assert.equal(gimont.link, '/communes/32147');
});

// The demo's exchange list is flagged partial (OpenStreetMap knows about a tenth of the Gers'
// exchanges): a village beyond the reach of every known exchange is "unknown", never "no ADSL",
// in the API, on the villages' page, on its commune's page and in the finder; coverage shares are
// lower bounds.
test('on the partial exchange list of the demo, far villages are "unknown", not "no ADSL"', { skip }, async () => {
  const { items } = await (await fetch(server.url + '/api/v1/villages')).json();
  const classes = items.map((v) => v.class);
  assert.ok(!classes.includes('none'), classes.join(' '));
  const unknown = items.filter((v) => v.class === 'unknown');
  assert.ok(unknown.length > 0, 'some demo villages are far from every known exchange');
  assert.ok(classes.some((c) => c === 'adsl'), 'villages near a known exchange keep their rate');
  for (const v of unknown) assert.equal(v.adsl2plus_mbps, null, v.code);

  const page = await (await fetch(server.url + '/villages', { headers: { 'accept-language': 'fr' } })).text();
  assert.doesNotMatch(page, /pas d'ADSL|pas d&apos;ADSL|pas d&#39;ADSL/);
  assert.match(page, /inconnu \(aucun central connu à proximité\)/);
  const far = unknown[0];
  const commune = await (await fetch(`${server.url}/communes/${far.code}`, { headers: { 'accept-language': 'fr' } })).text();
  assert.match(commune, /on ne peut pas le dire/);
  assert.match(commune, /band-unknown/);
  const api = await (await fetch(`${server.url}/api/v1/communes/${far.code}/connectivity`)).json();
  assert.equal(api.estimate?.class ?? api.class, 'unknown', JSON.stringify(api).slice(0, 300));

  const found = await find({ min_mbps: 2, max_km_to_workspace: 100 });
  const ranked = found.json.items.find((i) => i.village.code === far.code);
  assert.deepEqual([ranked.criteria[0].met, ranked.criteria[0].value, ranked.criteria[0].unknown], [false, null, true]);
  const finderPage = await (await fetch(`${server.url}/trouver-mon-village?min_mbps=2&max_km_to_workspace=100`)).text();
  assert.match(finderPage, /class="unknown">\? Inconnu : Débit attendu inconnu/);

  const coverage = await (await fetch(`${server.url}/api/v1/coverage?threshold_mbps=2`)).json();
  assert.equal(coverage.exchange_list, 'partial', JSON.stringify(coverage).slice(0, 200));
  assert.equal(coverage.lower_bound, true);
  const map = await (await fetch(`${server.url}/map`)).text();
  assert.match(map, /id="coverage-partial"/);
});

test('the finder ranks villages and gives every criterion with its figure', { skip }, async () => {
  const r = await find({ min_mbps: 2, max_km_to_workspace: 15, needs_school: true, max_km_to_station: 20 });
  assert.equal(r.status, 200, r.text);
  const { items } = r.json;
  assert.equal(items.length, 18);
  for (let i = 1; i < items.length; i++) {
    assert.ok(items[i - 1].criteria_met >= items[i].criteria_met, 'ranked by criteria met');
    if (items[i - 1].criteria_met === items[i].criteria_met) assert.ok(items[i - 1].score >= items[i].score);
  }
  for (const item of items) {
    assert.deepEqual(item.criteria.map((c) => c.criterion), ['min_mbps', 'max_km_to_workspace', 'school', 'max_km_to_station']);
    const rate = item.criteria[0];
    assert.equal(rate.met, rate.value !== null && rate.value >= 2);
    const ws = item.criteria[1];
    assert.equal(ws.distance_kind, 'straight_line');
    assert.equal(ws.met, ws.value <= 15);
    assert.equal(item.criteria_met, item.criteria.filter((c) => c.met).length);
    assert.equal(item.link, `/communes/${item.village.code}`);
  }
});

test('a stricter rate gives fewer full matches', { skip }, async () => {
  const loose = await find({ min_mbps: 0.5, max_km_to_workspace: 100 });
  const strict = await find({ min_mbps: 15, max_km_to_workspace: 100 });
  assert.equal(loose.status, 200);
  assert.equal(strict.status, 200);
  assert.ok(fullMatches(strict.json.items) < fullMatches(loose.json.items),
    `${fullMatches(strict.json.items)} < ${fullMatches(loose.json.items)}`);
});

test('bad needs are 422 with the field named, a body that is not an object 400', { skip }, async () => {
  for (const [body, field] of [
    [{ max_km_to_workspace: 10 }, 'min_mbps'],
    [{ min_mbps: 'fast', max_km_to_workspace: 10 }, 'min_mbps'],
    [{ min_mbps: -1, max_km_to_workspace: 10 }, 'min_mbps'],
    [{ min_mbps: 8, max_km_to_workspace: 0 }, 'max_km_to_workspace'],
    [{ min_mbps: 8, max_km_to_workspace: 10, needs_school: 'yes' }, 'needs_school'],
    [{ min_mbps: 8, max_km_to_workspace: 10, household_size: 0 }, 'household_size'],
    [{ min_mbps: 8, max_km_to_workspace: 10, household_size: 2.5 }, 'household_size'],
    [{ min_mbps: 8, max_km_to_workspace: 10, housing: 'castle' }, 'housing'],
    [{ min_mbps: 8, max_km_to_workspace: 10, housing: 3 }, 'housing'],
    [{ min_mbps: 8, max_km_to_workspace: 10, housing: 'rent', budget_eur: 600.5 }, 'budget_eur'],
    [{ min_mbps: 8, max_km_to_workspace: 10, housing: 'rent', budget_eur: 0 }, 'budget_eur'],
    [{ min_mbps: 8, max_km_to_workspace: 10, budget_eur: 600 }, 'budget_eur'],
    [{ min_mbps: 8, max_km_to_workspace: 10, max_km_to_school: 0 }, 'max_km_to_school'],
    [{ min_mbps: 8, max_km_to_workspace: 10, max_km_to_school: 'near' }, 'max_km_to_school'],
  ]) {
    const r = await find(body);
    assert.equal(r.status, 422, JSON.stringify(body) + r.text);
    assert.ok(r.json.errors.some((e) => e.field === field), r.text);
  }
  // As everywhere in the API: 400 when the body is not a JSON object at all.
  assert.equal((await find('[1]')).status, 400);
  assert.equal((await find('{not json')).status, 400);
});

test('the first version\'s body still gets its answer; new needs add criteria after the old ones', { skip }, async () => {
  const old = await find({ min_mbps: 2, max_km_to_workspace: 15, household_size: 4 });
  assert.equal(old.status, 200, old.text);
  assert.deepEqual(old.json.unused_needs, []);
  assert.equal(old.json.distance_kind, 'straight_line');
  for (const item of old.json.items) {
    assert.deepEqual(item.criteria.map((c) => c.criterion), ['min_mbps', 'max_km_to_workspace', 'household']);
    assert.equal(item.link, `/communes/${item.village.code}`);
    assert.equal(item.village_page, `/villages/${item.village.code}`);
    const household = item.criteria[2];
    assert.equal(household.min_rooms, 4);
    assert.equal(household.met, household.value > 0);
    assert.equal(household.listing_ids.length, household.value);
  }
  const full = await find({ min_mbps: 2, max_km_to_workspace: 15, needs_school: true, max_km_to_station: 20,
    max_km_to_school: 3, housing: 'buy', budget_eur: 200000, household_size: 4 });
  assert.equal(full.status, 200, full.text);
  assert.equal(full.json.housing, 'buy');
  for (const item of full.json.items) {
    assert.deepEqual(item.criteria.map((c) => c.criterion),
      ['min_mbps', 'max_km_to_workspace', 'school', 'max_km_to_station', 'max_km_to_school', 'housing']);
    const housing = item.criteria[5];
    assert.equal(housing.budget_eur, 200000);
    if (housing.cheapest_eur !== null) assert.ok(housing.cheapest_eur <= 200000);
  }
  // Demo hosts have homes for sale; associated villages have none, so some meet it and some not.
  const met = full.json.items.filter((i) => i.criteria[5].met).length;
  assert.ok(met > 0 && met < full.json.items.length, `${met}`);
});

test('the finder page answers a plain form with reasons', { skip }, async () => {
  const empty = await fetch(server.url + '/trouver-mon-village');
  assert.equal(empty.status, 200);
  assert.match(await empty.text(), /<form method="get" action="\/trouver-mon-village(#resultats)?"/);
  const res = await fetch(server.url + '/trouver-mon-village?min_mbps=2&max_km_to_workspace=15&needs_school=1');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Résultats, villages classés \(18\)/);
  assert.match(html, /à vol d(&#39;|&apos;|')oiseau/);
  assert.match(html, /href="\/villages\/32\d{3}"/);
  const bad = await fetch(server.url + '/trouver-mon-village?min_mbps=abc&max_km_to_workspace=15');
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /id="min_mbps-error">Nombre attendu/);
  const budget = await fetch(server.url + '/trouver-mon-village?min_mbps=2&max_km_to_workspace=15&housing=none&budget_eur=500');
  assert.equal(budget.status, 422);
  assert.match(await budget.text(), /id="budget_eur-error">Un budget n(&#39;|&apos;|')a de sens/);
  const homes = await (await fetch(server.url + '/trouver-mon-village?min_mbps=2&max_km_to_workspace=30&housing=rent&budget_eur=900&household_size=2')).text();
  assert.match(homes, /Logements à louer disponibles \(loyer jusqu(&#39;|&apos;|')à 900 € par mois, 2 pièces ou plus\) : \d/);
  assert.match(homes, /href="\/accompagnement\?village=32\d{3}&amp;needs=min_mbps%3D2/);
});
