// Browser test of the territory pages on the demo database (the demo imports the Gers: 458
// communes and the 27 exchanges OpenStreetMap knows, about a tenth of the real ones):
// - /map with JavaScript: Leaflet draws one SVG path per commune, coloured by rate band, the
//   exchanges and the demo's telecentres and coworking spaces, a legend; clicking Eauze opens its
//   figures and a link to its page; nothing is fetched from another origin and the CSP holds.
// - /map without JavaScript: the coverage figures at 2 and 8 Mbit/s (area and population shares,
//   as the API computes them), the warning that the exchange list may be partial, and the link to
//   the table.
// - /communes: accent-insensitive search through the form, pagination, and Eauze's page with its
//   figures and its sentence in French number formatting.
// - /wifi-plans as the demo advisor: a plan of 3 relays (one candidate a given water tower) as a
//   table, then "show on the map" draws its relays and their discs as a layer of the map.
// Screenshots of the map at 1280x800 and 390x844 are left in build/screenshots/ to look at.
// Skips when ../shared/data (the Gers files) is absent.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { cli, freshDatabase, launch } from '../lib/harness.mjs';
import { needData } from '../lib/shared_data.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GERS = path.resolve(REPO, '..', 'shared', 'data', 'gers');
const HAVE_DATA = !needData(...['communes-32-gers-cog2026.geojson', 'nra-osm-gers.csv'].map((f) => path.join(GERS, f)));
const SKIP = HAVE_DATA ? false : `no Gers data at ${GERS}`;
const SCREENSHOTS = path.join(REPO, 'build', 'screenshots');
const EAUZE = '32119';
const NNBSP = '\u202f'; // French groups thousands and sets off % with a narrow no-break space.
/** A commune name with markup: the map must show it as text. */
const MARKUP_NAME = 'Saint-<img src=x onerror="document.title=1"><b>Piège</b>';

let server;
let browser;
/** The demo advisor's e-mail and password, from the credentials file `demo` writes. */
let advisor;
/** What the JSON API says, to compare the pages with. */
const api = {};

/** A number as the French pages write it: decimal comma, grouped thousands. */
function fr(value, decimals) {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return (value < 0 && Number(whole + (fraction ?? '')) !== 0 ? '-' : '') + grouped + (fraction ? ',' + fraction : '');
}

async function getJson(pathAndQuery) {
  const r = await fetch(server.url + pathAndQuery);
  assert.equal(r.status, 200, `${pathAndQuery}: ${r.status}`);
  return r.json();
}

