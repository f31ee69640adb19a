// The server as a process: security headers and request ids on every response, metrics, static
// files with ETags, keep-alive, graceful shutdown, durability across a crash, refusals to start
// (old schema, missing folder, unreachable PostgreSQL, bad arguments), and, with PostgreSQL,
// surviving a database restart without being restarted itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startServer, launch, freshDatabase, Browserless, tokenFor, cli, BIN, ENGINE, METRICS_TOKEN, PASSWORD } from '../../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.close(); });

/** Like the harness's cli(), with a time limit: a `serve` that should refuse to start must not hang the file. */
function cliTimed(args, timeout = 20000) {
  const r = spawnSync(BIN, args, {
    encoding: 'utf8', timeout, env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' },
  });
  if (r.error) throw new Error(`sohosolo ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One value read straight from the database, to check what is stored. */
function dbScalar(db, sql) {
  if (ENGINE === 'postgresql') return execFileSync('psql', [db.url, '-X', '-A', '-t', '-c', sql], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [db.url.slice('sqlite:'.length), sql], { encoding: 'utf8' }).trim();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- Headers -----------------------------------------------------------------------------------

function checkSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy`);
  const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name.toLowerCase(), values];
  }));
  const scripts = directives.get('script-src') ?? directives.get('default-src');
  assert.ok(scripts, `${what}: a script-src or default-src`);
  assert.ok(!scripts.includes("'unsafe-inline'"), `${what}: no 'unsafe-inline' for scripts`);
  assert.ok(!scripts.includes("'unsafe-eval'"), `${what}: no 'unsafe-eval' for scripts`);
  assert.ok(!scripts.includes('*'), `${what}: no wildcard script source`);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors 'none'`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.match(res.headers.get('referrer-policy') ?? '',
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, `${what}: Referrer-Policy`);
  const id = res.headers.get('x-request-id');
  assert.match(id ?? '', /^[A-Za-z0-9_-]{8,}$/, `${what}: X-Request-Id`);
  return id;
}

test('every response carries the security headers and its own X-Request-Id', async () => {
  const token = await tokenFor(server, 'member@example.org');
  const css = await fetch(server.url + '/static/app.css');
  const etag = css.headers.get('etag');
  const cases = [
    ['home', server.url + '/'],
    ['healthz', server.url + '/healthz'],
    ['readyz', server.url + '/readyz'],
    ['login page', server.url + '/login'],
    ['404 page', server.url + '/nothing/here'],
    ['404 problem', server.url + '/api/v1/nothing'],
    ['401 problem', server.url + '/api/v1/me'],
    ['API 200', server.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } }],
    ['redirect', server.url + '/account', { redirect: 'manual' }],
    ['405', server.url + '/login', { method: 'PUT' }],
    ['400', server.url + '/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }],
    ['HEAD', server.url + '/', { method: 'HEAD' }],
    ['static', server.url + '/static/app.css'],
    ['304', server.url + '/static/app.css', { headers: { 'if-none-match': etag } }],
    ['metrics', server.url + '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }],
    ['431', server.url + '/healthz', { headers: { 'x-padding': 'p'.repeat(32 * 1024) } }],
  ];
  const ids = new Set([checkSecurityHeaders(css, 'first static')]);
  await css.arrayBuffer();
  for (const [what, url, init] of cases) {
    const res = await fetch(url, init);
    ids.add(checkSecurityHeaders(res, what));
    await res.arrayBuffer();
  }
  assert.equal(ids.size, cases.length + 1, 'request ids are unique');
});

test('HTML pages are not cached and are marked with their language', async () => {
  const res = await fetch(server.url + '/login');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('content-language'), 'fr');
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8$/);
  await res.text();
});

// --- Metrics -----------------------------------------------------------------------------------

function sample(text, name, labels) {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

test('/metrics is Prometheus text with request counters, latency histograms and pool gauges', async () => {
  const before = await server.metrics();
  const healthzBefore = sample(before, 'sohosolo_http_requests_total', { route: '/healthz', method: 'GET', status: '200' }) ?? 0;
  for (let i = 0; i < 3; i++) await (await fetch(server.url + '/healthz')).text();
  await (await fetch(server.url + '/nowhere')).text();

  const res = await fetch(server.url + '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  // Every line is a comment or a well-formed sample.
  for (const line of text.split('\n').filter(Boolean)) {
    assert.match(line, /^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})? ([-+]?[0-9.eE+-]+|NaN|\+Inf))$/, line);
  }
  assert.match(text, /^# TYPE sohosolo_http_requests_total counter$/m);
  assert.match(text, /^# TYPE sohosolo_http_request_duration_seconds histogram$/m);
  assert.match(text, /^# TYPE sohosolo_db_pool_connections gauge$/m);
  const healthz = sample(text, 'sohosolo_http_requests_total', { route: '/healthz', method: 'GET', status: '200' });
  assert.ok(healthz >= healthzBefore + 3, `healthz count ${healthzBefore} -> ${healthz}`);
  assert.ok(sample(text, 'sohosolo_http_requests_total', { route: 'unmatched', method: 'GET', status: '404' }) >= 1);

  // The histogram of /healthz: cumulative buckets ending in +Inf = _count.
  const buckets = [...text.matchAll(/^sohosolo_http_request_duration_seconds_bucket\{route="\/healthz",le="([^"]+)"\} (\d+)$/gm)]
    .map((m) => [m[1], Number(m[2])]);
  assert.ok(buckets.length >= 2);
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], 'buckets are cumulative');
  assert.equal(buckets.at(-1)[0], '+Inf');
  assert.equal(buckets.at(-1)[1], sample(text, 'sohosolo_http_request_duration_seconds_count', { route: '/healthz' }));
  assert.ok(sample(text, 'sohosolo_http_request_duration_seconds_sum', { route: '/healthz' }) >= 0);

  const total = sample(text, 'sohosolo_db_pool_connections', { state: 'total' });
  const inUse = sample(text, 'sohosolo_db_pool_connections', { state: 'in_use' });
  assert.ok(total >= 1, `pool total ${total}`);
  assert.ok(inUse >= 0 && inUse <= total, `pool in use ${inUse}`);

  // Commits, and on SQLite the WAL syncs of its group commit: never more syncs than commits.
  assert.match(text, /^# TYPE sohosolo_db_commits_total counter$/m);
  const commits = sample(text, 'sohosolo_db_commits_total', {});
  assert.ok(commits >= 0, `commits ${commits}`);
  const syncs = sample(text, 'sohosolo_db_wal_syncs_total', {});
  if (ENGINE === 'postgresql') assert.equal(syncs, undefined);
  else assert.ok(syncs >= 0 && syncs <= commits, `${syncs} syncs for ${commits} commits`);
});

// --- Static files ------------------------------------------------------------------------------

test('/static/app.css has an ETag and If-None-Match gives a 304', async () => {
  const res = await fetch(server.url + '/static/app.css');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/css/);
  const etag = res.headers.get('etag');
  assert.match(etag ?? '', /^(W\/)?"[^"]+"$/);
  const body = await res.text();
  assert.ok(body.length > 0);

  const again = await fetch(server.url + '/static/app.css', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(await again.text(), '');
  // A stale ETag gets the file again, the same one.
  const stale = await fetch(server.url + '/static/app.css', { headers: { 'if-none-match': '"stale"' } });
  assert.equal(stale.status, 200);
  assert.equal(await stale.text(), body);
});

function rawGet(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}

test('static files cannot be used to read outside the static folder', async () => {
  for (const path of ['/static/../../CMakeLists.txt', '/static/..%2f..%2fCMakeLists.txt', '/static/%2e%2e/%2e%2e/CMakeLists.txt',
    '/static//etc/passwd', '/static/nope.css']) {
    const res = await rawGet(path);
    assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
    assert.doesNotMatch(res.body, /cmake_minimum_required|root:x:0:0/, path);
  }
});

// --- Connections -------------------------------------------------------------------------------

test('keep-alive: two requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = [];
  const one = (path) => new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, agent }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body, reused: req.reusedSocket, connection: res.headers.connection }));
    });
    req.on('socket', (s) => sockets.push(s));
    req.on('error', reject);
  });
  try {
    const a = await one('/healthz');
    const b = await one('/readyz');
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(b.body, 'ready\n');
    assert.notEqual(a.connection, 'close');
    assert.equal(a.reused, false);
    assert.equal(b.reused, true, 'the second request reused the connection');
    assert.equal(sockets[0], sockets[1]);
  } finally {
    agent.destroy();
  }
});

test('the wire: HTTP/1.0 keep-alive, HEAD with the length and no body, Connection: close, pipelined on one socket', async () => {
  const socket = net.connect(server.port, '127.0.0.1');
  let raw = Buffer.alloc(0);
  socket.on('data', (d) => { raw = Buffer.concat([raw, d]); });
  const closed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write('GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'
    + 'HEAD /login HTTP/1.1\r\nHost: x\r\n\r\n'
    + 'GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  await Promise.race([closed, sleep(10000)]);
  socket.destroy();
  const text = raw.toString('latin1');
  const answers = [];
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\r\n\r\n', at);
    assert.ok(end > at, `a whole head at ${at}: ${JSON.stringify(text.slice(at, at + 80))}`);
    const head = text.slice(at, end);
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);
    const bodyLength = answers.length === 1 ? 0 : length; // the second answer is HEAD's: no body
    answers.push({ head, length, body: text.slice(end + 4, end + 4 + bodyLength) });
    at = end + 4 + bodyLength;
  }
  assert.equal(answers.length, 3, text);
  const [ten, head, last] = answers;
  assert.match(ten.head, /^HTTP\/1\.0 200 OK\r\n/);
  assert.match(ten.head, /\r\nConnection: keep-alive(\r\n|$)/i, 'HTTP/1.0 is told the connection stays');
  assert.equal(ten.body, 'ok\n');
  assert.equal(ten.length, 3);
  assert.match(head.head, /^HTTP\/1\.1 200 OK\r\n/);
  assert.ok(head.length > 1000, 'HEAD says how long the page is');
  assert.doesNotMatch(head.head, /\r\nConnection:/i);
  assert.match(last.head, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(last.head, /\r\nConnection: close(\r\n|$)/i);
  assert.equal(last.body, 'ready\n');
  for (const a of answers) {
    assert.equal(a.head.match(/\r\ncontent-length:/gi).length, 1, 'one Content-Length');
    assert.match(a.head, /\r\nX-Request-Id: [\w-]+/);
  }
});

test('concurrent logins and API calls never fail, and a revoked token is refused on every connection', async () => {
  // Logins hold a database connection during their password hashing, so a burst spreads the
  // requests over several pooled connections: each must see the others' writes.
  const created = await (await fetch(server.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'member@example.org', password: PASSWORD, name: 'burst' }),
  })).json();
  const other = await tokenFor(server, 'member@example.org');
  const me = async (token) => {
    const r = await fetch(server.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    return r.status;
  };
  const login = async () => {
    const b = new Browserless(server.url);
    const page = await (await b.get('/login')).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
    const r = await b.request('POST', '/login', {
      body: new URLSearchParams({ _csrf: csrf, email: 'advisor@example.org', password: PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await r.arrayBuffer();
    return r.status;
  };
  const burst = (apiStatus) => Promise.all([...Array(16)].map(async (_, i) => (i % 4 === 0 ? [303, await login()] : [apiStatus, await me(created.token)])));

  for (const [want, got] of await burst(200)) assert.equal(got, want, 'before the revocation');
  const del = await fetch(server.url + `/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${other}` } });
  assert.equal(del.status, 204);
  for (const [want, got] of await burst(401)) assert.equal(got, want, 'after the revocation');
  const metrics = await server.metrics();
  assert.doesNotMatch(metrics, /status="500"/, 'no request failed with 500');
});

test('SIGTERM: the server exits with 0 at once, without waiting for an idle keep-alive connection', async () => {
  const own = await launch(server.db, { keepDb: true });
  const socket = net.connect(own.port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => { received += d; });
  socket.on('error', () => {});
  const socketClosed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  for (let i = 0; i < 50 && !received.includes('\r\n\r\nok\n'); i++) await sleep(20);
  assert.match(received, /^HTTP\/1\.1 200/);
  assert.doesNotMatch(received, /connection: close/i, 'the connection is kept alive');

  const t0 = Date.now();
  const exit = await Promise.race([own.stop('SIGTERM'), sleep(10000).then(() => null)]);
  const elapsed = Date.now() - t0;
  if (!exit) own.child.kill('SIGKILL');
  assert.ok(exit, 'the server exited within 10 s');
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(elapsed < 3000, `exited after ${elapsed} ms (the read timeout is 15 s)`);
  await Promise.race([socketClosed, sleep(2000)]);
  assert.ok(socket.destroyed || socket.readableEnded, 'the idle connection was closed by the server');
  socket.destroy();
});

test('access log: one line per answered request, each written before the line that says the server stopped', async () => {
  // Batches ten seconds apart: only the stop itself can write these lines before "stopped".
  const own = await launch(server.db, { keepDb: true, threads: 4, extraArgs: ['--access-log-interval-ms', '10000'] });
  const ids = await Promise.all([...Array(40)].map(async (_, i) => {
    const res = await fetch(`${own.url}/${i % 2 ? 'healthz' : 'login'}`);
    await res.arrayBuffer();
    return res.headers.get('x-request-id');
  }));
  assert.equal(new Set(ids).size, 40);
  assert.deepEqual(await own.stop('SIGTERM'), { code: 0, signal: null });
  const lines = (await own.logged(/ info stopped\n/)).split('\n');
  const stopped = lines.findIndex((l) => l.endsWith(' info stopped'));
  assert.ok(stopped > 0, 'the server says it stopped');
  for (const id of ids) {
    const at = lines.flatMap((l, n) => (l.includes(` info ${id} GET /`) ? [n] : []));
    assert.equal(at.length, 1, `one line for request ${id}`);
    assert.ok(at[0] < stopped, `request ${id} is logged before "stopped"`);
  }
});

test('durability: a token acknowledged with 201 survives a SIGKILL right after', async () => {
  const first = await launch(server.db, { keepDb: true });
  const res = await fetch(first.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'advisor@example.org', password: PASSWORD, name: 'crash test' }),
  });
  assert.equal(res.status, 201);
  const { token } = await res.json();
  const killed = await first.stop('SIGKILL');
  assert.equal(killed.signal, 'SIGKILL');

  const second = await launch(server.db, { keepDb: true });
  try {
    const me = await fetch(second.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).email, 'advisor@example.org');
    const list = await (await fetch(second.url + '/api/v1/tokens', { headers: { authorization: `Bearer ${token}` } })).json();
    assert.ok(list.items.some((t) => t.name === 'crash test'));
  } finally {
    assert.deepEqual(await second.stop(), { code: 0, signal: null });
  }
});

// --- Refusing to start -------------------------------------------------------------------------

test('serve on a database without the schema exits with 4 and says to migrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sohosolo-empty-'));
  try {
    const r = cliTimed(['serve', '--db', 'sqlite:' + join(dir, 'empty.db'), '--listen', '127.0.0.1:0']);
    assert.equal(r.status, 4, r.stderr);
    assert.match(r.stderr, /migrate/);
    assert.doesNotMatch(r.stdout, /listening on/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The same on an empty database of the engine under test.
  const db = freshDatabase();
  try {
    const r = cliTimed(['serve', '--db', db.url, '--listen', '127.0.0.1:0']);
    assert.equal(r.status, 4, r.stderr);
    assert.match(r.stderr, /sohosolo migrate|--migrate/);
    // With --migrate it would start: check that migrate makes it acceptable.
    assert.equal(cliTimed(['migrate', '--db', db.url]).status, 0);
  } finally {
    db.cleanup();
  }
});

test('serve with the SQLite folder missing exits with 3 and names the folder', () => {
  const r = cliTimed(['serve', '--db', 'sqlite:/nonexistent-dir/x.db', '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /\/nonexistent-dir/);
  assert.match(r.stderr, /does not exist/);
  let exists = true;
  try { statSync('/nonexistent-dir'); } catch { exists = false; }
  assert.equal(exists, false, 'the folder was not created');
});

test('serve with PostgreSQL unreachable exits with 3 and a clear message', () => {
  const t0 = Date.now();
  const r = cliTimed(['serve', '--db', 'postgresql://sohosolo@127.0.0.1:1/none', '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /cannot open the database postgresql:\/\/sohosolo@127\.0\.0\.1:1\/none/);
  assert.match(r.stderr, /refused|could not connect/i);
  assert.ok(Date.now() - t0 < 15000);
});

test('an unsupported --db value is a usage error (2)', () => {
  const r = cliTimed(['serve', '--db', 'mysql://x@127.0.0.1/db', '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /sqlite:PATH or postgresql:\/\//);
});

test('--kept-availability-ms and --access-log-interval-ms out of their range are usage errors (2)', () => {
  for (const [option, bads] of [['--kept-availability-ms', ['-1', '600001', 'soon']], ['--access-log-interval-ms', ['-1', '10001', 'soon']]]) {
    for (const bad of bads) {
      const r = cliTimed(['serve', '--db', server.db.url, '--listen', '127.0.0.1:0', option, bad]);
      assert.equal(r.status, 2, `${option} ${bad}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(option), bad);
    }
  }
});

test('user add with a bad role exits with 5 and creates nothing', () => {
  const r = cli(['user', 'add', 'badrole@example.org', '--role', 'superuser', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /role/i);
  assert.equal(dbScalar(server.db, "SELECT COUNT(*) FROM accounts WHERE email_key = 'badrole@example.org'"), '0');
  // Unknown programme: 5 too.
  const p = cli(['user', 'add', 'x@example.org', '--role', 'member', '--programme', 'nope', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(p.status, 5, p.stderr);
});

test('serve --help prints the options and exits with 0', () => {
  const r = cliTimed(['serve', '--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /--listen/);
  assert.match(r.stdout, /--db/);
  assert.match(r.stdout, /--read-timeout/);
});

// PostgreSQL restarted under a running server: tests/http/pg_restart.test.mjs (own cluster).
