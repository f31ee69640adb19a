// Occasional-booking rules on both engines: public holidays and site closures, the buffer
// between bookings, host approval, cancellation by site staff with a reason, booking on behalf
// of a member with a quota override, and the calendar feed address that survives a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, ENGINE, launch } from '../../lib/harness.mjs';
import {
  addDays, api, at, bookingWorld, easter, farHorizon, holidays, mustSql, nextDstSunday, nowSeconds, outboxFor, overlapsInDatabase,
  setRules, sql, today, weekday,
} from '../../lib/workspaces.mjs';

let w;
let site; // the first telecentre
let room; // its meeting room
let offices;

before(async () => {
  // A small weekly quota (6 h) so that the override is reached quickly.
  w = await bookingWorld({ extraMembers: 1, extraArgs: ['--quota-week-hours', '6'] });
  site = w.sites.find((s) => s.kind === 'telecentre');
  room = site.resources.find((r) => r.kind === 'meeting_room');
  offices = w.sites.filter((s) => s.kind === 'telecentre').flatMap((s) => s.resources.filter((r) => r.kind === 'office'));
});

after(async () => { await w?.server.close(); });

const book = (role, resource, day, from, to, extra = {}) =>
  api(w, 'POST', '/api/v1/bookings', role, { resource_id: resource.id, start: at(day, from), end: at(day, to), ...extra });
const other0 = () => w.sites.filter((s) => s.kind === 'telecentre')[1];
const countBookings = () => Number(mustSql(w, 'SELECT COUNT(*) FROM bookings'));

test('public holidays: a booking on a movable holiday (Easter Monday, Ascension, Whit Monday) is refused naming the holiday; no free slot that day', async () => {
  const office = offices[0];
  await farHorizon(w, office.id);
  const year = Number(today().slice(0, 4));
  // Within any 396 days there are at least two of them (Whit Monday to the next Easter Monday is
  // at most 350 days).
  const candidates = [year, year + 1, year + 2].flatMap((y) => [1, 39, 50].map((n) => addDays(easter(y), n)));
  const days = candidates.filter((d) => d > addDays(today(), 2) && d < addDays(today(), 398)).slice(0, 2);
  assert.equal(days.length, 2);
  for (const day of days) {
    const before = countBookings();
    const res = await book('member', office, day, '09:00', '10:00');
    assert.equal(res.status, 422, res.text);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.json.detail, 'Le site est fermé ce jour-là.');
    assert.deepEqual(res.json.errors.map((e) => e.code), ['error.booking.holiday']);
    assert.equal(res.json.holiday, holidays(Number(day.slice(0, 4)))[day]);
    assert.equal(res.json.date, day);
    assert.equal(countBookings(), before);
    const free = await api(w, 'GET', `/api/v1/resources/${office.id}/availability?from=${day}&to=${day}`, 'member');
    assert.equal(free.status, 200);
    assert.deepEqual(free.json.free, []);
  }
  // A fixed holiday on a weekday, too (the next one within the horizon).
  let fixed = addDays(today(), 3);
  while (!(holidays(Number(fixed.slice(0, 4)))[fixed] && weekday(fixed) <= 5 && !['Lundi de Pâques', 'Ascension', 'Lundi de Pentecôte'].includes(holidays(Number(fixed.slice(0, 4)))[fixed]))) fixed = addDays(fixed, 1);
  const res = await book('member', office, fixed, '14:00', '15:00');
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.holiday, holidays(Number(fixed.slice(0, 4)))[fixed]);
});

