// Browser test of accessibility on the demo database:
// - axe (axe-core through @axe-core/playwright) on every HTML page of the site, in French and in
//   English, as an anonymous visitor, a member, an advisor, an admin, a welcome committee and a
//   newcomer (each sees the pages of its role): no violation of impact "serious" or "critical";
// - the keyboard alone books a meeting room on a site page and sends the village finder, the
//   focused control always visibly marked (an outline or a box-shadow);
// - on a 375 px wide phone, the home page, the finder, a site, its calendar and the account page do not scroll
//   sideways (screenshots left in build/screenshots/ to look at).
// Skips without ../shared/data (the territory's pages need it).
//
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium, loggedIn } from '../lib/browser.mjs';
import { Browserless, PASSWORD, cli, demoDatabase, launch, runSql } from '../lib/harness.mjs';
import { SKIP } from '../lib/villages.mjs';
import { siteCalendar } from '../lib/calendar.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));
const COMMITTEE = 'comite-a11y@example.org';
const NEWCOMER = 'nouvel-arrivant-a11y@example.org';
const BLOCKING = new Set(['serious', 'critical']);
// Pages that answer an error on purpose: the error page and a form sent back with its errors are
// pages too.
const FINDER_INVALID = '/trouver-mon-village?min_mbps=beaucoup&max_km_to_workspace=25';
const STATUS = new Map([['/no-such-page', 404], ['/reset/not-a-token', 404], [FINDER_INVALID, 422]]);

let server;
let browser;
let accounts;
let ids; // real ids of the demo data: { site, telecentre, commune, village, event, newsletter }

