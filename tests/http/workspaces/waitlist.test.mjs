// The waitlist on both engines: members queue for a taken slot; when it frees (cancellation,
// declined request, released no-show) the first in line whose request is now free gets it in the
// same transaction, within their quota, and is told; entries for past slots lapse; under
// concurrency a freed slot goes to exactly one waiter, never double-booked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless } from '../../lib/harness.mjs';
import {
  addDays, api, at, bookingWorld, dayAt, mustSql, nowSeconds, outboxFor, overlapsInDatabase, setRules,
} from '../../lib/workspaces.mjs';

let w;
let offices;
let rooms;

before(async () => {
  w = await bookingWorld({ extraMembers: 12, threads: 4 });
  const telecentres = w.sites.filter((s) => s.kind === 'telecentre');
  offices = telecentres.flatMap((s) => s.resources.filter((r) => r.kind === 'office'));
  rooms = telecentres.map((s) => s.resources.find((r) => r.kind === 'meeting_room'));
});

after(async () => { await w?.server.close(); });

const slot = (resource, day, from, to) => ({ resource_id: resource.id, start: at(day, from), end: at(day, to) });
const book = (role, body) => api(w, 'POST', '/api/v1/bookings', role, body);
const wait = (role, body) => api(w, 'POST', '/api/v1/waitlist', role, body);
const entry = (id) => mustSql(w, `SELECT status, COALESCE(booking_id, 0) FROM waitlist_entries WHERE id = ${id}`).split('|');

test('joining: only for a taken slot that meets the rules, once; bad input is 422 and stores nothing', async () => {
  const day = w.cal.workingDay(10);
  const office = offices[0];
  const free = await wait('member', slot(office, day, '09:00', '10:00'));
  assert.equal(free.status, 409);
  assert.equal(free.json.detail, 'Ce créneau est libre : réservez-le directement.');
  assert.equal((await book('member2', slot(office, day, '09:00', '10:00'))).status, 201);
  for (const [body, field] of [
    [{ ...slot(office, day, '09:00', '10:00'), resource_id: 'x' }, 'resource_id'],
    [{ ...slot(office, day, '09:00', '10:00'), start: 'demain' }, 'start'],
    [slot(office, day, '07:00', '10:00'), 'start'],
    [slot(office, day, '09:00', '09:10'), 'end'],
  ]) {
    const res = await wait('member', body);
    assert.equal(res.status, 422, res.text);
    assert.ok(res.json.errors.some((e) => e.field === field), res.text);
  }
  assert.equal((await wait('member', { ...slot(office, day, '09:00', '10:00'), resource_id: 987654 })).status, 404);
  assert.equal((await wait(null, slot(office, day, '09:00', '10:00'))).status, 401);
  assert.equal(mustSql(w, 'SELECT COUNT(*) FROM waitlist_entries'), '0');
  const joined = await wait('member', slot(office, day, '09:30', '10:00'));
  assert.equal(joined.status, 201, joined.text);
  assert.equal(joined.json.status, 'waiting');
  assert.equal((await wait('member', slot(office, day, '09:30', '10:00'))).status, 409);
  const mine = await api(w, 'GET', '/api/v1/waitlist?mine=true', 'member');
  assert.deepEqual(mine.json.items.map((e) => e.id), [joined.json.id]);
  assert.deepEqual((await api(w, 'GET', '/api/v1/waitlist?mine=true', 'member3')).json.items, []);
  assert.equal((await api(w, 'GET', '/api/v1/waitlist?mine=perhaps', 'member')).status, 422);
  assert.equal((await api(w, 'DELETE', `/api/v1/waitlist/${joined.json.id}`, 'member3')).status, 404);
  assert.equal((await api(w, 'DELETE', `/api/v1/waitlist/${joined.json.id}`, 'member')).status, 204);
  assert.equal((await api(w, 'DELETE', `/api/v1/waitlist/${joined.json.id}`, 'member')).status, 409);
  assert.equal(entry(joined.json.id)[0], 'withdrawn');
});

