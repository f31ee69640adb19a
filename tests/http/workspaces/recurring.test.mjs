// Weekly booking series on both engines: the same local wall-clock time across the
// daylight-saving changes of March and October, every occurrence checked against every rule in
// one transaction ("stop": all or nothing, naming the date; "skip": the others, with the skipped
// dates and why), the cap on occurrences, cancelling one or the following ones, and the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless } from '../../lib/harness.mjs';
import {
  addDays, api, at, bookingWorld, farHorizon, mustSql, nextDstSunday, overlapsInDatabase, parisOffset,
  } from '../../lib/workspaces.mjs';

let w;
let offices;

before(async () => {
  w = await bookingWorld({ extraMembers: 1 });
  offices = w.sites.filter((s) => s.kind === 'telecentre').flatMap((s) => s.resources.filter((r) => r.kind === 'office'));
});

after(async () => { await w?.server.close(); });

const series = (role, resource, day, from, to, recurrence, extra = {}) =>
  api(w, 'POST', '/api/v1/bookings', role, {
    resource_id: resource.id, start: at(day, from), end: at(day, to), recurrence: { frequency: 'weekly', ...recurrence }, ...extra,
  });
const bookingsOf = (account) => Number(mustSql(w, `SELECT COUNT(*) FROM bookings WHERE account_id = ${account}`));

/** A weekday before `sunday` whose weekly occurrences (n of them, from k weeks before) avoid holidays. */
function firstDayAround(sunday, weeksBefore, n) {
  for (let back = 6; back >= 2; back--) {
    const first = addDays(sunday, -back - 7 * (weeksBefore - 1));
    const days = Array.from({ length: n }, (_, i) => addDays(first, 7 * i));
    if (!days.some((d) => w.cal.isClosed(d))) return days;
  }
  throw new Error('no holiday-free weekday');
}

for (const month of [3, 10]) {
  test(`the same wall-clock time across the last Sunday of ${month === 3 ? 'March' : 'October'}`, async () => {
    const office = offices[month === 3 ? 0 : 1];
    await farHorizon(w, office.id);
    const sunday = nextDstSunday(month);
    const days = firstDayAround(sunday, 2, 4);
    const res = await series('member', office, days[0], '09:00', '11:00', { count: 4 });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.items.length, 4);
    assert.deepEqual(res.json.skipped, []);
    assert.ok(res.json.series_id);
    assert.deepEqual(res.json.items.map((b) => b.start), days.map((d) => `${d}T09:00:00${parisOffset(d)}`));
    assert.deepEqual(res.json.items.map((b) => b.end), days.map((d) => `${d}T11:00:00${parisOffset(d)}`));
    assert.ok(res.json.items.every((b) => b.series_id === res.json.series_id));
    // The offsets differ before and after the change: the UTC instants moved by an hour.
    assert.notEqual(parisOffset(days[0]), parisOffset(days[3]));
    const utcHours = res.json.items.map((b) => new Date(b.start).getUTCHours());
    assert.equal(new Set(utcHours).size, 2, utcHours.join(','));
  });
}

test('"until" and "interval": every second week up to a date, inclusive', async () => {
  const days = w.cal.workingSeries(8, null, 3, 2);
  const res = await series('member', offices[2], days[0], '14:00', '15:00', { interval: 2, until: addDays(days[0], 30) });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.json.items.map((b) => b.start.slice(0, 10)), days);
});

test('"stop": one taken occurrence refuses the whole series with its date; nothing is stored', async () => {
  const office = offices[3];
  const days = w.cal.workingSeries(10, null, 4);
  const taken = await api(w, 'POST', '/api/v1/bookings', 'member2', { resource_id: office.id, start: at(days[2], '10:00'), end: at(days[2], '11:00') });
  assert.equal(taken.status, 201);
  const before = bookingsOf(w.ids.member);
  const res = await series('member', office, days[0], '09:30', '10:30', { count: 4 });
  assert.equal(res.status, 409, res.text);
  assert.equal(res.json.date, days[2]);
  assert.deepEqual(res.json.conflict, { start: at(days[2], '10:00'), end: at(days[2], '11:00') });
  assert.equal(bookingsOf(w.ids.member), before);

  const skipped = await series('member', office, days[0], '09:30', '10:30', { count: 4 }, { on_conflict: 'skip' });
  assert.equal(skipped.status, 201, skipped.text);
  assert.deepEqual(skipped.json.items.map((b) => b.start.slice(0, 10)), [days[0], days[1], days[3]]);
  assert.equal(skipped.json.skipped.length, 1);
  assert.equal(skipped.json.skipped[0].date, days[2]);
  assert.equal(skipped.json.skipped[0].code, 'error.booking.conflict');
  assert.deepEqual(skipped.json.skipped[0].conflict, { start: at(days[2], '10:00'), end: at(days[2], '11:00') });
  assert.equal(bookingsOf(w.ids.member), before + 3);
  assert.equal(overlapsInDatabase(w), 0);
});

