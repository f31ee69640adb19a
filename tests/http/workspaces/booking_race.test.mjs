// The booking race, as a crowd would run it: two `serve` processes with four threads each on one
// database, 32 simultaneous requests for every slot (members and staff mixed), round after round.
// Exactly one request wins each slot, nobody gets a 5xx, and every booking stored was
// acknowledged to exactly the client that made it (no booking nobody was told about).
// PostgreSQL serialises the writers of a resource before its check and insert (an advisory lock)
// and bounds every wait; SQLite's writers are serial already, two processes sharing its file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, demoDatabase, launch, ENGINE, PASSWORD } from '../../lib/harness.mjs';
import { at, daysBetween, siteCalendar, today } from '../../lib/calendar.mjs';
import { mustSql } from '../../lib/workspaces.mjs';

const ROUNDS = ENGINE === 'postgresql' ? 200 : 60;
const PER_SLOT = 32;
const MEMBERS = 8;

let servers = [];
let db;
const tokens = []; // [server index][n] -> token, members then staff
let resources;
let cal;

before(async () => {
  ({ db } = demoDatabase({ freeAhead: true }));
  for (let i = 0; i < MEMBERS; i++) {
    const r = cli(['user', 'add', `coureur${i}@example.org`, '--role', 'member', '--programme', 'gers', '--db', db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
  const staff = cli(['user', 'add', 'arbitre@example.org', '--role', 'advisor', '--programme', 'gers', '--db', db.url], PASSWORD + '\n');
  assert.equal(staff.status, 0, staff.stderr);
  // Quotas are out of the way: this is about the slot, not fair use.
  const args = ['--quota-week-hours', '100000', '--quota-month-hours', '100000'];
  servers = [await launch(db, { threads: 4, extraArgs: args, keepDb: true }),
    await launch(db, { threads: 4, extraArgs: args, keepDb: true })];
  const emails = [...Array.from({ length: MEMBERS }, (_, i) => `coureur${i}@example.org`), 'arbitre@example.org'];
  for (const server of servers) {
    const mine = [];
    for (const email of emails) {
      const res = await fetch(`${server.url}/api/v1/tokens`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
      });
      assert.equal(res.status, 201);
      mine.push((await res.json()).token);
    }
    tokens.push(mine);
  }
  const sites = (await (await fetch(`${servers[0].url}/api/v1/sites`)).json()).items.filter((s) => s.kind === 'telecentre');
  resources = sites.flatMap((s) => s.resources.filter((r) => r.kind !== 'desk'));
  cal = await siteCalendar(servers[0].url, sites.map((s) => s.id));
});

after(async () => {
  for (const s of servers) await s.stop();
  db?.cleanup();
});

test(`${ROUNDS} rounds of ${PER_SLOT} simultaneous requests per slot across two processes: one 201 each, no 5xx, nothing unacknowledged`, async () => {
  // Each round its own slot: every resource, the half hours from 09:00 to 12:00, then the next
  // open day.
  const days = [cal.workingDay(7)];
  const slots = [];
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  for (let round = 0; round < ROUNDS; round++) {
    const resource = resources[round % resources.length];
    const k = Math.floor(round / resources.length);
    const dayIndex = Math.floor(k / 6);
    while (days.length <= dayIndex) days.push(cal.workingDay(daysBetween(today(), days[days.length - 1]) + 1));
    const from = 9 * 60 + 30 * (k % 6);
    const day = days[dayIndex];
    slots.push({ resource, start: at(day, hhmm(from)), end: at(day, hhmm(from + 30)) });
  }
  const acknowledged = new Map(); // booking id -> round
  const statuses = {};
  for (const [round, slot] of slots.entries()) {
    const attempts = Array.from({ length: PER_SLOT }, (_, i) => {
      const server = servers[i % 2];
      const token = tokens[i % 2][i % tokens[i % 2].length];
      return fetch(`${server.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ resource_id: slot.resource.id, start: slot.start, end: slot.end }),
      }).then(async (res) => ({ status: res.status, body: await res.text() }));
    });
    const results = await Promise.all(attempts);
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const won = results.filter((r) => r.status === 201);
    assert.equal(won.length, 1, `round ${round}: ${results.map((r) => r.status).join(',')}`);
    assert.ok(results.every((r) => r.status === 201 || r.status === 409), `round ${round}: ${results.map((r) => `${r.status} ${r.body}`).join('\n')}`);
    acknowledged.set(JSON.parse(won[0].body).id, round);
  }
  // Every stored booking of these slots is one a client was told about, and the other way round.
  const ids = resources.map((r) => r.id).join(',');
  const instants = slots.map((s) => Date.parse(s.start) / 1000).join(',');
  const stored = mustSql({ server: servers[0] }, `SELECT id FROM bookings WHERE resource_id IN (${ids})
    AND status IN ('confirmed', 'pending') AND start_at IN (${instants})`)
    .split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
  assert.deepEqual(stored, [...acknowledged.keys()].sort((a, b) => a - b), JSON.stringify(statuses));
  assert.equal(statuses[500] ?? 0, 0);
  assert.equal(statuses[503] ?? 0, 0);
});