test('a cancellation books the first in line whose request is free; the others keep waiting; the member is told', async () => {
  const day = w.cal.workingDay(11);
  const office = offices[1];
  const held = await book('member2', slot(office, day, '10:00', '12:00'));
  assert.equal(held.status, 201);
  const first = await wait('member3', slot(office, day, '10:00', '11:00'));
  const second = await wait('member4', slot(office, day, '10:30', '11:30'));
  const third = await wait('member5', slot(office, day, '11:00', '12:00'));
  for (const r of [first, second, third]) assert.equal(r.status, 201, r.text);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${held.json.id}`, 'member2')).status, 204);
  // member3 gets 10:00-11:00; member4 overlaps it and keeps waiting; member5's 11:00-12:00 is free too.
  const [s1, b1] = entry(first.json.id);
  assert.equal(s1, 'booked');
  assert.equal(entry(second.json.id)[0], 'waiting');
  const [s3, b3] = entry(third.json.id);
  assert.equal(s3, 'booked');
  const booked = (await api(w, 'GET', `/api/v1/bookings/${b1}`, 'member3')).json;
  assert.equal(booked.status, 'confirmed');
  assert.equal(booked.start, at(day, '10:00'));
  assert.equal((await api(w, 'GET', `/api/v1/bookings/${b3}`, 'member5')).json.end, at(day, '12:00'));
  assert.match(outboxFor(w, w.accounts.member3.email, 'booking_from_waitlist')[0], /s'est libéré/);
  assert.equal(outboxFor(w, w.accounts.member4.email, 'booking_from_waitlist').length, 0);
  assert.deepEqual((await api(w, 'GET', '/api/v1/waitlist?mine=true', 'member3')).json.items.map((e) => e.status), ['booked']);
  assert.equal(overlapsInDatabase(w), 0);
});

test('a declined request frees its slot for the waitlist; the quota still holds for the waiter', async () => {
  const day = w.cal.workingDay(12);
  const office = offices[2];
  await setRules(w, office.id, { requires_approval: true });
  const asked = await book('member2', slot(office, day, '14:00', '15:00'));
  assert.equal(asked.json.status, 'pending');
  const waiting = await wait('member6', slot(office, day, '14:00', '15:00'));
  assert.equal(waiting.status, 201);
  assert.equal((await api(w, 'POST', `/api/v1/bookings/${asked.json.id}/decline`, 'site_host', { reason: 'Réservé pour un atelier' })).status, 200);
  const [status, bookingId] = entry(waiting.json.id);
  assert.equal(status, 'booked');
  // Still on an approval resource: the promoted booking awaits the host's decision too.
  assert.equal((await api(w, 'GET', `/api/v1/bookings/${bookingId}`, 'member6')).json.status, 'pending');
  await setRules(w, office.id, { requires_approval: false });

  // member7 has booked 19 h of the week's 20 by the time a 2-hour slot frees: they keep waiting.
  const other = offices[3];
  const held = await book('member2', slot(other, day, '08:30', '10:30'));
  assert.equal(held.status, 201);
  const queued = await wait('member7', slot(other, day, '08:30', '10:30'));
  assert.equal(queued.status, 201);
  for (let i = 0; i < 4; i++) assert.equal((await book('member7', slot(offices[4 + i], day, '13:30', '17:30'))).status, 201);
  assert.equal((await book('member7', slot(offices[4], day, '09:30', '12:30'))).status, 201);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${held.json.id}`, 'member2')).status, 204);
  assert.equal(entry(queued.json.id)[0], 'waiting');
  assert.equal(mustSql(w, `SELECT COUNT(*) FROM bookings WHERE resource_id = ${other.id} AND status = 'confirmed' AND account_id = ${w.ids.member7}`), '0');
});

