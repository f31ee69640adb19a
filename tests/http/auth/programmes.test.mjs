// Two programmes on one server, told apart by the Host header: "gers" (gers.localhost, also the
// default for unknown hosts) and "lot" (lot.localhost). Accounts, sessions, tokens and people
// lists of one programme must not leak into the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, HostClient, PASSWORD } from '../../lib/harness.mjs';

const LOT = 'lot.localhost';
const GERS = 'gers.localhost';

let server;
before(async () => {
  server = await startServer({ programmes: [{ slug: 'lot', name: 'Soho Solo Lot', hosts: [LOT] }] });
  for (const [email, role] of [['lot-member@example.org', 'member'], ['lot-advisor@example.org', 'advisor']]) {
    const r = cli(['user', 'add', email, '--role', role, '--programme', 'lot', '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr + r.stdout);
  }
});
after(async () => { if (server) await server.close(); });

function get(path, host, headers = {}) {
  return new HostClient(server.url, host).get(path, { headers });
}

async function tokenFor(srv, email, password, host) {
  const res = await new HostClient(srv.url, host).request('POST', '/api/v1/tokens', {
    body: JSON.stringify({ email, password }), headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 201, `token for ${email} on ${host}`);
  return (await res.json()).token;
}

function titleOf(html) {
  return html.match(/<title>([^<]*)<\/title>/)?.[1];
}

async function tryLogin(host, email, password = PASSWORD) {
  const b = new HostClient(server.url, host);
  const res = await b.submit('/login', '/login', { email, password });
  return { b, res };
}

test('the home page shows the programme of the Host header', async () => {
  const lot = await (await get('/', LOT)).text();
  assert.equal(titleOf(lot), 'Accueil · Soho Solo Lot');
  assert.match(lot, /<a class="brand" href="\/">Soho Solo Lot<\/a>/);
  const gers = await (await get('/', GERS)).text();
  assert.equal(titleOf(gers), 'Accueil · Soho Solo Gers');
  // Host names are case-insensitive and the port does not matter.
  assert.equal(titleOf(await (await get('/', 'LOT.localhost:8080')).text()), 'Accueil · Soho Solo Lot');
});

test('an unknown Host gets the default programme (gers)', async () => {
  for (const host of ['unknown.example', 'localhost', `127.0.0.1:${server.port}`, 'lot.localhost.evil.example']) {
    const html = await (await get('/', host)).text();
    assert.equal(titleOf(html), 'Accueil · Soho Solo Gers', host);
  }
  // The API says which programme answered.
  const token = await tokenFor(server, 'member@example.org', PASSWORD, 'somewhere.example');
  const me = await (await get('/api/v1/me', 'somewhere.example', { authorization: `Bearer ${token}` })).json();
  assert.deepEqual(me.programme, { slug: 'gers', name: 'Soho Solo Gers' });
});

test('a lot account logs in on lot.localhost and not on gers', async () => {
  const { b, res } = await tryLogin(LOT, 'lot-member@example.org');
  assert.equal(res.status, 303);
  const account = await b.get('/account');
  assert.equal(account.status, 200);
  assert.equal(titleOf(await account.text()), 'Mon compte · Soho Solo Lot');
  const onGers = await tryLogin(GERS, 'lot-member@example.org');
  assert.equal(onGers.res.status, 401);
});

test('a gers member cannot log in with Host: lot.localhost (same answer as a wrong password)', async () => {
  const { res } = await tryLogin(LOT, 'member@example.org');
  assert.equal(res.status, 401);
  const html = await res.text();
  assert.match(html, /Adresse e-mail ou mot de passe incorrect\./);
  assert.equal(res.headers.getSetCookie().filter((c) => c.startsWith('sid=')).length, 0);
  // Nor get a token there.
  const api = await new HostClient(server.url, LOT).request('POST', '/api/v1/tokens', {
    body: JSON.stringify({ email: 'member@example.org', password: PASSWORD }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(api.status, 401);
});

test('a gers token is 401 with Host: lot.localhost', async () => {
  const token = await tokenFor(server, 'member@example.org', PASSWORD, GERS);
  const auth = { authorization: `Bearer ${token}` };
  assert.equal((await get('/api/v1/me', GERS, auth)).status, 200);
  const res = await get('/api/v1/me', LOT, auth);
  assert.equal(res.status, 401);
  assert.equal((await res.json()).type, '/problems/unauthorized');
  // And a lot token the other way round.
  const lotToken = await tokenFor(server, 'lot-member@example.org', PASSWORD, LOT);
  const lotMe = await get('/api/v1/me', LOT, { authorization: `Bearer ${lotToken}` });
  assert.equal(lotMe.status, 200);
  assert.deepEqual((await lotMe.json()).programme, { slug: 'lot', name: 'Soho Solo Lot' });
  assert.equal((await get('/api/v1/me', GERS, { authorization: `Bearer ${lotToken}` })).status, 401);
});

test('a gers session cookie is worth nothing on lot.localhost', async () => {
  const gers = new HostClient(server.url, GERS);
  await gers.login('advisor@example.org');
  assert.equal((await gers.get('/people')).status, 200);
  const lot = new HostClient(server.url, LOT);
  lot.cookies.set('sid', gers.cookies.get('sid'));
  const res = await lot.get('/people');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?next=%2Fpeople');
});

test('the people page of lot lists lot accounts only', async () => {
  const b = new HostClient(server.url, LOT);
  await b.login('lot-advisor@example.org');
  const res = await b.get('/people');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<td>lot-member@example.org<\/td>/);
  assert.match(html, /<td>lot-advisor@example.org<\/td>/);
  for (const gersAccount of ['admin', 'advisor', 'host', 'member']) {
    assert.ok(!html.includes(`<td>${gersAccount}@example.org</td>`), `${gersAccount}@example.org is not listed on lot`);
  }
  // And the other way round.
  const g = new HostClient(server.url, GERS);
  await g.login('advisor@example.org');
  const gersHtml = await (await g.get('/people')).text();
  assert.match(gersHtml, /<td>member@example.org<\/td>/);
  assert.doesNotMatch(gersHtml, /lot-member@example\.org/);
});

test('an invitation sent on lot stays in lot', async () => {
  const b = new HostClient(server.url, LOT);
  await b.login('lot-advisor@example.org');
  const res = await b.submit('/people', '/people/invite', {
    email: 'lot-newcomer@example.org', display_name: 'Lot Newcomer', role: 'member',
  });
  assert.equal(res.status, 201);
  assert.match(await (await b.get('/people')).text(), /lot-newcomer@example\.org/);
  const g = new HostClient(server.url, GERS);
  await g.login('admin@example.org');
  const admin = await (await g.get('/admin')).text();
  assert.doesNotMatch(admin, /lot-newcomer@example\.org/, 'the gers outbox does not show lot mail');
  assert.doesNotMatch(await (await g.get('/people')).text(), /lot-newcomer@example\.org/);
});