test('site closures: staff manage them through the API; bookings on them are refused with the reason; bad input changes nothing', async () => {
  const day = w.cal.workingDay(20);
  const path = `/api/v1/sites/${site.id}/closures`;
  assert.equal((await api(w, 'POST', path, 'member', { first_day: day, last_day: day, reason: 'Travaux' })).status, 403);
  assert.equal((await api(w, 'POST', path, null, { first_day: day, last_day: day, reason: 'Travaux' })).status, 401);
  assert.equal((await api(w, 'POST', '/api/v1/sites/987654/closures', 'site_host', { first_day: day, reason: 'x' })).status, 404);
  for (const [body, field] of [
    [{ first_day: day, last_day: day, reason: '   ' }, 'reason'],
    [{ first_day: '2026-02-30', last_day: day, reason: 'Travaux' }, 'first_day'],
    [{ first_day: day, last_day: addDays(day, -1), reason: 'Travaux' }, 'last_day'],
    [{ first_day: day, last_day: addDays(day, 400), reason: 'Travaux' }, 'last_day'],
    [{ first_day: 20260101, reason: 'Travaux' }, 'first_day'],
    [{ first_day: day, reason: 'x'.repeat(201) }, 'reason'],
  ]) {
    const res = await api(w, 'POST', path, 'site_host', body);
    assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
    assert.ok(res.json.errors.some((e) => e.field === field), res.text);
  }
  assert.equal((await api(w, 'POST', path, 'site_host', '{"first_day":')).status, 400);
  assert.deepEqual((await api(w, 'GET', path, null)).json.items, []);

  const made = await api(w, 'POST', path, 'site_host', { first_day: day, last_day: addDays(day, 1), reason: 'Travaux de peinture' });
  assert.equal(made.status, 201, made.text);
  const listed = (await api(w, 'GET', path, null)).json.items;
  assert.deepEqual(listed.map((c) => [c.first_day, c.last_day, c.reason]), [[day, addDays(day, 1), 'Travaux de peinture']]);

  // The site's closed days: its closure, and the public holidays with their names.
  const closedDays = async (from, to, query = `from=${from}&to=${to}`) => api(w, 'GET', `/api/v1/sites/${site.id}/closed-days?${query}`, null);
  const closed = await closedDays(day, addDays(day, 400));
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.from, day);
  // A holiday wins over a closure on the same day (the day after may be one).
  const holidayName = (d) => holidays(Number(d.slice(0, 4)))[d];
  assert.deepEqual(closed.json.items.slice(0, 2), [day, addDays(day, 1)].map((d) => (holidayName(d)
    ? { day: d, kind: 'public_holiday', reason: holidayName(d) } : { day: d, kind: 'closure', reason: 'Travaux de peinture' })));
  const expectedHolidays = [0, 1, 2].flatMap((n) => Object.entries(holidays(Number(day.slice(0, 4)) + n)))
    .filter(([d]) => d >= day && d <= addDays(day, 400)).sort();
  assert.deepEqual(closed.json.items.filter((i) => i.kind === 'public_holiday').map((i) => [i.day, i.reason]), expectedHolidays);
  assert.equal((await api(w, 'GET', `/api/v1/sites/${other0().id}/closed-days?from=${day}&to=${day}`, null)).json.items.length, 0);
  for (const [query, code] of [[`from=${day}&to=${addDays(day, 1100)}`, 'error.closeddays.range'],
    [`from=${day}&to=${addDays(day, -1)}`, 'error.sitebookings.order'], ['from=demain', 'error.field.date']]) {
    const bad = await closedDays(null, null, query);
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(bad.json.errors.map((e) => e.code), [code]);
  }
  assert.equal((await closedDays(null, null, 'from=2026-01-01')).json.to, '2027-01-01');
  assert.equal((await api(w, 'GET', '/api/v1/sites/987654/closed-days', null)).status, 404);

  const refused = await book('member', room, day, '09:00', '10:00');
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.json.errors.map((e) => e.code), ['error.booking.site_closed']);
  assert.equal(refused.json.closure_reason, 'Travaux de peinture');
  const free = await api(w, 'GET', `/api/v1/resources/${room.id}/availability?from=${day}&to=${addDays(day, 1)}`, 'member');
  assert.deepEqual(free.json.free, []);
  // Another site is not closed.
  const other = other0().resources.find((r) => r.kind === 'meeting_room');
  assert.equal((await book('member', other, day, '09:00', '10:00')).status, 201);

  assert.equal((await api(w, 'DELETE', `/api/v1/closures/${made.json.id}`, 'member')).status, 403);
  assert.equal((await api(w, 'DELETE', '/api/v1/closures/987654', 'site_host')).status, 404);
  assert.equal((await api(w, 'DELETE', `/api/v1/closures/${made.json.id}`, 'site_host')).status, 204);
  assert.equal((await api(w, 'DELETE', `/api/v1/closures/${made.json.id}`, 'site_host')).status, 404);
  assert.equal((await book('member', room, day, '09:00', '10:00')).status, 201);
});

