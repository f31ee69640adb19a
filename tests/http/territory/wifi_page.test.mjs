// The advisors' WiFi planning page, GET /wifi-plans: staff only; the form with the programme's
// parameters; a plan as a table that matches POST /api/v1/wifi-plans for the same question
// (given sites included); a bad form re-shown with its messages (422); the GeoJSON download
// and the link that draws the plan on the map page. On the Gers files when present.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli, startServer, tokenFor } from '../../lib/harness.mjs';
import { GERS, needData } from '../../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const EXCHANGES = path.join(GERS, 'nra-osm-gers.csv');
const HAVE_DATA = !needData(COMMUNES, EXCHANGES);
const TOWER = "Château d'eau de Fleurance; 43.848; 0.663";

let server;
const tokens = {};

before(async () => {
  server = await startServer();
  for (const [role, email] of [['advisor', 'advisor@example.org'], ['member', 'member@example.org']]) {
    tokens[role] = await tokenFor(server, email);
  }
});
after(async () => {
  if (server) await server.close();
});

/** Lets the event loop run first: `cli()` blocks it (spawnSync), and a keep-alive socket the server
 * closed meanwhile (15 s idle) is only seen as closed once the loop has run; fetch would reuse it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function page(query, token = tokens.advisor, pathname = '/wifi-plans') {
  await settle();
  const headers = { cookie: 'lang=en' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${server.url}${pathname}${query ? '?' + new URLSearchParams(query) : ''}`,
    { headers, redirect: 'manual' });
  return { status: r.status, type: r.headers.get('content-type'), headers: r.headers, text: await r.text() };
}

/** The cells of each row of the plan table, tags stripped. */
function planRows(html) {
  const body = html.match(/<table class="data wifi-plan">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/);
  assert.ok(body, 'a plan table');
  return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()));
}

const unescape = (s) => s.replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');

test('only advisors and admins see the planning page', async () => {
  const anonymous = await page(null, null);
  assert.equal(anonymous.status, 303);
  assert.equal((await page(null, tokens.member)).status, 403);
  const form = await page(null);
  assert.equal(form.status, 200);
  assert.match(form.text, /<form method="get" action="\/wifi-plans"/);
  assert.match(form.text, /name="radius_km"[^>]*value="5"/);  // the programme's radius
  assert.match(form.text, /name="sites"/);
  assert.match(form.text, /src\/territory\/reference\/adsl-defaults\.json/);  // parameters shown
  assert.doesNotMatch(form.text, /wifi-plan"/);
});

test('a bad form is shown again with a message per field, and nothing is planned', async () => {
  const r = await page({ plan: '1', radius_km: '0', relays: 'three', sites: 'Tower; 43.8\nMill; 95; 1' });
  assert.equal(r.status, 422);
  assert.match(r.text, /class="form-error" role="alert"/);
  assert.match(r.text, /id="radius_km-error"/);
  assert.match(r.text, /id="relays-error"/);
  assert.match(r.text, /id="sites-error">[^<]*Line 1:[^<]*Line 2:/);
  assert.match(r.text, /value="three"/);  // what was typed stays
  assert.match(r.text, /Tower; 43.8/);
  const both = await page({ plan: '1', radius_km: '5', relays: '3', target_percent: '20' });
  assert.equal(both.status, 422);
  assert.match(both.text, /id="target_percent-error"/);
  const download = await page(null, tokens.advisor, '/wifi-plans/plan.geojson');
  assert.equal(download.status, 422);
  assert.match(download.type, /application\/problem\+json/);
});

test('the Gers: the plan table matches the API, with a given site, a download and a map link', async (t) => {
  if (!HAVE_DATA) return t.skip(`no shared data at ${GERS}`);
  assert.equal(cli(['import', 'communes', COMMUNES, '--db', server.db.url, '--programme', 'gers']).status, 0);
  assert.equal(cli(['import', 'exchanges', EXCHANGES, '--db', server.db.url, '--programme', 'gers']).status, 0);
  const query = { plan: '1', radius_km: '5', relays: '4', sites: TOWER };
  const r = await page(query);
  assert.equal(r.status, 200, r.text);
  const rows = planRows(r.text);
  assert.equal(rows.length, 4);

  const api = await fetch(server.url + '/api/v1/wifi-plans', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.advisor}` },
    body: JSON.stringify({ radius_km: 5, relays: 4,
      candidates: [{ name: "Château d'eau de Fleurance", lat: 43.848, lon: 0.663 }] }),
  });
  const plan = await api.json();
  assert.equal(api.status, 200, JSON.stringify(plan));
  plan.relays.forEach((relay, i) => {
    const [rank, site, , people, , cumulative] = rows[i];
    assert.equal(rank, String(i + 1));
    assert.ok(unescape(site).startsWith(relay.name), `${site} / ${relay.name}`);
    assert.equal(people, Math.round(relay.population_gained).toLocaleString('en-US'));
    assert.equal(cumulative, (relay.cumulative_share * 100).toFixed(1) + '%');
  });
  // The bound the plan reports, and the parameters it was computed with.
  assert.match(r.text, new RegExp(`more than ${Math.round(plan.bounds.upper_bound_population).toLocaleString('en-US')} people`));
  assert.match(r.text, /Computed with the parameters src\/territory\/reference\/adsl-defaults\.json/);

  const download = unescape(r.text.match(/href="([^"]+)" download id="wifi-geojson"/)[1]);
  const geo = await fetch(server.url + download, { headers: { authorization: `Bearer ${tokens.advisor}` } });
  assert.equal(geo.status, 200);
  assert.match(geo.headers.get('content-type'), /application\/geo\+json/);
  assert.match(geo.headers.get('content-disposition'), /attachment; filename="wifi-plan.geojson"/);
  const features = (await geo.json()).features;
  assert.equal(features.filter((f) => f.properties.kind === 'relay').length, 4);
  assert.equal(features.filter((f) => f.properties.kind === 'disc').length, 4);
  assert.deepEqual(features.filter((f) => f.properties.kind === 'relay').map((f) => f.properties.name),
    plan.relays.map((x) => x.name));

  const mapHref = unescape(r.text.match(/href="([^"]+)" id="wifi-map"/)[1]);
  assert.ok(mapHref.startsWith('/map?wifi='));
  const map = await fetch(server.url + mapHref);
  const mapText = await map.text();
  assert.equal(map.status, 200);
  const layer = unescape(mapText.match(/data-wifi-plan="([^"]+)"/)[1]);
  assert.equal(layer, download);
});
