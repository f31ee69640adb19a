// Debian's Chromium driven by playwright-core, as every browser test starts it: headless, no
// sandbox (root), and no background networking (the machine has no network beyond loopback).
// Playwright gives the browser a new empty profile of its own (no --user-data-dir here).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A new browser context in French on `baseURL`, logged in through the login form as `email`:
 * {context, page}, the page on /account. Close the context when done.
 */
export async function loggedIn(browser, baseURL, email, password) {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR' });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/account$/);
  return { context, page };
}