test('site closures: the form on the site page, for staff only, re-shown with its errors', async () => {
  const day = w.cal.workingDay(24);
  const member = new Browserless(w.server.url);
  await member.login(w.accounts.member.email, w.accounts.member.password);
  assert.ok(!(await (await member.get(`/sites/${site.id}`)).text()).includes('closure-form'));
  const host = new Browserless(w.server.url);
  await host.login(w.accounts.site_host.email, w.accounts.site_host.password);
  const bad = await host.submit(`/sites/${site.id}`, `/sites/${site.id}/closures`, { first_day: day, last_day: '', reason: '' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Ce champ est obligatoire\./);
  const ok = await host.submit(`/sites/${site.id}`, `/sites/${site.id}/closures`, { first_day: day, last_day: '', reason: 'Séminaire <interne>' });
  assert.equal(ok.status, 303);
  const page = await (await host.get(`/sites/${site.id}`)).text();
  assert.match(page, new RegExp(`${day} → ${day}</td><td>Séminaire &lt;interne&gt;`));
  const id = page.match(/action="\/sites\/\d+\/closures\/(\d+)\/delete"/)[1];
  const gone = await host.submit(`/sites/${site.id}`, `/sites/${site.id}/closures/${id}/delete`, {});
  assert.equal(gone.status, 303);
  assert.equal((await api(w, 'GET', `/api/v1/sites/${site.id}/closures`, null)).json.items.length, 0);
});

test('buffer: the end plus the buffer is held, 409 names the blocked period; without buffer back-to-back stays allowed', async () => {
  const office = offices[1];
  await setRules(w, office.id, { buffer_minutes: 30 });
  assert.equal((await api(w, 'GET', `/api/v1/sites/${office.site_id}`, null)).json.resources.find((r) => r.id === office.id).rules.buffer_minutes, 30);
  const day = w.cal.workingDay(15);
  const first = await book('member', office, day, '09:00', '10:00');
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.blocked_until, at(day, '10:30'));
  for (const [from, to] of [['10:00', '11:00'], ['08:30', '09:00'], ['10:00', '10:30']]) {
    const res = await book('member2', office, day, from, to);
    assert.equal(res.status, 409, `${from}-${to}: ${res.text}`);
    assert.deepEqual(res.json.conflict, { start: at(day, '09:00'), end: at(day, '10:30') });
  }
  // 8:30 would need its own buffer up to 9:30: refused above; 10:30 is free.
  assert.equal((await book('member2', office, day, '10:30', '11:00')).status, 201);
  const free = await api(w, 'GET', `/api/v1/resources/${office.id}/availability?from=${day}&to=${day}`, 'member');
  assert.deepEqual(free.json.busy[0], { start: at(day, '08:30'), end: at(day, '10:30') });
  // No buffer: back-to-back.
  const plain = offices[2];
  assert.equal((await book('member', plain, day, '09:00', '10:00')).status, 201);
  assert.equal((await book('member2', plain, day, '10:00', '11:00')).status, 201);
  assert.equal(overlapsInDatabase(w), 0);
  if (ENGINE === 'postgresql') {
    // The exclusion constraint itself covers [start, blocked_end): a row written behind the
    // server's back into the buffer is refused by PostgreSQL.
    const t = Math.floor(Date.parse(at(day, '10:00')) / 1000);
    const r = sql(w, `INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, blocked_end, status, created_at)
      SELECT programme_id, ${office.id}, ${w.ids.member}, ${t}, ${t + 900}, ${t + 900}, 'confirmed', 0 FROM resources WHERE id = ${office.id}`);
    assert.notEqual(r.status, 0);
    assert.match(r.err, /bookings_no_overlap/);
  }
});

