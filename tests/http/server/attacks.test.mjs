// What an attacker tried against the landed server (the hardening issue's findings), kept as
// tests: each one failed before its fix. Two programmes on one server: the demo's "gers" and
// "lot" (lot.localhost) with an admin of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  Browserless, cli, demoDatabase, HostClient, launch, runSql, METRICS_TOKEN, PASSWORD,
} from '../../lib/harness.mjs';
import { addDays, at, nowSeconds, siteCalendar, today } from '../../lib/calendar.mjs';
import { SKIP } from '../../lib/villages.mjs';

const LOT = 'lot.localhost';
const DEMO_URL = 'http://127.0.0.1:8080'; // the demo programme's public address (sohosolo demo's default)
let server;
let accounts; // the demo's, by role
let cal;

before(async () => {
  const demo = demoDatabase({ freeAhead: true });
  accounts = demo.accounts;
  for (const args of [
    ['programme', 'add', 'lot', '--name', 'Soho Solo Lot', '--host', LOT, '--public-url', 'http://lot.localhost'],
    ['user', 'add', 'admin-lot@example.org', '--role', 'admin', '--programme', 'lot', '--name', 'Admin du Lot'],
    ['programme', 'add', 'securise', '--name', 'Programme en HTTPS', '--host', 'securise.localhost',
      '--public-url', 'https://securise.localhost'],
  ]) {
    const r = cli([...args, '--db', demo.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr + r.stdout);
  }
  // Behind a trusted proxy (the loopback): a test names its client address in X-Forwarded-For,
  // so that the limits per address of one test do not reach the others.
  server = await launch(demo.db, { threads: 4, extraArgs: ['--trusted-proxy', '127.0.0.1'] });
  const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items;
  cal = await siteCalendar(server.url, sites.map((s) => s.id));
});

after(async () => { await server?.close(); });

/** The status of a GET sent byte for byte as written, on its own connection. */
function rawStatus(path) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => { text += d; });
    socket.on('end', () => resolve(Number(text.match(/^HTTP\/1\.1 (\d+)/)?.[1])));
    socket.on('error', reject);
  });
}

const sql = (query) => runSql(server.db.url, query).out;
const outbox = (email) => sql(`SELECT kind || '|' || body FROM outbox WHERE recipient = '${email}' ORDER BY id`)
  .split(/\n(?=[a-z_]+\|)/).filter(Boolean).map((row) => ({ kind: row.split('|')[0], body: row.slice(row.indexOf('|') + 1) }));

async function loggedIn(email, password = PASSWORD, host = undefined) {
  const b = host ? new HostClient(server.url, host) : new Browserless(server.url);
  await b.login(email, password);
  return b;
}