test('entries whose slot has begun lapse', async () => {
  const office = offices[8];
  const t = nowSeconds() - 3600;
  const id = mustSql(w, `INSERT INTO waitlist_entries (programme_id, resource_id, account_id, start_at, end_at, status, created_at)
    SELECT programme_id, ${office.id}, ${w.ids.member8}, ${t}, ${t + 1800}, 'waiting', ${t - 86400} FROM resources WHERE id = ${office.id} RETURNING id`);
  const mine = await api(w, 'GET', '/api/v1/waitlist?mine=true', 'member8');
  assert.deepEqual(mine.json.items.map((e) => [e.id, e.status]), [[Number(id), 'lapsed']]);
});

test('a no-show released by the sweep goes to the waitlist', async () => {
  // A site open every day, all day, so that "soon" is always within its hours.
  const office = offices[10];
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const open = await api(w, 'PATCH', `/api/v1/sites/${office.site_id}`, 'advisor', { opening_hours: allDay });
  assert.equal(open.status, 200, open.text);
  const now = nowSeconds();
  // The next half hour at least 5 minutes ahead, on a day the site is open (not a public holiday).
  let start = Math.ceil((now + 300) / 1800) * 1800;
  while (w.cal.isClosed(dayAt(start))) start += 1800;
  const end = start + 1800;
  // A booking that began 20 minutes ago (the grace period is 15) and covers the wanted slot.
  mustSql(w, `INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, status, created_at)
    SELECT programme_id, ${office.id}, ${w.ids.member2}, ${now - 1200}, ${end}, 'confirmed', ${now - 86400} FROM resources WHERE id = ${office.id}`);
  const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  // Joining sweeps first and releases the no-show: the slot is free, nothing to wait for.
  const free = await wait('member8', { resource_id: office.id, start: iso(start), end: iso(end) });
  assert.equal(free.status, 409, free.text);
  mustSql(w, `UPDATE bookings SET status = 'confirmed', released_at = NULL WHERE resource_id = ${office.id} AND account_id = ${w.ids.member2}`);
  // Queued behind a booking still in its grace period, then released by a later sweep.
  mustSql(w, `UPDATE bookings SET start_at = ${now - 300} WHERE resource_id = ${office.id} AND account_id = ${w.ids.member2}`);
  const queued = await wait('member8', { resource_id: office.id, start: iso(start), end: iso(end) });
  assert.equal(queued.status, 201, queued.text);
  mustSql(w, `UPDATE bookings SET start_at = ${now - 1200} WHERE resource_id = ${office.id} AND account_id = ${w.ids.member2}`);
  const mine = (await api(w, 'GET', '/api/v1/waitlist?mine=true', 'member8')).json.items;
  const got = mine.find((e) => e.id === queued.json.id);
  assert.equal(got.status, 'booked', JSON.stringify(mine));
  assert.equal(mustSql(w, `SELECT status FROM bookings WHERE resource_id = ${office.id} AND account_id = ${w.ids.member2}`), 'no_show');
  assert.equal((await api(w, 'GET', `/api/v1/bookings/${got.booking_id}`, 'member8')).json.status, 'confirmed');
});

test('the booking page offers the waitlist on a taken slot', async () => {
  const day = w.cal.workingDay(13);
  const office = offices[9];
  assert.equal((await book('member2', slot(office, day, '09:00', '10:00'))).status, 201);
  const browser = new Browserless(w.server.url);
  await browser.login(w.accounts.member9.email, w.accounts.member9.password);
  const fields = { site_id: String(office.site_id), resource_id: String(office.id), date: day, start: '09:00', end: '10:00', note: '' };
  const refused = await browser.submit(`/sites/${office.site_id}`, '/bookings', fields);
  assert.equal(refused.status, 409);
  const page = await refused.text();
  assert.match(page, /action="\/waitlist"/);
  const joined = await browser.submit(`/sites/${office.site_id}`, '/waitlist', fields);
  assert.equal(joined.status, 303);
  assert.match(joined.headers.get('location'), /^\/bookings\?waitlisted=\d+$/);
  assert.match(await (await browser.get(joined.headers.get('location'))).text(), /Vous êtes en liste/);
  const mine = (await api(w, 'GET', '/api/v1/waitlist?mine=true', 'member9')).json.items;
  assert.deepEqual(mine.map((e) => [e.start, e.end, e.status]), [[at(day, '09:00'), at(day, '10:00'), 'waiting']]);
});

