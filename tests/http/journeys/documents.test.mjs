// Documents on a newcomer's file: uploads recognised from their bytes (PDF, JPEG, PNG, ODT,
// DOCX) within a size limit, downloads that cannot be turned into pages, the ones shared with
// the newcomer on their own page and no other; staff only, per programme; the worst client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, HostClient, PASSWORD, cli, runSql, startServer, tokenFor } from '../../lib/harness.mjs';

let server;
const tokens = {};
let fileId;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

async function upload(who, journey, { bytes = PDF, filename = 'attestation.pdf', name, shared, type = 'application/pdf' } = {}) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  if (name !== undefined) form.append('name', name);
  if (shared) form.append('shared', '1');
  const res = await fetch(`${server.url}/api/v1/journeys/${journey}/documents`, {
    method: 'POST', headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, body: form,
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

async function call(method, path, who) {
  const res = await fetch(server.url + path, { method, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, redirect: 'manual' });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

before(async () => {
  server = await startServer({ programmes: [{ slug: 'lot', name: 'Soho Solo Lot', hosts: ['lot.localhost'] }] });
  for (const who of ['advisor', 'member']) tokens[who] = await tokenFor(server, `${who}@example.org`);
  const res = await fetch(`${server.url}/api/v1/journeys`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.advisor}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Famille Papiers', email: 'papiers@example.org' }),
  });
  fileId = (await res.json()).id;
});
after(async () => { await server?.close(); });

test('an upload is kept byte for byte, typed from its bytes, and downloaded as an attachment', async () => {
  const added = await upload('advisor', fileId, { filename: 'bail signé (2026).pdf', type: 'text/html' });
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.content_type, 'application/pdf', 'the declared type is not trusted');
  assert.equal(added.json.name, 'bail signé (2026).pdf');
  assert.equal(added.json.size, PDF.length);
  const got = await call('GET', added.json.url, 'advisor');
  assert.equal(got.status, 200);
  assert.ok(got.bytes.equals(PDF));
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(got.headers.get('content-disposition'), `attachment; filename="document-${added.json.id}.pdf"`);
  const png = await upload('advisor', fileId, { bytes: PNG, filename: 'plan.png', name: 'Plan de la maison', type: 'image/png' });
  assert.equal(png.status, 201, png.text);
  assert.equal(png.json.content_type, 'image/png');
  assert.equal(png.json.name, 'Plan de la maison');
  const list = await fetch(`${server.url}/api/v1/journeys/${fileId}/documents`, { headers: { authorization: `Bearer ${tokens.advisor}` } });
  assert.deepEqual((await list.json()).items.map((d) => d.id), [png.json.id, added.json.id], 'newest first');
  const history = await (await fetch(`${server.url}/api/v1/journeys/${fileId}/history`, { headers: { authorization: `Bearer ${tokens.advisor}` } })).json();
  assert.ok(history.items.some((h) => h.detail === 'document Plan de la maison'));
  // The newcomer's export lists the file's documents (their bytes are downloaded one by one).
  const exported = await (await fetch(`${server.url}/api/v1/journeys/${fileId}/export`, { headers: { authorization: `Bearer ${tokens.advisor}` } })).json();
  const listed = exported.documents.filter((d) => [png.json.id, added.json.id].includes(d.id));
  assert.deepEqual(listed.map((d) => [d.name, d.size, d.url]), [[png.json.name, PNG.length, png.json.url], [added.json.name, PDF.length, added.json.url]]);
});

test('what is not a document of an accepted kind, too large, empty or badly named is refused, and nothing is stored', async () => {
  const count = async () => (await (await fetch(`${server.url}/api/v1/journeys/${fileId}/documents`, { headers: { authorization: `Bearer ${tokens.advisor}` } })).json()).items.length;
  const before = await count();
  for (const [opts, field] of [
    [{ bytes: Buffer.from('MZ\x90\x00 not a pdf'), filename: 'virus.pdf' }, 'file'],
    [{ bytes: Buffer.from('<html><script>alert(1)</script></html>'), filename: 'page.html', type: 'text/html' }, 'file'],
    [{ bytes: Buffer.from('PK\x03\x04 just a zip'), filename: 'archive.odt' }, 'file'],
    [{ bytes: Buffer.alloc(0), filename: 'vide.pdf' }, 'file'],
    [{ bytes: Buffer.concat([PDF, Buffer.alloc(900 * 1024)]), filename: 'gros.pdf' }, 'file'],
    [{ name: 'ligne\r\nX-Injected: 1' }, 'name'],
    [{ name: 'nul\u0000octet' }, 'name'],
    [{ name: 'n'.repeat(121) }, 'name'],
  ]) {
    const r = await upload('advisor', fileId, opts);
    assert.equal(r.status, 422, `${opts.filename ?? opts.name?.slice(0, 20)}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), r.text);
  }
  const notMultipart = await fetch(`${server.url}/api/v1/journeys/${fileId}/documents`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.advisor}`, 'content-type': 'application/json' }, body: '{}',
  });
  assert.equal(notMultipart.status, 400);
  assert.equal(await count(), before);
});

