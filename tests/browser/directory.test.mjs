// Browser test: a member fills the profile form and appears in the directory; another member
// finds her by typing a word without its accent, and follows nothing hidden from members.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, loggedIn as signIn } from '../lib/browser.mjs';
import { startServer, PASSWORD, cli } from '../lib/harness.mjs';

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
