// Bad input at the HTTP level: malformed and mistyped JSON, oversized bodies and headers, a client
// that trickles its request, unknown routes and methods, missing or wrong CSRF tokens, invalid
// UTF-8, SQL and HTML in text fields, and Unicode names that must round-trip unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, launch, Browserless, tokenFor, cli, PASSWORD } from '../../lib/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const EVIL = `<script>alert(1)</script>'; DROP TABLE accounts; --`;
const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&apos;; DROP TABLE accounts; --';
const UNICODE = 'Élodie Müller-Ñúñez 🌻';

let server;
before(async () => {
  server = await startServer();
  // Accounts of their own for the tests that change a profile, so that no test sees another's edits.
  for (const who of ['evil', 'unicode', 'csrf']) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--programme', 'gers',
      '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
});
after(async () => { if (server) await server.close(); });

function postJson(path, body, headers = {}) {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

/** Checks an RFC 9457 problem document and returns it. */
async function problem(res, status) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const doc = await res.json();
  assert.equal(typeof doc.type, 'string');
  assert.ok(doc.type.length > 0);
  assert.equal(typeof doc.title, 'string');
  assert.ok(doc.title.length > 0);
  assert.equal(doc.status, status, 'the "status" member must equal the HTTP status');
  assert.equal(typeof doc.detail, 'string');
  assert.ok(doc.detail.length > 0);
  return doc;
}

/**
 * Sends `data` on a fresh TCP connection and reads the answer until the server closes the
 * connection or `ms` pass. A reset after the answer arrived is not an error here: what matters is
 * what the client could read.
 */
function rawExchange(port, data, ms = 10000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    let error = null;
    const done = () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      const headEnd = raw.indexOf('\r\n\r\n');
      const head = (headEnd >= 0 ? raw.subarray(0, headEnd) : raw).toString('latin1');
      const m = head.match(/^HTTP\/1\.[01] (\d{3})/);
      resolve({ status: m ? Number(m[1]) : null, head, body: headEnd >= 0 ? raw.subarray(headEnd + 4).toString('utf8') : '', error });
    };
    const timer = setTimeout(() => { socket.destroy(); }, ms);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e) => { error = e; });
    socket.on('close', done);
    socket.on('connect', () => {
      socket.write(data, () => {});
    });
  });
}

function header(head, name) {
  const m = head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'));
  return m ? m[1].trim() : null;
}

// --- JSON bodies -------------------------------------------------------------------------------

test('malformed JSON on POST /api/v1/tokens is a 400 problem document', async () => {
  const doc = await problem(await postJson('/api/v1/tokens', '{"email": "member@example.org", "password": '), 400);
  assert.equal(doc.type, '/problems/malformed');
  assert.equal(doc.title, 'Bad Request');
  assert.match(doc.detail, /JSON/);
  // Well-formed JSON that is not an object is malformed input too.
  await problem(await postJson('/api/v1/tokens', '["member@example.org", "x"]'), 400);
  // An empty body is not JSON either.
  await problem(await postJson('/api/v1/tokens', ''), 400);
});

