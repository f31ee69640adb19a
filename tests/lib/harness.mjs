// Test harness shared by the HTTP and browser tests: starts a real `sohosolo serve` on a free
// loopback port, on a fresh SQLite file or a fresh PostgreSQL database, and stops it afterwards.
//
// Environment (set by tests/CMakeLists.txt):
//   SOHOSOLO_BIN               path to the sohosolo binary
//   SOHOSOLO_TEST_ENGINE       "sqlite" (default) or "postgresql"
//   SOHOSOLO_TEST_PG_URL_FILE  file holding the URL of the throw-away PostgreSQL server
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const BIN = process.env.SOHOSOLO_BIN ?? 'build/debug-asan/sohosolo';
export const ENGINE = process.env.SOHOSOLO_TEST_ENGINE ?? 'sqlite';

/** Runs a sohosolo CLI command synchronously; returns {status, stdout, stderr}. */
export function cli(args, input = '') {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', env: cliEnv() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliEnv() {
  // LeakSanitizer needs ptrace-like rights that some sandboxes refuse; leaks are checked by the
  // unit tests, here we care about behaviour.
  return { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' };
}

/** A fresh, empty database URL for the configured engine, with a cleanup function. */
export function freshDatabase() {
  if (ENGINE === 'postgresql') {
    const base = readFileSync(process.env.SOHOSOLO_TEST_PG_URL_FILE, 'utf8').trim();
    const name = 't_' + randomBytes(6).toString('hex');
    execFileSync('psql', [base, '-q', '-c', `CREATE DATABASE ${name}`]);
    const url = base.replace(/\/[^/]*$/, '/' + name);
    return {
      url,
      cleanup() {
        spawnSync('psql', [base, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sohosolo-test-'));
  return { url: `sqlite:${join(dir, 'test.db')}`, dir, cleanup() { rmSync(dir, { recursive: true, force: true }); } };
}

export const PASSWORD = 'correct horse battery';
/** The bearer token /metrics asks for on the servers the tests start. */
export const METRICS_TOKEN = 'jeton-des-metriques-de-test';

/**
 * A fresh database with the demo programme (`sohosolo demo`: sites, and the Gers territory when
 * ../shared/data is there). Returns the database and the demo accounts by role
 * ({admin: {email, password}, advisor, site_host, member}).
 */
export function demoDatabase({ freeAhead = false } = {}) {
  const db = freshDatabase();
  const credentials = join(db.dir ?? tmpdir(), `demo-${process.pid}-${randomBytes(4).toString('hex')}.txt`);
  must(cli(['demo', '--db', db.url, '--credentials-file', credentials]));
  if (freeAhead) {
    // The demo's bookings follow the calendar (a fortnight around today, on the busy sites'
    // opening days): a test that books must not meet one on some days and not on others. From
    // the day before yesterday on, they are cancelled.
    const since = Math.floor(Date.now() / 1000) - 2 * 86400;
    runSql(db.url, `UPDATE bookings SET status = 'cancelled', cancelled_at = ${since}
      WHERE note = 'Réservation de démonstration' AND status IN ('confirmed', 'pending') AND end_at > ${since}`);
  }
  const accounts = {};
  for (const line of readFileSync(credentials, 'utf8').split('\n')) {
    const [role, email, password] = line.trim().split('\t');
    if (password) accounts[role] = { email, password };
  }
  return { db, accounts };
}

/**
 * Prepares a database with the programme "gers" and one account per role
 * (admin@example.org, advisor@example.org, host@example.org, member@example.org; password
 * PASSWORD), then starts the server. Options: extraArgs (serve flags), programmes (more slugs
 * with --host names), env.
 */
export async function startServer(options = {}) {
  const db = options.db ?? freshDatabase();
  if (!options.db) {
    must(cli(['migrate', '--db', db.url]));
    must(cli(['programme', 'add', 'gers', '--name', 'Soho Solo Gers', '--db', db.url, '--host', 'gers.localhost']));
    for (const role of ['admin', 'advisor', 'member']) {
      must(cli(['user', 'add', `${role}@example.org`, '--role', role, '--programme', 'gers', '--db', db.url], PASSWORD + '\n'));
    }
    must(cli(['user', 'add', 'host@example.org', '--role', 'site_host', '--programme', 'gers', '--db', db.url], PASSWORD + '\n'));
    for (const extra of options.programmes ?? []) {
      must(cli(['programme', 'add', extra.slug, '--name', extra.name, '--db', db.url, ...extra.hosts.flatMap((h) => ['--host', h])]));
    }
  }
  const server = await launch(db, options);
  return server;
}

/** Starts `sohosolo serve` on an existing database; resolves when it prints its URL. */
export function launch(db, options = {}) {
  const args = ['serve', '--db', db.url, '--listen', '127.0.0.1:0', '--threads', String(options.threads ?? 2),
    '--programme', 'gers', '--metrics-token', METRICS_TOKEN, ...(options.extraArgs ?? [])];
  // Anonymous heavy computations are rate-limited per address, and every test comes from the
  // loopback: out of the way unless a test sets its own limit.
  if (!args.includes('--heavy-per-minute')) args.push('--heavy-per-minute', '100000');
  const child = spawn(BIN, args, { env: { ...cliEnv(), ...(options.env ?? {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + log)), 30000);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${log}`)); });
    child.stdout.on('data', (d) => {
      log += d; // the access log and errors go to standard output: keep them for failure messages
      if (started) return; // later log lines must not replace the exit promise handed out below
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s/]+)\//);
      if (!m) return;
      started = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
      resolve({
        url: m[1],
        port: Number(m[1].split(':').pop()),
        db,
        child,
        exited,
        log: () => log,
        /** The log once it matches `pattern`: the access log is written in batches (up to 100 ms
         *  late), so a line about a request may come after its answer. Waits up to 30 s. */
        async logged(pattern) {
          for (let i = 0; i < 3000 && !pattern.test(log); i++) await new Promise((r) => setTimeout(r, 10));
          return log;
        },
        /** The text of /metrics, with its token. */
        async metrics() {
          const res = await fetch(`${m[1]}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
          if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
          return res.text();
        },
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
        async close() {
          await this.stop();
          if (!options.keepDb) db.cleanup();
        },
      });
    });
  });
}

/** Runs SQL on a database of the configured engine; returns {status, out, err}. */
export function runSql(url, query) {
  const r = url.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-cmd', '.timeout 5000', url.slice('sqlite:'.length), query], { encoding: 'utf8' })
    : spawnSync('psql', [url, '-qtAc', query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`SQL failed (${r.status}): ${r.stderr}\n${query}`);
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

function must(r) {
  if (r.status !== 0) throw new Error(`sohosolo failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r;
}

/** A tiny cookie-keeping client for HTML flows. (fetch cannot set a Host header: tests of
 * programmes by host name use node:http, see tests/http/programmes.test.mjs.) */
export class Browserless {
  constructor(base, headers = {}) {
    this.base = base;
    this.cookies = new Map();
    this.headers = headers; // sent with every request (X-Forwarded-For behind a trusted proxy...)
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(method, path, { body, headers = {} } = {}) {
    const h = { ...this.headers, ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { method, body, headers: h, redirect: 'manual' });
    for (const c of res.headers.getSetCookie?.() ?? []) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/Max-Age=0/.test(c)) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    return res;
  }
  async get(path, opts) { return this.request('GET', path, opts); }
  /** Fetches `formPath`, reads its CSRF token, posts `fields` to `action`. */
  async submit(formPath, action, fields) {
    const page = await (await this.get(formPath)).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    return this.request('POST', action, {
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  async login(email, password = PASSWORD) {
    const res = await this.submit('/login', '/login', { email, password });
    if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
    return res;
  }
}

/** Gets a bearer token through the API. */
export async function tokenFor(server, email, password = PASSWORD) {
  const res = await fetch(server.url + '/api/v1/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 201) throw new Error(`token for ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/**
 * One HTTP request through node:http, which sends the Host header given (Node's fetch silently
 * replaces it with the URL's host). Answers with the parts of a fetch Response the tests use.
 */
export function httpRequest(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode,
          headers: {
            get(name) {
              const v = res.headers[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v);
            },
            getSetCookie: () => res.headers['set-cookie'] ?? [],
          },
          text: async () => text,
          json: async () => JSON.parse(text),
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The harness's cookie-keeping client, sending its Host header for real. */
export class HostClient extends Browserless {
  constructor(base, host) {
    super(base);
    this.host = host;
  }

  async request(method, path, { body, headers = {} } = {}) {
    const h = { ...this.headers, ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (this.host) h.host = this.host;
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    const res = await httpRequest(method, this.base + path, { headers: h, body });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      if (/Max-Age=0/.test(c)) this.cookies.delete(pair.slice(0, i)); else this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
}
