// PostgreSQL restarted under a running sohosolo: requests get 503 during the downtime and
// everything recovers without restarting sohosolo. This file starts a cluster of its own
// (tests/pg/start.sh), so that stopping it does not disturb the other tests running in parallel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, Browserless, tokenFor, ENGINE } from '../../lib/harness.mjs';

let server;
let state;

before(async () => {
  if (ENGINE !== 'postgresql') return;
  state = mkdtempSync(join(tmpdir(), 'sohosolo-pg-restart-'));
  execFileSync('tests/pg/start.sh', [state], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.SOHOSOLO_TEST_PG_URL_FILE = join(state, 'url');
  server = await startServer();
});

after(async () => {
  await server?.close();
  if (state) {
    execFileSync('tests/pg/stop.sh', [state], { stdio: 'ignore' });
    rmSync(state, { recursive: true, force: true });
  }
});

// --- PostgreSQL restarted under a running server -----------------------------------------------

/** The throw-away cluster of tests/pg/start.sh: its pg_ctl, data folder and start options. */
function pgCluster() {
  const state = dirname(process.env.SOHOSOLO_TEST_PG_URL_FILE);
  const bindir = readFileSync(join(state, 'bindir'), 'utf8').trim();
  const base = readFileSync(join(state, 'datadir'), 'utf8').trim();
  const data = join(base, 'data');
  // postmaster.opts holds the exact command line the server was started with (port, socket
  // folder, listen_addresses, ...): /usr/lib/postgresql/N/bin/postgres "-D" "DATA" "-p" "PORT" ...
  // (the program unquoted, then each argument in double quotes).
  const opts = [...readFileSync(join(data, 'postmaster.opts'), 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  const rest = [];
  for (let i = 0; i < opts.length; i++) {
    if (opts[i] === '-D') { i++; continue; }
    rest.push(opts[i]);
  }
  const viaRunuser = statSync(data).uid !== process.getuid?.();  // root drives the cluster as postgres
  const pgCtl = (...args) => {
    const cmd = viaRunuser ? ['runuser', ['-u', 'postgres', '--', join(bindir, 'pg_ctl'), ...args]] : [join(bindir, 'pg_ctl'), args];
    return execFileSync(cmd[0], cmd[1], { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 90000 });
  };
  return {
    stop: () => pgCtl('-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'),
    start: () => pgCtl('-D', data, '-l', join(base, 'postgres.log'), '-w', '-t', '60',
      '-o', rest.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '), 'start'),
    running: () => {
      try { pgCtl('-D', data, 'status'); return true; } catch { return false; }
    },
  };
}

async function until(what, check, ms = 20000) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < ms) {
    last = await check();
    if (last === true) return;
    await sleep(200);
  }
  assert.fail(`${what}: still not the case after ${ms} ms (last: ${JSON.stringify(last)})`);
}

test('PostgreSQL restarted while serving: 503 during the downtime, recovery without a restart',
  { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, async () => {
    const pg = pgCluster();
    const token = await tokenFor(server, 'member@example.org');
    const auth = { authorization: `Bearer ${token}` };
    const browser = new Browserless(server.url);
    await browser.login('advisor@example.org');
    assert.equal((await fetch(server.url + '/readyz')).status, 200);
    assert.equal((await fetch(server.url + '/api/v1/bookings', { headers: auth })).status, 200);

    pg.stop();
    try {
      // Several rounds: the first uses the pooled (now dead) connections, later ones reconnect.
      for (let round = 0; round < 3; round++) {
        const ready = await fetch(server.url + '/readyz');
        assert.equal(ready.status, 503, `readyz, round ${round}`);
        assert.ok(Number(ready.headers.get('retry-after')) > 0);
        await ready.text();
        // The bookings list reads the database on every request (/api/v1/me may answer for two
        // seconds from what the process keeps: the identity, the tokens, the feed address).
        const api = await fetch(server.url + '/api/v1/bookings', { headers: auth });
        assert.equal(api.status, 503, `API, round ${round}`);
        assert.ok(Number(api.headers.get('retry-after')) > 0);
        const doc = await api.json();
        assert.equal(doc.type, '/problems/unavailable');
        assert.equal(doc.status, 503);
        const page = await browser.get('/people');
        assert.equal(page.status, 503, `page, round ${round}`);
        assert.match(await page.text(), /momentanément indisponible/);
        // What needs no database still works.
        assert.equal((await fetch(server.url + '/healthz')).status, 200);
        assert.equal((await fetch(server.url + '/static/app.css')).status, 200);
      }
    } finally {
      if (!pg.running()) pg.start();
    }

    await until('readyz answers 200 again', async () => (await fetch(server.url + '/readyz')).status === 200 || 'not yet');
    await until('the API answers 200 again', async () => {
      const r = await fetch(server.url + '/api/v1/bookings', { headers: auth });
      return r.status === 200 || r.status;
    });
    assert.equal((await browser.get('/people')).status, 200, 'the session survived the database restart');
    const fresh = new Browserless(server.url);
    await fresh.login('member@example.org');
    const metrics = await server.metrics();
    assert.doesNotMatch(metrics, /status="500"/, 'no request failed with 500');
  });
