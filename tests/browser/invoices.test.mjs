// Browser test: the demo advisor logs in, opens "Factures" from the navigation, generates the
// current month with the button, opens the newest invoice and records a payment from its form;
// printed (print media), the page shows the invoice alone: no navigation, no forms. The demo
// member sees only their own invoices. Screenshots are left in build/screenshots/.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { demoDatabase, launch } from '../lib/harness.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));

let server;
let browser;
let accounts;

before(async () => {
  const demo = demoDatabase();
  accounts = demo.accounts;
  server = await launch(demo.db, { threads: 2 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function loggedIn(account) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(account.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/account$/);
  return { context, page };
}

test('an advisor generates the month, records a payment, and the invoice prints alone', async () => {
  const { context, page } = await loggedIn(accounts.advisor);
  try {
    await page.getByRole('navigation').getByRole('link', { name: 'Factures', exact: true }).click();
    await page.waitForURL(/\/invoices$/);
    const before = await page.locator('table.data tbody tr').count();
    await page.getByRole('button', { name: 'Générer les factures du mois' }).click();
    await page.waitForURL(/\/invoices\?generated=\d+$/);
    await page.getByRole('status').filter({ hasText: 'Factures émises' }).waitFor();
    const after = await page.locator('table.data tbody tr').count();
    assert.equal(after, before + 2, 'the two demo contracts are invoiced for the current month');

    // The newest invoice is first in the list.
    const first = page.locator('table.data tbody tr').first().getByRole('link').first();
    const number = (await first.innerText()).trim();
    assert.match(number, /^\d{4}-\d{6}$/);
    await first.click();
    await page.waitForURL(/\/invoices\/\d+$/);
    await page.getByRole('heading', { level: 1, name: `Facture n° ${number}` }).waitFor();
    await page.getByLabel('Montant (€)', { exact: true }).fill('10,00');
    await page.getByRole('button', { name: 'Enregistrer le paiement' }).click();
    await page.getByText('partiellement payée').waitFor();

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}invoice-screen.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation').isVisible(), false, 'no navigation on paper');
    assert.equal(await page.getByRole('button', { name: 'Enregistrer le paiement' }).isVisible(), false, 'no forms on paper');
    assert.ok(await page.getByText('indemnité forfaitaire pour frais de recouvrement de 40 €').isVisible());
    assert.ok(await page.getByRole('heading', { level: 1, name: `Facture n° ${number}` }).isVisible());
    await page.screenshot({ path: `${SCREENSHOTS}invoice-print.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

test('the member sees only their own invoices and no generation button', async () => {
  const { context, page } = await loggedIn(accounts.member);
  try {
    await page.goto('/invoices');
    assert.equal(await page.getByRole('button', { name: 'Générer les factures du mois' }).count(), 0);
    const buyers = await page.locator('table.data tbody tr td:nth-child(3)').allInnerTexts();
    assert.ok(buyers.length > 0);
    assert.ok(buyers.every((b) => b.trim() === 'Inès Membre'), buyers.join(', '));
  } finally {
    await context.close();
  }
});
