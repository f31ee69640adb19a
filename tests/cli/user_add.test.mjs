// `sohosolo user add` without --programme uses the database's default programme (the first
// created, as serve takes it) and says which; with none, or an unknown one, it says why.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, freshDatabase, PASSWORD, runSql } from '../lib/harness.mjs';

const databases = [];
after(() => { for (const db of databases) db.cleanup(); });

function database(...slugs) {
  const db = freshDatabase();
  databases.push(db);
  assert.equal(cli(['migrate', '--db', db.url]).status, 0);
  for (const slug of slugs) assert.equal(cli(['programme', 'add', slug, '--name', slug, '--db', db.url]).status, 0);
  return db;
}

const roleOf = (db, email) => runSql(db.url, `SELECT p.slug || ':' || r.role FROM account_roles r
  JOIN accounts a ON a.id = r.account_id JOIN programmes p ON p.id = r.programme_id WHERE a.email = '${email}'`).out;

test('the only programme of a database is used, whatever its name', () => {
  const db = database('lot');
  const r = cli(['user', 'add', 'ines@example.org', '--role', 'member', '--db', db.url], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /is member of lot$/m);
  assert.doesNotMatch(r.stderr, /programmes; using/);
  assert.equal(roleOf(db, 'ines@example.org'), 'lot:member');
});

test('with several programmes, the first created is used and the command says so', () => {
  const db = database('tarn', 'lot');
  const r = cli(['user', 'add', 'paul@example.org', '--role', 'advisor', '--db', db.url], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /2 programmes; using 'tarn', the first created \(choose with --programme SLUG\)/);
  assert.equal(roleOf(db, 'paul@example.org'), 'tarn:advisor');
  const chosen = cli(['user', 'add', 'zoe@example.org', '--role', 'member', '--programme', 'lot', '--db', db.url], PASSWORD + '\n');
  assert.equal(chosen.status, 0, chosen.stderr);
  assert.equal(roleOf(db, 'zoe@example.org'), 'lot:member');
});

test('no programme yet, or an unknown one: a clear next step and nothing stored', () => {
  const empty = database();
  const none = cli(['user', 'add', 'ines@example.org', '--role', 'member', '--db', empty.url], PASSWORD + '\n');
  assert.equal(none.status, 5);
  assert.match(none.stderr, /no programme yet; run `sohosolo programme add`/);
  const db = database('gers');
  const unknown = cli(['user', 'add', 'ines@example.org', '--role', 'member', '--programme', 'nulle-part', '--db', db.url], PASSWORD + '\n');
  assert.equal(unknown.status, 5);
  assert.match(unknown.stderr, /no programme 'nulle-part'/);
  assert.equal(runSql(db.url, "SELECT COUNT(*) FROM accounts WHERE email = 'ines@example.org'").out, '0');
});
