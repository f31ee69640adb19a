// An account's own data export holds what the community keeps about it: the profile with whom
// each field is shown to, club registrations, board posts and messages, the newsletter choice;
// and nothing of anyone else's address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, cli, runSql, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, at, today } from '../../lib/calendar.mjs';

let server;
const tokens = {};

async function call(method, path, who, body) {
  const res = await fetch(server.url + path, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text };
}

before(async () => {
  server = await startServer();
  for (const [who, name] of [['ana', 'Ana Ruiz'], ['bruno', 'Bruno Petit']]) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--name', name, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, `${who}@example.org`);
  }
  tokens.advisor = await tokenFor(server, 'advisor@example.org');
});
after(async () => { await server?.close(); });

test('the export carries the profile, the club, the board and the newsletter choice', async () => {
  assert.equal((await call('PUT', '/api/v1/me/profile', 'ana', { listed: true, skills: ['Comptabilité'], presentation: 'Bonjour', shown: { presentation: 'advisors' } })).status, 200);
  const day = addDays(today(), 6);
  const event = await call('POST', '/api/v1/events', 'advisor', { title: 'Apéro', place: 'Mairie', start: at(day, '18:00'), end: at(day, '20:00'), capacity: 5 });
  assert.equal((await call('POST', `/api/v1/events/${event.json.items[0].id}/registrations`, 'ana')).status, 201);
  const post = await call('POST', '/api/v1/board', 'bruno', { kind: 'offer', category: 'mission', title: 'Mission compta', body: 'Deux jours.' });
  await call('POST', `/api/v1/board/${post.json.id}/approve`, 'advisor');
  assert.equal((await call('POST', `/api/v1/board/${post.json.id}/messages`, 'ana', { body: 'Je suis disponible.' })).status, 201);
  runSql(server.db.url, "INSERT INTO newsletter_optouts (programme_id, email_key, created_at) SELECT id, 'ana@example.org', 0 FROM programmes");

  const exported = await call('GET', '/api/v1/me/export', 'ana');
  assert.equal(exported.status, 200);
  const data = exported.json;
  assert.equal(data.account.email, 'ana@example.org');
  assert.deepEqual(data.profile.skills, ['Comptabilité']);
  assert.equal(data.profile.shown.presentation, 'advisors');
  assert.deepEqual(data.club_registrations.map((r) => [r.title, r.status]), [['Apéro', 'registered']]);
  assert.deepEqual(data.board_messages.map((m) => [m.from, m.to, m.body]), [['Ana Ruiz', 'Bruno Petit', 'Je suis disponible.']]);
  assert.deepEqual(data.board_posts, []);
  assert.equal(data.newsletters.receives, false);
  assert.doesNotMatch(exported.text, /bruno@example\.org/);
  const bruno = (await call('GET', '/api/v1/me/export', 'bruno')).json;
  assert.deepEqual(bruno.board_posts.map((p) => p.title), ['Mission compta']);
  assert.equal(bruno.newsletters.receives, true);
});