test('1. an admin of one programme cannot take over an account of another: no link for an account with a password, no secret on any page', async () => {
  const admin = await loggedIn(accounts.admin.email, accounts.admin.password);
  const invited = await admin.submit('/people', '/people/invite', { email: 'admin-lot@example.org', display_name: 'X', role: 'member' });
  assert.equal(invited.status, 201);
  const mails = outbox('admin-lot@example.org');
  assert.deepEqual(mails.map((m) => m.kind), ['role_granted']);
  assert.ok(!/\/welcome\/|\/reset\//.test(mails[0].body), 'the notice carries no secret link');
  assert.match(mails[0].body, new RegExp(`${DEMO_URL}/login`));
  // A reset asked for that address on this programme goes to its owner's mailbox only.
  const reset = await new Browserless(server.url).submit('/password-reset', '/password-reset', { email: 'admin-lot@example.org' });
  assert.equal(reset.status, 200);
  // A brand-new person does get an invitation link, by mail only.
  assert.equal((await admin.submit('/people', '/people/invite', { email: 'nouvelle@example.org', display_name: 'Nouvelle', role: 'member' })).status, 201);
  assert.equal(outbox('nouvelle@example.org')[0].kind, 'invitation');
  const page = await (await admin.get('/admin')).text();
  assert.ok(page.includes('admin-lot@example.org'), 'the outbox lists the messages');
  assert.ok(!/\/welcome\/|\/reset\//.test(page), 'no secret link on the admin page');
  // The other programme's admin still logs in there with their own password, and only there as admin.
  const lot = await loggedIn('admin-lot@example.org', PASSWORD, LOT);
  assert.equal((await lot.get('/admin')).status, 200);
});

test('2. next: no header injection, no redirect to another host (GET and POST)', async () => {
  for (const [next, location] of [
    ['/%0d%0aSet-Cookie:%20sid=X;%20Path=/', '/'], ['/%5Cevil.example', '/'], ['//evil.example', '/'],
    ['/%09/evil.example', '/'], ['https://evil.example', '/'], ['/%00', '/'], ['/villages?q=%C3%A9', '/villages?q=%C3%A9'],
  ]) {
    const res = await fetch(`${server.url}/lang/fr?next=${encodeURIComponent(decodeURIComponent(next))}`, { redirect: 'manual' });
    assert.equal(res.status, 303, next);
    assert.equal(res.headers.get('location'), location, next);
    const cookies = res.headers.getSetCookie().map((c) => c.split('=')[0]);
    assert.ok(cookies.includes('lang') && !cookies.includes('sid'), `${next}: ${cookies}`);
  }
  const raw = await fetch(`${server.url}/lang/fr?next=/%0d%0aSet-Cookie:%20sid=X;%20Path=/`, { redirect: 'manual' });
  assert.equal(raw.headers.get('location'), '/');
  assert.ok(!raw.headers.getSetCookie().some((c) => c.startsWith('sid=')));
  const member = await loggedIn(accounts.member.email, accounts.member.password);
  const again = await member.get('/login?next=/%09/evil.example');
  assert.equal(again.headers.get('location'), '/account');
  const visitor = new Browserless(server.url);
  const posted = await visitor.submit('/login', '/login', { email: accounts.member.email, password: accounts.member.password, next: '/\t/evil.example' });
  assert.equal(posted.status, 303);
  assert.equal(posted.headers.get('location'), '/account');
});

test('3. links in mails and feeds come from the programme\'s address, whatever the Host header says', async () => {
  for (const host of ['evil.example', 'lot.test:@evil.example']) {
    const client = new HostClient(server.url, host);
    const res = await client.submit('/password-reset', '/password-reset', { email: accounts.site_host.email });
    assert.equal(res.status, 200, host);
  }
  const mails = outbox(accounts.site_host.email).filter((m) => m.kind === 'password_reset');
  assert.equal(mails.length, 2);
  for (const m of mails) {
    assert.ok(!m.body.includes('evil.example'), m.body);
    assert.match(m.body, new RegExp(`${DEMO_URL}/reset/[A-Za-z0-9_-]+`));
  }
  const token = (await (await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.member),
  })).json()).token;
  const client = new HostClient(server.url, 'evil.example');
  const made = await client.request('POST', '/api/v1/me/calendar-feed', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(made.status, 201);
  assert.ok((await made.json()).calendar_feed_url.startsWith(`${DEMO_URL}/calendar/member/`));
});

test('5. static files: one name per file; NUL, "." and empty segments name nothing; the cache holds real files only', async () => {
  assert.equal((await fetch(`${server.url}/static/app.css`)).status, 200);
  // Sent as written (fetch would resolve "./" and "../" before sending).
  for (const path of ['/static/app.css%00N', '/static/./app.css', '/static//app.css', '/static/../src/main.cpp',
    '/static/%2e%2e/src/main.cpp', '/static/app.css/', '/static/.hidden', '/static/app.css%0d%0a']) {
    assert.equal(await rawStatus(path), 404, path);
  }
  for (let i = 0; i < 300; i += 30) {
    await Promise.all(Array.from({ length: 30 }, (_, k) => rawStatus(`/static/app.css%00${i + k}`)));
    await Promise.all(Array.from({ length: 30 }, (_, k) => rawStatus(`/static/.${'/.'.repeat(k)}/app.css`)));
  }
  const cached = Number((await server.metrics()).match(/^sohosolo_static_files_cached (\d+)$/m)?.[1]);
  assert.ok(cached >= 1 && cached <= 5, `${cached} files cached`);
});