test('every occurrence meets every rule: a closure refuses with its date (stop) or is skipped with its reason', async () => {
  const office = offices[4];
  const days = w.cal.workingSeries(12, null, 3);
  const closure = await api(w, 'POST', `/api/v1/sites/${office.site_id}/closures`, 'site_host', { first_day: days[1], reason: 'Inventaire' });
  assert.equal(closure.status, 201);
  const stop = await series('member2', office, days[0], '09:00', '10:00', { count: 3 });
  assert.equal(stop.status, 422, stop.text);
  assert.equal(stop.json.date, days[1]);
  assert.equal(stop.json.closure_reason, 'Inventaire');
  const skip = await series('member2', office, days[0], '09:00', '10:00', { count: 3 }, { on_conflict: 'skip' });
  assert.equal(skip.status, 201, skip.text);
  assert.deepEqual(skip.json.skipped.map((s) => [s.date, s.code, s.closure_reason]), [[days[1], 'error.booking.closed', 'Inventaire']]);
  // Occurrences beyond the booking horizon break a rule too: a series starting a few days before
  // the horizon (so that no public holiday comes first).
  const horizon = (await api(w, 'GET', `/api/v1/sites/${offices[9].site_id}`, null)).json.resources.find((r) => r.id === offices[9].id).rules.horizon_days;
  const late = w.cal.workingDay(horizon - 6);
  const far = await series('member2', offices[9], late, '09:00', '10:00', { count: 3 });
  assert.equal(far.status, 422, far.text);
  assert.ok(far.json.errors.some((e) => e.code === 'error.booking.horizon'), far.text);
  assert.ok(far.json.date > late);
});

test('the series is capped at 52 occurrences with a clear error', async () => {
  const day = w.cal.workingDay(5);
  const before = bookingsOf(w.ids.member);
  const count = await series('member', offices[5], day, '09:00', '10:00', { count: 53 });
  assert.equal(count.status, 422);
  assert.equal(count.json.detail, "Trop d'occurrences : 52 au plus par série.");
  assert.equal(count.json.errors[0].field, 'recurrence.count');
  const until = await series('member', offices[5], day, '09:00', '10:00', { until: addDays(day, 7 * 60) });
  assert.equal(until.status, 422);
  assert.equal(until.json.errors[0].field, 'recurrence.until');
  const backwards = await series('member', offices[5], day, '09:00', '10:00', { until: addDays(day, -1) });
  assert.equal(backwards.status, 422);
  assert.equal(bookingsOf(w.ids.member), before);
});

test('cancel one occurrence, or this one and the following', async () => {
  const office = offices[6];
  const days = w.cal.workingSeries(6, null, 4);
  const made = await series('member2', office, days[0], '16:00', '17:00', { count: 4 });
  assert.equal(made.status, 201, made.text);
  const ids = made.json.items.map((b) => b.id);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${ids[0]}?scope=all`, 'member2')).status, 422);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${ids[0]}`, 'member2')).status, 204);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${ids[1]}?scope=following`, 'member')).status, 404);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${ids[1]}?scope=following`, 'member2')).status, 204);
  const statuses = mustSql(w, `SELECT status FROM bookings WHERE id IN (${ids.join(',')}) ORDER BY start_at`).split('\n');
  assert.deepEqual(statuses, ['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  // "following" from the third occurrence of another series keeps the first two.
  const other = await series('member2', office, days[0], '14:00', '15:00', { count: 4 });
  const oids = other.json.items.map((b) => b.id);
  assert.equal((await api(w, 'DELETE', `/api/v1/bookings/${oids[2]}?scope=following`, 'member2')).status, 204);
  const kept = mustSql(w, `SELECT status FROM bookings WHERE id IN (${oids.join(',')}) ORDER BY start_at`).split('\n');
  assert.deepEqual(kept, ['confirmed', 'confirmed', 'cancelled', 'cancelled']);
});

test('the booking form repeats weekly', async () => {
  const office = offices[7];
  const days = w.cal.workingSeries(9, null, 3);
  const browser = new Browserless(w.server.url);
  await browser.login(w.accounts.member.email, w.accounts.member.password);
  const page = await (await browser.get(`/sites/${office.site_id}`)).text();
  assert.match(page, /name="repeat"/);
  const bad = await browser.submit(`/sites/${office.site_id}`, '/bookings', {
    site_id: String(office.site_id), resource_id: String(office.id), date: days[0], start: '10:00', end: '11:00', note: '', repeat: '60',
  });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /52 au plus par série/);
  const res = await browser.submit(`/sites/${office.site_id}`, '/bookings', {
    site_id: String(office.site_id), resource_id: String(office.id), date: days[0], start: '10:00', end: '11:00', note: 'Hebdo', repeat: '2',
  });
  assert.equal(res.status, 303);
  const rows = mustSql(w, `SELECT start_at, series_id FROM bookings WHERE resource_id = ${office.id} AND note = 'Hebdo' ORDER BY start_at`).split('\n');
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => Number(r.split('|')[0])), days.map((d) => Date.parse(at(d, '10:00')) / 1000));
  assert.equal(new Set(rows.map((r) => r.split('|')[1])).size, 1);
});
