// Nothing acknowledged is lost: a server under mixed writes (bookings, site closures, desk
// rentals, village committee members) and an import running beside it are killed with SIGKILL;
// after a restart every write answered 2xx is there, the import is all or nothing, and SQLite's
// file passes its integrity check. The figures are printed for the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BIN, demoDatabase, launch, runSql, ENGINE } from '../../lib/harness.mjs';
import { at, daysBetween, siteCalendar, today } from '../../lib/calendar.mjs';
import { HAVE_DATA } from '../../lib/villages.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('SIGKILL under mixed writes and an import: every 2xx write survives, the import is all or nothing', async () => {
  const { db, accounts } = demoDatabase({ freeAhead: true });
  const args = ['--quota-week-hours', '100000', '--quota-month-hours', '100000'];
  let server = await launch(db, { threads: 4, extraArgs: args, keepDb: true });
  try {
    const token = (await (await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.admin),
    })).json()).token;
    const member = (await (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${(await (await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(accounts.member),
    })).json()).token}` } })).json()).id;
    const send = (method, path, body) => fetch(server.url + path, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: await r.json().catch(() => undefined) }), () => ({ status: 0 }));
    const sites = (await (await fetch(`${server.url}/api/v1/sites`)).json()).items;
    const telecentres = sites.filter((s) => s.kind === 'telecentre');
    const rooms = telecentres.flatMap((s) => s.resources.filter((r) => r.kind !== 'desk'));
    const desks = sites.filter((s) => s.kind === 'coworking').flatMap((s) => s.resources.filter((r) => r.kind === 'desk'));
    const cal = await siteCalendar(server.url, sites.map((s) => s.id));

    const acked = { bookings: [], closures: [], rentals: [], committee: [] };
    let stop = false;
    const bookings = async (lane) => {
      let day = cal.workingDay(7 + lane);
      for (let n = 0; !stop; n++) {
        const room = rooms[(n + lane * 7) % rooms.length];
        if (n > 0 && n % rooms.length === 0) day = cal.workingDay(daysBetween(today(), day) + 1);
        const slot = Math.floor(n / rooms.length) % 6;
        const from = `${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
        const to = `${String(9 + Math.floor((slot + 1) / 2)).padStart(2, '0')}:${(slot + 1) % 2 ? '30' : '00'}`;
        const r = await send('POST', '/api/v1/bookings', { resource_id: room.id, start: at(day, from), end: at(day, to) });
        if (r.status === 201) acked.bookings.push(r.json.id);
      }
    };
    const closures = async () => {
      for (let n = 0; !stop; n++) {
        const site = telecentres[n % telecentres.length];
        const r = await send('POST', `/api/v1/sites/${site.id}/closures`, { first_day: cal.workingDay(100 + (n % 200)), reason: `Arrêt ${n}` });
        if (r.status === 201) acked.closures.push({ site: site.id, id: r.json.id });
      }
    };
    const rentals = async () => {
      for (const [n, desk] of desks.entries()) {
        if (stop) break;
        const r = await send('POST', '/api/v1/rentals', { account_id: member, resource_id: desk.id, start_date: cal.workingDay(200 + n), monthly_price_cents: 12000 });
        if (r.status === 201) acked.rentals.push(r.json.id);
      }
    };
    const committee = async () => {
      if (!HAVE_DATA) return;
      for (let n = 0; !stop; n++) {
        const r = await send('POST', '/api/v1/villages/32147/committee', { name: `Bénévole ${n}`, role: 'bénévole' });
        if (r.status === 201) acked.committee.push(r.json.id);
      }
    };
    // An import of 3,000 exchanges, beside the server, killed with it.
    const file = join(tmpdir(), `crash-exchanges-${process.pid}.csv`);
    writeFileSync(file, 'code,name,lon,lat\n' + Array.from({ length: 3000 }, (_, i) =>
      `CRASH${String(i).padStart(5, '0')},Central ${i},${(0.1 + (i % 100) / 100).toFixed(4)},${(43.3 + Math.floor(i / 100) / 100).toFixed(4)}`).join('\n') + '\n');
    const load = Promise.all([bookings(0), bookings(1), bookings(2), closures(), rentals(), committee()]);
    await sleep(1500);
    const importer = spawn(BIN, ['import', 'exchanges', file, '--programme', 'gers', '--db', db.url],
      { env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' }, stdio: 'ignore' });
    await sleep(1500);
    importer.kill('SIGKILL');
    await server.stop('SIGKILL');
    stop = true;
    await load;

    server = await launch(db, { threads: 4, extraArgs: args, keepDb: true });
    const get = (path) => fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
    const lost = [];
    for (const id of acked.bookings) if ((await get(`/api/v1/bookings/${id}`)).status !== 200) lost.push(`booking ${id}`);
    for (const id of acked.rentals) if ((await get(`/api/v1/rentals/${id}`)).status !== 200) lost.push(`rental ${id}`);
    const stored = new Set();
    for (const site of telecentres) {
      for (const c of (await (await get(`/api/v1/sites/${site.id}/closures`)).json()).items) stored.add(c.id);
    }
    for (const { id } of acked.closures) if (!stored.has(id)) lost.push(`closure ${id}`);
    if (HAVE_DATA) {
      const village = await (await get('/api/v1/villages/32147')).json();
      const members = new Set(village.committee.map((m) => m.id));
      for (const id of acked.committee) if (!members.has(id)) lost.push(`committee member ${id}`);
    }
    const imported = Number(runSql(db.url, "SELECT COUNT(*) FROM exchanges WHERE code LIKE 'CRASH%'").out);
    const total = acked.bookings.length + acked.closures.length + acked.rentals.length + acked.committee.length;
    console.log(`crash (${ENGINE}): ${total} writes acknowledged (${acked.bookings.length} bookings, ${acked.closures.length} closures, `
      + `${acked.rentals.length} rentals, ${acked.committee.length} committee members), ${lost.length} lost; import: ${imported} of 3000 rows`);
    assert.deepEqual(lost, []);
    assert.ok(total > 20, `only ${total} writes before the kill`);
    assert.ok(imported === 0 || imported === 3000, `${imported} rows of an import killed half-way`);
    if (ENGINE === 'sqlite') assert.equal(runSql(db.url, 'PRAGMA integrity_check').out, 'ok');
  } finally {
    await server.stop();
    db.cleanup();
  }
});
