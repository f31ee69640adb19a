// `sohosolo backup` while a server writes, and `sohosolo restore` into a new database: every
// booking acknowledged before the backup began is in the copy, the copy passes SQLite's integrity
// check, and a server started on the restored database serves it. Bad uses are refused clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { BIN, cli, demoDatabase, freshDatabase, launch, runSql, ENGINE } from '../../lib/harness.mjs';
import { at, daysBetween, siteCalendar, today } from '../../lib/calendar.mjs';

/** Runs a sohosolo command without blocking the event loop (the server's clients go on meanwhile). */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (status) => resolve({ status, out }));
  });
}

test('a backup taken under write load restores into a new database with every booking acknowledged before it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sohosolo-backup-'));
  const { db, accounts } = demoDatabase({ freeAhead: true });
  const target = freshDatabase();
  const server = await launch(db, { threads: 4, extraArgs: ['--quota-week-hours', '100000', '--quota-month-hours', '100000'] });
  let restored;
  try {
    const token = (await (await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.admin),
    })).json()).token;
    const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items.filter((s) => s.kind === 'telecentre');
    const rooms = sites.flatMap((s) => s.resources.filter((r) => r.kind !== 'desk'));
    const cal = await siteCalendar(server.url, sites.map((s) => s.id));
    const acked = []; // [booking id, acknowledged at (ms)]
    let stop = false;
    const writer = async (lane) => {
      let day = cal.workingDay(7 + lane * 3);
      for (let n = 0; !stop; n++) {
        if (n > 0 && n % (rooms.length * 6) === 0) day = cal.workingDay(daysBetween(today(), day) + 1);
        const room = rooms[n % rooms.length];
        const k = Math.floor(n / rooms.length) % 6;
        const from = `${String(9 + Math.floor(k / 2)).padStart(2, '0')}:${k % 2 ? '30' : '00'}`;
        const to = `${String(9 + Math.floor((k + 1) / 2)).padStart(2, '0')}:${(k + 1) % 2 ? '30' : '00'}`;
        const res = await fetch(`${server.url}/api/v1/bookings`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ resource_id: room.id, start: at(day, from), end: at(day, to) }),
        });
        const body = await res.json();
        if (res.status === 201) acked.push([body.id, Date.now()]);
      }
    };
    const load = Promise.all([writer(0), writer(1)]);
    await new Promise((r) => setTimeout(r, 1000));
    const file = join(dir, ENGINE === 'postgresql' ? 'sohosolo.dump' : 'sohosolo.db');
    const began = Date.now();
    const backup = await run(['backup', '--db', db.url, file]);
    stop = true;
    await load;
    assert.equal(backup.status, 0, backup.out);
    if (ENGINE === 'sqlite') assert.match(backup.out, /integrity ok/);
    const before = acked.filter(([, at]) => at < began).map(([id]) => id);
    assert.ok(before.length > 5, `${before.length} bookings before the backup`);

    // A backup never overwrites a file; a restore refuses what is not a backup.
    const again = await run(['backup', '--db', db.url, file]);
    assert.equal(again.status, 2);
    assert.match(again.out, /exists already/);
    const junk = join(dir, 'junk');
    writeFileSync(junk, 'not a database');
    assert.notEqual((await run(['restore', '--db', target.url, junk])).status, 0);

    const restore = await run(['restore', '--db', target.url, file]);
    assert.equal(restore.status, 0, restore.out);
    const ids = runSql(target.url, 'SELECT id FROM bookings').out.split('\n').map(Number);
    const have = new Set(ids);
    const missing = before.filter((id) => !have.has(id));
    console.log(`backup (${ENGINE}): ${acked.length} bookings acknowledged, ${before.length} before the backup began, `
      + `${ids.length} rows in the copy, ${missing.length} missing`);
    assert.deepEqual(missing, []);
    if (ENGINE === 'sqlite') assert.equal(runSql(target.url, 'PRAGMA integrity_check').out, 'ok');
    restored = await launch(target, { threads: 2, keepDb: true });
    const one = await fetch(`${restored.url}/api/v1/bookings/${before[0]}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(one.status, 200, 'the restored database serves, tokens included');
  } finally {
    await server.close();
    await restored?.stop();
    target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