test('host approval: pending bookings hold the slot; staff approve or decline with a reason; the member is told', async () => {
  const office = offices[3];
  await setRules(w, office.id, { requires_approval: true });
  const day = w.cal.workingDay(22);
  const asked = await book('member', office, day, '09:00', '10:00');
  assert.equal(asked.status, 201, asked.text);
  assert.equal(asked.json.status, 'pending');
  const taken = await book('member2', office, day, '09:30', '10:30');
  assert.equal(taken.status, 409, taken.text);

  assert.equal((await api(w, 'GET', '/api/v1/bookings/pending', 'member')).status, 403);
  const pending = await api(w, 'GET', '/api/v1/bookings/pending', 'site_host');
  assert.equal(pending.status, 200);
  assert.ok(pending.json.items.some((b) => b.id === asked.json.id && b.status === 'pending'));
  assert.equal((await api(w, 'POST', `/api/v1/bookings/${asked.json.id}/approve`, 'member')).status, 403);
  const noReason = await api(w, 'POST', `/api/v1/bookings/${asked.json.id}/decline`, 'site_host', { reason: ' ' });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.json.errors[0].field, 'reason');
  assert.equal((await api(w, 'POST', '/api/v1/bookings/987654/decline', 'site_host', { reason: 'x' })).status, 404);
  assert.equal((await api(w, 'GET', `/api/v1/bookings/${asked.json.id}`, 'member')).json.status, 'pending');

  const declined = await api(w, 'POST', `/api/v1/bookings/${asked.json.id}/decline`, 'site_host', { reason: 'Salle réservée pour une formation' });
  assert.equal(declined.status, 200, declined.text);
  assert.equal(declined.json.status, 'declined');
  assert.equal((await api(w, 'POST', `/api/v1/bookings/${asked.json.id}/approve`, 'site_host')).status, 409);
  const mail = outboxFor(w, w.accounts.member.email, 'booking_declined');
  assert.equal(mail.length, 1);
  assert.match(mail[0], /n'a pas été acceptée[^]*Motif : Salle réservée pour une formation/);

  // The slot is free again; a new request is approved from the staff page.
  const again = await book('member2', office, day, '09:30', '10:30');
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.status, 'pending');
  const host = new Browserless(w.server.url);
  await host.login(w.accounts.site_host.email, w.accounts.site_host.password);
  const page = await (await host.get('/bookings/pending')).text();
  assert.match(page, new RegExp(`action="/bookings/${again.json.id}/approve"`));
  assert.match(page, new RegExp(`action="/bookings/${again.json.id}/decline"`));
  const approved = await host.submit('/bookings/pending', `/bookings/${again.json.id}/approve`, {});
  assert.equal(approved.status, 303);
  assert.equal((await api(w, 'GET', `/api/v1/bookings/${again.json.id}`, 'member2')).json.status, 'confirmed');
  assert.equal(outboxFor(w, w.accounts.member2.email, 'booking_approved').length, 1);
  assert.ok(!(await (await host.get('/bookings/pending')).text()).includes(`/bookings/${again.json.id}/approve`));
  // Site staff booking there themselves need no approval.
  assert.equal((await book('site_host', office, day, '14:00', '15:00')).json.status, 'confirmed');
});

