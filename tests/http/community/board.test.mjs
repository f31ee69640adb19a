// The members' board: posts wait for an advisor, expire, and are withdrawn; messages go between
// a post's author and the members who answer it, mailed without anyone's address; what the
// worst client sends. Days come from the shared calendar helper.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, PASSWORD, cli, runSql, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, today } from '../../lib/calendar.mjs';

let server;
const tokens = {};
const ids = {};
const PEOPLE = { ana: 'Ana Ruiz', bruno: 'Bruno Petit', chloe: 'Chloé Marty', dan: 'Dan Smith' };

async function call(method, path, who, body) {
  const headers = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}
const sql = (q) => runSql(server.db.url, q).out;
const mailCount = (who, kind) => Number(sql(`SELECT COUNT(*) FROM outbox WHERE recipient = '${who}@example.org' AND kind = '${kind}'`));
const lastMail = (who, kind) => sql(`SELECT body FROM outbox WHERE recipient = '${who}@example.org' AND kind = '${kind}' ORDER BY id DESC LIMIT 1`);

before(async () => {
  server = await startServer({ extraArgs: ['--public-url', 'http://gers.example.org'] });
  for (const [who, name] of Object.entries(PEOPLE)) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--name', name, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, `${who}@example.org`);
    ids[who] = Number(sql(`SELECT id FROM accounts WHERE email = '${who}@example.org'`));
  }
  tokens.advisor = await tokenFor(server, 'advisor@example.org');
});
after(async () => { await server?.close(); });

const POST = { kind: 'offer', category: 'equipment', title: 'Imprimante 3D à partager', body: 'À Gimont, le mardi.' };

async function published(who = 'ana', fields = {}) {
  const r = await call('POST', '/api/v1/board', who, { ...POST, ...fields });
  assert.equal(r.status, 201, r.text);
  assert.equal((await call('POST', `/api/v1/board/${r.json.id}/approve`, 'advisor')).status, 200);
  return r.json.id;
}