test('concurrency: a slot freed by a cancellation goes to exactly one waiter, while others race to book it', async () => {
  const rounds = 6;
  for (let round = 0; round < rounds; round++) {
    const room = rooms[round % rooms.length];
    const day = w.cal.workingDay(16 + Math.floor(round / rooms.length));
    const hour = String(9 + (round % 3)).padStart(2, '0');
    const the = slot(room, day, `${hour}:00`, `${hour}:30`);
    const held = await book('member', the);
    assert.equal(held.status, 201, held.text);
    const waiters = ['member10', 'member11', 'member12', 'member13'];
    const entries = [];
    for (const m of waiters) entries.push((await wait(m, the)).json.id);
    const racers = ['member2', 'member3', 'member4', 'member5', 'member6', 'admin', 'advisor', 'site_host'];
    const results = await Promise.all([
      api(w, 'DELETE', `/api/v1/bookings/${held.json.id}`, 'member'),
      ...racers.flatMap((r) => [book(r, the), book(r, the)]),
    ]);
    assert.equal(results[0].status, 204, results[0].text);
    const statuses = results.slice(1).map((r) => r.status);
    assert.ok(!statuses.includes(500), w.server.log().split('\n').filter((l) => /error/i.test(l)).slice(0, 5).join('\n'));
    const winners = Number(mustSql(w, `SELECT COUNT(*) FROM bookings WHERE resource_id = ${room.id} AND status = 'confirmed' AND start_at = ${Date.parse(the.start) / 1000}`));
    assert.equal(winners, 1, `round ${round}: ${statuses.join(',')}`);
    const booked = entries.map((id) => entry(id)[0]);
    // The racers never see the slot free: the first waiter gets it in the cancelling transaction.
    assert.deepEqual(booked, ['booked', 'waiting', 'waiting', 'waiting'], `round ${round}`);
    assert.ok(statuses.every((s) => s === 409), `round ${round}: ${statuses.join(',')}`);
    for (const id of entries.slice(1)) await api(w, 'DELETE', `/api/v1/waitlist/${id}`, waiters[entries.indexOf(id)]);
  }
  assert.equal(overlapsInDatabase(w), 0);
});

test('concurrency: two cancellations freeing one wanted period at once serve a waiter once', async () => {
  const day = w.cal.workingDay(18);
  for (let round = 0; round < 4; round++) {
    const room = rooms[round];
    const a = await book('member2', slot(room, day, '14:00', '15:00'));
    const b = await book('member3', slot(room, day, '15:00', '16:00'));
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    const both = await wait('member4', slot(room, day, '14:30', '15:30'));
    const early = await wait('member5', slot(room, day, '14:00', '14:30'));
    const results = await Promise.all([
      api(w, 'DELETE', `/api/v1/bookings/${a.json.id}`, 'member2'),
      api(w, 'DELETE', `/api/v1/bookings/${b.json.id}`, 'member3'),
    ]);
    assert.deepEqual(results.map((r) => r.status), [204, 204], results.map((r) => r.text).join());
    assert.equal(entry(both.json.id)[0], 'booked');
    assert.equal(entry(early.json.id)[0], 'booked');
    assert.equal(Number(mustSql(w, `SELECT COUNT(*) FROM bookings WHERE resource_id = ${room.id} AND account_id = ${w.ids.member4} AND status = 'confirmed'`)), 1);
  }
  assert.equal(overlapsInDatabase(w), 0);
});