test('6. /metrics needs its token, and client-chosen methods fold into one label', async () => {
  assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
  const send = (method) => new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.end(`${method} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    socket.on('data', () => {});
    socket.on('close', resolve);
    socket.on('error', resolve);
  });
  const before = (await server.metrics()).length;
  for (let i = 0; i < 200; i++) await send(`M${i}${'X'.repeat(8000)}`);
  const text = await server.metrics();
  assert.ok(text.length < before + 8000, `/metrics grew from ${before} to ${text.length} bytes`);
  assert.ok(!/method="M\d/.test(text));
  assert.match(text, /method="OTHER"/);
});

test('8. password resets: three an hour per e-mail address, ten per client address, then 429; unknown addresses alike', async () => {
  const reset = (email, from) => new Browserless(server.url, { 'x-forwarded-for': from }).submit('/password-reset', '/password-reset', { email });
  for (const [i, email] of [accounts.advisor.email, 'personne@example.org'].entries()) {
    const statuses = [];
    for (let n = 0; n < 5; n++) statuses.push((await reset(email, `10.8.${i}.${n}`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429], email);
  }
  const refused = await reset(accounts.advisor.email, '10.8.9.9');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.match(await refused.text(), /Trop de demandes de réinitialisation/);
  assert.equal(outbox(accounts.advisor.email).filter((m) => m.kind === 'password_reset').length, 3);
  const fromOne = [];
  for (let n = 0; n < 11; n++) fromOne.push((await reset(`inconnu${n}@example.org`, '10.8.7.7')).status);
  assert.deepEqual(fromOne, [...Array(10).fill(200), 429]);
});

test('10. a change of password or a reset ends every other session and every API token; https programmes get Secure cookies and HSTS', async () => {
  const email = 'change@example.org';
  assert.equal(cli(['user', 'add', email, '--role', 'member', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n').status, 0);
  const keeper = await loggedIn(email);
  const other = await loggedIn(email);
  const token = (await (await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
  })).json()).token;
  const me = (t) => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.status);
  assert.equal(await me(token), 200);
  const changed = await keeper.submit('/account', '/account/password', { current_password: PASSWORD, new_password: 'a brand new password' });
  assert.equal(changed.status, 303);
  assert.equal((await keeper.get('/account')).status, 200, 'the session that changed it goes on');
  assert.equal((await other.get('/account')).status, 303, 'the other session is over');
  assert.equal(await me(token), 401, 'the API token is revoked');
  // A reset by link ends every session, the one that asked included.
  const stranger = await loggedIn(email, 'a brand new password');
  await new Browserless(server.url).submit('/password-reset', '/password-reset', { email });
  const link = outbox(email).filter((m) => m.kind === 'password_reset').pop().body.match(/\/reset\/([A-Za-z0-9_-]+)/)[1];
  const b = new Browserless(server.url);
  assert.equal((await b.submit(`/reset/${link}`, `/reset/${link}`, { password: 'yet another password' })).status, 303);
  assert.equal((await stranger.get('/account')).status, 303);
  assert.equal((await keeper.get('/account')).status, 303);

  const secure = await new HostClient(server.url, 'securise.localhost').get('/login');
  assert.equal(secure.headers.get('strict-transport-security'), 'max-age=31536000');
  assert.ok(secure.headers.getSetCookie().every((c) => /; Secure/.test(c)), secure.headers.getSetCookie().join(' | '));
  const plain = await fetch(`${server.url}/login`);
  assert.equal(plain.headers.get('strict-transport-security'), null);
  assert.ok(plain.headers.getSetCookie().every((c) => !/; Secure/.test(c)));
});

test('11. a site host sees the waitlists of their own sites only', async () => {
  const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items.filter((s) => s.kind === 'telecentre');
  const [mine, theirs] = [sites[2], sites[3]];
  const adminToken = (await (await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.admin),
  })).json()).token;
  const hostToken = (await (await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.site_host),
  })).json()).token;
  const hostId = (await (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${hostToken}` } })).json()).id;
  const tie = await fetch(`${server.url}/api/v1/sites/${mine.id}/hosts`, {
    method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ account_ids: [hostId] }),
  });
  assert.equal(tie.status, 200);
  const member = sql(`SELECT id FROM accounts WHERE email = '${accounts.member.email}'`);
  const t = nowSeconds() + 30 * 86400;
  const ids = [mine, theirs].map((site) => Number(sql(`INSERT INTO waitlist_entries (programme_id, resource_id, account_id, start_at, end_at, status, created_at)
    SELECT programme_id, ${site.resources[0].id}, ${member}, ${t}, ${t + 3600}, 'waiting', ${t - 86400} FROM resources WHERE id = ${site.resources[0].id} RETURNING id`)));
  const listed = (await (await fetch(`${server.url}/api/v1/waitlist?mine=false`, { headers: { authorization: `Bearer ${hostToken}` } })).json()).items.map((e) => e.id);
  assert.ok(listed.includes(ids[0]));
  assert.ok(!listed.includes(ids[1]), 'not the waitlist of a site they do not run');
  const all = (await (await fetch(`${server.url}/api/v1/waitlist?mine=false`, { headers: { authorization: `Bearer ${adminToken}` } })).json()).items.map((e) => e.id);
  assert.ok(ids.every((id) => all.includes(id)));
});

