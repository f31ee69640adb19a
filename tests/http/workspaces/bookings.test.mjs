// Occasional bookings through the API, on the demo programme (8 telecentres, 2 coworking spaces):
// rules, errors, quotas, cancellation, and the race that must never double-book.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cli, demoDatabase, launch, ENGINE, PASSWORD } from '../../lib/harness.mjs';
import { addDays, at, siteCalendar, weekday } from '../../lib/calendar.mjs';

let server;
const tokens = {};
let room; // a meeting room of the first telecentre
let office;
let cal; // the days the telecentre is open

async function api(method, path, token, body) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text, headers: res.headers };
}

/** Confirmed bookings overlapping another confirmed booking of the same resource, straight from the database. */
function overlapsInDatabase() {
  const sql = `SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND a.id < b.id
    AND a.status = 'confirmed' AND b.status = 'confirmed' AND a.start_at < b.end_at AND b.start_at < a.end_at`;
  if (ENGINE === 'postgresql') {
    const r = spawnSync('psql', [server.db.url, '-tAc', sql], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout.trim());
  }
  const r = spawnSync('sqlite3', [server.db.url.slice('sqlite:'.length), sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

before(async () => {
  const { db, accounts } = demoDatabase({ freeAhead: true });
  server = await launch(db, { threads: 4 });
  for (const [role, { email, password }] of Object.entries(accounts)) {
    const res = await fetch(server.url + '/api/v1/tokens', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    assert.equal(res.status, 201);
    tokens[role] = (await res.json()).token;
  }
  const sites = (await (await fetch(server.url + '/api/v1/sites')).json()).items;
  const telecentre = sites.find((s) => s.kind === 'telecentre');
  room = telecentre.resources.find((r) => r.kind === 'meeting_room');
  office = telecentre.resources.find((r) => r.kind === 'office');
  // The demo's site host runs this telecentre (hosts act on their own sites only).
  const host = await (await fetch(server.url + '/api/v1/me', { headers: { authorization: `Bearer ${tokens.site_host}` } })).json();
  const tied = await api('PUT', `/api/v1/sites/${telecentre.id}/hosts`, tokens.admin, { account_ids: [host.id] });
  assert.equal(tied.status, 200, tied.text);
  cal = await siteCalendar(server.url, telecentre.id);
});

after(async () => { await server?.close(); });

test('visitors list the demo sites with equipment and hours, flagged as demo data', async () => {
  const res = await fetch(server.url + '/api/v1/sites');
  assert.equal(res.status, 200);
  const { items } = await res.json();
  assert.equal(items.filter((s) => s.kind === 'telecentre').length, 8);
  assert.equal(items.filter((s) => s.kind === 'coworking').length, 2);
  assert.ok(items.every((s) => s.demo_data === true));
  assert.ok(items[0].opening_hours.length > 0);
  const one = await fetch(`${server.url}/api/v1/sites/${items[0].id}`);
  assert.equal((await one.json()).name, items[0].name);
  assert.equal((await fetch(`${server.url}/api/v1/sites/999999`)).status, 404);
});

test('a member books a meeting room: 201, listed, busy in the availability', async () => {
  const day = cal.mondayAhead(1);
  const res = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: room.id, start: at(day, '09:00'), end: at(day, '10:00'), note: 'Rendez-vous client' });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.start, at(day, '09:00'));
  const mine = await api('GET', '/api/v1/bookings?mine=true', tokens.member);
  assert.ok(mine.json.items.some((b) => b.id === res.json.id));
  const avail = await api('GET', `/api/v1/resources/${room.id}/availability?from=${day}&to=${day}`, tokens.member);
  assert.equal(avail.status, 200);
  assert.deepEqual(avail.json.busy, [{ start: at(day, '09:00'), end: at(day, '10:00') }]);
  assert.equal(avail.json.free[0].start, at(day, '08:30'));
  assert.equal(avail.json.free[0].end, at(day, '09:00'));
});

// Availability answers are kept a second in the process (AvailabilityCache): a write of this
// process must show at once all the same, whoever asked just before it.
test('availability asked just before a booking and a cancellation shows each at once', async () => {
  const day = cal.workingDay(5, 3);
  const path = `/api/v1/resources/${room.id}/availability?from=${day}&to=${day}`;
  const busyAt = async () => (await api('GET', path, tokens.advisor)).json.busy.map((p) => p.start);
  assert.deepEqual(await busyAt(), []);
  assert.deepEqual(await busyAt(), []); // asked twice: the second answer may be the kept one
  const booked = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: room.id, start: at(day, '14:00'), end: at(day, '15:00') });
  assert.equal(booked.status, 201, booked.text);
  assert.deepEqual(await busyAt(), [at(day, '14:00')]);
  assert.equal((await api('DELETE', `/api/v1/bookings/${booked.json.id}`, tokens.member)).status, 204);
  assert.deepEqual(await busyAt(), []);
});

