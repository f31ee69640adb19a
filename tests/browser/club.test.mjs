// Browser test: an advisor creates a club event with two seats; a member registers for it once
// full and joins the waiting list; when a registered member cancels, she is promoted, sees it on
// the page, and the mail that tells her is in the outbox. Days come from the calendar helper.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, loggedIn as signIn } from '../lib/browser.mjs';
import { startServer, PASSWORD, cli, runSql } from '../lib/harness.mjs';
import { addDays, today } from '../lib/calendar.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  for (const [email, name] of [['ana@example.org', 'Ana Ruiz'], ['bruno@example.org', 'Bruno Petit'], ['chloe@example.org', 'Chloé Marty']]) {
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

test('a member registers for a full event, waits, and is promoted when a seat is freed', async () => {
  const people = await Promise.all(['advisor', 'ana', 'bruno', 'chloe'].map((who) => loggedIn(`${who}@example.org`)));
  const [advisor, ana, bruno, chloe] = people.map((p) => p.page);
  try {
    await advisor.getByRole('link', { name: 'Le club' }).click();
    await advisor.getByRole('link', { name: 'Nouveau rendez-vous' }).click();
    await advisor.getByLabel('Titre').fill('Apéro des télétravailleurs');
    await advisor.getByLabel('Adresse').fill('Café de la Halle, Marciac');
    await advisor.getByLabel('Jour').fill(addDays(today(), 8));
    await advisor.getByLabel('Début').fill('18:30');
    await advisor.getByLabel('Fin').fill('20:00');
    await advisor.getByLabel('Nombre de places').fill('2');
    await advisor.getByRole('button', { name: 'Créer' }).click();
    await advisor.waitForURL(/\/events\/\d+$/);
    const eventPath = new URL(advisor.url()).pathname;
    assert.equal(await advisor.locator('#seats').textContent(), '0 / 2');

    for (const page of [ana, bruno]) {
      await page.goto(eventPath);
      await page.getByRole('button', { name: 'M\'inscrire' }).click();
      await page.getByRole('status').getByText('Inscription enregistrée').waitFor();
    }
    await chloe.goto('/events');
    await chloe.getByRole('link', { name: 'Apéro des télétravailleurs' }).click();
    assert.equal(await chloe.locator('#seats').textContent(), '2 / 2');
    await chloe.getByRole('button', { name: 'M\'inscrire sur la liste d\'attente' }).click();
    await chloe.getByRole('status').getByText('vous êtes sur la liste d\'attente').waitFor();
    assert.match(await chloe.locator('#my-seat').textContent(), /liste d'attente/);

    await bruno.goto(eventPath);
    await bruno.getByRole('button', { name: 'Annuler mon inscription' }).click();
    await bruno.getByRole('status').getByText('Votre inscription est annulée.').waitFor();

    await chloe.reload();
    assert.equal(await chloe.locator('#my-seat').textContent(), 'Vous êtes inscrit·e.');
    assert.equal(await chloe.locator('#seats').textContent(), '2 / 2');
    const told = runSql(server.db.url, "SELECT COUNT(*) FROM outbox WHERE recipient = 'chloe@example.org' AND kind = 'club_promoted'").out;
    assert.equal(told, '1');

    // The host's list names the two with a seat.
    await advisor.reload();
    const rows = advisor.locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(1).textContent(), /Chloé Marty/);
  } finally {
    for (const p of people) await p.context.close();
  }
});