test('a member\'s post waits for an advisor, who publishes it; the author is told', async () => {
  const r = await call('POST', '/api/v1/board', 'ana', { ...POST, expires_on: addDays(today(), 20) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'pending');
  const id = r.json.id;
  assert.ok(!(await call('GET', '/api/v1/board', 'bruno')).json.items.some((p) => p.id === id));
  assert.equal((await call('GET', `/api/v1/board/${id}`, 'bruno')).status, 404, 'nobody else sees it yet');
  assert.equal((await call('GET', `/api/v1/board/${id}`, 'ana')).status, 200, 'its author does');
  assert.ok((await call('GET', '/api/v1/board/pending', 'advisor')).json.items.some((p) => p.id === id));
  assert.equal((await call('GET', '/api/v1/board/pending', 'bruno')).status, 403);
  assert.equal((await call('POST', `/api/v1/board/${id}/approve`, 'bruno')).status, 403);
  const ok = await call('POST', `/api/v1/board/${id}/approve`, 'advisor');
  assert.equal(ok.json.state, 'published');
  assert.equal((await call('POST', `/api/v1/board/${id}/approve`, 'advisor')).status, 409);
  assert.equal(mailCount('ana', 'board_published'), 1);
  assert.ok((await call('GET', '/api/v1/board?kind=offer&category=equipment', 'bruno')).json.items.some((p) => p.id === id));
  assert.ok(!(await call('GET', '/api/v1/board?kind=request', 'bruno')).json.items.some((p) => p.id === id));

  const refused = await call('POST', '/api/v1/board', 'ana', { ...POST, title: 'Vends ma voiture' });
  const no = await call('POST', `/api/v1/board/${refused.json.id}/reject`, 'advisor', { note: 'Hors sujet : le tableau est pour le travail.' });
  assert.equal(no.json.state, 'rejected');
  assert.match(lastMail('ana', 'board_rejected'), /Hors sujet/);
  assert.equal((await call('GET', `/api/v1/board/${refused.json.id}`, 'bruno')).status, 404);
});

test('messages go through the product: each party is mailed, and no address is ever shown', async () => {
  const id = await published();
  const w = await call('POST', `/api/v1/board/${id}/messages`, 'bruno', { body: 'Bonjour, je serais intéressé mardi prochain.' });
  assert.equal(w.status, 201, w.text);
  const toAna = lastMail('ana', 'board_message');
  assert.match(toAna, /Bruno Petit/);
  assert.match(toAna, /mardi prochain/);
  assert.match(toAna, new RegExp(`http://gers\\.example\\.org/board/${id}`));
  assert.doesNotMatch(toAna, /bruno@example\.org/);
  await call('POST', `/api/v1/board/${id}/messages`, 'chloe', { body: 'Moi aussi !' });

  // The author answers Bruno, and nobody who has not written.
  assert.equal((await call('POST', `/api/v1/board/${id}/messages`, 'ana', { body: 'Avec plaisir.', to: ids.bruno })).status, 201);
  assert.match(lastMail('bruno', 'board_message'), /Ana Ruiz/);
  assert.equal((await call('POST', `/api/v1/board/${id}/messages`, 'ana', { body: 'Et vous ?', to: ids.dan })).status, 422);
  assert.equal((await call('POST', `/api/v1/board/${id}/messages`, 'ana', { body: 'À moi-même' })).status, 422);

  const forAna = (await call('GET', `/api/v1/board/${id}`, 'ana')).json;
  assert.equal(forAna.messages.length, 3, 'the author reads every exchange');
  const forChloe = (await call('GET', `/api/v1/board/${id}`, 'chloe')).json;
  assert.deepEqual(forChloe.messages.map((m) => m.body), ['Moi aussi !'], 'others read their own');
  for (const view of [forAna, forChloe]) assert.doesNotMatch(JSON.stringify(view), /@example\.org/);
  const page = await new Browserless(server.url);
  await page.login('chloe@example.org');
  const html = await (await page.get(`/board/${id}`)).text();
  assert.doesNotMatch(html, /bruno@example\.org|ana@example\.org/);
  assert.doesNotMatch(html, /mardi prochain/, 'Bruno\'s exchange is not Chloé\'s to read');
});

test('withdrawn and expired posts take no more messages; only the author or staff withdraw', async () => {
  const id = await published();
  assert.equal((await call('DELETE', `/api/v1/board/${id}`, 'bruno')).status, 403);
  assert.equal((await call('DELETE', `/api/v1/board/${id}`, 'ana')).status, 204);
  assert.equal((await call('GET', `/api/v1/board/${id}`, 'bruno')).status, 404);
  assert.equal((await call('POST', `/api/v1/board/${id}/messages`, 'bruno', { body: 'Encore là ?' })).status, 404);
  const old = await published();
  sql(`UPDATE board_posts SET expires_at = ${Math.floor(Date.now() / 1000) - 60} WHERE id = ${old}`);
  assert.ok(!(await call('GET', '/api/v1/board', 'bruno')).json.items.some((p) => p.id === old));
  assert.equal((await call('POST', `/api/v1/board/${old}/messages`, 'bruno', { body: 'Trop tard ?' })).status, 404);
  assert.equal((await call('POST', `/api/v1/board/${old}/messages`, 'ana', { body: 'x', to: ids.bruno })).status, 409, 'its author sees it, closed');
});

test('bad input is refused with its field and stores nothing; a flood of messages is stopped', async () => {
  const count = () => sql('SELECT COUNT(*) FROM board_posts');
  const before = count();
  for (const [fields, field] of [
    [{ kind: 'sale' }, 'kind'], [{ category: 'cars' }, 'category'], [{ title: '' }, 'title'], [{ title: 'a\r\nb' }, 'title'],
    [{ title: 'x'.repeat(121) }, 'title'], [{ body: '  ' }, 'body'], [{ body: 'nul\u0000' }, 'body'], [{ body: 'x'.repeat(4001) }, 'body'],
    [{ expires_on: addDays(today(), 95) }, 'expires_on'], [{ expires_on: addDays(today(), -1) }, 'expires_on'], [{ expires_on: '2027-02-30' }, 'expires_on'],
    [{ expires_on: 'demain' }, 'expires_on'], [{ title: 12 }, 'title'],
  ]) {
    const r = await call('POST', '/api/v1/board', 'ana', { ...POST, ...fields });
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${r.text}`);
  }
  assert.equal((await call('POST', '/api/v1/board', undefined, POST)).status, 401);
  assert.equal(count(), before);
  const id = await published('dan', { title: '<script>alert(1)</script> Bureau' });
  const page = new Browserless(server.url);
  await page.login('bruno@example.org');
  const html = await (await page.get(`/board/${id}`)).text();
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Bureau/);
  for (const path of ['/api/v1/board/abc', '/api/v1/board/99999999', '/api/v1/board/1%00']) {
    assert.equal((await call('GET', path, 'bruno')).status, 404, path);
  }
  assert.equal((await call('POST', `/api/v1/board/${id}/messages`, 'bruno', { body: '' })).status, 422);
  assert.equal((await call('POST', `/api/v1/board/${id}/messages`, 'bruno', { body: 'x', to: 'dan' })).status, 422);
  let status = 0;
  let sent = Number(sql(`SELECT COUNT(*) FROM board_messages WHERE from_account = ${ids.bruno}`));
  while (sent < 25 && status !== 429) {
    status = (await call('POST', `/api/v1/board/${id}/messages`, 'bruno', { body: `Message ${sent}` })).status;
    if (status === 201) sent += 1;
  }
  assert.equal(status, 429);
  assert.equal(sent, 20, 'twenty an hour');
});

test('the HTML flow: a member posts, an advisor publishes from the page, another member answers', async () => {
  const author = new Browserless(server.url);
  await author.login('chloe@example.org');
  const posted = await author.submit('/board/new', '/board/new', { kind: 'request', category: 'skills', title: 'Cherche graphiste', body: 'Pour un logo.', expires_on: '' });
  assert.equal(posted.status, 303);
  const id = sql("SELECT id FROM board_posts WHERE title = 'Cherche graphiste'");
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  assert.match(await (await advisor.get('/board')).text(), /Cherche graphiste/);
  assert.equal((await advisor.submit(`/board/${id}`, `/board/${id}/approve`, {})).status, 303);
  const reader = new Browserless(server.url);
  await reader.login('dan@example.org');
  assert.match(await (await reader.get('/board?kind=request')).text(), /Cherche graphiste/);
  assert.equal((await reader.submit(`/board/${id}`, `/board/${id}/messages`, { body: 'Je suis graphiste !' })).status, 303);
  assert.match(await (await author.get(`/board/${id}`)).text(), /Je suis graphiste !/);
  const refused = await author.submit('/board/new', '/board/new', { kind: 'request', category: 'skills', title: '', body: 'x' });
  assert.equal(refused.status, 422);
});