test('a member who reads English is told in English', async () => {
  mustSql(w, `UPDATE accounts SET language = 'en' WHERE id = ${w.ids.member2}`);
  try {
    const day = w.cal.workingDay(27);
    const b = await book('member2', room, day, '16:00', '17:00');
    assert.equal(b.status, 201, b.text);
    assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${b.json.id}?reason=${encodeURIComponent('Power cut')}`, 'site_host')).status, 204);
    const subject = mustSql(w, `SELECT subject FROM outbox WHERE recipient = '${w.accounts.member2.email}' AND kind = 'booking_cancelled' ORDER BY id DESC LIMIT 1`);
    assert.equal(subject, 'Booking cancelled');
    const body = mustSql(w, `SELECT body FROM outbox WHERE recipient = '${w.accounts.member2.email}' AND kind = 'booking_cancelled' ORDER BY id DESC LIMIT 1`);
    assert.match(body, /Reason: Power cut/);
    assert.match(body, /\d{4}-\d\d-\d\d \d\d:\d\d/, 'the date as English readers write it');
  } finally {
    mustSql(w, `UPDATE accounts SET language = 'fr' WHERE id = ${w.ids.member2}`);
  }
});

test('site staff cancel anyone\'s booking at any time with a reason; the member is told', async () => {
  const day = w.cal.workingDay(26);
  const b = await book('member', room, day, '16:00', '17:00');
  assert.equal(b.status, 201);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${b.json.id}`, 'member2')).status, 404);
  const long = await api(w, 'DELETE', `/api/v1/bookings/${b.json.id}`, 'site_host', { reason: 'x'.repeat(501) });
  assert.equal(long.status, 422);
  assert.equal((await api(w, 'GET', `/api/v1/bookings/${b.json.id}`, 'member')).json.status, 'confirmed');
  const done = await api(w, 'DELETE', `/api/v1/bookings/${b.json.id}?reason=${encodeURIComponent('Coupure de courant prévue')}`, 'site_host');
  assert.equal(done.status, 204, done.text);
  const seen = (await api(w, 'GET', `/api/v1/bookings/${b.json.id}`, 'member')).json;
  assert.equal(seen.status, 'cancelled');
  assert.equal(seen.reason, 'Coupure de courant prévue');
  const mail = outboxFor(w, w.accounts.member.email, 'booking_cancelled');
  assert.match(mail[0], /annulée par l'équipe du site[^]*Motif : Coupure de courant prévue/);
  // A booking that already started: the advisor still may (JSON body this time).
  const t = nowSeconds() - 600;
  const started = Number(mustSql(w, `INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, status, created_at, checked_in_at)
    SELECT programme_id, ${offices[4].id}, ${w.ids.member}, ${t}, ${t + 3600}, 'confirmed', ${t}, ${t} FROM resources WHERE id = ${offices[4].id} RETURNING id`));
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${started}`, 'member')).status, 403);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${started}`, 'advisor', { reason: 'Fermeture exceptionnelle' })).status, 204);
});