/** A confirmed half-hour booking of the room written by another process: the database's own client. */
function bookElsewhere(day, time) {
  const start = Date.parse(at(day, time)) / 1000;
  const sql = `INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, note, status, created_at)
    SELECT programme_id, id, 1, ${start}, ${start + 1800}, '', 'confirmed', 0 FROM resources WHERE id = ${room.id}`;
  const r = ENGINE === 'postgresql'
    ? spawnSync('psql', [server.db.url, '-tAc', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 10000', server.db.url.slice('sqlite:'.length), sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

const busyOn = async (srv, day) => {
  const res = await fetch(`${srv.url}/api/v1/resources/${room.id}/availability?from=${day}&to=${day}`, { headers: { authorization: `Bearer ${tokens.advisor}` } });
  assert.equal(res.status, 200);
  return (await res.json()).busy.map((p) => p.start);
};

// Another process's write is not seen by this process's commit count: it shows once the kept
// answer's second is over.
test('a booking written by another process shows in the availability within seconds', async () => {
  const day = cal.workingDay(6, 3);
  assert.deepEqual(await busyOn(server, day), []);
  bookElsewhere(day, '16:00');
  let seen = [];
  for (let i = 0; i < 100 && seen.length === 0; i++) {
    seen = await busyOn(server, day);
    if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(seen, [at(day, '16:00')]);
});

// With answers kept ten minutes, what is kept and what is read again no longer depends on how
// fast the requests go: another process's row stays unseen until this process commits.
test('--kept-availability-ms: an answer is reused until this process commits; with 0 it never is', async () => {
  const day = cal.workingDay(49, 4); // within the horizon, clear of the other tests' days
  const keeping = await launch(server.db, { keepDb: true, extraArgs: ['--kept-availability-ms', '600000'] });
  const strict = await launch(server.db, { keepDb: true, extraArgs: ['--kept-availability-ms', '0'] });
  try {
    assert.deepEqual(await busyOn(keeping, day), []);
    assert.deepEqual(await busyOn(strict, day), []);
    bookElsewhere(day, '16:30');
    assert.deepEqual(await busyOn(keeping, day), [], 'the kept answer, from before the row');
    assert.deepEqual(await busyOn(strict, day), [at(day, '16:30')], 'nothing kept: the row at once');
    const booked = await fetch(`${keeping.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.member}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resource_id: room.id, start: at(day, '11:00'), end: at(day, '12:00') }),
    });
    assert.equal(booked.status, 201, await booked.text());
    assert.deepEqual(await busyOn(keeping, day), [at(day, '11:00'), at(day, '16:30')], 'its own commit: read again');
  } finally {
    await keeping.stop();
    await strict.stop();
  }
});

test('an overlapping booking gets 409 with the conflicting period; back-to-back is fine', async () => {
  const day = cal.workingDay(7, 2);
  assert.equal((await api('POST', '/api/v1/bookings', tokens.admin, { resource_id: room.id, start: at(day, '09:00'), end: at(day, '10:00') })).status, 201);
  const clash = await api('POST', '/api/v1/bookings', tokens.advisor, { resource_id: room.id, start: at(day, '09:30'), end: at(day, '10:30') });
  assert.equal(clash.status, 409);
  assert.equal(clash.headers.get('content-type'), 'application/problem+json');
  assert.deepEqual(clash.json.conflict, { start: at(day, '09:00'), end: at(day, '10:00') });
  const next = await api('POST', '/api/v1/bookings', tokens.advisor, { resource_id: room.id, start: at(day, '10:00'), end: at(day, '11:00') });
  assert.equal(next.status, 201, next.text);
});

test('rule violations are 422 naming the rule', async () => {
  const day = cal.workingDay(7, 3);
  const cases = [
    [{ start: at(day, '07:00'), end: at(day, '08:00') }, 'error.booking.outside_hours'],
    [{ start: at(day, '12:00'), end: at(day, '14:00') }, 'error.booking.outside_hours'],
    [{ start: at(day, '09:10'), end: at(day, '10:10') }, 'error.booking.step'],
    [{ start: at(day, '10:00'), end: at(day, '09:00') }, 'error.booking.end_before_start'],
    [{ start: at(addDays(day, 6 - weekday(day)), '10:00'), end: at(addDays(day, 6 - weekday(day)), '11:00') }, 'error.booking.outside_hours'], // Saturday
    [{ start: at(addDays(day, 200), '10:00'), end: at(addDays(day, 200), '11:00') }, 'error.booking.horizon'],
    [{ start: '2020-01-06T10:00:00+01:00', end: '2020-01-06T11:00:00+01:00' }, 'error.booking.notice'],
  ];
  for (const [period, rule] of cases) {
    const res = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: room.id, ...period });
    assert.equal(res.status, 422, `${rule}: ${res.text}`);
    assert.ok(res.json.errors.some((e) => e.code === rule), `${rule} in ${res.text}`);
  }
});

test('a local time in the spring-forward gap is refused clearly', async () => {
  const res = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: room.id, start: '2027-03-28T02:30:00+01:00', end: '2027-03-28T03:30:00+02:00' });
  assert.equal(res.status, 422);
  assert.ok(res.json.errors.some((e) => e.code === 'error.booking.nonexistent_local_time'), res.text);
});

test('bad input: malformed JSON 400, wrong types and unknown resource, no offset', async () => {
  assert.equal((await api('POST', '/api/v1/bookings', tokens.member, '{"resource_id": ')).status, 400);
  const types = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: 'x', start: 5, end: null });
  assert.equal(types.status, 422);
  assert.deepEqual(types.json.errors.map((e) => e.field).sort(), ['resource_id', 'start']);
  const day = cal.mondayAhead(2);
  assert.equal((await api('POST', '/api/v1/bookings', tokens.member, { resource_id: 987654, start: at(day, '09:00'), end: at(day, '10:00') })).status, 404);
  const naive = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: room.id, start: `${day}T09:00:00`, end: `${day}T10:00:00` });
  assert.equal(naive.status, 422);
  assert.equal((await fetch(server.url + '/api/v1/bookings', { method: 'POST', body: '{}' })).status, 401);
});

test('the weekly fair-use quota gives 403; staff are not bound by it', async () => {
  // A member of their own, whose week no other test fills.
  const email = 'quota@example.org';
  const added = cli(['user', 'add', email, '--role', 'member', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(added.status, 0, added.stderr);
  const res = await fetch(server.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(res.status, 201);
  const member = (await res.json()).token;
  const day = cal.openRun(21, 1, 4); // Monday to Thursday, all open
  // 20 hours a week by default: four days of 9:00-12:30 + 13:30-18:00 (8 h) would pass it.
  let last;
  let booked = 0;
  for (let i = 0; i < 4 && booked < 24; i++) {
    const d = addDays(day, i);
    for (const [s, e] of [['08:30', '12:30'], ['13:30', '17:30']]) {
      last = await api('POST', '/api/v1/bookings', member, { resource_id: office.id, start: at(d, s), end: at(d, e) });
      if (last.status === 201) booked += 4;
      else break;
    }
    if (last.status !== 201) break;
  }
  assert.equal(booked, 20);
  assert.equal(last.status, 403, last.text);
  assert.equal(last.json.type, '/problems/forbidden');
  const staff = await api('POST', '/api/v1/bookings', tokens.admin, { resource_id: office.id, start: at(addDays(day, 3), '08:30'), end: at(addDays(day, 3), '12:30') });
  assert.equal(staff.status, 201, staff.text);
});

test('cancelled then rebooked; members cancel only their own', async () => {
  const day = cal.workingDay(28, 2);
  const first = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: room.id, start: at(day, '14:00'), end: at(day, '15:00') });
  assert.equal(first.status, 201);
  // The site host may cancel it, but only with a reason for the member (tests/http/booking_rules.test.mjs).
  const noReason = await api('DELETE', `/api/v1/bookings/${first.json.id}`, tokens.site_host);
  assert.equal(noReason.status, 422);
  assert.equal(noReason.json.errors[0].field, 'reason');
  assert.equal((await api('DELETE', `/api/v1/bookings/${first.json.id}`, tokens.member)).status, 204);
  assert.equal((await api('DELETE', `/api/v1/bookings/${first.json.id}`, tokens.member)).status, 409);
  const again = await api('POST', '/api/v1/bookings', tokens.site_host, { resource_id: room.id, start: at(day, '14:00'), end: at(day, '15:00') });
  assert.equal(again.status, 201, again.text);
});

test('no double booking: 32 simultaneous requests for one slot, many rounds', async () => {
  const rounds = 12;
  const start = cal.openRun(35, 1, 5); // a whole open week
  for (let round = 0; round < rounds; round++) {
    const day = addDays(start, round % 5);
    const hour = String(9 + Math.floor(round / 5)).padStart(2, '0');
    const roles = ['admin', 'advisor', 'site_host', 'member'];
    const attempts = Array.from({ length: 32 }, (_, i) =>
      api('POST', '/api/v1/bookings', tokens[roles[i % roles.length]], { resource_id: room.id, start: at(day, `${hour}:00`), end: at(day, `${hour}:30`) }));
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status);
    assert.ok(!statuses.includes(500), server.log().split('\n').filter((l) => /error/.test(l)).slice(0, 5).join('\n'));
    assert.equal(statuses.filter((s) => s === 201).length, 1, `round ${round}: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 409).length, 31, `round ${round}: ${statuses.join(',')}`);
  }
  assert.equal(overlapsInDatabase(), 0);
});