before(async () => {
  if (!HAVE_DATA) return;
  const db = freshDatabase();
  const credentials = path.join(db.dir ?? '/tmp', `demo-${process.pid}.txt`);
  const r = cli(['demo', '--db', db.url, '--credentials-file', credentials]);
  assert.equal(r.status, 0, r.stderr);
  for (const line of readFileSync(credentials, 'utf8').split('\n')) {
    const [role, email, password] = line.trim().split('\t');
    if (role === 'advisor') advisor = { email, password };
  }
  // A programme of its own whose one commune has markup in its name, for the tooltip test (the
  // server reads programmes and host names when it starts).
  const trap = path.join(db.dir ?? '/tmp', `piege-${process.pid}.geojson`);
  writeFileSync(trap, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature',
    properties: { code: '99001', nom: MARKUP_NAME, population: 100 },
    geometry: { type: 'Polygon', coordinates: [[[0.5, 43.6], [0.6, 43.6], [0.6, 43.7], [0.5, 43.7], [0.5, 43.6]]] } }] }));
  for (const args of [['programme', 'add', 'piege', '--name', 'Piège', '--host', 'piege.localhost'],
    ['import', 'communes', trap, '--programme', 'piege']]) {
    const done = cli([...args, '--db', db.url]);
    assert.equal(done.status, 0, done.stderr + done.stdout);
  }
  server = await launch(db, { threads: 4 });
  api.communes = await getJson('/api/v1/geo/communes.geojson');
  api.exchanges = await getJson('/api/v1/geo/exchanges.geojson');
  api.sites = await getJson('/api/v1/sites');
  api.eauze = await getJson(`/api/v1/communes/${EAUZE}/connectivity`);
  api.coverage = {};
  for (const threshold of [2, 8]) api.coverage[threshold] = await getJson(`/api/v1/coverage?threshold_mbps=${threshold}`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A French browser context; `problems` collects console errors, failed requests and requests
 * to any other origin than the server's (the page must need no tile server nor CDN). */
async function frenchContext(problems, options = {}) {
  // Less motion: map.js then turns Leaflet's animations off, so screenshots catch no transition.
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris',
    reducedMotion: 'reduce', ...options });
  context.setDefaultTimeout(30000);
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== server.url && url.protocol !== 'data:') problems.push(`request to another origin: ${r.url()}`);
  });
  context.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  context.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  context.on('console', (m) => {
    // The site has no favicon yet (not this page's business); Chromium asks for one anyway.
    if (m.type() === 'error' && !m.location()?.url?.endsWith('/favicon.ico')) problems.push(`console: ${m.text()} ${m.location()?.url}`);
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  return context;
}

/** Opens /map and waits until Leaflet has drawn the communes. */
async function openMap(page) {
  await page.goto('/map');
  await page.getByRole('heading', { level: 1, name: 'Carte de la connexion' }).waitFor();
  await page.locator('#map.is-ready').waitFor();
  await page.locator('#map path.commune').first().waitFor();
}

/** Resolves once `locator`'s box stops moving (a popup pans the map into view when it opens). */
async function settled(page, locator) {
  let last = null;
  for (let i = 0; i < 50; ++i) {
    const box = await locator.boundingBox();
    if (last && box && JSON.stringify(box) === JSON.stringify(last)) return box;
    last = box;
    await page.waitForTimeout(100);
  }
  throw new Error('still moving');
}

/** A point of the screen where `locator` is the topmost element (found by probing its box). */
async function pointOn(page, locator) {
  const handle = await locator.elementHandle();
  const point = await page.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    // From the centre outwards, so the point is well inside when the shape allows.
    for (let r = 0; r <= 0.5; r += 0.05) {
      for (let a = 0; a < 2 * Math.PI; a += Math.PI / 8) {
        const x = cx + Math.cos(a) * r * box.width;
        const y = cy + Math.sin(a) * r * box.height;
        if (document.elementFromPoint(x, y) === el) return { x, y };
        if (r === 0) break;
      }
    }
    return null;
  }, handle);
  assert.ok(point, 'the shape has a visible point to click');
  return point;
}