test('the page: the list with names escaped, an upload with its CSRF token, a deletion', async () => {
  const b = new Browserless(server.url);
  await b.login('advisor@example.org');
  const named = await upload('advisor', fileId, { name: '<img src=x onerror=alert(1)>' });
  assert.equal(named.status, 201);
  const page = await (await b.get(`/journeys/${fileId}/documents`)).text();
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!page.includes('<img src=x'));
  assert.match(await (await b.get(`/journeys/${fileId}`)).text(), new RegExp(`href="/journeys/${fileId}/documents"`));
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
  const post = async (withToken) => {
    const form = new FormData();
    if (withToken) form.append('_csrf', csrf);
    form.append('file', new Blob([PDF]), 'depuis-la-page.pdf');
    form.append('shared', '1');
    return b.request('POST', `/journeys/${fileId}/documents`, { body: form });
  };
  assert.equal((await post(false)).status, 403, 'no token, no upload');
  const sent = await post(true);
  assert.equal(sent.status, 303);
  const after = await (await b.get(`/journeys/${fileId}/documents?saved=1`)).text();
  assert.match(after, /depuis-la-page\.pdf/);
  const id = after.match(/href="\/journeys\/\d+\/documents\/(\d+)">depuis-la-page\.pdf/)[1];
  const deleted = await b.submit(`/journeys/${fileId}/documents`, `/journeys/${fileId}/documents/${id}/delete`, {});
  assert.equal(deleted.status, 303);
  assert.equal((await call('GET', `/journeys/${fileId}/documents/${id}`, 'advisor')).status, 404);
  assert.equal((await call('DELETE', `/api/v1/journeys/${fileId}/documents/${id}`, 'advisor')).status, 404);
});

test('the newcomer downloads what is shared with them, and nothing else', async () => {
  const shared = await upload('advisor', fileId, { name: 'Liste des écoles', shared: true });
  const internal = await upload('advisor', fileId, { name: 'Note interne' });
  const other = (await (await fetch(`${server.url}/api/v1/journeys`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.advisor}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Autre dossier' }),
  })).json()).id;
  const elsewhere = await upload('advisor', other, { name: 'Ailleurs', shared: true });
  assert.equal((await fetch(`${server.url}/api/v1/journeys/${fileId}/invite`, { method: 'POST', headers: { authorization: `Bearer ${tokens.advisor}` } })).status, 204);
  const body = runSql(server.db.url, "SELECT body FROM outbox WHERE recipient = 'papiers@example.org' AND kind = 'invitation'").out;
  const token = body.match(/\/welcome\/([A-Za-z0-9_-]+)/)[1];
  const newcomer = new Browserless(server.url);
  assert.equal((await newcomer.submit(`/welcome/${token}`, `/welcome/${token}`, { password: 'un mot de passe neuf' })).status, 303);
  assert.match(await (await newcomer.get('/my-file')).text(), /href="\/my-file\/documents"/);
  const list = await (await newcomer.get('/my-file/documents')).text();
  assert.match(list, /Liste des écoles/);
  assert.doesNotMatch(list, /Note interne|Ailleurs/);
  const got = await newcomer.get(`/my-file/documents/${shared.json.id}`);
  assert.equal(got.status, 200);
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(PDF));
  for (const id of [internal.json.id, elsewhere.json.id, 999999, 'x']) {
    assert.equal((await newcomer.get(`/my-file/documents/${id}`)).status, 404, String(id));
  }
  for (const path of [`/journeys/${fileId}/documents`, `/journeys/${fileId}/documents/${shared.json.id}`]) {
    assert.equal((await newcomer.get(path)).status, 403, path);
  }
});

test('staff only, each programme its own; a file holds fifty documents, two last uploads at once make one', async () => {
  assert.equal((await upload('member', fileId)).status, 403);
  assert.equal((await upload(undefined, fileId)).status, 401);
  assert.equal((await call('GET', `/api/v1/journeys/${fileId}/documents`, 'member')).status, 403);
  const lot = cli(['user', 'add', 'lot-docs@example.org', '--role', 'advisor', '--programme', 'lot', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(lot.status, 0, lot.stderr);
  const client = new HostClient(server.url, 'lot.localhost');
  const lotToken = JSON.parse(await (await client.request('POST', '/api/v1/tokens', {
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lot-docs@example.org', password: PASSWORD }),
  })).text()).token;
  const first = (await (await fetch(`${server.url}/api/v1/journeys/${fileId}/documents`, { headers: { authorization: `Bearer ${tokens.advisor}` } })).json()).items[0];
  assert.equal((await client.request('GET', `/journeys/${fileId}/documents/${first.id}`, { headers: { authorization: `Bearer ${lotToken}` } })).status, 404);
  assert.equal((await client.request('GET', `/api/v1/journeys/${fileId}/documents`, { headers: { authorization: `Bearer ${lotToken}` } })).status, 404);

  const full = (await (await fetch(`${server.url}/api/v1/journeys`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.advisor}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Dossier plein' }),
  })).json()).id;
  for (let i = 0; i < 49; ++i) assert.equal((await upload('advisor', full, { name: `Pièce ${i}` })).status, 201);
  const both = await Promise.all([upload('advisor', full, { name: 'A' }), upload('advisor', full, { name: 'B' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], both.map((r) => r.text).join(' '));
  assert.equal((await upload('advisor', full)).status, 409);
});
