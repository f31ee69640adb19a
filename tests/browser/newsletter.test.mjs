// Browser test: an advisor writes a newsletter in Markdown, previews it, sends it to every
// member; it arrives at a real SMTP receiver on loopback; the member opens its unsubscribe link
// and leaves with one click, and the next newsletter does not go to her.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { launchChromium, loggedIn } from '../lib/browser.mjs';
import { startServer, PASSWORD, cli, runSql } from '../lib/harness.mjs';

let server;
let browser;
let receiver;
const received = [];

before(async () => {
  receiver = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        received.push({ to: session.envelope.rcptTo[0].address, mail: await simpleParser(Buffer.concat(chunks)) });
        callback();
      });
    },
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const smtpUrl = `smtp://127.0.0.1:${receiver.server.address().port}`;
  server = await startServer({ extraArgs: ['--smtp-url', smtpUrl, '--mail-from', 'club@example.org', '--mail-interval', '1'] });
  const r = cli(['user', 'add', 'lucie@example.org', '--role', 'member', '--name', 'Lucie Faure', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((r) => receiver.close(r));
});

async function until(what, predicate, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('an advisor sends a newsletter; it arrives, and its reader unsubscribes with one click', async () => {
  const { context, page } = await loggedIn(browser, server.url, 'advisor@example.org', PASSWORD);
  try {
    await page.getByRole('link', { name: 'Lettres' }).click();
    await page.getByRole('link', { name: 'Écrire une lettre' }).click();
    await page.getByLabel('Objet').fill('Nouvelles de décembre');
    await page.getByLabel('Texte (Markdown)').fill('## Le club\n\nRendez-vous **jeudi** au télécentre.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL(/\/newsletters\/\d+\?saved=1$/);
    assert.equal(await page.locator('#preview-html strong').textContent(), 'jeudi');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.waitForURL(/\?queued=1$/);
    assert.equal(await page.locator('#state').textContent(), 'envoyée');

    await until('the newsletter at Lucie\'s', () => received.some((m) => m.to === 'lucie@example.org'));
    const { mail } = received.find((m) => m.to === 'lucie@example.org');
    assert.equal(mail.subject, 'Nouvelles de décembre');
    assert.match(mail.html, /<h2>Le club<\/h2>/);
    // mailparser gathers the List-* headers under "list".
    const url = mail.headers.get('list').unsubscribe.url;
    assert.ok(mail.text.includes(url), 'the same link in the text');
    await page.reload();
    await page.locator('#sent').filter({ hasText: /^[1-9]/ }).waitFor();

    // Lucie, in her own browser, without logging in.
    const reader = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
    const readerPage = await reader.newPage();
    await readerPage.goto(new URL(url).pathname);
    await readerPage.getByText('l***@example.org').waitFor();
    await readerPage.getByRole('button', { name: 'Me désabonner' }).click();
    await readerPage.getByText('vous ne recevrez plus les lettres').waitFor();
    await reader.close();
    const optedOut = runSql(server.db.url, "SELECT COUNT(*) FROM newsletter_optouts WHERE email_key = 'lucie@example.org'").out;
    assert.equal(optedOut, '1');
  } finally {
    await context.close();
  }
});