test('the map draws every commune by rate band, the exchanges, the sites and a legend; a click shows a commune\'s figures',
  { skip: SKIP }, async () => {
    const problems = [];
    const context = await frenchContext(problems, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await openMap(page);
      const communes = api.communes.features.length;
      assert.equal(communes, 458, 'the demo imported the 458 communes of the Gers');
      assert.equal(await page.locator('#map path.commune').count(), communes, 'one path per commune');

      // Each path carries the band of its commune's expected rate, and the bands have colours.
      const bands = await page.locator('#map path.commune').evaluateAll((paths) => {
        const seen = {};
        for (const p of paths) {
          const band = [...p.classList].find((c) => c.startsWith('band-'));
          const fill = getComputedStyle(p).fill;
          seen[band] = seen[band] ?? new Set();
          seen[band].add(fill);
        }
        return Object.fromEntries(Object.entries(seen).map(([b, fills]) => [b, [...fills]]));
      });
      const expected = new Set(api.communes.features.map(({ properties: p }) =>
        p.class === 'unknown' ? 'band-unknown' : p.class === 'none' ? 'band-0' : p.class === 'readsl' ? 'band-1'
          : `band-${p.adsl2plus_mbps < 2 ? 2 : p.adsl2plus_mbps < 8 ? 3 : p.adsl2plus_mbps < 15 ? 4 : 5}`));
      assert.deepEqual(new Set(Object.keys(bands)), expected, 'the bands drawn are those of the API\'s rates');
      // The demo's exchange list is partial: no commune is painted "no ADSL", the far ones are unknown.
      assert.ok(!('band-0' in bands) && 'band-unknown' in bands, Object.keys(bands).join(' '));
      for (const [band, fills] of Object.entries(bands)) assert.equal(fills.length, 1, `${band} has one colour`);
      assert.equal(new Set(Object.values(bands).flat()).size, Object.keys(bands).length, 'each band its own colour');
      assert.equal(await page.locator(`#map path.commune[data-code="${EAUZE}"]`).count(), 1);
      assert.match(await page.locator(`#map path.commune[data-code="${EAUZE}"]`).getAttribute('class'), /\bband-3\b/,
        'Eauze (2.8 Mbit/s) is in the 2-8 Mbit/s band');

      // Exchanges, and the telecentres and coworking spaces placed by their coordinates.
      assert.equal(await page.locator('#map path.exchange').count(), api.exchanges.features.length);
      const placed = api.sites.items.filter((s) => typeof s.latitude === 'number' && typeof s.longitude === 'number');
      assert.ok(placed.length > 0, 'the demo sites have coordinates');
      assert.equal(await page.locator('#map .site-marker').count(), placed.length);
      assert.equal(await page.locator('#map .site-marker.site-telecentre').count(),
        placed.filter((s) => s.kind !== 'coworking').length);

      // On a wide screen the legend sits on the map and names the bands, the exchanges inside and
      // outside the territory, the two kinds of sites, and how many exchanges the colours rest on.
      const legend = page.locator('#map .map-legend');
      await legend.waitFor();
      const legendText = await legend.innerText();
      for (const text of ['Débit ADSL2+ attendu', 'Inconnu (aucun central connu à proximité)', 'READSL seulement', '< 2 Mbit/s', '2–8 Mbit/s',
        '8–15 Mbit/s', '≥ 15 Mbit/s', 'Centraux téléphoniques', 'hors du territoire', 'Télécentre', 'Espace de coworking',
        `Couleurs calculées avec ${api.exchanges.features.length} centraux connus ; la liste peut être partielle`]) {
        assert.ok(legendText.includes(text), `the legend says "${text}": ${legendText}`);
      }
      // The territory is framed beside the legend, not under it.
      const legendBox = await legend.boundingBox();
      const eastmost = await page.locator('#map path.commune').evaluateAll((paths) =>
        Math.max(...paths.map((p) => p.getBoundingClientRect().right)));
      assert.ok(eastmost <= legendBox.x + 1, `communes under the legend: ${eastmost} > ${legendBox.x}`);

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.locator('#map').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'map-1280x800.png') });

      // A click on Eauze opens its figures, the same as the API's, in French.
      const eauze = api.eauze;
      const point = await pointOn(page, page.locator(`#map path.commune[data-code="${EAUZE}"]`));
      await page.mouse.click(point.x, point.y);
      const popup = page.locator('#map .leaflet-popup-content');
      await popup.waitFor();
      await settled(page, popup);
      const text = await popup.innerText();
      assert.match(text, /^Eauze/);
      for (const figure of [`${fr(eauze.adsl2plus_mbps, 1)} Mbit/s`, `${fr(eauze.adsl_mbps, 1)} Mbit/s`,
        `${fr(eauze.distance_km, 1)} km`, fr(eauze.commune.population, 0), 'ADSL']) {
        assert.ok(text.includes(figure), `the popup shows ${figure}: ${text}`);
      }
      assert.equal(fr(eauze.adsl2plus_mbps, 1), '2,8', 'the hand-checked Eauze answer (see territory_api.test.mjs)');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'map-1280x800-popup.png') });
      const link = popup.getByRole('link', { name: 'Fiche de la commune' });
      assert.equal(await link.getAttribute('href'), `/communes/${EAUZE}`);
      await link.click();
      await page.waitForURL(`**/communes/${EAUZE}`);
      await page.getByRole('heading', { level: 1, name: 'Eauze' }).waitFor();

      // A commune beyond every known exchange: its figures say "unknown", never a rate of zero.
      const far = api.communes.features.find(({ properties: p }) => p.class === 'unknown').properties;
      await openMap(page);
      const farPoint = await pointOn(page, page.locator(`#map path.commune[data-code="${far.code}"]`));
      await page.mouse.click(farPoint.x, farPoint.y);
      await popup.waitFor();
      await settled(page, popup);
      const farText = await popup.innerText();
      assert.ok(farText.includes('Inconnu (aucun central connu à proximité)'), farText);
      assert.ok(!farText.includes('Mbit/s'), farText);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

