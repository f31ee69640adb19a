// Browser test of the API page /api: Redoc, served from our own static files, draws every
// operation of /api/v1/openapi.json under the page's Content-Security-Policy, which keeps it from
// fetching anything from another origin; without JavaScript the plain table of operations is there.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
import { startServer } from '../lib/harness.mjs';

let server;
let browser;
let operations;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Redoc draws every operation, from our own files, under the CSP', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/.test(m.text()) && !/cdn\.redoc\.ly/.test(m.text())) problems.push(m.text()); });
  // Redoc's bundle asks for its maker's logo on cdn.redoc.ly: the page's policy must stop it
  // before anything leaves the machine, so no answer may come from another origin.
  const elsewhere = [];
  const local = (url) => url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:');
  page.on('response', (r) => { if (!local(r.url())) elsewhere.push(r.url()); });
  page.on('requestfinished', (r) => { if (!local(r.url())) elsewhere.push(r.url()); });
  await page.goto(`${server.url}/api`);
  await page.waitForSelector('#redoc h1', { timeout: 30000 });
  await page.waitForFunction((n) => document.querySelectorAll('#redoc [data-section-id^="operation"]').length === n, operations, { timeout: 30000 });
  assert.match(await page.locator('#redoc h1').first().textContent(), /sohosolo API/);
  assert.deepEqual(problems, []);
  assert.deepEqual(elsewhere, []);
  await page.close();
});

test('without JavaScript the page lists every operation', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/api`);
  assert.equal(await page.locator('#operations tbody tr').count(), operations);
  assert.equal(await page.locator('#redoc').innerHTML(), '');
  await context.close();
});
