// Browser test: the demo member logs in through the French form, goes to "Espaces de travail",
// opens the first telecentre and books its meeting room for next Monday 10:00-11:00 with a note
// holding accents, punctuation and HTML; the booking is listed with the note as plain text; its
// .ics download is a valid RFC 5545 calendar in UTC; the same slot again is a 409 conflict, an
// hour before opening a 422; cancelling removes it. The site page is also checked on a phone
// screen (a screenshot is left in build/screenshots/ to look at).
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { demoDatabase, launch } from '../lib/harness.mjs';
import { at, parisOffset, siteCalendar } from '../lib/calendar.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));

const ROOM = 'Salle de réunion';
// Accents, a comma, a semicolon, a backslash and HTML: all must come out as text.
const NOTE = 'Réunion d\'équipe, café; ordre du jour à préciser \\ <b>html</b>';

let server;
let browser;
let member; // { email, password } of the demo member
let cal; // the days the first telecentre is open

/** Paris wall-clock time on a day, as an iCalendar UTC stamp (20261207T090000Z). */
function utcStamp(day, hhmm) {
  const iso = new Date(at(day, hhmm)).toISOString();
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 5545 TEXT escaping (3.3.11). */
function icalText(text) {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

before(async () => {
  const { db, accounts } = demoDatabase({ freeAhead: true });
  member = accounts.member;
  assert.ok(member, 'the demo lists a member account');
  server = await launch(db, { threads: 4 });
  const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items;
  cal = await siteCalendar(server.url, sites.find((s) => s.kind === 'telecentre').id);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context in French, in Paris, as a member in the Gers would have. */
async function frenchContext(options = {}) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris',
    acceptDownloads: true, ...options });
  context.setDefaultTimeout(10000);
  return context;
}

/** Logs the demo member in from the header link and the French login form. */
async function loginAsMember(page) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.waitForURL('**/login');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(member.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
}

/** From the navigation to the first telecentre; returns its name. */
async function openFirstTelecentre(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Espaces de travail', exact: true }).click();
  await page.waitForURL(/\/sites$/);
  await page.getByRole('heading', { level: 2, name: 'Télécentres' }).waitFor();
  const first = page.locator('ul.cards').first().getByRole('link').first();
  const name = (await first.innerText()).trim();
  assert.match(name, /^Télécentre /);
  await first.click();
  await page.waitForURL(/\/sites\/\d+$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return name;
}

/**
 * Fills the meeting room's booking form by its labels and sends it with its button; returns the
 * HTTP response of the POST /bookings navigation (before any redirect is followed).
 */
async function bookRoom(page, day, start, end, note = '') {
  const room = page.getByRole('region', { name: ROOM, exact: true });
  await room.getByLabel('Jour', { exact: true }).fill(day);
  await room.getByLabel('Début', { exact: true }).fill(start);
  await room.getByLabel('Fin', { exact: true }).fill(end);
  await room.getByLabel('Note', { exact: true }).fill(note);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/bookings'),
    room.getByRole('button', { name: `Réserver ${ROOM}`, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

test('a member books a meeting room, gets its .ics, meets conflicts and rules, and cancels', async () => {
  const context = await frenchContext();
  const page = await context.newPage();
  try {
    await loginAsMember(page);
    const siteName = await openFirstTelecentre(page);
    const siteUrl = page.url();
    const day = cal.mondayAhead(1);

    // Book: the form posts, the server redirects to the member's bookings.
    const posted = await bookRoom(page, day, '10:00', '11:00', NOTE);
    assert.equal(posted.status(), 303, `POST /bookings answered ${posted.status()}`);
    await page.waitForURL(/\/bookings\?created=\d+$/);
    const id = new URL(page.url()).searchParams.get('created');
    await page.getByRole('heading', { level: 1, name: 'Mes réservations' }).waitFor();
    assert.match(await page.getByRole('status').first().innerText(), /Réservation enregistrée/);

    // Listed, with the note as plain text: no <b> element, the angle brackets visible.
    const row = page.getByRole('row').filter({ hasText: 'ordre du jour' });
    assert.equal(await row.count(), 1);
    const rowText = await row.innerText();
    assert.ok(rowText.includes(NOTE), `the note is shown as typed: ${rowText}`);
    assert.match(rowText, new RegExp(`${ROOM}, ${siteName.replace(/[()]/g, '\\$&')}`));
    assert.match(rowText, /10:00/);
    assert.match(rowText, /11:00/);
    assert.equal(await row.locator('b').count(), 0, 'the note\'s HTML is not interpreted');
    assert.ok((await page.content()).includes('&lt;b&gt;html&lt;/b&gt;'), 'the note is HTML-escaped in the page');

    // The calendar file: downloaded through the link.
    const link = row.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' });
    assert.equal(await link.getAttribute('href'), `/bookings/${id}/calendar.ics`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = readFileSync(await download.path(), 'utf8');

    assert.ok(ics.endsWith('\r\n'), 'the file ends with CRLF');
    assert.ok(!/[^\r]\n/.test(ics) && !ics.startsWith('\n'), 'every line ends with CRLF');
    assert.ok(!/\r(?!\n)/.test(ics), 'no bare CR');
    for (const physical of ics.split('\r\n')) {
      assert.ok(Buffer.byteLength(physical, 'utf8') <= 75, `line longer than 75 octets: ${physical}`);
    }
    const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.some((l) => l.startsWith('PRODID:')));
    const begin = lines.indexOf('BEGIN:VEVENT');
    const end = lines.indexOf('END:VEVENT');
    assert.ok(begin > 0 && end > begin, 'one VEVENT inside the calendar');
    const event = new Map(lines.slice(begin + 1, end).map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i), l.slice(i + 1)];
    }));
    // 10:00 in Paris is 09:00Z in winter (+01:00) and 08:00Z in summer (+02:00).
    const startUtc = utcStamp(day, '10:00');
    assert.match(startUtc, parisOffset(day, '10:00') === '+01:00' ? /T090000Z$/ : /T080000Z$/);
    assert.equal(event.get('DTSTART'), startUtc);
    assert.equal(event.get('DTEND'), utcStamp(day, '11:00'));
    assert.match(event.get('DTSTAMP') ?? '', /^\d{8}T\d{6}Z$/);
    assert.ok((event.get('UID') ?? '').length > 0, 'the event has a UID');
    assert.equal(event.get('STATUS'), 'CONFIRMED');
    assert.ok((event.get('SUMMARY') ?? '').includes(ROOM), `SUMMARY: ${event.get('SUMMARY')}`);
    assert.equal(event.get('DESCRIPTION'), icalText(NOTE));
    assert.match(event.get('DESCRIPTION'), /équipe\\, café\\; /);

    // The same slot again through the form: 409 and the French conflict message.
    await page.goto(siteUrl);
    const clash = await bookRoom(page, day, '10:00', '11:00', 'Encore');
    assert.equal(clash.status(), 409);
    assert.equal(new URL(page.url()).pathname, '/bookings');
    assert.match(await page.getByRole('alert').innerText(), /Ce créneau vient d'être réservé/);
    await page.getByRole('region', { name: ROOM, exact: true }).waitFor();

    // Before opening time: 422 and the opening-hours message.
    await page.goto(siteUrl);
    const early = await bookRoom(page, day, '07:00', '08:00');
    assert.equal(early.status(), 422);
    assert.match(await page.getByRole('alert').innerText(), /Hors des heures d'ouverture/);

    // Neither attempt created a booking.
    await page.getByRole('navigation').getByRole('link', { name: 'Mes réservations', exact: true }).click();
    await page.waitForURL(/\/bookings$/);
    assert.equal(await page.locator('table.data tbody tr').count(), 1);

    // Cancel with the row's button: the booking leaves the list.
    const mine = page.getByRole('row').filter({ hasText: 'ordre du jour' });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/bookings/${id}/cancel`),
      mine.getByRole('button', { name: 'Annuler', exact: true }).click(),
    ]);
    await page.waitForURL(/\/bookings$/);
    await page.getByRole('heading', { level: 1, name: 'Mes réservations' }).waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: 'ordre du jour' }).count(), 0);
    await page.getByText('Aucune réservation à venir.').waitFor();
    await page.reload();
    assert.ok(!(await page.locator('main').innerText()).includes('ordre du jour'));
  } finally {
    await context.close();
  }
});

test('the site page and its booking forms fit a phone screen (screenshot in build/screenshots/)', async () => {
  const context = await frenchContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    deviceScaleFactor: 2 });
  const page = await context.newPage();
  try {
    await loginAsMember(page);
    // On a phone the navigation may wrap, but it is still there.
    await openFirstTelecentre(page);

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

    // Every field and button of the room's form is big enough to tap.
    const room = page.getByRole('region', { name: ROOM, exact: true });
    for (const control of [room.getByLabel('Jour', { exact: true }), room.getByLabel('Début', { exact: true }),
      room.getByLabel('Fin', { exact: true }), room.getByLabel('Note', { exact: true }),
      room.getByRole('button', { name: `Réserver ${ROOM}` })]) {
      const box = await control.boundingBox();
      assert.ok(box && box.height >= 24 && box.width >= 44, `too small to tap: ${JSON.stringify(box)}`);
    }

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOTS + 'site-phone.png', fullPage: true });
  } finally {
    await context.close();
  }
});

test('the account page always shows the calendar address; a new one replaces it and the old one stops working', async () => {
  const context = await frenchContext();
  try {
    const page = await context.newPage();
    await loginAsMember(page);
    const shown = page.locator('#account-feed-url');
    const first = (await shown.innerText()).trim();
    assert.match(first, /\/calendar\/member\/[A-Za-z0-9_-]{43}\.ics$/);
    const subscribe = page.getByRole('link', { name: "S'abonner dans mon agenda (webcal)" });
    assert.equal(await subscribe.getAttribute('href'), first.replace(/^https?:/, 'webcal:'));
    const path = new URL(first).pathname;
    assert.equal((await fetch(server.url + path)).status, 200, 'the address works without asking for it');

    await page.getByRole('button', { name: /Générer une nouvelle adresse/ }).click();
    await page.waitForURL(/\/bookings/);
    const fresh = (await page.locator('#feed-url').innerText()).trim();
    assert.notEqual(fresh, first);
    assert.equal((await fetch(server.url + new URL(fresh).pathname)).status, 200);
    assert.equal((await fetch(server.url + path)).status, 404, 'the old address stops working');
    await page.goto('/account');
    assert.equal((await shown.innerText()).trim(), fresh, 'the account page shows the new address');
  } finally {
    await context.close();
  }
});
