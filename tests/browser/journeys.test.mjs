// Browser test: a visitor asks to be accompanied from the village finder; an advisor opens a file
// from the request in one click, records the household's consent and plans a visit that the
// village's welcome committee sees and records; the advisor moves the file to settled, and the
// home page's figures change.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, loggedIn } from '../lib/browser.mjs';
import { PASSWORD, cli, demoDatabase, launch, tokenFor } from '../lib/harness.mjs';
import { SKIP } from '../lib/villages.mjs';
import { addDays, today } from '../lib/calendar.mjs';

let server;
let browser;
let accounts;

before(async () => {
  if (SKIP) return;
  const demo = demoDatabase();
  accounts = demo.accounts;
  server = await launch(demo.db);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const settledOnHome = async (page) => {
  await page.goto('/');
  const figure = page.locator('#figures div', { has: page.locator('dt', { hasText: /^foyers installés$/ }) }).locator('strong');
  return Number(await figure.textContent());
};

test('from the finder to a settled household: the request, the file, the stages, the figures', { skip: SKIP }, async () => {
  const visitor = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await visitor.newPage();
  const before = await settledOnHome(page);
  await page.goto('/trouver-mon-village');
  await page.getByLabel('Débit minimum en réception (Mbit/s)').fill('2');
  await page.getByRole('button', { name: 'Trouver mon village' }).click();
  const first = page.locator('ol.finder-results > li').first();
  const village = (await first.locator('h3 a').textContent()).trim();
  await first.getByRole('link', { name: 'Demander à être accompagné' }).click();
  await page.getByLabel('Nom', { exact: true }).fill('Famille Navarro');
  await page.getByLabel('Adresse e-mail').fill('navarro@example.org');
  await page.getByLabel('Votre projet, vos questions').fill('Deux adultes et un enfant, télétravail à Toulouse.');
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await page.getByRole('heading', { name: 'Demande envoyée' }).waitFor();

  const { context, page: desk } = await loggedIn(browser, server.url, accounts.advisor.email, accounts.advisor.password);
  try {
    await desk.getByRole('link', { name: 'Demandes' }).click();
    const card = desk.locator('li.request').filter({ hasText: 'Famille Navarro' });
    await card.getByRole('button', { name: 'Ouvrir un dossier' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Famille Navarro' }).waitFor();
    assert.equal(await desk.locator('#stage').textContent(), 'Premier contact');
    // The household and its consent, then a visit of the village.
    await desk.getByLabel('Adultes').fill('2');
    await desk.getByLabel('Âges des enfants').fill('7');
    await desk.getByLabel(/Accepte que le comité d'accueil/).check();
    await desk.getByRole('button', { name: 'Enregistrer' }).click();
    await desk.getByText('Dossier enregistré.').waitFor();
    const fileId = Number(new URL(desk.url()).pathname.split('/').pop());
    const advisorToken = await tokenFor(server, accounts.advisor.email, accounts.advisor.password);
    const file = await (await fetch(`${server.url}/api/v1/journeys/${fileId}`, { headers: { authorization: `Bearer ${advisorToken}` } })).json();
    const code = file.villages[0];
    assert.ok(code, 'the village of the request is carried over');
    const visitDay = addDays(today(), 30);
    await desk.getByLabel('Jour').fill(visitDay);
    await desk.getByLabel('Heure').fill('10:30');
    await desk.getByRole('button', { name: 'Prévoir la visite' }).click();
    await desk.getByText('Dossier enregistré.').waitFor();
    assert.match(await desk.locator('#visits').textContent(), new RegExp(`${code} — ${visitDay} 10:30`));

    // The village's welcome committee sees the visit (and not who the household is), records it.
    assert.equal(cli(['user', 'add', 'comite@example.org', '--role', 'committee', '--name', 'Comité du village', '--db', server.db.url], PASSWORD + '\n').status, 0);
    const committees = await (await fetch(`${server.url}/api/v1/committees`, { headers: { authorization: `Bearer ${advisorToken}` } })).json();
    const committeeId = committees.items.find((m) => m.email === 'comite@example.org').account_id;
    await desk.goto('/manage/committees');
    await desk.locator(`#villages-${committeeId}`).fill(code);
    await desk.locator(`#villages-${committeeId}`).press('Enter');
    await desk.getByText('Dossier enregistré.').waitFor();
    const committee = await loggedIn(browser, server.url, 'comite@example.org', PASSWORD);
    try {
      await committee.page.getByRole('link', { name: 'Comité d\'accueil' }).click();
      const card = committee.page.locator(`#file-${fileId}`);
      await card.waitFor();
      assert.doesNotMatch(await card.textContent(), /Navarro|navarro@example\.org/);
      assert.match(await card.textContent(), /3 personne/);
      await card.getByRole('button', { name: 'Visite faite' }).click();
      await committee.page.locator(`#file-${fileId}`).getByText(/faite le/).waitFor();
      await committee.page.locator(`#file-${fileId}`).getByLabel('Note pour le conseiller').fill('Très belle visite, la maison leur plaît.');
      await committee.page.locator(`#file-${fileId}`).getByRole('button', { name: 'Envoyer la note' }).click();
      await committee.page.getByText('Dossier enregistré.').waitFor();
    } finally {
      await committee.context.close();
    }
    await desk.goto(`/journeys/${fileId}`);
    assert.match(await desk.locator('#committee-notes').textContent(), /Comité du village \(Comité d'accueil\) : Très belle visite/);

    // The stages one by one, each dated and attributed in the history.
    for (const stage of ['Information envoyée', 'Visite prévue', 'Visite faite', 'Projet validé', 'Installation en cours', 'Installé']) {
      await desk.getByLabel('Nouvelle étape').selectOption({ label: stage });
      await desk.getByRole('button', { name: 'Changer d\'étape' }).click();
      await desk.getByText('Dossier enregistré.').waitFor();
      assert.equal(await desk.locator('#stage').textContent(), stage);
    }
    const history = await desk.locator('#history').textContent();
    assert.match(history, /Installation en cours → Installé/);
    assert.match(history, /Élodie Conseillère/);
    assert.match(await desk.locator('main, body').first().textContent(), new RegExp(`Installé depuis le \\d{4}-\\d\\d-\\d\\d`));
    await desk.getByRole('link', { name: 'Dossiers des nouveaux arrivants' }).click();
    await desk.locator('#stage-settled').waitFor();
    assert.match(await desk.locator('section', { has: desk.locator('#stage-settled') }).textContent(), /Famille Navarro/);
  } finally {
    await context.close();
  }

  assert.equal(await settledOnHome(page), before + 1, 'the home page counts the new household');
  assert.ok(village.length > 0);
  await visitor.close();
});
