// Browser test: a member fills the profile form and appears in the directory; another member
// finds her by typing a word without its accent, and follows nothing hidden from members.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, loggedIn as signIn } from '../lib/browser.mjs';
import path from 'node:path';
import { startServer, PASSWORD, cli, tokenFor } from '../lib/harness.mjs';
import { GERS, needData } from '../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const noData = needData(COMMUNES);
// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1f9a70000000049454e44ae426082', 'hex');

let server;
let browser;

before(async () => {
  server = await startServer();
  for (const [email, name] of [['elodie@example.org', 'Élodie Durand'], ['marc@example.org', 'Marc Lefèvre']]) {
    const r = cli(['user', 'add', email, '--role', 'member', '--name', name, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const loggedIn = (email) => signIn(browser, server.url, email, PASSWORD);

test('a member fills her profile and is found by an accent-less search', async () => {
  const elodie = await loggedIn('elodie@example.org');
  const marc = await loggedIn('marc@example.org');
  try {
    const { page } = elodie;
    await page.getByRole('link', { name: 'Annuaire' }).click();
    await page.getByRole('link', { name: 'Mon profil' }).click();
    await page.getByLabel('Apparaître dans l\'annuaire des membres').check();
    await page.getByLabel('Statut').selectOption('independent');
    await page.getByLabel('Compétences').fill('Développement web, Accessibilité');
    await page.getByLabel('Présentation').fill('Développeuse web installée à Gimont, télétravail depuis 2025.');
    await page.getByLabel('Site web').fill('https://elodie.example.org');
    // The website for the advisors only.
    await page.locator('input[name="show_website"][value="advisors"]').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/profile\?saved=1$/);
    await page.getByRole('status').getByText('Profil enregistré.').waitFor();
    assert.equal(await page.getByLabel('Compétences').inputValue(), 'Développement web, Accessibilité');

    const search = marc.page;
    await search.goto('/members');
    await search.getByRole('searchbox', { name: 'Rechercher' }).fill('developpement');
    await search.getByRole('button', { name: 'Chercher' }).click();
    const card = search.locator('#members li');
    await card.first().waitFor();
    assert.equal(await card.count(), 1);
    assert.match(await card.innerText(), /Élodie Durand/);
    assert.match(await card.innerText(), /Indépendant·e/);
    assert.match(await card.innerText(), /Accessibilité/);
    assert.doesNotMatch(await card.innerText(), /elodie\.example\.org/, 'the website is for the advisors');
    await search.getByRole('searchbox', { name: 'Rechercher' }).fill('menuisier');
    await search.getByRole('button', { name: 'Chercher' }).click();
    await search.getByText('Aucun membre ne correspond.').waitFor();
  } finally {
    await elodie.context.close();
    await marc.context.close();
  }
});

// The cards' photos load lazily: bring the photo into view and wait for its load or error
// before reading its width, so that the check does not race the image request.
async function photoLoads(img) {
  await img.scrollIntoViewIfNeeded();
  return img.evaluate((el) => new Promise((resolve) => {
    const done = () => resolve(el.naturalWidth === 1);
    if (el.complete) done();
    else { el.addEventListener('load', done); el.addEventListener('error', done); }
  }));
}

test('a member ticks skills of the list, adds a photo, shows herself on her village page and on the skills map', { skip: noData }, async () => {
  assert.equal(cli(['import', 'communes', COMMUNES, '--db', server.db.url, '--programme', 'gers']).status, 0);
  const advisor = await tokenFor(server, 'advisor@example.org');
  const put = await fetch(server.url + '/api/v1/skills', {
    method: 'PUT', headers: { authorization: `Bearer ${advisor}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Numérique : Développement web, Graphisme\nArtisanat : Menuiserie' }),
  });
  assert.equal(put.status, 200, await put.text());
  const elodie = await loggedIn('elodie@example.org');
  const visitor = await browser.newContext({ baseURL: server.url });
  try {
    const { page } = elodie;
    await page.goto('/profile');
    await page.getByLabel('Apparaître dans l\'annuaire des membres').check();
    await page.getByLabel('Graphisme').check();
    await page.getByLabel('Autres compétences').fill('Typographie');
    await page.getByLabel('Commune (code INSEE)').fill('32013');
    await page.getByLabel('Arrivée dans le Gers (mois)').fill('2025-09');
    await page.getByLabel('Présentation').fill('Graphiste à Auch.');
    for (const field of ['village', 'presentation', 'photo']) {
      await page.locator(`input[name="show_${field}"][value="public"]`).check();
    }
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/profile\?saved=1$/);
    await page.getByLabel('Fichier (JPEG ou PNG)').setInputFiles({ name: 'moi.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Envoyer la photo' }).click();
    await page.waitForURL(/\/profile\?saved=1$/);
    assert.ok(await photoLoads(page.locator('img.avatar')));
    assert.ok(await page.getByLabel('Graphisme').isChecked());

    const anonymous = await visitor.newPage();
    await anonymous.goto('/villages/32013');
    const card = anonymous.locator('#solos li');
    await card.first().waitFor();
    assert.match(await card.innerText(), /Élodie Durand/);
    assert.match(await card.innerText(), /Graphiste à Auch\./);
    assert.doesNotMatch(await card.innerText(), /Graphisme/, 'skills stay with members');
    assert.ok(await photoLoads(card.locator('img.avatar')), 'the public photo loads');

    await page.goto('/members/map');
    await page.getByLabel('Catégorie').selectOption('Numérique');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.locator('#skills-map[data-ready="1"]').waitFor();
    assert.equal(await page.locator('#skills-map path.skills-point').count(), 1);
    await page.getByRole('link', { name: 'Auch' }).click();
    await page.locator('#members li').first().waitFor();
    assert.match(await page.locator('#members').innerText(), /Élodie Durand/);
  } finally {
    await elodie.context.close();
    await visitor.close();
  }
});