test('12. smaller defects: the log, numbers, wildcards, problem documents, content types, control characters, impossible dates', async () => {
  await fetch(`${server.url}/x%0d%0aINJECTED%20line`);
  const log = await server.logged(/\\x0D\\x0AINJECTED/);
  assert.ok(!log.split('\n').some((l) => l.startsWith('INJECTED')), 'no line written by the client');
  assert.match(log, /\\x0D\\x0AINJECTED/);
  if (!SKIP) {
    const cursor = (await (await fetch(`${server.url}/api/v1/communes?limit=1`)).json()).next_cursor;
    assert.equal((await fetch(`${server.url}/communes?cursor=${encodeURIComponent(cursor)}&start=9223372036854775807`)).status, 200);
  }
  for (const q of ['%', '_', '%25']) {
    const r = await (await fetch(`${server.url}/api/v1/communes?q=${encodeURIComponent(q)}`)).json();
    assert.equal(r.total, 0, q);
  }
  const bad = await fetch(`${server.url}/api/v1/communes%zz`);
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('content-type'), 'application/problem+json');
  const big = await fetch(`${server.url}/api/v1/sites`, { headers: { 'x-padding': 'p'.repeat(32 * 1024) } });
  assert.equal(big.status, 431);
  assert.equal(big.headers.get('content-type'), 'application/problem+json');

  // A JSON API call made with a session cookie must say it is JSON.
  const member = await loggedIn(accounts.member.email, accounts.member.password);
  const page = await (await member.get('/account')).text();
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
  const plain = await member.request('POST', '/api/v1/me/calendar-feed', { body: '{}', headers: { 'content-type': 'text/plain', 'x-csrf-token': csrf } });
  assert.equal(plain.status, 415);

  // Control characters in text: refused the same way on both engines, nothing stored.
  const token = (await (await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.member),
  })).json()).token;
  const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items.filter((s) => s.kind === 'telecentre');
  const room = sites[1].resources.find((r) => r.kind === 'meeting_room');
  const day = cal.workingDay(9);
  const count = () => Number(sql('SELECT COUNT(*) FROM bookings'));
  const before = count();
  const nul = await fetch(`${server.url}/api/v1/bookings`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ resource_id: room.id, start: at(day, '09:00'), end: at(day, '10:00'), note: 'avant\u0000après' }),
  });
  assert.equal(nul.status, 422);
  assert.deepEqual((await nul.json()).errors.map((e) => `${e.field}:${e.code}`), ['note:error.field.control_characters']);
  const form = await member.submit(`/sites/${room.site_id}`, '/bookings', { resource_id: String(room.id), date: day, start: '09:00', end: '10:00', note: 'a\u0001b' });
  assert.equal(form.status, 400);
  assert.equal(count(), before);

  // Availability: no year 0, nothing free beyond the booking horizon.
  const avail = (q) => fetch(`${server.url}/api/v1/resources/${room.id}/availability?${q}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await avail('from=0000-01-01&to=0000-01-02')).status, 422);
  const far = addDays(today(), 400);
  const beyond = await avail(`from=${far}&to=${addDays(far, 6)}`);
  assert.equal(beyond.status, 200);
  assert.deepEqual((await beyond.json()).free, []);
});

test('4. heavy computations leave the connection threads free: a full queue is 503, anonymous callers are rate-limited, thresholds come in half-megabit steps', { skip: SKIP }, async () => {
  const busy = await launch(server.db, { threads: 2, keepDb: true,
    extraArgs: ['--heavy-workers', '1', '--heavy-queue', '1', '--heavy-per-minute', '3'] });
  try {
    const token = (await (await fetch(`${busy.url}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.advisor),
    })).json()).token;
    const step = await fetch(`${busy.url}/api/v1/coverage?threshold_mbps=2.3`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(step.status, 422);
    assert.equal((await step.json()).errors[0].code, 'error.territory.threshold_step');
    // Twelve new thresholds at once, one worker, one place in its queue.
    const thresholds = Array.from({ length: 12 }, (_, i) => 0.5 + i * 0.5);
    const health = [];
    const answers = await Promise.all([
      ...thresholds.map((t) => fetch(`${busy.url}/api/v1/coverage?threshold_mbps=${t}`, { headers: { authorization: `Bearer ${token}` } })),
      (async () => { for (let i = 0; i < 5; i++) health.push((await fetch(`${busy.url}/healthz`)).status); })(),
    ]);
    const statuses = answers.slice(0, thresholds.length).map((r) => r.status);
    assert.ok(statuses.includes(200), statuses.join(','));
    assert.ok(statuses.includes(503), statuses.join(','));
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(','));
    const refused = answers.find((r) => r.status === 503);
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.deepEqual(health, [200, 200, 200, 200, 200], 'the server answers other requests meanwhile');
    // Anonymous: three a minute per address (a burst of at most one at once beyond the rate).
    const anonymous = [];
    for (let i = 0; i < 6; i++) anonymous.push((await fetch(`${busy.url}/api/v1/coverage?threshold_mbps=2`)).status);
    assert.ok(anonymous.includes(429), anonymous.join(','));
    const limited = await fetch(`${busy.url}/api/v1/coverage?threshold_mbps=2`);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  } finally {
    await busy.stop();
  }
});