async function json(path) {
  const response = await fetch(server.url + path);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

before(async () => {
  if (SKIP) return;
  const demo = demoDatabase({ freeAhead: true });
  accounts = demo.accounts;
  for (const [email, role] of [[COMMITTEE, 'committee'], [NEWCOMER, 'newcomer']]) {
    const made = cli(['user', 'add', email, '--role', role, '--db', demo.db.url], PASSWORD + '\n');
    assert.equal(made.status, 0, made.stderr + made.stdout);
  }
  // The newcomer is the household of the demo's first file (as an invitation would make them).
  runSql(demo.db.url, `UPDATE journeys SET account_id = (SELECT id FROM accounts WHERE email = '${NEWCOMER}')
    WHERE id = (SELECT MIN(id) FROM journeys)`);
  server = await launch(demo.db, { threads: 4 });
  const sites = (await json('/api/v1/sites')).items;
  const communes = (await json('/api/v1/communes')).items;
  const villages = (await json('/api/v1/villages')).items;
  const events = (await json('/api/v1/events')).items;
  const newsletters = (await json('/api/v1/newsletters')).items;
  ids = {
    telecentre: sites.find((s) => s.kind === 'telecentre').id,
    coworking: sites.find((s) => s.kind !== 'telecentre')?.id,
    commune: communes[0].code,
    village: villages[0].code,
    event: events[0]?.id,
    newsletter: newsletters[0]?.id,
  };
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The first link of `page` whose path matches `pattern`, or undefined. */
async function firstLink(page, listPath, pattern) {
  await page.goto(listPath);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  return hrefs.find((href) => pattern.test(href));
}

/**
 * Runs axe on `path`; returns the serious and critical violations as readable lines (rule, impact,
 * the first nodes and what is wrong with them), and any page that is not the one asked for.
 */
async function audit(page, path, lang) {
  const response = await page.goto(path);
  const status = response?.status();
  const problems = [];
  const expected = STATUS.get(path) ?? 200;
  if (status !== expected) problems.push(`[${lang}] ${path}: HTTP ${status}`);
  const landed = new URL(page.url());
  if (landed.pathname + landed.search !== path) problems.push(`[${lang}] ${path}: redirected to ${landed.pathname}`);
  const shown = await page.evaluate(() => document.documentElement.lang);
  if (shown !== lang) problems.push(`[${lang}] ${path}: the page is in "${shown}"`);
  const results = await new AxeBuilder({ page }).analyze();
  if (results.passes.length === 0) problems.push(`[${lang}] ${path}: axe checked nothing`);
  for (const v of results.violations.filter((v) => BLOCKING.has(v.impact))) {
    const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`);
    problems.push(`[${lang}] ${path}: ${v.id} (${v.impact}) ${v.help}, ${v.nodes.length} node(s)\n${nodes.join('\n')}`);
  }
  return problems;
}

/** Audits `paths` in French, then in English (the lang cookie wins over Accept-Language). */
async function auditBoth(context, page, paths) {
  const problems = [];
  for (const path of paths) problems.push(...await audit(page, path, 'fr'));
  await context.addCookies([{ name: 'lang', value: 'en', url: server.url }]);
  for (const path of paths) problems.push(...await audit(page, path, 'en'));
  return problems;
}

function assertClean(problems, pages) {
  assert.deepEqual(problems, [], `${problems.length} problem(s) (serious or critical accessibility violations, or wrong pages) on ${pages} page(s):\n${problems.join('\n')}`);
}

/** A context logged in through the French form as one of the demo's accounts. */
function as(email, password = PASSWORD) {
  return loggedIn(browser, server.url, email, password);
}

// The roles' pages are checked side by side: each page waits mostly on the browser, not on a core.
describe('axe on every page', { concurrency: true }, () => {
  test('the public pages have no serious or critical accessibility violation (French and English)', { skip: SKIP }, async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(20000);
    const page = await context.newPage();
    try {
      const paths = ['/', '/login', '/password-reset', '/reset/not-a-token', '/sites', `/sites/${ids.telecentre}`,
        '/communes', `/communes/${ids.commune}`, '/map', '/villages', `/villages/${ids.village}`,
        '/trouver-mon-village', '/trouver-mon-village?min_mbps=2&max_km_to_workspace=25&housing=none',
        FINDER_INVALID,
        '/accompagnement', `/accompagnement?village=${ids.village}`, '/accompagnement/merci',
        '/events', '/newsletters', '/newsletter/subscribe', '/no-such-page'];
      if (ids.coworking) paths.push(`/sites/${ids.coworking}`);
      if (ids.event) paths.push(`/events/${ids.event}`);
      if (ids.newsletter) paths.push(`/newsletters/${ids.newsletter}`);
      assertClean(await auditBoth(context, page, paths), paths.length);
    } finally {
      await context.close();
    }
  });

  test('the pages behind a one-time link have no serious or critical accessibility violation (a password reset, an invitation, a newsletter subscription)', { skip: SKIP }, async () => {
    // The link each mail carries, as its recipient would follow it.
    const linkIn = (recipient, kind, prefix) => {
      const body = runSql(server.db.url, `SELECT body FROM outbox WHERE recipient = '${recipient}' AND kind = '${kind}' ORDER BY id DESC LIMIT 1`).out;
      const found = body.match(new RegExp(`${prefix}[A-Za-z0-9_-]+`));
      assert.ok(found, `no ${prefix} link in the ${kind} mail to ${recipient}:\n${body}`);
      return found[0];
    };
    await new Browserless(server.url).submit('/password-reset', '/password-reset', { email: accounts.member.email });
    const subscriber = 'abonne-a11y@example.org';
    await new Browserless(server.url).submit('/newsletter/subscribe', '/newsletter/subscribe', { email: subscriber });
    const advisor = (await (await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: accounts.advisor.email, password: accounts.advisor.password }),
    })).json()).token;
    const call = (method, path, body) => fetch(server.url + path, {
      method, headers: { authorization: `Bearer ${advisor}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    const invited = 'invitation-a11y@example.org';
    const file = await (await call('POST', '/api/v1/journeys', { name: 'Famille Invitée', email: invited })).json();
    assert.equal((await call('POST', `/api/v1/journeys/${file.id}/invite`)).status, 204);
    const paths = [linkIn(accounts.member.email, 'password_reset', '/reset/'), linkIn(invited, 'invitation', '/welcome/'),
      linkIn(subscriber, 'newsletter_confirm', '/newsletter/confirm/')];
    const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(20000);
    const page = await context.newPage();
    try {
      assertClean(await auditBoth(context, page, paths), paths.length);
    } finally {
      await context.close();
    }
  });

  test('the member\'s pages have no serious or critical accessibility violation (French and English)', { skip: SKIP }, async () => {
    const { context, page } = await as(accounts.member.email, accounts.member.password);
    try {
      const post = await firstLink(page, '/board', /^\/board\/\d+$/);
      const invoice = await firstLink(page, '/invoices', /^\/invoices\/[^/?]+$/);
      const paths = ['/', '/account', '/bookings', `/sites/${ids.telecentre}`,
        `/sites/${ids.telecentre}/calendar`, `/sites/${ids.telecentre}/calendar?view=week`, '/bookings/calendar',
        '/rentals', '/invoices', '/members', '/members/map', '/profile', '/board', '/board/new', '/events',
        '/trouver-mon-village'];
      if (post) paths.push(post);
      if (invoice) paths.push(invoice);
      assertClean(await auditBoth(context, page, paths), paths.length);
    } finally {
      await context.close();
    }
  });

  test('the advisor\'s pages have no serious or critical accessibility violation (French and English)', { skip: SKIP }, async () => {
    const { context, page } = await as(accounts.advisor.email, accounts.advisor.password);
    try {
      const journey = await firstLink(page, '/journeys', /^\/journeys\/\d+$/);
      const resource = await firstLink(page, `/manage/sites/${ids.telecentre}`, /^\/manage\/resources\/\d+$/);
      const paths = ['/', '/account', '/people', '/outbox', '/bookings/pending', '/manage/sites', '/manage/sites/new',
        `/manage/sites/${ids.telecentre}`, `/manage/sites/${ids.telecentre}/resources/new`,
        `/manage/sites/${ids.telecentre}/hosts`, `/sites/${ids.telecentre}`, `/sites/${ids.telecentre}/bookings`,
        '/stats', '/wifi-plans', `/villages/${ids.village}/modifier`, '/centraux', '/demandes',
        '/manage/skills', '/events/new', '/newsletters', '/newsletters/new', '/journeys', '/journeys/new',
        '/manage/committees', '/indicators/report'];
      if (resource) paths.push(resource);
      if (ids.newsletter) paths.push(`/newsletters/${ids.newsletter}`);
      if (ids.event) paths.push(`/events/${ids.event}`);
      assert.ok(journey, 'the demo has a newcomer\'s file');
      paths.push(journey, `${journey}/amendment`, `${journey}/documents`);
      assertClean(await auditBoth(context, page, paths), paths.length);
    } finally {
      await context.close();
    }
  });

  test('the admin\'s, the committee\'s and the newcomer\'s pages have no serious or critical accessibility violation', { skip: SKIP }, async () => {
    const problems = [];
    const roles = [[accounts.admin.email, accounts.admin.password, ['/admin', '/admin/invoicing']],
      [COMMITTEE, PASSWORD, ['/committee']], [NEWCOMER, PASSWORD, ['/my-file', '/my-file/documents']]];
    for (const [email, password, paths] of roles) {
      const { context, page } = await as(email, password);
      try {
        problems.push(...await auditBoth(context, page, paths));
      } finally {
        await context.close();
      }
    }
    assertClean(problems, 5);
  });
});

/** Where the focus is now: the element's id (or tag), and whether an outline or a shadow marks it. */
function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { id: '', visible: true };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return { id: el.id || `${el.tagName.toLowerCase()}${el.getAttribute('href') ? ' ' + el.getAttribute('href') : ''}`, visible: outline || shadow };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the element with `id` has the focus, checking at every stop
 * that the focused element is visibly marked; returns the stops on the way.
 */
async function tabTo(page, id, { back = false, max = 150 } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const state = await focusState(page);
    assert.ok(state.visible, `the focus on ${state.id} is not visible (after ${stops.join(', ')})`);
    stops.push(state.id);
    if (state.id === id) return stops;
  }
  assert.fail(`${id} never got the focus: ${stops.join(', ')}`);
}

