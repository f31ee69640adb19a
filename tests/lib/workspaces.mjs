// Helpers of the workspaces HTTP tests (booking rules, series, waitlist): a demo server with
// extra members, API calls with a bearer token, SQL straight into the database. Days come from
// tests/lib/calendar.mjs (re-exported here), and `world.cal` knows the days every site is open.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cli, demoDatabase, launch, ENGINE, PASSWORD } from './harness.mjs';
import { siteCalendar } from './calendar.mjs';

export * from './calendar.mjs';

/** Starts a demo server with `extraMembers` more members (member2, member3...). */
export async function bookingWorld({ extraMembers = 0, extraArgs = [], threads = 4 } = {}) {
  const { db, accounts } = demoDatabase({ freeAhead: true });
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
  world.cal = await siteCalendar(server.url, world.sites.map((s) => s.id));
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

/** Lets a resource be booked up to 400 days ahead (DST changes and holidays of next year). */
/**
 * Changes a resource's booking rules through the API, as the site's staff would. The server keeps
 * a resource a second; a change made through it shows at once, one written behind its back with
 * SQL only after that second.
 */
export async function setRules(world, resourceId, rules) {
  const res = await api(world, 'PATCH', `/api/v1/resources/${resourceId}`, 'advisor', { rules });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

export async function farHorizon(world, resourceId) {
  await setRules(world, resourceId, { horizon_days: 400 });
}
