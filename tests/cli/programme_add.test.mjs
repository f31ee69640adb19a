// `sohosolo programme add`: a host already serving a programme stays with it, a host that the
// Host header cannot carry is refused, and two creations of one slug at once give one programme
// and a clear refusal, on either engine. Nothing is stored by a refused command.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIN, ENGINE, cli, freshDatabase, runSql } from '../lib/harness.mjs';

const databases = [];
after(() => { for (const db of databases) db.cleanup(); });

function database() {
  const db = freshDatabase();
  databases.push(db);
  assert.equal(cli(['migrate', '--db', db.url]).status, 0);
  return db;
}

const hostsOf = (db) => runSql(db.url, `SELECT h.host || '=' || p.slug FROM programme_hosts h
  JOIN programmes p ON p.id = h.programme_id ORDER BY h.host`).out.split('\n').filter(Boolean);
const slugs = (db) => runSql(db.url, 'SELECT slug FROM programmes ORDER BY slug').out.split('\n').filter(Boolean);

test('a host that serves a programme is not taken by the next one, and that one is not created', () => {
  const db = database();
  assert.equal(cli(['programme', 'add', 'gers', '--name', 'Gers', '--host', 'soho.example.org', '--db', db.url]).status, 0);
  const r = cli(['programme', 'add', 'lot', '--name', 'Lot', '--host', 'lot.example.org', '--host', 'SOHO.example.org', '--db', db.url]);
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /This host already serves another programme/);
  assert.deepEqual(hostsOf(db), ['soho.example.org=gers']);
  assert.deepEqual(slugs(db), ['gers']);
});

const addGers = (db) => new Promise((resolve) => {
  const child = spawn(BIN, ['programme', 'add', 'gers', '--name', 'Gers', '--db', db.url], {
    env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('exit', (status) => resolve({ status, stderr }));
});

test('hosts are stored in lower case, once each; a host the Host header cannot carry is refused', () => {
  const db = database();
  const ok = cli(['programme', 'add', 'lot', '--name', 'Lot', '--host', 'Lot.Example.org', '--host', 'lot.example.org', '--host', '192.0.2.7', '--host', 'soho_solo.internal', '--db', db.url]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(hostsOf(db), ['192.0.2.7=lot', 'lot.example.org=lot', 'soho_solo.internal=lot']);
  for (const bad of ['tarn.example.org:8080', '[::1]', 'a..b', 'tarn.example.org.', 'tarn-.example.org', `${'x'.repeat(64)}.org`, '<b>tarn</b>', 'tarn example', '.tarn', 'tarn\r\nx', '', 'a'.repeat(254)]) {
    const r = cli(['programme', 'add', 'tarn', '--name', 'Tarn', '--host', bad, '--db', db.url]);
    assert.equal(r.status, 5, `${JSON.stringify(bad)}: ${r.stderr}`);
    assert.match(r.stderr, /host: Host: a name such as/, JSON.stringify(bad));
  }
  assert.deepEqual(slugs(db), ['lot']);
});

test('eight creations of one slug at once: one programme, seven clear refusals', async () => {
  const db = database();
  const results = await Promise.all([...Array(8)].map(() => addGers(db)));
  assert.equal(results.filter((r) => r.status === 0).length, 1, JSON.stringify(results));
  for (const r of results.filter((x) => x.status !== 0)) {
    assert.equal(r.status, 5, r.stderr);
    assert.match(r.stderr, /This programme already exists/);
  }
  assert.deepEqual(slugs(db), ['gers']);
});

test('PostgreSQL: a creation that finds no programme, then meets one committed meanwhile, says it exists', { skip: ENGINE !== 'postgresql' }, async () => {
  const db = database();
  // Another session inserts the slug and holds its transaction open: the command reads no
  // programme (READ COMMITTED), then its insert waits on that row.
  const holder = spawn('psql', [db.url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'ignore', 'inherit'] });
  holder.stdin.write("BEGIN; INSERT INTO programmes (slug, name, description, created_at) VALUES ('gers', 'Gers', '', 0);\n");
  const holding = () => runSql(db.url, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'INSERT INTO programmes%'").out;
  for (let i = 0; i < 3000 && holding() === '0'; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(holding(), '1', 'the other session holds its row');
  const adding = addGers(db);
  const waiting = () => runSql(db.url, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO programmes%'").out;
  for (let i = 0; i < 3000 && waiting() === '0'; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(waiting(), '1', 'the command waits on the other session');
  holder.stdin.end('COMMIT;\n');
  await new Promise((r) => holder.on('exit', r));
  const r = await adding;
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /This programme already exists/);
  assert.deepEqual(slugs(db), ['gers']);
});