test('on behalf of a member, with a quota override recorded and shown to staff only', async () => {
  const day = w.cal.openRun(36, 2, 2); // a Tuesday, and the Wednesday after it open too
  const office = offices[5];
  assert.equal((await book('member', office, day, '08:30', '12:30')).status, 201); // 4 h of 6
  assert.equal((await book('member', office, day, '13:30', '16:30')).status, 403); // 7 h > 6
  const body = { for_account_id: w.ids.member };
  assert.equal((await book('member2', office, day, '13:30', '14:30', body)).status, 403);
  assert.equal((await book('member', office, day, '13:30', '14:30', { override_quota: true, override_reason: 'x' })).status, 403);
  assert.equal((await book('site_host', office, day, '13:30', '14:30', body)).status, 403);
  const over = await book('advisor', office, day, '13:30', '16:30', body);
  assert.equal(over.status, 403, over.text);
  assert.equal(over.json.detail, 'Votre quota d\'heures de réservation (semaine ou mois) serait dépassé.');
  for (const [extra, field] of [
    [{ override_quota: true }, 'override_reason'],
    [{ override_quota: true, override_reason: '  ' }, 'override_reason'],
    [{ override_quota: 'yes', override_reason: 'x' }, 'override_quota'],
    [{ for_account_id: 'me' }, 'for_account_id'],
    [{ for_account_id: 987654 }, 'for_account_id'],
  ]) {
    const res = await book('advisor', office, day, '13:30', '16:30', { ...body, ...extra });
    assert.equal(res.status, 422, `${JSON.stringify(extra)}: ${res.text}`);
    assert.ok(res.json.errors.some((e) => e.field === field), res.text);
  }
  const ok = await book('advisor', office, day, '13:30', '16:30', { ...body, override_quota: true, override_reason: 'Préparation d\'un salon professionnel' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.booked_by, w.ids.advisor);
  assert.equal(ok.json.account_id, w.ids.member);
  assert.deepEqual(ok.json.quota_override, { by: w.ids.advisor, reason: 'Préparation d\'un salon professionnel' });
  const staffView = (await api(w, 'GET', `/api/v1/bookings/${ok.json.id}`, 'site_host')).json;
  assert.deepEqual(staffView.quota_override, ok.json.quota_override);
  const memberView = (await api(w, 'GET', `/api/v1/bookings/${ok.json.id}`, 'member')).json;
  assert.equal(memberView.status, 'confirmed');
  assert.ok(!('quota_override' in memberView));
  assert.ok((await api(w, 'GET', '/api/v1/bookings', 'member')).json.items.some((b) => b.id === ok.json.id));
  // Without override, booking for the member stays within their quota (7 h booked already).
  assert.equal((await book('advisor', office, addDays(day, 1), '08:30', '09:30', body)).status, 403);
});

test('bad booking options are 422 per field and store nothing', async () => {
  const day = w.cal.workingDay(30);
  const before = countBookings();
  for (const [extra, field] of [
    [{ recurrence: 'weekly' }, 'recurrence'],
    [{ recurrence: { frequency: 'daily', count: 2 } }, 'recurrence.frequency'],
    [{ recurrence: { frequency: 'weekly' } }, 'recurrence'],
    [{ recurrence: { frequency: 'weekly', count: 2, until: day } }, 'recurrence'],
    [{ recurrence: { frequency: 'weekly', interval: 0, count: 2 } }, 'recurrence.interval'],
    [{ recurrence: { frequency: 'weekly', count: -1 } }, 'recurrence.count'],
    [{ recurrence: { frequency: 'weekly', until: '2026-13-01' } }, 'recurrence.until'],
    [{ on_conflict: 'ignore' }, 'on_conflict'],
  ]) {
    const res = await book('member', room, day, '09:00', '10:00', extra);
    assert.equal(res.status, 422, `${JSON.stringify(extra)}: ${res.text}`);
    assert.ok(res.json.errors.some((e) => e.field === field), `${JSON.stringify(extra)}: ${res.text}`);
  }
  assert.equal(countBookings(), before);
});

test('the calendar feed address is derived: shown in /api/v1/me and on "Mes réservations", the same after a restart', async () => {
  const made = await api(w, 'POST', '/api/v1/me/calendar-feed', 'member2');
  assert.equal(made.status, 201);
  const url = made.json.calendar_feed_url;
  assert.equal((await api(w, 'GET', '/api/v1/me', 'member2')).json.calendar_feed_url, url);
  const browser = new Browserless(w.server.url);
  await browser.login(w.accounts.member2.email, w.accounts.member2.password);
  assert.ok((await (await browser.get('/bookings')).text()).includes(url));
  assert.ok((await (await browser.get('/account')).text()).includes(`<code id="account-feed-url">${url}</code>`));
  await w.server.stop();
  w.server = await launch(w.server.db, { threads: 4, extraArgs: ['--quota-week-hours', '6'] });
  const again = (await api(w, 'GET', '/api/v1/me', 'member2')).json.calendar_feed_url;
  assert.equal(new URL(again).pathname, new URL(url).pathname);
  assert.equal((await fetch(w.server.url + new URL(url).pathname)).status, 200);
  assert.equal(mustSql(w, 'SELECT COUNT(*) FROM server_secrets'), '1');
});

test('the night of the spring change: a real instant is booked however it is written; a skipped wall time is refused', async () => {
  // A site open every hour of every day, and a room bookable a year and more ahead.
  const hours = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opens: '00:00', closes: '24:00' }));
  const made = await api(w, 'POST', '/api/v1/sites', 'advisor', { name: 'Tiers-lieu de nuit', kind: 'coworking', opening_hours: hours });
  assert.equal(made.status, 201, made.text);
  const res = await api(w, 'POST', `/api/v1/sites/${made.json.id}/resources`, 'advisor',
    { kind: 'office', name: 'Bureau de nuit', rules: { horizon_days: 730, max_minutes: 240 } });
  assert.equal(res.status, 201, res.text);
  const office = res.json;
  const sunday = nextDstSunday(3, 3);
  const saturday = addDays(sunday, -1);
  // 02:00 UTC is 04:00 in Paris that night, the first hour after the clocks went forward.
  const forms = [
    [`${sunday}T02:00:00Z`, `${sunday}T03:00:00Z`],
    [`${sunday}T02:00:00+00:00`, `${sunday}T03:00:00+00:00`],
    [`${sunday}T04:00:00+02:00`, `${sunday}T05:00:00+02:00`],
    [`${saturday}T21:00:00-05:00`, `${saturday}T22:00:00-05:00`],
  ];
  for (const [start, end] of forms) {
    const booked = await api(w, 'POST', '/api/v1/bookings', 'member2', { resource_id: office.id, start, end });
    assert.equal(booked.status, 201, `${start}: ${booked.text}`);
    assert.equal(booked.json.start, `${sunday}T04:00:00+02:00`);
    assert.equal(booked.json.end, `${sunday}T05:00:00+02:00`);
    assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${booked.json.id}`, 'member2')).status, 204);
  }
  // The hour before the change, written in UTC: 01:00 in Paris, also real.
  const early = await api(w, 'POST', '/api/v1/bookings', 'member2', { resource_id: office.id, start: `${sunday}T00:00:00Z`, end: `${sunday}T01:00:00Z` });
  assert.equal(early.status, 201, early.text);
  assert.equal(early.json.start, `${sunday}T01:00:00+01:00`);
  assert.equal(early.json.end, `${sunday}T03:00:00+02:00`);
  // 02:30 on a Paris wall clock does not exist that night, with either of Paris's offsets.
  const before = countBookings();
  for (const start of [`${sunday}T02:30:00+01:00`, `${sunday}T02:30:00+02:00`]) {
    const refused = await api(w, 'POST', '/api/v1/bookings', 'member2', { resource_id: office.id, start, end: `${sunday}T05:00:00+02:00` });
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(refused.json.errors.map((e) => `${e.field}:${e.code}`), ['start:error.booking.nonexistent_local_time']);
  }
  assert.equal(countBookings(), before);
});

test('a rule changed through the server binds the next booking at once; one written behind its back, within a second', async () => {
  // The server keeps a resource with its site for a second; its own changes clear what it kept.
  const office = offices[6];
  await farHorizon(w, office.id);
  const day = w.cal.workingDay(40);
  const statusOf = async (from, to) => {
    const res = await book('member2', office, day, from, to);
    assert.equal(res.status, 201, res.text);
    return res.json.status;
  };
  assert.equal(await statusOf('08:30', '09:30'), 'confirmed', 'the resource is now kept');
  await setRules(w, office.id, { requires_approval: true });
  assert.equal(await statusOf('09:30', '10:30'), 'pending');
  mustSql(w, `UPDATE resources SET requires_approval = 0 WHERE id = ${office.id}`);
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal(await statusOf('10:30', '11:30'), 'confirmed');
  assert.equal(overlapsInDatabase(w), 0);
});