test('9. failed logins slow an account and an address down without locking everyone behind a proxy out; a reset lets the owner in at once', async () => {
  const proxy = await launch(server.db, { threads: 2, keepDb: true, extraArgs: ['--trusted-proxy', '127.0.0.1'] });
  try {
    const email = 'lent@example.org';
    assert.equal(cli(['user', 'add', email, '--role', 'member', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n').status, 0);
    const attempt = (who, password, from) => new Browserless(proxy.url, { 'x-forwarded-for': from })
      .submit('/login', '/login', { email: who, password });
    for (let i = 0; i < 5; i++) assert.equal((await attempt(email, 'wrong password', `10.9.0.${i}`)).status, 401);
    const slowed = await attempt(email, PASSWORD, '10.9.1.1');
    assert.equal(slowed.status, 429, 'the account waits, even with the right password');
    const wait = Number(slowed.headers.get('retry-after'));
    assert.ok(wait > 0 && wait <= 30, String(wait));
    // One address behind the proxy failing on many accounts is slowed; its neighbours are not.
    for (let i = 0; i < 30; i++) await attempt(`inconnu${i}@example.org`, 'nope', '10.9.2.2');
    assert.equal((await attempt(accounts.member.email, accounts.member.password, '10.9.2.2')).status, 429);
    assert.equal((await attempt(accounts.member.email, accounts.member.password, '10.9.2.3')).status, 303);
    // The owner resets the password and logs in at once.
    await new Browserless(proxy.url, { 'x-forwarded-for': '10.9.3.3' }).submit('/password-reset', '/password-reset', { email });
    const link = outbox(email).filter((m) => m.kind === 'password_reset').pop().body.match(/\/reset\/([A-Za-z0-9_-]+)/)[1];
    assert.equal((await new Browserless(proxy.url).submit(`/reset/${link}`, `/reset/${link}`, { password: 'le nouveau mot de passe' })).status, 303);
    assert.equal((await attempt(email, 'le nouveau mot de passe', '10.9.4.4')).status, 303);
  } finally {
    await proxy.stop();
  }
});
