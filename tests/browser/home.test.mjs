// Browser test of the home page on the demo database: without JavaScript it says what the
// programme is, gives its figures, asks the finder's first question (and the answer opens the
// finder's results), lists the host and associated villages with their expected rate (honest
// "unknown" on the demo's partial exchange list) and the workspaces, and the next club meetings;
// with JavaScript a small map places every listed village and workspace, and a click on a
// village opens its page. In English, no French text of the catalogue is left on the public pages.
// A screenshot is left in build/screenshots/ to look at. Skips without ../shared/data.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { demoDatabase, launch } from '../lib/harness.mjs';
import { SKIP } from '../lib/villages.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));
const MESSAGES = (lang) => JSON.parse(readFileSync(new URL(`../../src/core/messages/${lang}.json`, import.meta.url), 'utf8'));

let server;
let browser;
let api; // what the API says, to compare the page with

before(async () => {
  if (SKIP) return;
  server = await launch(demoDatabase().db);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const get = async (p) => (await fetch(server.url + p)).json();
  api = { villages: (await get('/api/v1/villages')).items, sites: (await get('/api/v1/sites')).items, events: (await get('/api/v1/events')).items };
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function context(options = {}) {
  const c = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
  c.setDefaultTimeout(20000);
  return c;
}

test('without JavaScript the home page gives the figures, the villages, the workspaces, the club and the finder', { skip: SKIP }, async () => {
  const c = await context({ javaScriptEnabled: false });
  try {
    const page = await c.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Soho Solo Gers' }).waitFor();
    assert.equal(await page.locator('#figures > div').count(), 4, 'the four public figures');
    assert.ok(!(await page.locator('#home-map').isVisible()), 'no empty map without JavaScript');

    const villages = page.locator('#home-villages li');
    assert.equal(await villages.count(), api.villages.length);
    const listed = await villages.locator('a').allInnerTexts();
    assert.deepEqual(new Set(listed), new Set(api.villages.map((v) => v.nom)));
    const hosts = api.villages.filter((v) => v.role === 'host').length;
    assert.ok((await villages.nth(hosts - 1).innerText()).includes("village d'accueil"), 'host villages first');
    const text = await page.locator('#home-villages').innerText();
    assert.doesNotMatch(text, /pas d'ADSL/);
    const unknown = api.villages.filter((v) => v.class === 'unknown').length;
    assert.equal(text.split('inconnu (aucun central connu à proximité)').length - 1, unknown);

    assert.equal(await page.locator('#home-sites li').count(), api.sites.length);
    const upcoming = api.events.filter((e) => !e.cancelled).slice(0, 3);
    assert.ok(upcoming.length > 0, 'the demo announces club meetings');
    assert.deepEqual(await page.locator('#home-events li a').allInnerTexts(), upcoming.map((e) => e.title));

    // The finder's first question, answered here, opens the finder's results.
    await page.getByLabel('Débit minimum en réception (Mbit/s)').fill('2');
    await page.getByLabel(/Distance maximale à un télécentre/).fill('20');
    await page.getByRole('button', { name: 'Voir les villages qui me conviennent' }).click();
    await page.waitForURL(/\/trouver-mon-village\?min_mbps=2&max_km_to_workspace=20/);
    assert.ok(await page.locator('#resultats li.village').count() > 0);
  } finally {
    await c.close();
  }
});

test('with JavaScript a small map places every listed village and workspace; a click opens the village', { skip: SKIP }, async () => {
  const c = await context({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await c.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto('/');
    await page.locator('#home-map[data-ready="1"]').waitFor();
    assert.ok(await page.locator('#home-map-legend').isVisible());
    const withPoint = await page.locator('#home-villages li[data-lat]').count();
    assert.equal(withPoint, api.villages.length);
    assert.equal(await page.locator('#home-map path.village-marker').count(), withPoint);
    assert.equal(await page.locator('#home-map path.village-marker.village-host').count(),
      api.villages.filter((v) => v.role === 'host').length);
    assert.equal(await page.locator('#home-map .site-marker').count(),
      api.sites.filter((s) => typeof s.latitude === 'number' && typeof s.longitude === 'number').length);
    await page.locator('#home-map path.home-commune').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}home-1280.png`, fullPage: true });
    await page.locator('#home-map path.village-marker').first().dispatchEvent('click');
    await page.waitForURL(/\/villages\/\d{5}$/);
    assert.deepEqual(problems, []);
  } finally {
    await c.close();
  }
});

test('in English, the public pages keep no French text of the catalogue', { skip: SKIP }, async () => {
  const fr = MESSAGES('fr');
  const en = MESSAGES('en');
  // Catalogue texts that differ between the languages and are long enough to be sentences (short
  // ones, such as "Distance", may be the same word in both).
  const french = Object.entries(fr).filter(([k, v]) => en[k] !== v && v.length >= 16 && !v.includes('{')).map(([, v]) => v);
  const dataNames = [...api.sites.map((s) => s.name), ...api.events.map((e) => e.title), ...api.events.map((e) => e.place ?? '')]
    .filter((name) => name).sort((a, b) => b.length - a.length);
  const c = await context({ locale: 'en-GB' });
  try {
    const page = await c.newPage();
    await page.goto('/lang/en?next=/');
    const far = api.villages.find((v) => v.class === 'unknown')?.code ?? api.villages[0].code;
    for (const path of ['/', '/trouver-mon-village', '/trouver-mon-village?min_mbps=8&max_km_to_workspace=15',
      '/villages', `/villages/${far}`, '/map', '/sites', '/events', `/communes/${far}`]) {
      await page.goto(path);
      let html = (await page.content()).replaceAll('&apos;', "'").replaceAll('&#39;', "'");
      // Names are data, in the language they were given in ("Espace de coworking d'Auch").
      for (const name of dataNames) html = html.replaceAll(name, '');
      const left = french.filter((text) => html.includes(text));
      assert.deepEqual(left, [], `${path} in English still says`);
    }
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: 'Which village for you?' }).waitFor();
  } finally {
    await c.close();
  }
});