/** Selects what the focused text field holds and types `text` over it. */
async function retype(page, text) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

test('a member books a meeting room with the keyboard alone, the focus always visible', { skip: SKIP }, async () => {
  const cal = await siteCalendar(server.url, ids.telecentre);
  const day = cal.mondayAhead(1);
  const { context, page } = await as(accounts.member.email, accounts.member.password);
  try {
    await page.goto(`/sites/${ids.telecentre}`);
    const room = page.getByRole('region', { name: 'Salle de réunion', exact: true });
    const dateId = await room.locator('input[type=date]').getAttribute('id');
    const resource = dateId.replace('date-', '');
    await page.locator('body').focus();
    const stops = await tabTo(page, dateId);
    assert.equal(stops[0], 'a #main', 'the first stop is the link to the content');
    // The date field's first part is the day or the month, as the browser's own language says
    // (not the page's): ArrowUp on it tells which, ArrowDown puts it back; then the date, the hours.
    const field = page.locator(`#${dateId}`);
    const before = await field.inputValue();
    await page.keyboard.press('ArrowUp');
    const monthFirst = (await field.inputValue()).slice(5, 7) !== before.slice(5, 7);
    await page.keyboard.press('ArrowDown');
    const [y, m, d] = day.split('-');
    await page.keyboard.type(monthFirst ? `${m}${d}${y}` : `${d}${m}${y}`);
    assert.equal(await field.inputValue(), day);
    await tabTo(page, `start-${resource}`);
    await page.keyboard.type('1400');
    await tabTo(page, `end-${resource}`);
    await page.keyboard.type('1500');
    await tabTo(page, `note-${resource}`);
    await page.keyboard.type('Au clavier');
    // Back one field and forward again: the end hour kept what was typed.
    await tabTo(page, `end-${resource}`, { back: true });
    assert.equal(await page.locator(`#end-${resource}`).inputValue(), '15:00');
    await tabTo(page, `note-${resource}`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const button = await page.evaluate(() => document.activeElement.textContent.trim());
    assert.equal(button, 'Réserver Salle de réunion');
    assert.ok((await focusState(page)).visible, 'the focused button is marked');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/bookings'),
      page.keyboard.press('Enter'),
    ]);
    if (posted.status() !== 303) {
      const alert = [(await posted.text()).match(/role="alert"[^>]*>([^<]*)/)?.[1]];
      assert.fail(`the booking was refused, ${posted.status()} (${posted.request().postData()}): ${alert.join(' ')}`);
    }
    await page.waitForURL(/\/bookings\?created=\d+$/);
    const row = page.getByRole('row').filter({ hasText: 'Au clavier' });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /14:00/);
  } finally {
    await context.close();
  }
});

