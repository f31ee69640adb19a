// Browser test of the visual booking calendar on the demo database: a member opens a telecentre's
// calendar from its page, sees its resources against the day's half hours, clicks a free slot of
// the meeting room, finds the booking form filled in (resource, day, start, end) and confirms it;
// the calendar then shows that hour booked (without saying by whom), and the week view splits the
// room's free time around it. Without JavaScript the same links work. Visitors are sent to log in;
// a day that is not one is refused. The member also sees their own bookings as a week. A screenshot is left in build/screenshots/ to look at.
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { demoDatabase, launch } from '../lib/harness.mjs';
import { siteCalendar } from '../lib/calendar.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));
const ROOM = 'Salle de réunion';

let server;
let browser;
let member;
let site; // the first telecentre
let cal;

before(async () => {
  const { db, accounts } = demoDatabase({ freeAhead: true });
  member = accounts.member;
  server = await launch(db, { threads: 4 });
  const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items;
  site = sites.find((s) => s.kind === 'telecentre');
  cal = await siteCalendar(server.url, site.id);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function memberPage(options = {}) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(member.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/account$/);
  return { context, page };
}

/** The calendar row of a resource: its cells, by their hour. */
async function dayRow(page, resource) {
  const row = page.locator('#calendar tbody tr', { has: page.locator('th', { hasText: resource }) });
  return row.locator('td').evaluateAll((cells) => cells.map((td) => ({ cls: td.className, time: td.dataset.time })));
}

test('a member books from a free slot of the calendar; the slot then shows booked', async () => {
  const day = cal.workingDay(8);
  const { context, page } = await memberPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`/sites/${site.id}?date=${day}`);
    await page.getByRole('link', { name: 'Voir le calendrier du jour' }).click();
    await page.waitForURL(new RegExp(`/sites/${site.id}/calendar\\?date=${day}$`));
    await page.getByRole('heading', { level: 1, name: /Calendrier des réservations/ }).waitFor();
    assert.equal(await page.locator('#calendar-period').innerText(), day);
    const resources = site.resources.filter((r) => r.bookable !== false).map((r) => r.name);
    assert.deepEqual(await page.locator('#calendar tbody th[scope="row"]').allInnerTexts(), resources);

    const room = page.locator('#calendar tbody tr', { has: page.locator('th', { hasText: ROOM }) });
    await room.getByRole('link', { name: 'Réserver à 10:00', exact: true }).click();
    await page.waitForURL(/\/sites\/\d+\?date=.*&resource=\d+&start=10:00&end=11:00#resource-\d+$/);
    const form = page.getByRole('region', { name: ROOM, exact: true });
    assert.equal(await form.getByLabel('Jour', { exact: true }).inputValue(), day);
    assert.equal(await form.getByLabel('Début', { exact: true }).inputValue(), '10:00');
    assert.equal(await form.getByLabel('Fin', { exact: true }).inputValue(), '11:00');
    await form.getByRole('button', { name: `Réserver ${ROOM}`, exact: true }).click();
    await page.waitForURL(/\/bookings\?created=\d+/);

    await page.goto(`/sites/${site.id}/calendar?date=${day}`);
    const cells = await dayRow(page, ROOM);
    const at = (hhmm) => cells.find((c) => c.time === hhmm);
    assert.match(at('10:00').cls, /\bbusy\b/);
    assert.match(at('10:30').cls, /\bbusy\b/);
    assert.match(at('11:00').cls, /\bfree\b/);
    assert.match(at('09:30').cls, /\bfree\b/);
    assert.doesNotMatch(await page.locator('#calendar').innerText(), /Inès|Membre|@/, 'a busy slot never says who');
    await page.screenshot({ path: `${SCREENSHOTS}calendar-day-1280.png`, fullPage: true });

    // The week view: the room's day lists its free time around the booked hour.
    await page.getByRole('link', { name: 'Semaine', exact: true }).click();
    await page.waitForURL(/view=week/);
    const weekRoom = page.locator('#calendar tbody tr', { has: page.locator('th', { hasText: ROOM }) });
    const links = await weekRoom.getByRole('link').allInnerTexts();
    assert.ok(links.some((t) => t.endsWith('–10:00')), links.join(' '));
    assert.ok(links.some((t) => t.startsWith('11:00–')), links.join(' '));
    await page.screenshot({ path: `${SCREENSHOTS}calendar-week-1280.png`, fullPage: true });

    // The member's own week: the booking in its day's column, linked to that day's calendar.
    await page.goto('/bookings');
    await page.getByRole('link', { name: 'Voir mes réservations en calendrier' }).click();
    await page.goto(`/bookings/calendar?date=${day}`);
    const column = await page.locator('#my-week thead th').allInnerTexts();
    const index = column.findIndex((label) => label.endsWith(day.slice(5)));
    assert.ok(index >= 0, column.join(' | '));
    const cell = page.locator('#my-week tbody td').nth(index);
    assert.match(await cell.innerText(), new RegExp(`10:00–11:00 ${ROOM}, ${site.name.replace(/[()]/g, '\\$&')}`));
    await cell.getByRole('link', { name: '10:00–11:00' }).click();
    await page.waitForURL(new RegExp(`/sites/${site.id}/calendar\\?date=${day}$`));
  } finally {
    await context.close();
  }
});

test('without JavaScript a free slot still opens the filled-in form; visitors log in first; a bad day is refused', async () => {
  const day = cal.workingDay(9);
  const { context, page } = await memberPage({ javaScriptEnabled: false });
  try {
    await page.goto(`/sites/${site.id}/calendar?view=week&date=${day}`);
    const room = page.locator('#calendar tbody tr', { has: page.locator('th', { hasText: ROOM }) });
    await room.getByRole('link').first().click();
    await page.waitForURL(/\/sites\/\d+\?date=\d{4}-\d{2}-\d{2}&resource=\d+&start=\d\d:\d\d&end=\d\d:\d\d/);
    const form = page.getByRole('region', { name: ROOM, exact: true });
    assert.match(await form.getByLabel('Début', { exact: true }).inputValue(), /^\d\d:\d\d$/);
    const bad = await page.goto(`/sites/${site.id}/calendar?date=2026-02-31`);
    assert.equal(bad.status(), 422);
  } finally {
    await context.close();
  }
  const visitor = await browser.newContext({ baseURL: server.url });
  try {
    const page = await visitor.newPage();
    await page.goto(`/sites/${site.id}/calendar`);
    await page.waitForURL(/\/login/);
  } finally {
    await visitor.close();
  }
});
