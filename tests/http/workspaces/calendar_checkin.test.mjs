// Private iCalendar feeds (per member, per resource) and check-in with lazily released no-shows,
// on the demo programme "gers" plus a second programme "lot" (lot.localhost) for isolation.
// Bookings near "now" cannot be made through the API (they must start in the future, within
// opening hours), so a few are written straight into the database, as a calendar would see them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { cli, demoDatabase, launch, Browserless, ENGINE, PASSWORD } from '../../lib/harness.mjs';
import { at, daysBetween, nowSeconds, siteCalendar, today } from '../../lib/calendar.mjs';

const LOT = 'lot.localhost';
let server;
const tokens = {};
const accounts = {};
const ids = {};
let room; // the meeting room of the first telecentre
let offices; // offices of the other telecentres, one per booking written near "now"
let cal; // the days the room's telecentre is open

/** One request through node:http, which sends the Host header given (fetch would replace it). */
function request(method, path, { token, body, host, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (host) h.host = host;
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    h['content-type'] = 'application/json';
    h['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + path, { method, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const api = (method, path, token, body) => request(method, path, { token, body });

/** The path of an absolute feed URL (the server builds it from the Host header). */
const pathOf = (url) => new URL(url).pathname;

/** Runs SQL on the server's database; returns the trimmed output. */
function sql(query) {
  const r = ENGINE === 'postgresql'
    ? spawnSync('psql', [server.db.url, '-qtAc', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 5000', server.db.url.slice('sqlite:'.length), query], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const now = () => nowSeconds();

/** A confirmed booking written directly, starting `fromNow` seconds from now (negative: past). */
function insertBooking(resource, account, fromNow, minutes = 60) {
  const start = now() + fromNow;
  return Number(sql(`INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, note, status, created_at)
    SELECT programme_id, ${resource.id}, ${account}, ${start}, ${start + minutes * 60}, 'posée en base', 'confirmed', ${now()}
    FROM resources WHERE id = ${resource.id} RETURNING id`));
}

/** "20261201T080000Z" for an RFC 3339 instant. */
const icalUtc = (rfc3339) => new Date(rfc3339).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The events of an iCalendar text, unfolded, as objects of their properties. */
function events(text) {
  const lines = [];
  for (const line of text.split('\r\n')) {
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else if (line) lines.push(line);
  }
  const out = [];
  let current;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') { out.push(current); current = undefined; }
    else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

async function feed(url, host) {
  return request('GET', pathOf(url), { host });
}

before(async () => {
  const demo = demoDatabase({ freeAhead: true });
  const { db } = demo;
  Object.assign(accounts, demo.accounts);
  accounts.other_member = { email: 'autre-membre@example.org', password: PASSWORD };
  const steps = [
    ['user', 'add', accounts.other_member.email, '--role', 'member', '--programme', 'gers', '--name', 'Autre Membre'],
    ['programme', 'add', 'lot', '--name', 'Soho Solo Lot', '--host', LOT, '--public-url', `http://${LOT}`],
    ['user', 'add', 'lot-membre@example.org', '--role', 'member', '--programme', 'lot'],
  ];
  for (const args of steps) {
    const done = cli([...args, '--db', db.url], PASSWORD + '\n');
    assert.equal(done.status, 0, done.stderr + done.stdout);
  }
  server = await launch(db, { threads: 4 });
  for (const [role, { email, password }] of Object.entries(accounts)) {
    const res = await request('POST', '/api/v1/tokens', { body: { email, password } });
    assert.equal(res.status, 201, res.text);
    tokens[role] = res.json.token;
    ids[role] = (await api('GET', '/api/v1/me', tokens[role])).json.id;
  }
  const lot = await request('POST', '/api/v1/tokens', { host: LOT, body: { email: 'lot-membre@example.org', password: PASSWORD } });
  assert.equal(lot.status, 201, lot.text);
  tokens.lot_member = lot.json.token;
  const sites = (await api('GET', '/api/v1/sites')).json.items.filter((s) => s.kind === 'telecentre');
  room = sites[0].resources.find((x) => x.kind === 'meeting_room');
  offices = sites.slice(1).flatMap((s) => s.resources.filter((x) => x.kind === 'office'));
  // The demo's site host runs these telecentres (hosts act on their own sites only).
  for (const site of sites) {
    const tied = await api('PUT', `/api/v1/sites/${site.id}/hosts`, tokens.admin, { account_ids: [ids.site_host] });
    assert.equal(tied.status, 200, tied.text);
  }
  cal = await siteCalendar(server.url, sites[0].id);
});

after(async () => { await server?.close(); });

const LONG_NOTE = 'Rendez-vous client, dossier « Élevage de canards ; bilan annuel » — prévoir le vidéoprojecteur et le café';
let lastDay; // the day of the newest member's bookings: each member books the room on a day of their own
let made = 0;

/**
 * A new member of the programme, for one test: a token, a confirmed booking of the room next week
 * (`kept`, with a long note), a cancelled one the same day (`cancelled`), and a feed address unless
 * `withFeed` is false.
 */
async function newMember({ withFeed = true } = {}) {
  made += 1;
  const email = `membre-agenda-${made}@example.org`;
  const name = `Adèle Agenda${made}`;
  const added = cli(['user', 'add', email, '--role', 'member', '--programme', 'gers', '--name', name, '--db', server.db.url], PASSWORD + '\n');
  assert.equal(added.status, 0, added.stderr);
  const login = await request('POST', '/api/v1/tokens', { body: { email, password: PASSWORD } });
  assert.equal(login.status, 201, login.text);
  const token = login.json.token;
  const id = (await api('GET', '/api/v1/me', token)).json.id;
  const day = cal.workingDay(lastDay ? daysBetween(today(), lastDay) + 1 : 7);
  lastDay = day;
  const kept = await api('POST', '/api/v1/bookings', token, { resource_id: room.id, start: at(day, '09:00'), end: at(day, '10:00'), note: LONG_NOTE });
  assert.equal(kept.status, 201, kept.text);
  const cancelled = await api('POST', '/api/v1/bookings', token, { resource_id: room.id, start: at(day, '14:00'), end: at(day, '15:00') });
  assert.equal(cancelled.status, 201, cancelled.text);
  assert.equal((await api('DELETE', `/api/v1/bookings/${cancelled.json.id}`, token)).status, 204);
  let feedUrl = null;
  if (withFeed) {
    const feedMade = await api('POST', '/api/v1/me/calendar-feed', token);
    assert.equal(feedMade.status, 201, feedMade.text);
    feedUrl = feedMade.json.calendar_feed_url;
  }
  return { email, name, token, id, kept: kept.json, cancelled: cancelled.json, feedUrl };
}

test('the member feed: text/calendar, CRLF, folded lines, stable UIDs, cancellations with SEQUENCE 1', async () => {
  const { token, kept, cancelled } = await newMember({ withFeed: false });

  // A member has an address from the start, without asking for one: it works at once.
  const [before, twin] = await Promise.all([1, 2].map(async () => (await api('GET', '/api/v1/me', token)).json));
  assert.match(before.calendar_feed_url, /^http:\/\/[^/]+\/calendar\/member\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.ok(before.calendar_feed_created_at, JSON.stringify(before));
  assert.equal(twin.calendar_feed_url, before.calendar_feed_url, 'two first visits at once make one address');
  assert.equal((await feed(before.calendar_feed_url)).status, 200);
  const made = await api('POST', '/api/v1/me/calendar-feed', token);
  assert.equal(made.status, 201, made.text);
  const memberFeedUrl = made.json.calendar_feed_url;
  assert.match(memberFeedUrl, /^http:\/\/[^/]+\/calendar\/member\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.notEqual(memberFeedUrl, before.calendar_feed_url);
  assert.equal((await feed(before.calendar_feed_url)).status, 404, 'the first address stops working');
  const me = (await api('GET', '/api/v1/me', token)).json;
  assert.ok(me.calendar_feed_created_at, JSON.stringify(me));
  // The token is derived from the server secret (only its hash is stored), so the current
  // address is shown again, the same until the member regenerates it.
  assert.equal(me.calendar_feed_url, memberFeedUrl);
  assert.equal(sql(`SELECT COUNT(*) FROM calendar_feeds WHERE token_hash LIKE '%${pathOf(memberFeedUrl).split('/').pop().slice(0, -4)}%'`), '0');
  const res = await feed(memberFeedUrl); // no cookie, no bearer token: calendar applications send none
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers['content-type'], /^text\/calendar; charset=utf-8$/);
  const text = res.text;
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  const physical = text.split('\r\n');
  assert.ok(physical.every((l) => Buffer.byteLength(l) <= 75), 'lines folded at 75 octets');
  assert.ok(physical.some((l) => l.startsWith(' ')), 'the long note is folded');
  const all = events(text);
  const mine = all.find((e) => e.UID === `booking-${kept.id}@gers.sohosolo`);
  assert.ok(mine, text);
  assert.equal(mine.STATUS, 'CONFIRMED');
  assert.equal(mine.SEQUENCE, '0');
  assert.equal(mine.DTSTART, icalUtc(kept.start));
  assert.equal(mine.DTEND, icalUtc(kept.end));
  assert.match(mine.DTSTAMP, /^\d{8}T\d{6}Z$/);
  assert.equal(mine.DESCRIPTION, LONG_NOTE.replace(/([,;])/g, '\\$1'));
  const gone = all.find((e) => e.UID === `booking-${cancelled.id}@gers.sohosolo`);
  assert.equal(gone?.STATUS, 'CANCELLED');
  assert.equal(gone?.SEQUENCE, '1');

  const again = events((await feed(memberFeedUrl)).text);
  assert.deepEqual(again.map((e) => e.UID), all.map((e) => e.UID));
  // The booking's own .ics carries the same UID and SEQUENCE as the feed.
  const single = events((await api('GET', `/bookings/${cancelled.id}/calendar.ics`, token)).text);
  assert.deepEqual([single[0].UID, single[0].SEQUENCE, single[0].STATUS], [gone.UID, '1', 'CANCELLED']);
});

test('the resource feed shows busy periods without names or notes; only site staff make one', async () => {
  const { email, name, kept, cancelled } = await newMember({ withFeed: false });
  assert.equal((await api('POST', `/api/v1/resources/${room.id}/calendar-feed`, tokens.member)).status, 403);
  assert.equal((await api('POST', '/api/v1/resources/987654/calendar-feed', tokens.site_host)).status, 404);
  const made = await api('POST', `/api/v1/resources/${room.id}/calendar-feed`, tokens.site_host);
  assert.equal(made.status, 201, made.text);
  assert.match(made.json.calendar_feed_url, /\/calendar\/resource\/[A-Za-z0-9_-]{43}\.ics$/);
  const res = await feed(made.json.calendar_feed_url);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/calendar/);
  const busy = events(res.text);
  const slot = busy.find((e) => e.DTSTART === icalUtc(kept.start));
  assert.ok(slot, res.text);
  assert.equal(slot.STATUS, 'CONFIRMED');
  assert.equal(slot.SUMMARY, 'Réservé');
  assert.notEqual(slot.UID, `booking-${kept.id}@gers.sohosolo`);
  assert.equal(busy.find((e) => e.DTSTART === icalUtc(cancelled.start))?.STATUS, 'CANCELLED');
  const unfolded = res.text.replace(/\r\n /g, '');
  for (const secret of [...name.split(' '), email, 'canards', 'Rendez-vous', 'DESCRIPTION']) {
    assert.ok(!unfolded.includes(secret), `${secret} must not be in the resource feed`);
  }
  // Advisors make one too; the site host's address stops working.
  const advisor = await api('POST', `/api/v1/resources/${room.id}/calendar-feed`, tokens.advisor);
  assert.equal(advisor.status, 201);
  assert.equal((await feed(made.json.calendar_feed_url)).status, 404);
  assert.equal((await feed(advisor.json.calendar_feed_url)).status, 200);
});

test('regenerating invalidates the old address; wrong tokens and wrong kinds are 404', async () => {
  const { token: member, feedUrl } = await newMember();
  let memberFeedUrl = feedUrl;
  const fresh = await api('POST', '/api/v1/me/calendar-feed', member);
  assert.equal(fresh.status, 201);
  assert.notEqual(fresh.json.calendar_feed_url, memberFeedUrl);
  assert.equal((await feed(memberFeedUrl)).status, 404);
  assert.equal((await feed(fresh.json.calendar_feed_url)).status, 200);
  memberFeedUrl = fresh.json.calendar_feed_url;
  assert.equal((await api('GET', '/api/v1/me', member)).json.calendar_feed_url, memberFeedUrl);
  const token = pathOf(memberFeedUrl).split('/').pop().slice(0, -4);
  for (const path of [
    `/calendar/member/${'A'.repeat(43)}.ics`,
    `/calendar/member/${token}`,
    `/calendar/member/${token}.ics.ics`,
    `/calendar/resource/${token}.ics`, // a member's token is not a resource's
    '/calendar/member/.ics',
  ]) {
    const res = await request('GET', path);
    assert.equal(res.status, 404, path);
  }
});

test("another programme's feed token is 404 here, and ours is 404 there", async () => {
  const { feedUrl: memberFeedUrl } = await newMember();
  const made = await request('POST', '/api/v1/me/calendar-feed', { token: tokens.lot_member, host: LOT });
  assert.equal(made.status, 201, made.text);
  assert.ok(made.json.calendar_feed_url.startsWith(`http://${LOT}/calendar/member/`));
  assert.equal((await feed(made.json.calendar_feed_url, LOT)).status, 200);
  assert.equal((await feed(made.json.calendar_feed_url, 'gers.localhost')).status, 404);
  assert.equal((await feed(made.json.calendar_feed_url)).status, 404);
  assert.equal((await feed(memberFeedUrl, LOT)).status, 404);
});

test('check-in: too early is 422 naming the rule, others get 404, staff may at any time', async () => {
  const { token: member, kept, cancelled, feedUrl: memberFeedUrl } = await newMember();
  const early = await api('POST', `/api/v1/bookings/${kept.id}/check-in`, member);
  assert.equal(early.status, 422, early.text);
  assert.equal(early.headers['content-type'], 'application/problem+json');
  assert.ok(early.json.errors.some((e) => e.code === 'error.booking.check_in_too_early'), early.text);
  assert.equal((await api('POST', `/api/v1/bookings/${kept.id}/check-in`, tokens.other_member)).status, 404);
  assert.equal((await api('POST', '/api/v1/bookings/987654/check-in', member)).status, 404);
  assert.equal((await api('POST', '/api/v1/bookings/x/check-in', member)).status, 404);
  assert.equal((await request('POST', `/api/v1/bookings/${kept.id}/check-in`)).status, 401);
  const host = await api('POST', `/api/v1/bookings/${kept.id}/check-in`, tokens.site_host);
  assert.equal(host.status, 200, host.text);
  assert.ok(host.json.checked_in_at);
  assert.equal(host.json.status, 'confirmed');
  const twice = await api('POST', `/api/v1/bookings/${kept.id}/check-in`, tokens.advisor);
  assert.equal(twice.status, 409);
  assert.equal((await api('POST', `/api/v1/bookings/${cancelled.id}/check-in`, tokens.admin)).status, 409);
  // Checking in is not a change calendars must see: no new SEQUENCE.
  const seen = events((await feed(memberFeedUrl)).text).find((e) => e.UID === `booking-${kept.id}@gers.sohosolo`);
  assert.equal(seen.SEQUENCE, '0');
});

test('check-in on time: the member gets 200, then 409 the second time', async () => {
  const id = insertBooking(offices[0], ids.member, 5 * 60);
  const res = await api('POST', `/api/v1/bookings/${id}/check-in`, tokens.member);
  assert.equal(res.status, 200, res.text);
  assert.ok(Math.abs(Date.parse(res.json.checked_in_at) / 1000 - now()) < 60);
  const twice = await api('POST', `/api/v1/bookings/${id}/check-in`, tokens.member);
  assert.equal(twice.status, 409);
  assert.equal(twice.json.type, '/problems/conflict');
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${id}`), 'confirmed');
});

test('"Je suis arrivé·e" on "Mes réservations" during the window only', async () => {
  const { email, id: memberId, kept } = await newMember({ withFeed: false });
  const id = insertBooking(offices[1], memberId, 10 * 60);
  const browser = new Browserless(server.url);
  await browser.login(email, PASSWORD);
  const page = await (await browser.get('/bookings')).text();
  assert.match(page, new RegExp(`action="/bookings/${id}/check-in"[^]*?Je suis arrivé·e`));
  assert.ok(!page.includes(`/bookings/${kept.id}/check-in`), 'no button for next week');
  const done = await browser.submit('/bookings', `/bookings/${id}/check-in`, {});
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), `/bookings?checked_in=${id}`);
  const after = await (await browser.get(done.headers.get('location'))).text();
  assert.match(after, /Votre arrivée est enregistrée\./);
  assert.ok(!after.includes(`/bookings/${id}/check-in`));
});

test('no-shows are released lazily: status no_show, SEQUENCE bumped, too late for the member, counted', async () => {
  const { token: member, id: memberId, feedUrl: memberFeedUrl } = await newMember();
  const countBefore = Number(sql(`SELECT COUNT(*) FROM bookings WHERE status = 'no_show' AND account_id = ${memberId}`));
  const missed = insertBooking(offices[2], memberId, -30 * 60);
  const reinstated = insertBooking(offices[3], memberId, -20 * 60);
  const old = insertBooking(offices[4], memberId, -8 * 86400);
  const early = insertBooking(offices[5], memberId, -10 * 60); // within the 15-minute grace
  const got = await api('GET', `/api/v1/bookings/${missed}`, member);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.status, 'no_show');
  assert.equal(sql(`SELECT status || ' ' || sequence FROM bookings WHERE id = ${missed}`), 'no_show 1');
  assert.notEqual(sql(`SELECT released_at FROM bookings WHERE id = ${missed}`), '');
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${early}`), 'confirmed');
  // Older than the sweep's week: history from before check-in existed is left alone.
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${old}`), 'confirmed');
  assert.equal(Number(sql(`SELECT COUNT(*) FROM bookings WHERE status = 'no_show' AND account_id = ${memberId}`)), countBefore + 2);

  const late = await api('POST', `/api/v1/bookings/${missed}/check-in`, member);
  assert.equal(late.status, 422);
  assert.ok(late.json.errors.some((e) => e.code === 'error.booking.check_in_too_late'), late.text);
  const inFeed = events((await feed(memberFeedUrl)).text).find((e) => e.UID === `booking-${missed}@gers.sohosolo`);
  assert.deepEqual([inFeed?.STATUS, inFeed?.SEQUENCE], ['CANCELLED', '1']);

  // Released means the slot is free: even PostgreSQL's exclusion constraint now accepts another
  // booking over it, and the site host can no longer give it back to the member.
  const taker = insertBooking(offices[2], ids.other_member, 5 * 60, 20); // within what is left of it
  assert.ok(taker > 0);
  const taken = await api('POST', `/api/v1/bookings/${missed}/check-in`, tokens.site_host);
  assert.equal(taken.status, 409, taken.text);
  // A released slot nobody took: the site host confirms the member came after all.
  const back = await api('POST', `/api/v1/bookings/${reinstated}/check-in`, tokens.site_host);
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.status, 'confirmed');
  assert.equal(sql(`SELECT status || ' ' || sequence FROM bookings WHERE id = ${reinstated}`), 'confirmed 2');
});

test('a booking that may meet a due no-show releases it first, whatever becomes of the booking', async () => {
  // Asking for a slot within a day runs the sweep before anything else about the booking (its
  // hours, the site's holidays): the no-show in the way is released by this request alone.
  const { id: memberId } = await newMember({ withFeed: false });
  const { token: other } = await newMember({ withFeed: false });
  const office = offices[offices.length - 1];
  const missed = insertBooking(office, memberId, -40 * 60);
  const start = new Date((now() + 3600) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const end = new Date((now() + 5400) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const asked = await api('POST', '/api/v1/bookings', other, { resource_id: office.id, start, end });
  assert.ok([201, 409, 422].includes(asked.status), asked.text);
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${missed}`), 'no_show');
});

test('HTML: the member makes a feed address on "Mes réservations"; site staff see resource feeds', async () => {
  const { email, feedUrl: memberFeedUrl } = await newMember();
  const member = new Browserless(server.url);
  await member.login(email, PASSWORD);
  const page = await (await member.get('/bookings')).text();
  assert.match(page, /Mon agenda \(iCalendar\)/);
  assert.match(page, /action="\/bookings\/calendar-feed"/);
  const made = await member.submit('/bookings', '/bookings/calendar-feed', {});
  assert.equal(made.status, 201);
  const html = await made.text();
  const url = html.match(/<code id="feed-url">([^<]+)<\/code>/)?.[1];
  assert.ok(url, html);
  assert.match(html, new RegExp(`href="webcal://[^"]+${pathOf(url).replace(/[.]/g, '\\.')}"`));
  assert.equal((await feed(url)).status, 200);
  assert.equal((await feed(memberFeedUrl)).status, 404);
  // Derived from the server secret, the current address stays on the page; the old one is gone.
  const again = await (await member.get('/bookings')).text();
  assert.ok(again.includes(pathOf(url)), 'the current address is shown again');
  assert.ok(!again.includes(pathOf(memberFeedUrl)));
  assert.ok(!(await (await member.get(`/sites/${room.site_id}`)).text()).includes('/calendar-feed'));

  const host = new Browserless(server.url);
  await host.login(accounts.site_host.email, accounts.site_host.password);
  const site = await (await host.get(`/sites/${room.site_id}`)).text();
  assert.match(site, new RegExp(`action="/sites/${room.site_id}/resources/${room.id}/calendar-feed"`));
  const regenerated = await host.submit(`/sites/${room.site_id}`, `/sites/${room.site_id}/resources/${room.id}/calendar-feed`, {});
  assert.equal(regenerated.status, 201);
  const resourceUrl = (await regenerated.text()).match(/<code class="feed-url">([^<]+)<\/code>/)?.[1];
  assert.ok(resourceUrl?.includes('/calendar/resource/'));
  assert.equal((await feed(resourceUrl)).status, 200);
  assert.ok((await (await host.get(`/sites/${room.site_id}`)).text()).includes(pathOf(resourceUrl)), 'shown again');
});
