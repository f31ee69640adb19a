// Helpers of the workspaces HTTP tests (booking rules, series, waitlist): a demo server with
// extra members, API calls with a bearer token, SQL straight into the database, and local dates
// of Europe/Paris computed independently of the server (Intl for offsets, the computus for Easter).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cli, demoDatabase, launch, ENGINE, PASSWORD } from './harness.mjs';

/** Starts a demo server with `extraMembers` more members (member2, member3...). */
export async function bookingWorld({ extraMembers = 0, extraArgs = [], threads = 4 } = {}) {
  const { db, accounts } = demoDatabase();
  for (let i = 2; i < 2 + extraMembers; i++) {
    const email = `membre${i}@example.org`;
    const done = cli(['user', 'add', email, '--role', 'member', '--programme', 'gers', '--db', db.url], PASSWORD + '\n');
    assert.equal(done.status, 0, done.stderr);
    accounts[`member${i}`] = { email, password: PASSWORD };
  }
  const server = await launch(db, { threads, extraArgs });
  const world = { server, accounts, tokens: {}, ids: {} };
  for (const [role, { email, password }] of Object.entries(accounts)) {
    const res = await fetch(server.url + '/api/v1/tokens', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    assert.equal(res.status, 201);
    world.tokens[role] = (await res.json()).token;
  }
  for (const role of Object.keys(accounts)) world.ids[role] = (await api(world, 'GET', '/api/v1/me', role)).json.id;
  world.sites = (await (await fetch(server.url + '/api/v1/sites')).json()).items;
  // The demo host runs two sites; here it runs every site, so that the host's powers can be tested
  // on any resource (tests/http/site_admin.test.mjs tests hosts kept to their own sites).
  for (const site of world.sites) {
    const tied = await api(world, 'PUT', `/api/v1/sites/${site.id}/hosts`, 'admin', { account_ids: [world.ids.site_host] });
    assert.equal(tied.status, 200, tied.text);
  }
  return world;
}

/** An API call as `role` (a key of world.tokens) or with no token when role is null. */
export async function api(world, method, path, role, body) {
  const headers = { 'content-type': 'application/json' };
  if (role) headers.authorization = `Bearer ${world.tokens[role]}`;
  const res = await fetch(world.server.url + path, {
    method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text, headers: res.headers };
}

/** Runs SQL on the server's database; returns the trimmed output. */
export function sql(world, query) {
  const url = world.server.db.url;
  const r = ENGINE === 'postgresql'
    ? spawnSync('psql', [url, '-qtAc', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 5000', url.slice('sqlite:'.length), query], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

export function mustSql(world, query) {
  const r = sql(world, query);
  assert.equal(r.status, 0, r.err);
  return r.out;
}

/** Bookings holding their slot that overlap another of the same resource, end plus buffer. */
export function overlapsInDatabase(world) {
  return Number(mustSql(world, `SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id
    AND a.id < b.id AND a.status IN ('confirmed', 'pending') AND b.status IN ('confirmed', 'pending')
    AND a.start_at < COALESCE(b.blocked_end, b.end_at) AND b.start_at < COALESCE(a.blocked_end, a.end_at)`));
}

/** Outbox rows of a kind for a recipient, newest first. */
export function outboxFor(world, email, kind) {
  const out = mustSql(world, `SELECT body FROM outbox WHERE recipient = '${email}' AND kind = '${kind}' ORDER BY id DESC`);
  return out ? out.split(/\n(?=Votre|Le créneau)/) : [];
}

export function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function today() { return new Date().toISOString().slice(0, 10); }

/** ISO weekday of a YYYY-MM-DD: 1 = Monday ... 7 = Sunday. */
export function weekday(day) { return ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1; }

/** Paris offset on a date at `hhmm` (+01:00 in winter, +02:00 in summer), from Intl's zone data. */
export function parisOffset(day, hhmm = '12:00') {
  const s = new Date(`${day}T${hhmm}:00Z`).toLocaleString('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
  const m = s.match(/GMT([+-]\d\d:\d\d)/);
  return m ? m[1] : '+00:00';
}

export function at(day, hhmm) { return `${day}T${hhmm}:00${parisOffset(day)}`; }

/** Easter Sunday (Gauss's algorithm with Lichtenberg's correction), YYYY-MM-DD. */
export function easter(year) {
  const k = Math.floor(year / 100);
  const m = 15 + Math.floor((3 * k + 3) / 4) - Math.floor((8 * k + 13) / 25);
  const s = 2 - Math.floor((3 * k + 3) / 4);
  const a = year % 19;
  const d = (19 * a + m) % 30;
  const r = Math.floor((d + Math.floor(a / 11)) / 29);
  const og = 21 + d - r;
  const sz = 7 - ((year + Math.floor(year / 4) + s) % 7);
  const oe = 7 - ((og - sz) % 7);
  return addDays(`${year}-03-01`, og + oe - 1);
}

/** The French public holidays of a year, {day: name}. */
export function holidays(year) {
  const e = easter(year);
  return {
    [`${year}-01-01`]: "Jour de l'an", [addDays(e, 1)]: 'Lundi de Pâques', [`${year}-05-01`]: 'Fête du Travail',
    [`${year}-05-08`]: 'Victoire 1945', [addDays(e, 39)]: 'Ascension', [addDays(e, 50)]: 'Lundi de Pentecôte',
    [`${year}-07-14`]: 'Fête nationale', [`${year}-08-15`]: 'Assomption', [`${year}-11-01`]: 'Toussaint',
    [`${year}-11-11`]: 'Armistice 1918', [`${year}-12-25`]: 'Noël',
  };
}

export function isHoliday(day) { return day in holidays(Number(day.slice(0, 4))); }

/** A working day (Monday to Friday, no holiday) at least `fromDays` days ahead. */
export function workingDay(fromDays, wanted = null) {
  let day = addDays(today(), fromDays);
  while (weekday(day) > 5 || isHoliday(day) || (wanted && weekday(day) !== wanted)) day = addDays(day, 1);
  return day;
}

/** The last Sunday of `month` (3 or 10) that is at least a week ahead. */
export function nextDstSunday(month) {
  for (let year = Number(today().slice(0, 4)); ; year++) {
    let day = `${year}-${String(month).padStart(2, '0')}-31`;
    while (weekday(day) !== 7) day = addDays(day, -1);
    if (day > addDays(today(), 7)) return day;
  }
}

/** Lets a resource be booked up to 400 days ahead (DST changes and holidays of next year). */
export function farHorizon(world, resourceId) {
  mustSql(world, `UPDATE resources SET horizon_days = 400 WHERE id = ${resourceId}`);
}

/**
 * The first `n` weekly dates (every `interval` weeks) starting on a working day at least
 * `fromDays` ahead (of weekday `wanted` if given), none of them a holiday: the earliest such
 * series, so that it stays within the booking horizon.
 */
export function workingSeries(fromDays, wanted, n, interval = 1) {
  for (let from = fromDays; ; from += 1) {
    const first = workingDay(from, wanted);
    const days = Array.from({ length: n }, (_, i) => addDays(first, 7 * interval * i));
    if (!days.some(isHoliday)) return days;
  }
}
