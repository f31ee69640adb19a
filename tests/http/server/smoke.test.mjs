import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Browserless, tokenFor } from '../../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

test('healthz and readyz answer', async () => {
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
  assert.equal(await (await fetch(server.url + '/readyz')).text(), 'ready\n');
});

test('a member logs in through the French form and reaches the account page', async () => {
  const b = new Browserless(server.url);
  await b.login('member@example.org');
  const res = await b.get('/account');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Mon compte/);
  assert.match(html, /member@example.org/);
});

test('a bearer token reads /api/v1/me with the roles', async () => {
  const token = await tokenFor(server, 'advisor@example.org');
  const res = await fetch(server.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const me = await res.json();
  assert.equal(me.email, 'advisor@example.org');
  assert.deepEqual(me.roles, ['advisor']);
});