test('the map fits a phone screen and a tap shows the figures (screenshot 390x844)', { skip: SKIP }, async () => {
  const problems = [];
  const context = await frenchContext(problems, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    deviceScaleFactor: 2 });
  const page = await context.newPage();
  try {
    await openMap(page);
    assert.equal(await page.locator('#map path.commune').count(), api.communes.features.length);
    const box = await page.locator('#map').boundingBox();
    assert.ok(box.width >= 340 && box.width <= 390, `the map spans the screen: ${JSON.stringify(box)}`);
    assert.ok(box.height >= 300, `the map is tall enough to use: ${JSON.stringify(box)}`);
    const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.equal(scroll[0], scroll[1], 'the page does not scroll sideways');
    // On a narrow screen the legend would hide too much of the map: it comes right below it.
    assert.equal(await page.locator('#map .map-legend').count(), 0);
    const legend = await page.locator('.map-legend.is-outside').boundingBox();
    assert.ok(legend && legend.y >= box.y + box.height - 1 && legend.x >= 0 && legend.x + legend.width <= 390,
      `the legend is below the map and on screen: ${JSON.stringify({ legend, box })}`);
    assert.match(await page.locator('.map-legend.is-outside').innerText(), /Débit ADSL2\+ attendu[\s\S]*Pas d'ADSL/);

    await page.evaluate(() => window.scrollTo(0, document.getElementById('map').getBoundingClientRect().top + window.scrollY - 8));
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-390x844.png') });

    const point = await pointOn(page, page.locator(`#map path.commune[data-code="${EAUZE}"]`));
    await page.touchscreen.tap(point.x, point.y);
    const popup = page.locator('#map .leaflet-popup-content');
    await popup.waitFor();
    await settled(page, popup);
    assert.match(await popup.innerText(), /Eauze[\s\S]*2,8 Mbit\/s/);
    const popupBox = await page.locator('#map .leaflet-popup').boundingBox();
    assert.ok(popupBox.width <= 390, `the popup fits the screen: ${JSON.stringify(popupBox)}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-390x844-popup.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the map page gives the coverage figures, says the exchange list may be partial, and links to the table',
  { skip: SKIP }, async () => {
    const problems = [];
    const context = await frenchContext(problems, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto('/map');
      await page.getByRole('heading', { level: 1, name: 'Carte de la connexion' }).waitFor();
      assert.equal(await page.locator('#map').isVisible(), false, 'no empty map box without JavaScript');

      const table = page.getByRole('table', { name: /Couverture ADSL2\+ estimée/ });
      await table.waitFor();
      const headers = await table.locator('thead th').allInnerTexts();
      assert.deepEqual(headers, ['Débit', 'Part de la surface', 'Part de la population']);
      for (const threshold of [2, 8]) {
        const c = api.coverage[threshold];
        const row = table.getByRole('row', { name: new RegExp(`^Au moins ${threshold} Mbit/s`) });
        const cells = await row.locator('td').allInnerTexts();
        assert.equal(cells.length, 2);
        assert.ok(cells[0].startsWith(`${fr(c.area_share * 100, 1)}${NNBSP}%`), `area share at ${threshold}: ${cells[0]}`);
        assert.ok(cells[0].includes(`sur ${fr(c.territory_area_km2, 0)} km²`), cells[0]);
        assert.ok(cells[1].startsWith(`${fr(c.population_share * 100, 1)}${NNBSP}%`), `population share at ${threshold}: ${cells[1]}`);
        assert.ok(cells[1].includes(`sur ${fr(c.population, 0)} habitants`), cells[1]);
      }
      // Which share is which, and what the figures rest on.
      const main = await page.locator('main').innerText();
      assert.match(main, /Part de la surface\s+la part de la superficie du territoire/);
      assert.match(main, /Part de la population\s+la part des habitants/);
      const exchanges = api.coverage[2].exchanges;
      assert.ok(main.includes(`Calculé avec les ${exchanges.total} centraux téléphoniques connus du programme (${exchanges.inside} dans le territoire`), main);
      assert.match(main, /Cette liste peut être partielle/);
      // The exchanges the map shows are in a table too.
      assert.equal(await page.locator('table.exchanges tbody tr').count(), api.exchanges.features.length);

      const link = page.getByRole('link', { name: 'Toutes les communes en tableau' });
      assert.ok(await link.isVisible());
      await link.click();
      await page.waitForURL('**/communes');
      await page.getByRole('heading', { level: 1, name: 'Communes et connexion attendue' }).waitFor();
      assert.equal(await page.locator('table.communes tbody tr').count(), 25);
      assert.equal(await page.getByRole('status').first().innerText(), 'Communes 1 à 25 sur 458');
      await page.getByRole('link', { name: 'Page suivante' }).click();
      await page.getByText('Communes 26 à 50 sur 458').waitFor();
      assert.equal(await page.locator('table.communes tbody tr').count(), 25);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

test('/communes?q=eauze lists Eauze, accents ignored, and its page gives its figures in French', { skip: SKIP }, async () => {
  const problems = [];
  const context = await frenchContext(problems);
  const page = await context.newPage();
  try {
    await page.goto('/communes');
    await page.getByLabel('Nom de la commune').fill('éauze');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/communes\?q=/);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'éauze');
    const rows = page.locator('table.communes tbody tr');
    assert.equal(await rows.count(), 1);
    const row = await rows.first().innerText();
    const e = api.eauze;
    for (const text of ['Eauze', EAUZE, fr(e.commune.population, 0), `${fr(e.adsl2plus_mbps, 1)} Mbit/s`, 'ADSL',
      `${fr(e.distance_km, 1)} km`]) {
      assert.ok(row.includes(text), `the row shows ${text}: ${row}`);
    }

    // The same through the address the brief names, then the commune's page.
    await page.goto('/communes?q=eauze');
    await page.getByRole('link', { name: 'Eauze', exact: true }).click();
    await page.waitForURL(`**/communes/${EAUZE}`);
    await page.getByRole('heading', { level: 1, name: 'Eauze' }).waitFor();
    assert.equal(await page.locator('p.answer').innerText(),
      `À Eauze, une ligne ADSL devrait offrir environ ${fr(e.adsl2plus_mbps, 1)} Mbit/s.`);
    const figures = Object.fromEntries(await page.locator('table.figures tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th').innerText.trim(), tr.querySelector('td').innerText.trim()])));
    assert.equal(figures['Distance en ligne droite'], `${fr(e.distance_km, 1)} km`);
    assert.equal(figures['Longueur de ligne estimée'], `${fr(e.line_length_km, 1)} km`);
    assert.equal(figures['Affaiblissement estimé (à 300 kHz)'], `${fr(e.attenuation_db, 1)} dB`);
    assert.equal(figures['Débit ADSL2+ descendant'], `${fr(e.adsl2plus_mbps, 1)} Mbit/s`);
    assert.equal(figures['Débit ADSL (ADSL1, ADSL2) descendant'], `${fr(e.adsl_mbps, 1)} Mbit/s`);
    assert.equal(figures['Service possible'], 'ADSL');
    assert.ok(figures['Central téléphonique le plus proche'].includes(e.exchange.code));
    const parameters = await page.locator('table.parameters').innerText();
    assert.ok(parameters.includes(fr(e.parameters.detour_factor, 3)), parameters);
    assert.ok(parameters.includes(`${fr(e.parameters.gauge_mm, 1)} mm`), parameters);

    // Other spellings find communes too; an unknown code is a 404 page.
    await page.goto('/communes?q=' + encodeURIComponent('isle jourdain'));
    assert.equal(await page.getByRole('link', { name: 'L\'Isle-Jourdain', exact: true }).count(), 1);
    const missing = await page.goto('/communes/99999');
    assert.equal(missing.status(), 404);
    assert.deepEqual(problems.filter((p) => !p.includes('/communes/99999')), []);
  } finally {
    await context.close();
  }
});

test('an advisor plans WiFi relays and the plan appears on the map as a layer of its own', { skip: SKIP }, async () => {
  const problems = [];
  const context = await frenchContext(problems, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(advisor.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(advisor.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account$/);

    await page.goto('/wifi-plans');
    await page.getByRole('heading', { level: 1, name: 'Planification des relais WiFi' }).waitFor();
    await page.getByLabel('Nombre de relais').fill('3');
    await page.getByLabel(/^Sites candidats supplémentaires/).fill("Château d'eau de Fleurance; 43,848; 0,663");
    await page.getByRole('button', { name: 'Placer les relais' }).click();
    await page.getByRole('heading', { level: 2, name: 'Le plan' }).waitFor();
    const rows = page.locator('table.wifi-plan tbody tr');
    assert.equal(await rows.count(), 3);
    const names = await page.locator('table.wifi-plan tbody th').allInnerTexts();

    await page.getByRole('link', { name: 'Voir le plan sur la carte' }).click();
    await page.waitForURL(/\/map\?wifi=/);
    await page.locator('#map.is-ready.has-wifi-plan').waitFor();
    assert.equal(await page.locator('#map path.wifi-disc').count(), 3, 'one disc per relay');
    assert.equal(await page.locator('#map path.wifi-relay').count(), 3, 'one marker per relay');
    assert.equal(await page.locator('#map path.commune').count(), api.communes.features.length, 'the communes too');
    // The plan is a layer of the layer control, which can hide it.
    await page.locator('#map .leaflet-control-layers').hover();
    const toggle = page.locator('#map .leaflet-control-layers-overlays label', { hasText: 'Plan WiFi' }).locator('input');
    assert.ok(await toggle.isChecked());
    await toggle.uncheck();
    assert.equal(await page.locator('#map path.wifi-disc').count(), 0, 'hidden with its layer');
    await toggle.check();
    assert.equal(await page.locator('#map path.wifi-disc').count(), 3, 'shown again with its layer');
    assert.equal(names.length, 3);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-wifi-plan-1280x800.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('names reach the map as text: a commune named with markup shows its markup in the tooltip, not an element', { skip: SKIP }, async () => {
  const problems = [];
  const context = await browser.newContext({ locale: 'fr-FR', reducedMotion: 'reduce' });
  context.on('request', (r) => { if (/\/x$/.test(r.url())) problems.push(`the markup loaded an image: ${r.url()}`); });
  const page = await context.newPage();
  try {
    await page.goto(`http://piege.localhost:${server.port}/map`);
    await page.locator('#map.is-ready').waitFor();
    const commune = page.locator('#map path.commune').first();
    await commune.hover();
    const tooltip = page.locator('.leaflet-tooltip');
    await tooltip.waitFor();
    assert.equal(await tooltip.innerText(), MARKUP_NAME);
    assert.equal(await tooltip.locator('img, b').count(), 0, 'no element made from the name');
    assert.notEqual(await page.title(), '1');
    await commune.click();
    const popup = page.locator('.leaflet-popup-content');
    await popup.waitFor();
    assert.equal(await popup.locator('img, b').count(), 0);
    assert.ok((await popup.innerText()).includes(MARKUP_NAME));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