test('the problem document speaks the language asked for', async () => {
  const fr = await problem(await postJson('/api/v1/tokens', '{'), 400);
  const en = await problem(await postJson('/api/v1/tokens', '{', { 'accept-language': 'en' }), 400);
  assert.match(fr.detail, /n'est pas du JSON valide/);
  assert.match(en.detail, /not valid JSON/);
});

test('wrong JSON types are a 422 with errors[] naming each field', async () => {
  let doc = await problem(await postJson('/api/v1/tokens', { email: 42, password: PASSWORD }), 422);
  assert.equal(doc.type, '/problems/invalid');
  assert.ok(Array.isArray(doc.errors));
  assert.deepEqual(doc.errors.map((e) => e.field), ['email']);
  assert.equal(doc.errors[0].code, 'error.field.not_string');
  assert.ok(doc.errors[0].detail.length > 0);

  doc = await problem(await postJson('/api/v1/tokens', { email: ['member@example.org'], password: { p: 1 }, name: true }), 422);
  assert.deepEqual(doc.errors.map((e) => e.field).sort(), ['email', 'name', 'password']);

  // A missing required field is named too.
  doc = await problem(await postJson('/api/v1/tokens', { email: 'member@example.org' }), 422);
  assert.deepEqual(doc.errors.map((e) => e.field), ['password']);
  assert.equal(doc.errors[0].code, 'error.field.required');
});

test('unknown JSON fields are ignored: they neither make a valid request fail nor an invalid one pass', async () => {
  const extra = { role: 'admin', is_admin: true, programme: 'other', nested: { a: [1, 2, 3] }, id: 1 };
  // Valid credentials plus unknown fields: a token, and the unknown fields changed nothing.
  const res = await postJson('/api/v1/tokens', { email: 'member@example.org', password: PASSWORD, ...extra });
  assert.equal(res.status, 201);
  const { token } = await res.json();
  const me = await (await fetch(server.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).json();
  assert.deepEqual(me.roles, ['member']);
  assert.equal(me.programme.slug, 'gers');
  // Invalid types plus unknown fields: still 422 for the known field only.
  const doc = await problem(await postJson('/api/v1/tokens', { email: 42, password: PASSWORD, ...extra }), 422);
  assert.deepEqual(doc.errors.map((e) => e.field), ['email']);
});

test('invalid UTF-8 in a JSON body (raw bytes 0xff 0xfe) is a 400', async () => {
  const body = Buffer.concat([
    Buffer.from('{"email":"member@example.org","password":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}'),
  ]);
  const doc = await problem(await postJson('/api/v1/tokens', body), 400);
  assert.equal(doc.type, '/problems/malformed');
  // The same bytes in a form are refused before anything is looked at.
  const res = await fetch(server.url + '/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.concat([Buffer.from('email=member%40example.org&password='), Buffer.from([0xff, 0xfe])]),
  });
  assert.equal(res.status, 400);
});

// --- Size limits -------------------------------------------------------------------------------

const BIG = 'x'.repeat(2 * 1024 * 1024);

/** The head of a request announcing a 2 MiB body, plus its first bytes: enough for the server to refuse it. */
function bigHead(path, type) {
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${BIG.length}\r\n\r\n` +
    BIG.slice(0, 16);
}

test('a 2 MiB body on POST /login is refused with a 413 HTML page', async () => {
  const res = await rawExchange(server.port, bigHead('/login', 'application/x-www-form-urlencoded'), 5000);
  assert.equal(res.status, 413, res.error?.message);
  assert.match(header(res.head, 'content-type') ?? '', /^text\/html/);
  assert.match(header(res.head, 'connection') ?? '', /close/i);
  assert.match(res.body, /trop volumineuse/);
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
});

test('a 2 MiB body on POST /api/v1/tokens is refused with a 413 problem document', async () => {
  const res = await rawExchange(server.port, bigHead('/api/v1/tokens', 'application/json'), 5000);
  assert.equal(res.status, 413, res.error?.message);
  assert.match(header(res.head, 'content-type') ?? '', /^application\/problem\+json/);
  const doc = JSON.parse(res.body);
  assert.equal(doc.type, '/problems/too-large');
  assert.equal(doc.title, 'Content Too Large');
  assert.equal(doc.status, 413);
  assert.ok(doc.detail.length > 0);
});

test('after a 413 the server reads and drops the rest of the body instead of resetting the connection', async () => {
  // What makes the 413 reliably readable (RFC 9112, section 9.6): half-close, then keep reading
  // for a while. A server that closes at once answers the client's next bytes with a reset.
  // allowHalfOpen: like any uploading client, keep sending after the server's FIN.
  const socket = net.connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true });
  let received = Buffer.alloc(0);
  let error = null;
  socket.on('data', (d) => { received = Buffer.concat([received, d]); });
  socket.on('error', (e) => { error = e; });
  const closed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write(bigHead('/login', 'application/x-www-form-urlencoded'));
  for (let i = 0; i < 100 && !/\r\n\r\n[^]*<\/html>/.test(received.toString('latin1')); i++) await sleep(20);
  assert.match(received.toString('latin1'), /^HTTP\/1\.1 413/);
  // The client, still uploading, sends more of its body.
  for (let i = 0; i < 4 && !error; i++) {
    await new Promise((resolve) => socket.write(Buffer.alloc(64 * 1024, 0x78), (e) => { error ??= e ?? null; resolve(); }));
    await sleep(50);
  }
  socket.end();
  await Promise.race([closed, sleep(5000)]);
  socket.destroy();
  assert.equal(error, null, `the connection was reset: ${error?.code}`);
});

test('a client that sends a whole 2 MiB body reads the 413, every time, on both routes', async () => {
  // The server answers before reading the body: if it then closes the connection with the body
  // still unread, the kernel sends a reset and the client may never see the 413 (EPIPE or
  // ECONNRESET instead). Twenty-five tries per route make that visible.
  const outcomes = [];
  for (const [path, type, body] of [
    ['/login', 'application/x-www-form-urlencoded', 'email=member%40example.org&password=' + BIG],
    ['/api/v1/tokens', 'application/json', JSON.stringify({ email: 'member@example.org', password: BIG })],
  ]) {
    for (let i = 0; i < 25; i++) {
      try {
        const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': type }, body });
        await res.arrayBuffer();
        outcomes.push(`${path} ${res.status}`);
      } catch (e) {
        outcomes.push(`${path} ${e.cause?.code ?? e.message}`);
      }
    }
  }
  assert.deepEqual(outcomes.filter((o) => !o.endsWith(' 413')), [], outcomes.join(', '));
});

test('a 100 KB header is refused with 431', async () => {
  const res = await fetch(server.url + '/healthz', { headers: { 'x-padding': 'a'.repeat(100 * 1024) } });
  assert.equal(res.status, 431);
  const body = await res.text();
  assert.match(body, /en-têtes de la requête sont trop volumineux/);
  // The page must not claim another status than the one sent.
  assert.doesNotMatch(body, /\(413\)/);
  assert.match(body, /\(431\)/);
  // The server is still fine afterwards.
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
});

// --- Slow clients ------------------------------------------------------------------------------

test('a client that trickles its request byte by byte is cut off; others are still served', async () => {
  const slow = await launch(server.db, { extraArgs: ['--read-timeout', '2'], keepDb: true });
  try {
    const started = Date.now();
    const socket = net.connect(slow.port, '127.0.0.1');
    const request = 'POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 200\r\n\r\n' + '{"email":"member@example.org"'.padEnd(200, ' ');
    let received = '';
    socket.on('data', (d) => { received += d; });
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    await new Promise((resolve) => socket.on('connect', resolve));
    let i = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || i >= request.length) return clearInterval(trickle);
      socket.write(request[i++]);
    }, 100);
    // Meanwhile a normal request on another connection is served at once.
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    const ok = await fetch(slow.url + '/healthz');
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'ok\n');
    assert.ok(Date.now() - t0 < 1000, 'a normal request must not wait for the slow one');
    const elapsed = await Promise.race([closed, new Promise((r) => setTimeout(() => r(null), 8000))]);
    clearInterval(trickle);
    socket.destroy();
    assert.notEqual(elapsed, null, 'the slow connection must be closed within a few seconds');
    assert.ok(elapsed >= 1500 && elapsed < 6000, `closed after ${elapsed} ms`);
    assert.ok(i < request.length, 'the server gave up before the request was complete');
    assert.doesNotMatch(received, /^HTTP\/1\.1 201/, 'no token for a request that never finished');
    // And the server still serves new connections.
    assert.equal((await fetch(slow.url + '/healthz')).status, 200);
  } finally {
    await slow.stop();
  }
});

test('an idle keep-alive connection is closed after the read timeout, not before', async () => {
  const slow = await launch(server.db, { extraArgs: ['--read-timeout', '1'], keepDb: true });
  try {
    const socket = net.connect(slow.port, '127.0.0.1');
    socket.on('error', () => {});
    let received = '';
    let answered = 0;
    let lastAnswerAt = 0;
    socket.on('data', (d) => {
      received += d;
      answered = received.match(/HTTP\/1\.1 200/g)?.length ?? 0;
      lastAnswerAt = Date.now();
    });
    await new Promise((resolve) => socket.on('connect', resolve));
    const closed = new Promise((resolve) => socket.on('close', () => resolve(Date.now())));
    const answers = async (n) => {
      for (let i = 0; i < 200 && answered < n; ++i) await sleep(25);
      assert.equal(answered, n, received);
    };
    // Two requests, 600 ms apart: the second comes within the timeout that follows the first answer.
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await answers(1);
    await sleep(600);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await answers(2);
    const at = await Promise.race([closed, sleep(8000).then(() => null)]);
    socket.destroy();
    assert.notEqual(at, null, 'the idle connection must be closed within a few seconds');
    const idle = at - lastAnswerAt;
    assert.ok(idle >= 700 && idle < 5000, `closed after ${idle} ms of idleness`);
  } finally {
    await slow.stop();
  }
});

test('a client that stops reading its answers is cut off; others are still served', async () => {
  const slow = await launch(server.db, { extraArgs: ['--read-timeout', '1'], keepDb: true });
  try {
    const socket = net.connect({ port: slow.port, host: '127.0.0.1' });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.pause();  // reads nothing: the server's writes fill the socket's buffers, then stall
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const count = 4000;
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(count));
    await sleep(4000);
    const ok = await fetch(slow.url + '/healthz');
    assert.equal(ok.status, 200, 'other clients are served meanwhile');
    await ok.text();
    // Now read what the server sent before it gave up: fewer answers than asked, then the end.
    let received = 0;
    socket.on('data', (d) => { received += d.toString('latin1').split('HTTP/1.1 200').length - 1; });
    socket.resume();
    const ended = await Promise.race([closed.then(() => true), sleep(8000).then(() => false)]);
    socket.destroy();
    assert.ok(ended, 'the connection must end without the client closing it');
    assert.ok(received < count, `the server gave up writing (${received} of ${count} answers read)`);
  } finally {
    await slow.stop();
  }
});

// --- Routing -----------------------------------------------------------------------------------

test('an unknown route is a 404 HTML page in French', async () => {
  const res = await fetch(server.url + '/no/such/page');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(res.headers.get('content-language'), 'fr');
  const html = await res.text();
  assert.match(html, /<html lang="fr">/);
  assert.match(html, /Cette page ou cette ressource n&apos;existe pas\./);
  assert.match(html, /Retour à l&apos;accueil/);
});

test('an unknown route under /api/ is a 404 problem document', async () => {
  const doc = await problem(await fetch(server.url + '/api/v1/nothing-here'), 404);
  assert.equal(doc.type, '/problems/not-found');
  assert.equal(doc.title, 'Not Found');
  // Even when the client prefers HTML.
  await problem(await fetch(server.url + '/api/v2/me', { headers: { accept: 'text/html' } }), 404);
});

test('a known route with the wrong method is a 405 with an Allow header', async () => {
  const res = await fetch(server.url + '/login', { method: 'PUT' });
  assert.equal(res.status, 405);
  const allow = (res.headers.get('allow') ?? '').split(/\s*,\s*/).sort();
  assert.deepEqual(allow, ['GET', 'HEAD', 'POST']);
  await res.text();

  const token = await tokenFor(server, 'member@example.org');
  const api = await fetch(server.url + '/api/v1/me', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.headers.get('allow'), 'GET, HEAD');
  const doc = await problem(api, 405);
  assert.equal(doc.title, 'Method Not Allowed');
});

// --- CSRF --------------------------------------------------------------------------------------

async function profilePost(b, fields, csrf) {
  const body = new URLSearchParams(csrf === undefined ? fields : { _csrf: csrf, ...fields }).toString();
  return b.request('POST', '/account/profile', {
    body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

test('POST /account/profile without or with a wrong CSRF token is a 403 and changes nothing', async () => {
  const b = new Browserless(server.url);
  await b.login('csrf@example.org');
  const before = await (await b.get('/api/v1/me')).json();
  for (const csrf of [undefined, '', 'x'.repeat(32), 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
    const res = await profilePost(b, { display_name: 'Hijacked', language: 'en' }, csrf);
    assert.equal(res.status, 403, `csrf=${csrf}`);
    assert.match(await res.text(), /ne vient pas de ce site/);
  }
  // The anonymous double-submit cookie is not a session's token either.
  const anon = new Browserless(server.url);
  await anon.get('/login');
  const res = await profilePost(b, { display_name: 'Hijacked', language: 'en' }, anon.cookies.get('csrf'));
  assert.equal(res.status, 403);
  const after = await (await b.get('/api/v1/me')).json();
  assert.equal(after.display_name, before.display_name);
  assert.equal(after.language, before.language);
  // And the right token works (so the 403s above were about the token).
  const page = await (await b.get('/account')).text();
  const good = page.match(/name="_csrf" value="([^"]+)"/)[1];
  assert.equal((await profilePost(b, { display_name: 'Csrf Checked', language: 'fr' }, good)).status, 303);
  assert.equal((await (await b.get('/api/v1/me')).json()).display_name, 'Csrf Checked');
});

test('POST /logout without or with a wrong CSRF token is a 403 and the session lives on', async () => {
  const b = new Browserless(server.url);
  await b.login('csrf@example.org');
  const sid = b.cookies.get('sid');
  for (const csrf of [undefined, 'wrong-token-wrong-token']) {
    const body = csrf === undefined ? '' : new URLSearchParams({ _csrf: csrf }).toString();
    const res = await b.request('POST', '/logout', {
      body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.getSetCookie().filter((c) => c.startsWith('sid=')).length, 0);
  }
  assert.equal(b.cookies.get('sid'), sid);
  const account = await b.get('/account');
  assert.equal(account.status, 200);
});

// --- SQL, HTML and Unicode in text fields --------------------------------------------------------

test('SQL and HTML in an invitation are stored as text and shown escaped', async () => {
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  const email = "robert');DROP/**/TABLE/**/accounts;--@example.org";
  const res = await advisor.submit('/people', '/people/invite', { email, display_name: EVIL, role: 'member' });
  assert.equal(res.status, 201);
  const html = await (await advisor.get('/people')).text();
  assert.ok(html.includes(`<td>${EVIL_ESCAPED}</td>`), 'the display name is listed, escaped');
  assert.ok(html.includes('<td>robert&apos;);DROP/**/TABLE/**/accounts;--@example.org</td>'));
  assert.ok(!html.includes('<script>alert(1)</script>'), 'no live script tag');

  // SQL in the role is just an unknown role.
  const bad = await advisor.submit('/people', '/people/invite', {
    email: 'sqlrole@example.org', display_name: 'Role Test', role: "member'; DROP TABLE accounts; --",
  });
  assert.equal(bad.status, 422);
  assert.doesNotMatch(await (await advisor.get('/people')).text(), /sqlrole@example\.org<\/td>/);

  // Nothing broke: accounts are there, logins work.
  const member = new Browserless(server.url);
  await member.login('member@example.org');
  assert.equal((await member.get('/account')).status, 200);
  const again = new Browserless(server.url);
  await again.login('advisor@example.org');
  assert.equal((await again.get('/people')).status, 200);
});

test('HTML in the login form is echoed escaped', async () => {
  const b = new Browserless(server.url);
  const res = await b.submit('/login', '/login', { email: '"><script>alert(1)</script>', password: 'nope', next: '"><img src=x onerror=alert(1)>' });
  assert.equal(res.status, 401);
  const html = await res.text();
  assert.ok(!html.includes('<script>alert(1)</script>'));
  assert.ok(!html.includes('<img src=x'));
  assert.ok(html.includes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
});

test('SQL and HTML as one\'s own display name come back verbatim from /api/v1/me and escaped in pages', async () => {
  const b = new Browserless(server.url);
  await b.login('evil@example.org');
  const res = await b.submit('/account', '/account/profile', { display_name: EVIL, language: 'fr' });
  assert.equal(res.status, 303);
  const me = await (await b.get('/api/v1/me')).json();
  assert.equal(me.display_name, EVIL);
  const page = await (await b.get('/account')).text();
  assert.ok(page.includes(`<span class="who">${EVIL_ESCAPED}</span>`));
  assert.ok(!page.includes('<script>alert(1)</script>'));
  // Through a bearer token as well, and the login still works afterwards.
  const token = await tokenFor(server, 'evil@example.org');
  const viaToken = await (await fetch(server.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).json();
  assert.equal(viaToken.display_name, EVIL);
});

test('SQL and HTML in an API token name are stored as text', async () => {
  const res = await postJson('/api/v1/tokens', { email: 'evil@example.org', password: PASSWORD, name: EVIL });
  assert.equal(res.status, 201);
  const { token, id } = await res.json();
  const list = await (await fetch(server.url + '/api/v1/tokens', { headers: { authorization: `Bearer ${token}` } })).json();
  assert.equal(list.items.find((t) => t.id === id)?.name, EVIL);
  const b = new Browserless(server.url);
  await b.login('evil@example.org');
  const page = await (await b.get('/account')).text();
  assert.ok(page.includes(`<td>${EVIL_ESCAPED}</td>`));
});

test('Unicode names round-trip unchanged', async () => {
  const b = new Browserless(server.url);
  await b.login('unicode@example.org');
  const res = await b.submit('/account', '/account/profile', { display_name: UNICODE, language: 'fr' });
  assert.equal(res.status, 303);
  const me = await (await b.get('/api/v1/me')).json();
  assert.equal(me.display_name, UNICODE);
  const exported = await (await b.get('/account/export')).json();
  assert.equal(exported.account.display_name, UNICODE);
  assert.ok((await (await b.get('/account')).text()).includes(`<span class="who">${UNICODE}</span>`));

  // In an invitation too, and the people page lists it as is.
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  const invited = await advisor.submit('/people', '/people/invite', {
    email: 'élodie@example.org', display_name: UNICODE + ' 2', role: 'member',
  });
  assert.equal(invited.status, 201);
  const people = await (await advisor.get('/people')).text();
  assert.ok(people.includes(`<td>${UNICODE} 2</td>`));
  assert.ok(people.includes('<td>élodie@example.org</td>'));

  // And as an API token name.
  const t = await postJson('/api/v1/tokens', { email: 'unicode@example.org', password: PASSWORD, name: UNICODE });
  const { token, id } = await t.json();
  const list = await (await fetch(server.url + '/api/v1/tokens', { headers: { authorization: `Bearer ${token}` } })).json();
  assert.equal(list.items.find((x) => x.id === id)?.name, UNICODE);
});
