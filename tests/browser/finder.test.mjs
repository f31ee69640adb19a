// Browser test of the village finder on the demo database: a visitor fills the finder in French
// (work, household, a home to rent with a budget), sees the villages ranked with every criterion
// met or not and its figure, opens a village page, asks to be accompanied with the needs carried
// over, and gets the confirmation; an advisor logs in and sees the request, then marks it handled.
// The finder also works with JavaScript disabled. Screenshots of the results and of the village
// page (desktop and phone) are left in build/screenshots/ to look at. Skips without ../shared/data.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { demoDatabase, launch } from '../lib/harness.mjs';
import { SKIP } from '../lib/villages.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));

let server;
let browser;
let accounts;

before(async () => {
  if (SKIP) return;
  const demo = demoDatabase();
  accounts = demo.accounts;
  server = await launch(demo.db);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function frenchContext(options = {}) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
  context.setDefaultTimeout(20000);
  return context;
}

/** Fills the finder's form by its French labels and sends it. */
async function fillFinder(page) {
  await page.goto('/trouver-mon-village');
  await page.getByLabel('Débit minimum en réception (Mbit/s)').fill('2');
  await page.getByLabel('Distance maximale à un télécentre ou un espace de coworking (km, à vol d\'oiseau)').fill('25');
  await page.getByLabel('Taille du foyer (facultatif)').fill('3');
  await page.getByLabel('Distance maximale à une école (km, à vol d\'oiseau ; facultatif)').fill('5');
  await page.getByLabel('louer', { exact: true }).check();
  await page.getByLabel(/^Budget maximum/).fill('800');
  await page.getByRole('button', { name: 'Trouver mon village' }).click();
  await page.getByRole('heading', { name: /Résultats, villages classés \(\d+\)/ }).waitFor();
}

test('a visitor finds villages with reasons, opens one and asks to be accompanied; an advisor sees it', { skip: SKIP }, async () => {
  const visitor = await frenchContext();
  const page = await visitor.newPage();
  await fillFinder(page);
  const items = page.locator('ol.finder-results > li');
  const count = await items.count();
  assert.equal(count, 18, 'every host and associated village of the demo is ranked');
  // Every village says, for each criterion, met or not, with its figure.
  const first = items.first();
  const criteria = await first.locator('ul.criteria li').allTextContents();
  assert.equal(criteria.length, 4);
  assert.match(criteria[0], /Débit ADSL2\+ attendu : [\d,]+ Mbit\/s \(vous demandez au moins 2,0\)|Pas d'ADSL attendu/);
  assert.match(criteria[1], /km à vol d'oiseau \(au plus 25,0 km\)/);
  assert.match(criteria[2], /École la plus proche à [\d,]+ km à vol d'oiseau \(au plus 5,0 km\)|Aucune école signalée/);
  assert.match(criteria[3], /Logements à louer disponibles \(loyer jusqu'à 800 € par mois, 3 pièces ou plus\) : \d+/);
  for (const text of criteria) assert.match(text, /^(✔ Rempli|✘ Non rempli) :/);
  // Ranked by criteria met: the figures shown never go up down the list.
  const met = await items.locator(':scope > p strong').allTextContents();
  const numbers = met.map((t) => Number(t.match(/(\d+) \/ 4/)[1]));
  for (let i = 1; i < numbers.length; i++) assert.ok(numbers[i - 1] >= numbers[i], numbers.join(' '));
  await page.getByText('Comment nous classons les villages').waitFor();
  // The services of a demo host, nearest of each kind.
  assert.match(await items.filter({ hasText: 'village d\'accueil' }).first().locator('p.services').textContent(),
    /Services \(à vol d'oiseau\) : .*Gare [\d,]+ km/);
  // A fitting home is listed under its village.
  const withHome = items.filter({ has: page.locator('ul.homes li') }).first();
  assert.match(await withHome.locator('ul.homes li').first().textContent(), /€ par mois · \d pièces/);
  await page.screenshot({ path: `${SCREENSHOTS}finder-results.png`, fullPage: false });

  // The village page.
  const name = (await withHome.locator('h3 a').textContent()).trim();
  await withHome.getByRole('link', { name: 'Voir le village' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
  await page.getByRole('heading', { name: 'Comité d\'accueil' }).waitFor();
  await page.getByText('Données de démonstration : le comité, les services et les annonces de ce village sont fictifs.').waitFor();
  assert.ok(await page.locator('section#annonces li.listing').count() >= 1);
  assert.match(await page.locator('table.data').first().textContent(), /Gare/);
  await page.screenshot({ path: `${SCREENSHOTS}village-page.png`, fullPage: true });

  // Back to the results, "ask to be accompanied" from the same village carries the needs over.
  await page.goBack();
  await withHome.getByRole('link', { name: 'Demander à être accompagné' }).click();
  await page.getByRole('heading', { level: 1, name: 'Demander à être accompagné' }).waitFor();
  await page.getByText(/Taille du foyer : 3/).waitFor();
  await page.getByRole('link', { name }).waitFor();
  await page.getByLabel('Nom', { exact: true }).fill('Camille et Sacha Lefèvre');
  await page.getByLabel('Adresse e-mail').fill('famille.lefevre@example.org');
  await page.getByLabel('Votre projet, vos questions').fill('Nous cherchons une maison à louer près d\'une école.');
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await page.getByRole('heading', { name: 'Demande envoyée' }).waitFor();
  await page.getByText('Votre demande est enregistrée', { exact: false }).waitFor();
  await visitor.close();

  // The advisor.
  const staff = await frenchContext();
  const desk = await staff.newPage();
  await desk.goto('/login');
  await desk.getByLabel('Adresse e-mail', { exact: true }).fill(accounts.advisor.email);
  await desk.getByLabel('Mot de passe', { exact: true }).fill(accounts.advisor.password);
  await desk.getByRole('button', { name: 'Se connecter' }).click();
  await desk.waitForURL(/\/account$/);
  await desk.getByRole('link', { name: 'Demandes' }).click();
  const card = desk.locator('li.request').filter({ hasText: 'Camille et Sacha Lefèvre' });
  await card.waitFor();
  assert.match(await card.textContent(), /famille\.lefevre@example\.org/);
  assert.match(await card.textContent(), /Nous cherchons une maison à louer/);
  await card.getByRole('button', { name: 'Marquer comme traitée' }).click();
  await desk.getByRole('heading', { name: 'Demandes traitées' }).waitFor();
  assert.match(await desk.locator('table.data').textContent(), /Camille et Sacha Lefèvre/);
  await staff.close();
});

test('the finder works without JavaScript and on a phone', { skip: SKIP }, async () => {
  const context = await frenchContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await fillFinder(page);
  assert.equal(await page.locator('ol.finder-results > li').count(), 18);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
  await page.screenshot({ path: `${SCREENSHOTS}finder-phone.png`, fullPage: false });
  // A bad figure is named next to its field.
  await page.getByLabel('Taille du foyer (facultatif)').fill('trois');
  await page.getByRole('button', { name: 'Trouver mon village' }).click();
  await page.locator('#household_size-error').waitFor();
  assert.match(await page.locator('#household_size-error').textContent(), /Nombre attendu/);
  await context.close();
});
