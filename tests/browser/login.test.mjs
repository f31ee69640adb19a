// Browser test: a person logs in through the French form, switches to English, creates an API
// token, logs out; the same form works with the keyboard alone and with JavaScript disabled; the
// account page fits a phone screen (a screenshot is left in build/screenshots/ to look at).
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { startServer, PASSWORD } from '../lib/harness.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context (own cookies) in French, as a person in France would have. */
async function frenchContext(options = {}) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', ...options });
  context.setDefaultTimeout(10000);
  return context;
}

/** After a login form was sent: the browser must hold a session and be on the account page. */
async function expectLoggedIn(page) {
  // A login that lost its session cookie bounces from /account back to /login?next=...
  await page.waitForURL(/\/account$|\/login\?next=/);
  const cookies = await page.context().cookies();
  assert.ok(cookies.some((c) => c.name === 'sid'),
    `no session cookie after login (browser has: ${cookies.map((c) => c.name).join(', ') || 'none'})`);
  assert.match(new URL(page.url()).pathname, /^\/account$/);
}

/** Fills the French login form by its labels and submits it with the button. */
async function loginInFrench(page, email) {
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectLoggedIn(page);
}

test('a member logs in in French, switches to English, creates a token and logs out', async () => {
  const context = await frenchContext();
  const page = await context.newPage();
  try {
    const home = await page.goto('/');
    assert.equal(home.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');

    // The header link leads to the login form.
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();

    await loginInFrench(page, 'member@example.org');
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    assert.match(await page.locator('main').innerText(), /member@example\.org/);
    assert.equal(await page.getByRole('link', { name: 'Se connecter' }).count(), 0);

    // English through the plain EN link; the account page then reads "My account".
    await page.getByRole('link', { name: 'EN', exact: true }).click();
    await page.getByRole('link', { name: 'My account' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    if (!page.url().endsWith('/account')) await page.getByRole('link', { name: 'My account' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    assert.match(await page.locator('main').innerText(), /member@example\.org/);

    // An API token from the account form: shown once, then only its name is listed.
    await page.getByLabel('Token name').fill('laptop script');
    await page.getByRole('button', { name: 'Create a token' }).click();
    const shown = page.locator('#new-token');
    await shown.waitFor();
    const token = (await shown.innerText()).trim();
    assert.match(token, /^sst_[A-Za-z0-9_-]{20,}$/);
    assert.match(await page.getByRole('status').first().innerText(), /copy it now/);
    const check = await fetch(server.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(check.status, 200);
    assert.equal((await check.json()).email, 'member@example.org');

    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    assert.equal(await page.locator('#new-token').count(), 0, 'the token is shown only once');
    assert.ok(!(await page.content()).includes(token), 'the token is not in the page any more');
    await page.getByRole('cell', { name: 'laptop script' }).waitFor();

    // Logging out with the header button brings the login link back.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 0);
    const again = await page.goto('/account');
    assert.match(again.url(), /\/login\?next=%2Faccount$/);
  } finally {
    await context.close();
  }
});

test('the login form can be filled and submitted with the keyboard alone', async () => {
  const context = await frenchContext();
  const page = await context.newPage();
  try {
    await page.goto('/login');
    // The first Tab reaches the skip link, which becomes visible.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    assert.ok((await skip.boundingBox()).x >= 0, 'the skip link shows when focused');

    // Tab on until the e-mail field has the focus (header links come first).
    let focused = '';
    for (let i = 0; i < 15 && focused !== 'email'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    assert.equal(focused, 'email', 'Tab reaches the e-mail field');
    await page.keyboard.type('advisor@example.org');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), 'Se connecter');
    await page.keyboard.press('Enter');
    await expectLoggedIn(page);
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    assert.match(await page.locator('main').innerText(), /advisor@example\.org/);
  } finally {
    await context.close();
  }
});

test('logging in works with JavaScript disabled', async () => {
  const context = await frenchContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto('/');
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL('**/login');
    await loginInFrench(page, 'host@example.org');
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    assert.match(await page.locator('main').innerText(), /host@example\.org/);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
  } finally {
    await context.close();
  }
});

test('a wrong password shows the error next to the form, in French', async () => {
  const context = await frenchContext();
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill('member@example.org');
    await page.getByLabel('Mot de passe', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /incorrect/);
    assert.equal(await page.getByLabel('Adresse e-mail', { exact: true }).inputValue(), 'member@example.org');
    assert.equal(await page.getByLabel('Adresse e-mail', { exact: true }).getAttribute('aria-invalid'), 'true');
  } finally {
    await context.close();
  }
});

test('the account page fits a phone screen (screenshot in build/screenshots/)', async () => {
  const context = await frenchContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    deviceScaleFactor: 2 });
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await loginInFrench(page, 'admin@example.org');
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    // A token so that the token table is on the page too.
    await page.getByLabel('Nom du jeton').fill('a rather long token name for a small screen');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    await page.locator('#new-token').waitFor();

    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          // table.data scrolls sideways inside its own box (overflow-x: auto), by design.
          return r.width > 0 && (r.right > width + 1 || r.left < -1) && !el.closest('.skip, .visually-hidden, table.data');
        })
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + el.className : ''}`);
      return { scroll: document.documentElement.scrollWidth, width, wide };
    });
    assert.equal(overflow.scroll, overflow.width, `the page scrolls sideways: ${JSON.stringify(overflow)}`);
    assert.deepEqual(overflow.wide, [], 'elements stick out of the screen');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOTS + 'account-phone.png', fullPage: true });
  } finally {
    await context.close();
  }
});