test('a visitor sends the village finder with the keyboard alone, the focus always visible', { skip: SKIP }, async () => {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  try {
    await page.goto('/trouver-mon-village');
    await page.locator('body').focus();
    await tabTo(page, 'min_mbps');
    await retype(page, '2');
    await tabTo(page, 'max_km_to_workspace');
    await retype(page, '25');
    await tabTo(page, 'household_size');
    await retype(page, '3');
    // The housing choice is a radio group: the arrow keys move within it.
    await tabTo(page, 'housing_none');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focusState(page)).id, 'housing_rent');
    assert.ok(await page.locator('#housing_rent').isChecked());
    await tabTo(page, 'budget_eur');
    await retype(page, '800');
    await Promise.all([page.waitForURL(/\/trouver-mon-village\?/), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: /Résultats, villages classés \(\d+\)/ }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('min_mbps'), '2');
    assert.equal(url.searchParams.get('housing'), 'rent');
    assert.equal(url.searchParams.get('budget_eur'), '800');
    assert.ok(await page.locator('ol.finder-results > li').count() > 0);
  } finally {
    await context.close();
  }
});

test('the home page, the finder, a site, its calendar and the account page fit a 375 px phone screen (screenshots in build/screenshots/)', { skip: SKIP }, async () => {
  const phone = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris',
    viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  phone.setDefaultTimeout(20000);
  const page = await phone.newPage();
  try {
    const pages = [['home', '/'], ['finder', '/trouver-mon-village?min_mbps=2&max_km_to_workspace=25&housing=rent&budget_eur=800'],
      ['site', `/sites/${ids.telecentre}`], ['calendar', `/sites/${ids.telecentre}/calendar?view=week`], ['account', '/account']];
    // Logged in as the member on the phone, through the login form.
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(accounts.member.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(accounts.member.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account$/);
    const wide = [];
    for (const [name, path] of pages) {
      await page.goto(path);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const sticking = [...document.querySelectorAll('body *')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            // table.data and the calendar scroll sideways inside their own box (overflow-x: auto),
            // and a map's panes are clipped by its container (overflow: hidden), by design.
            return r.width > 0 && (r.right > width + 1 || r.left < -1)
              && !el.closest('.skip, .visually-hidden, table.data, .calendar-scroll, .leaflet-container');
          })
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + el.className : ''}`);
        return { scroll: document.scrollingElement.scrollWidth, width, sticking: sticking.slice(0, 10) };
      });
      await page.screenshot({ path: `${SCREENSHOTS}phone-375-${name}.png`, fullPage: true });
      if (overflow.scroll > 375 || overflow.sticking.length > 0) wide.push(`${path}: ${JSON.stringify(overflow)}`);
    }
    assert.deepEqual(wide, [], `pages wider than the phone:\n${wide.join('\n')}`);
  } finally {
    await phone.close();
  }
});
