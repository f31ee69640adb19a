// Desk rentals and their monthly invoices, on the demo programme (two coworking spaces with six
// desks each, two demo contracts and their invoices): contract rules and bad input, a desk under
// contract kept from others, gap-free numbers while several command-line runs and HTTP requests
// generate at once, reruns that issue nothing twice, credit notes, payments, members who see only
// their own invoices, and a PDF whose text pdftotext can read (accents included).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { demoDatabase, freshDatabase, launch, cli, BIN, ENGINE, PASSWORD, Browserless } from '../../lib/harness.mjs';
import { addDays, at, monthOf, siteCalendar, today, weekday } from '../../lib/calendar.mjs';

let server;
let accounts;
const tokens = {};
const ids = {};
let auch; // the demo coworking space of Auch: its desks and meeting room
let vic;
let cal; // the days both coworking spaces are open

async function api(method, path, token, body) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text, headers: res.headers };
}

async function tokenOf(email, password) {
  const res = await fetch(server.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 201);
  return (await res.json()).token;
}

const parisToday = () => today();
const monthsBack = (n) => monthOf(today(), -n);

function desk(site, name) { return site.resources.find((r) => r.kind === 'desk' && r.name === name); }

/** Every invoice number of the year must be YEAR-000001 ... YEAR-n: no gap, no duplicate. */
async function assertContiguousNumbers() {
  const all = (await api('GET', '/api/v1/invoices', tokens.advisor)).json.items;
  const year = parisToday().slice(0, 4);
  const numbers = all.map((i) => i.number).filter((n) => n.startsWith(year + '-')).sort();
  const expected = numbers.map((_, i) => `${year}-${String(i + 1).padStart(6, '0')}`);
  assert.deepEqual(numbers, expected, 'numbers must run 1..n with no gap and no duplicate');
  return all;
}

/** Runs one SQL statement on the test database (setup the product has no API for yet). */
function sql(statement) {
  const r = ENGINE === 'postgresql'
    ? spawnSync('psql', [server.db.url, '-tAc', statement], { encoding: 'utf8' })
    : spawnSync('sqlite3', [server.db.url.slice('sqlite:'.length), statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** Runs `sohosolo invoice` in the background; resolves with its exit status and output. */
function invoiceProcess(month) {
  return new Promise((resolve) => {
    const child = spawn(BIN, ['invoice', '--month', month, '--db', server.db.url, '--programme', 'gers'],
      { env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (status) => resolve({ status, out }));
  });
}

before(async () => {
  const demo = demoDatabase();
  accounts = demo.accounts;
  // A second member of the programme, to check who sees and books what.
  const added = cli(['user', 'add', 'autre@example.org', '--role', 'member', '--programme', 'gers', '--name', 'Zoé Autre', '--db', demo.db.url], PASSWORD + '\n');
  assert.equal(added.status, 0, added.stderr);
  server = await launch(demo.db, { threads: 4 });
  for (const [role, { email, password }] of Object.entries(accounts)) tokens[role] = await tokenOf(email, password);
  tokens.other = await tokenOf('autre@example.org', PASSWORD);
  ids.member = (await api('GET', '/api/v1/me', tokens.member)).json.id;
  ids.other = (await api('GET', '/api/v1/me', tokens.other)).json.id;
  const sites = (await (await fetch(server.url + '/api/v1/sites')).json()).items;
  auch = sites.find((s) => s.kind === 'coworking' && s.name.includes('Auch'));
  vic = sites.find((s) => s.kind === 'coworking' && s.name.includes('Vic'));
  cal = await siteCalendar(server.url, [auch.id, vic.id]);
});

after(async () => { await server?.close(); });

test('the demo has two rental contracts and invoices of past months, flagged as demo data', async () => {
  const rentals = (await api('GET', '/api/v1/rentals', tokens.advisor)).json.items;
  assert.equal(rentals.length, 2);
  assert.ok(rentals.every((c) => c.demo_data === true));
  const invoices = await assertContiguousNumbers();
  assert.ok(invoices.length >= 4, `demo invoices: ${invoices.length}`);
  assert.ok(invoices.every((i) => i.demo_data === true && i.month < parisToday().slice(0, 7)));
  assert.ok(invoices.some((i) => i.payment_status === 'paid') && invoices.some((i) => i.payment_status === 'unpaid'));
  const settings = await api('GET', '/api/v1/invoice-settings', tokens.admin);
  assert.equal(settings.status, 200);
  assert.equal(settings.json.demo_data, true);
  assert.match(settings.json.seller_name, /fictive/);
});

test('contracts: staff only; bad input is a problem document naming the fields, and nothing is stored', async () => {
  const before = (await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.length;
  const good = { account_id: ids.member, resource_id: desk(auch, 'Poste 5').id, start_date: parisToday(), monthly_price_cents: 15000 };
  assert.equal((await api('POST', '/api/v1/rentals', tokens.member, good)).status, 403);
  assert.equal((await api('POST', '/api/v1/rentals', tokens.site_host, good)).status, 403);
  const malformed = await api('POST', '/api/v1/rentals', tokens.advisor, '{"account_id": ');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.headers.get('content-type'), 'application/problem+json');
  const empty = await api('POST', '/api/v1/rentals', tokens.advisor, {});
  assert.equal(empty.status, 422);
  for (const f of ['account_id', 'resource_id', 'start_date', 'monthly_price_cents']) {
    assert.ok(empty.json.errors.some((e) => e.field === f), `${f} in ${empty.text}`);
  }
  const room = auch.resources.find((r) => r.kind === 'meeting_room');
  const cases = [
    [{ account_id: 'x' }, 'account_id', 'error.field.integer'],
    [{ account_id: 999999 }, 'account_id', 'error.rental.unknown_account'],
    [{ resource_id: room.id }, 'resource_id', 'error.rental.not_a_desk'],
    [{ resource_id: 999999 }, 'resource_id', 'error.rental.unknown_resource'],
    [{ start_date: '2027-02-30' }, 'start_date', 'error.field.date'],
    [{ end_date: addDays(parisToday(), -1) }, 'end_date', 'error.rental.end_before_start'],
    [{ monthly_price_cents: 0 }, 'monthly_price_cents', 'error.rental.price'],
    [{ monthly_price_cents: 12.5 }, 'monthly_price_cents', 'error.field.integer'],
    [{ vat_rate_bp: 20000 }, 'vat_rate_bp', 'error.rental.vat_rate'],
    [{ notice_unit: 'weeks' }, 'notice_unit', 'error.rental.notice_unit'],
    [{ notice_value: 400, notice_unit: 'days' }, 'notice_value', 'error.rental.notice_value'],
    [{ buyer_address: 'x'.repeat(501) }, 'buyer_address', 'error.field.too_long'],
  ];
  for (const [change, field, code] of cases) {
    const res = await api('POST', '/api/v1/rentals', tokens.advisor, { ...good, ...change });
    assert.equal(res.status, 422, `${code}: ${res.text}`);
    assert.ok(res.json.errors.some((e) => e.field === field && e.code === code), `${code} in ${res.text}`);
  }
  assert.equal((await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.length, before);
});

test('a desk under contract is kept for its holder: others cannot book it, nor can a contract override their bookings', async () => {
  const poste1 = desk(auch, 'Poste 1');
  const day = cal.workingDay(7, 2);
  const booked = await api('POST', '/api/v1/bookings', tokens.other, { resource_id: poste1.id, start: at(day, '09:00'), end: at(day, '10:00') });
  assert.equal(booked.status, 201, booked.text);
  const contract = { account_id: ids.member, resource_id: poste1.id, start_date: parisToday(), monthly_price_cents: 18000, buyer_address: '3 rue des Écoles\n32000 Auch' };
  const refused = await api('POST', '/api/v1/rentals', tokens.advisor, contract);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.code, 'error.rental.bookings_in_the_way');
  assert.deepEqual(refused.json.bookings.map((b) => b.id), [booked.json.id]);
  assert.equal((await api('DELETE', `/api/v1/bookings/${booked.json.id}`, tokens.other)).status, 204);

  const created = await api('POST', '/api/v1/rentals', tokens.advisor, contract);
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.state, 'active');
  assert.equal(created.json.vat_rate_bp, 2000);
  assert.equal(created.json.buyer_name, 'Inès Membre');
  ids.contract = created.json.id;

  const blocked = await api('POST', '/api/v1/bookings', tokens.other, { resource_id: poste1.id, start: at(day, '09:00'), end: at(day, '10:00') });
  assert.equal(blocked.status, 409, blocked.text);
  assert.match(blocked.json.detail, /loué/);
  const own = await api('POST', '/api/v1/bookings', tokens.member, { resource_id: poste1.id, start: at(day, '09:00'), end: at(day, '10:00') });
  assert.equal(own.status, 201, own.text);
  // A desk under no contract stays bookable by anyone.
  const elsewhere = await api('POST', '/api/v1/bookings', tokens.other, { resource_id: desk(vic, 'Poste 3').id, start: at(day, '09:00'), end: at(day, '10:00') });
  assert.equal(elsewhere.status, 201, elsewhere.text);

  const second = await api('POST', '/api/v1/rentals', tokens.advisor, { ...contract, account_id: ids.other, start_date: addDays(parisToday(), 40) });
  assert.equal(second.status, 409);
  assert.equal(second.json.code, 'error.rental.desk_taken');

  // Members see their own contracts only.
  const mine = (await api('GET', '/api/v1/rentals', tokens.member)).json.items;
  assert.ok(mine.length >= 1 && mine.every((c) => c.account_id === ids.member));
  assert.deepEqual((await api('GET', '/api/v1/rentals', tokens.other)).json.items, []);
  assert.equal((await api('GET', `/api/v1/rentals/${ids.contract}`, tokens.other)).status, 404);
});

test('ending a contract respects its notice; a second end is a conflict', async () => {
  const poste3 = desk(vic, 'Poste 3');
  const created = await api('POST', '/api/v1/rentals', tokens.advisor, { account_id: ids.other, resource_id: poste3.id, start_date: addDays(parisToday(), -20), monthly_price_cents: 12000, notice_value: 10, notice_unit: 'days' });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  assert.equal((await api('POST', `/api/v1/rentals/${id}/end`, tokens.member, {})).status, 403);
  const early = await api('POST', `/api/v1/rentals/${id}/end`, tokens.advisor, { end_date: addDays(parisToday(), 3) });
  assert.equal(early.status, 422);
  assert.ok(early.json.errors.some((e) => e.code === 'error.rental.notice_too_short'));
  const bad = await api('POST', `/api/v1/rentals/${id}/end`, tokens.advisor, { end_date: 'tomorrow' });
  assert.equal(bad.status, 422);
  const ended = await api('POST', `/api/v1/rentals/${id}/end`, tokens.advisor, '');
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.end_date, addDays(parisToday(), 10));
  assert.equal(ended.json.status, 'terminated');
  assert.equal(ended.json.state, 'ending');
  const again = await api('POST', `/api/v1/rentals/${id}/end`, tokens.advisor, {});
  assert.equal(again.status, 409);
  assert.equal((await api('POST', '/api/v1/rentals/999999/end', tokens.advisor, {})).status, 404);
});

test('a floating-desk pool of capacity 2 takes two contracts; others may book only while a seat is free', async () => {
  // "Poste 6" of Auch carries the demo member's contract; made a pool of two seats.
  const pool = desk(auch, 'Poste 6');
  const day = cal.workingDay(7, 3);
  const slot = { resource_id: pool.id, start: at(day, '14:00'), end: at(day, '15:00') };
  assert.equal((await api('POST', '/api/v1/bookings', tokens.other, slot)).status, 409);
  assert.equal((await api('PATCH', `/api/v1/resources/${pool.id}`, tokens.advisor, { capacity: 2 })).status, 200);
  const seatFree = await api('POST', '/api/v1/bookings', tokens.other, slot);
  assert.equal(seatFree.status, 201, seatFree.text);
  // The second contract would fill the pool on a day someone else booked: refused, listed.
  const contract = { account_id: ids.other, resource_id: pool.id, start_date: parisToday(), monthly_price_cents: 9000 };
  const siteHost = (await api('GET', '/api/v1/me', tokens.site_host)).json.id;
  const hostBooking = await api('POST', '/api/v1/bookings', tokens.site_host, { ...slot, start: at(day, '16:00'), end: at(day, '17:00') });
  assert.equal(hostBooking.status, 201, hostBooking.text);
  const refused = await api('POST', '/api/v1/rentals', tokens.advisor, contract);
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.json.bookings.map((b) => b.id), [hostBooking.json.id]);
  assert.equal((await api('DELETE', `/api/v1/bookings/${hostBooking.json.id}`, tokens.site_host)).status, 204);
  const second = await api('POST', '/api/v1/rentals', tokens.advisor, contract);
  assert.equal(second.status, 201, second.text);
  const third = await api('POST', '/api/v1/rentals', tokens.advisor, { ...contract, account_id: siteHost });
  assert.equal(third.status, 409);
  assert.equal(third.json.code, 'error.rental.desk_taken');
  // Full pool: a non-holder is refused, a holder is not.
  const full = await api('POST', '/api/v1/bookings', tokens.site_host, { ...slot, start: at(day, '16:00'), end: at(day, '17:00') });
  assert.equal(full.status, 409, full.text);
  const holder = await api('POST', '/api/v1/bookings', tokens.member, { ...slot, start: at(day, '16:00'), end: at(day, '17:00') });
  assert.equal(holder.status, 201, holder.text);
});

test('contracts and bookings of the same desk racing each other: never both', async () => {
  // Rounds of one-day contracts, each sent in the middle of bookings of that day by someone else
  // (staff, so no quota gets in the way): either the contract wins and no booking does, or the
  // contract is refused naming bookings that were really made.
  const target = desk(auch, 'Poste 5');
  const slots = [['08:30', '09:00'], ['09:00', '09:30'], ['09:30', '10:00'], ['10:00', '10:30'], ['10:30', '11:00'], ['11:00', '11:30']];
  let day = cal.workingDay(7, 4);
  const outcomes = { contract: 0, bookings: 0 };
  for (let round = 0; round < 12; ++round) {
    day = cal.openOnOrAfter(day);
    while (weekday(day) > 5) day = cal.openOnOrAfter(addDays(day, 1));
    const book = ([start, end]) => api('POST', '/api/v1/bookings', tokens.advisor, { resource_id: target.id, start: at(day, start), end: at(day, end) });
    const contract = () => api('POST', '/api/v1/rentals', tokens.advisor, { account_id: ids.member, resource_id: target.id, start_date: day, end_date: day, monthly_price_cents: 15000 });
    const calls = [...slots.slice(0, 3).map((s) => () => book(s)), contract, ...slots.slice(3).map((s) => () => book(s))];
    const results = await Promise.all(calls.map((f) => f()));
    const contractResult = results[3];
    const booked = results.filter((r, i) => i !== 3 && r.status === 201);
    assert.ok(results.every((r) => [201, 409].includes(r.status)), results.map((r) => r.text).join('\n'));
    if (contractResult.status === 201) {
      ++outcomes.contract;
      assert.equal(booked.length, 0, `round ${round}: bookings of others slipped in beside a contract`);
    } else {
      ++outcomes.bookings;
      assert.equal(contractResult.json.code, 'error.rental.bookings_in_the_way');
      const listed = contractResult.json.bookings.map((b) => b.id);
      assert.ok(listed.length > 0 && listed.every((id) => booked.some((b) => b.json.id === id)), contractResult.text);
      for (const b of booked) assert.equal((await api('DELETE', `/api/v1/bookings/${b.json.id}`, tokens.advisor)).status, 204);
    }
    day = addDays(day, 1);
  }
  const overlapping = sql(`SELECT COUNT(*) FROM bookings b JOIN rental_contracts c ON c.resource_id = b.resource_id
    WHERE b.resource_id = ${target.id} AND b.status = 'confirmed' AND b.account_id <> c.account_id`);
  assert.equal(Number(overlapping), 0, JSON.stringify(outcomes));
});

test('advisors create contracts from the rentals page; a refused form comes back with its message', async () => {
  const advisor = new Browserless(server.url);
  await advisor.login(accounts.advisor.email, accounts.advisor.password);
  const page = await (await advisor.get('/rentals')).text();
  assert.match(page, /action="\/rentals"/);
  const target = desk(vic, 'Poste 5');
  const before = (await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.length;
  const bad = await advisor.submit('/rentals', '/rentals', { account_id: String(ids.other), resource_id: String(target.id), start_date: parisToday(), notice_value: '1', notice_unit: 'months', monthly_price: 'beaucoup', vat_rate: '20' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Prix mensuel HT en centimes/);
  assert.equal((await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.length, before);
  const good = await advisor.submit('/rentals', '/rentals', { account_id: String(ids.other), resource_id: String(target.id), start_date: parisToday(), notice_value: '2', notice_unit: 'months', monthly_price: '149,50', vat_rate: '20', buyer_address: 'Lieu-dit Éléphant\n32190 Vic-Fezensac' });
  assert.equal(good.status, 303);
  const created = (await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.find((c) => c.resource_id === target.id);
  assert.equal(created.monthly_price_cents, 14950);
  assert.equal(created.notice_value, 2);
  assert.equal(created.buyer_address, 'Lieu-dit Éléphant\n32190 Vic-Fezensac');
});

test('invoice settings: admins only, checked, unchanged by a refused edit', async () => {
  const before = (await api('GET', '/api/v1/invoice-settings', tokens.admin)).json;
  const edit = { ...before, siret: '123', vat_number: 'DE123', payment_terms_days: 90 };
  assert.equal((await api('PUT', '/api/v1/invoice-settings', tokens.advisor, edit)).status, 403);
  const refused = await api('PUT', '/api/v1/invoice-settings', tokens.admin, edit);
  assert.equal(refused.status, 422);
  for (const f of ['siret', 'vat_number', 'payment_terms_days']) assert.ok(refused.json.errors.some((e) => e.field === f), f);
  assert.deepEqual((await api('GET', '/api/v1/invoice-settings', tokens.admin)).json, before);
  assert.equal((await api('GET', '/api/v1/invoice-settings', tokens.member)).status, 403);
});

test('numbers stay gap-free while command-line runs and HTTP requests generate at once; reruns issue nothing twice', async () => {
  // More contracts from five months back, on every desk that has none yet.
  const start = `${monthsBack(5)}-10`;
  const rented = new Set((await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.map((c) => c.resource_id));
  const free = [...auch.resources, ...vic.resources].filter((r) => r.kind === 'desk' && !rented.has(r.id));
  assert.ok(free.length >= 4, `${free.length} free desks`);
  for (const [i, d] of free.entries()) {
    const res = await api('POST', '/api/v1/rentals', tokens.advisor, { account_id: i % 2 ? ids.other : ids.member, resource_id: d.id, start_date: start, monthly_price_cents: 10000 + i * 1000, vat_rate_bp: i === 0 ? 550 : 2000 });
    assert.equal(res.status, 201, res.text);
  }
  const months = [monthsBack(5), monthsBack(4), monthsBack(3), monthsBack(2), monthsBack(1), monthsBack(0)];
  const runs = [];
  for (const month of months) {
    runs.push(invoiceProcess(month));
    runs.push(api('POST', '/api/v1/invoices/generate', tokens.advisor, { month }));
  }
  runs.push(invoiceProcess(months[2]), invoiceProcess(months[4]));
  runs.push(api('POST', '/api/v1/invoices/generate', tokens.admin, { month: months[1] }));
  const results = await Promise.all(runs);
  for (const r of results) {
    if ('out' in r) assert.equal(r.status, 0, r.out);
    else assert.ok(r.status === 200 || r.status === 201, r.text);
  }
  const all = await assertContiguousNumbers();
  // One invoice per contract and month, never two.
  const keys = all.filter((i) => i.kind === 'invoice').map((i) => `${i.contract_id}/${i.month}`);
  assert.equal(new Set(keys).size, keys.length);
  for (const month of months) {
    const of = all.filter((i) => i.kind === 'invoice' && i.month === month);
    assert.ok(of.length >= free.length, `${month}: ${of.length} invoices`);
  }
  // The first month is pro rata: 10th to the end of the month.
  const first = all.find((i) => i.month === months[0] && i.lines[0].monthly_price_cents === 10000);
  const [y, m] = months[0].split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  assert.equal(first.lines[0].days, days - 9);
  assert.equal(first.total_excl_cents, Math.round((10000 * (days - 9)) / days));
  assert.equal(first.vat_rate_bp, 550);
  assert.equal(first.vat_cents, Math.round((first.total_excl_cents * 550) / 10000));
  assert.equal(first.total_incl_cents, first.total_excl_cents + first.vat_cents);

  const count = all.length;
  const rerun = await api('POST', '/api/v1/invoices/generate', tokens.advisor, { month: months[3] });
  assert.equal(rerun.status, 200);
  assert.deepEqual(rerun.json.created, []);
  assert.ok(rerun.json.already_invoiced >= free.length);
  const cliRerun = await invoiceProcess(months[3]);
  assert.equal(cliRerun.status, 0);
  assert.match(cliRerun.out, / 0 issued/);
  assert.equal((await api('GET', '/api/v1/invoices', tokens.advisor)).json.items.length, count);
});

test('generation refuses bad months and members', async () => {
  for (const month of ['2027-13', 'mars', '', '2099-01']) {
    const res = await api('POST', '/api/v1/invoices/generate', tokens.advisor, { month });
    assert.equal(res.status, 422, `${month}: ${res.text}`);
    assert.ok(res.json.errors.some((e) => e.field === 'month'));
  }
  assert.equal((await api('POST', '/api/v1/invoices/generate', tokens.advisor, { month: 202701 })).status, 422);
  assert.equal((await api('POST', '/api/v1/invoices/generate', tokens.member, { month: monthsBack(1) })).status, 403);
  const bad = cli(['invoice', '--month', '2027-3', '--db', server.db.url]);
  assert.equal(bad.status, 2);
});

test('`sohosolo invoice --progress` counts the contracts on stderr; stdout keeps the summary', async () => {
  const month = monthsBack(1);
  const r = cli(['invoice', '--month', month, '--db', server.db.url, '--programme', 'gers', '--progress']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`invoices for ${month} \\(programme gers\\)`));
  assert.doesNotMatch(r.stdout, /contracts \(/);
  assert.match(r.stderr, new RegExp(`invoice: issuing the invoices of ${month} \\(programme gers\\)\n`));
  const counts = [...r.stderr.matchAll(/(\d+) of (\d+) contracts \((\d+) %\)/g)];
  assert.ok(counts.length > 0, r.stderr);
  const last = counts.at(-1);
  assert.equal(last[1], last[2], 'the last count is the whole');
  assert.equal(last[3], '100');
  assert.match(r.stderr, /invoice: done\n$/);
});

test('payments are recorded by staff, never beyond what is owed', async () => {
  const all = (await api('GET', '/api/v1/invoices', tokens.advisor)).json.items;
  const invoice = all.find((i) => i.kind === 'invoice' && i.payment_status === 'unpaid' && i.account_id === ids.member);
  ids.invoice = invoice.id;
  const path = `/api/v1/invoices/${invoice.id}/payments`;
  const today = parisToday();
  assert.equal((await api('POST', path, tokens.member, { date: today, method: 'card', amount_cents: 100 })).status, 403);
  for (const [body, field] of [
    [{ date: today, method: 'bitcoin', amount_cents: 100 }, 'method'],
    [{ date: addDays(today, 2), method: 'card', amount_cents: 100 }, 'date'],
    [{ date: today, method: 'card', amount_cents: 0 }, 'amount_cents'],
    [{ date: today, method: 'card', amount_cents: '100' }, 'amount_cents'],
    [{ date: today, method: 'card', amount_cents: invoice.total_incl_cents + 1 }, 'amount_cents'],
  ]) {
    const res = await api('POST', path, tokens.advisor, body);
    assert.equal(res.status, 422, res.text);
    assert.ok(res.json.errors.some((e) => e.field === field), res.text);
  }
  const partial = await api('POST', path, tokens.advisor, { date: today, method: 'transfer', amount_cents: 1000 });
  assert.equal(partial.status, 201, partial.text);
  assert.equal(partial.json.payment_status, 'partially_paid');
  assert.equal(partial.json.balance_cents, invoice.total_incl_cents - 1000);
  const rest = await api('POST', path, tokens.advisor, { date: today, method: 'cheque', amount_cents: invoice.total_incl_cents - 1000 });
  assert.equal(rest.json.payment_status, 'paid');
  assert.equal(rest.json.payments.length, 2);
  assert.equal((await api('POST', path, tokens.advisor, { date: today, method: 'cash', amount_cents: 1 })).status, 422);
});

test('a credit note corrects an invoice with the next number of the same sequence; the invoice itself never changes', async () => {
  const all = (await api('GET', '/api/v1/invoices', tokens.advisor)).json.items;
  const invoice = all.find((i) => i.kind === 'invoice' && i.payment_status === 'unpaid' && i.account_id === ids.member);
  const path = `/api/v1/invoices/${invoice.id}/credit-note`;
  assert.equal((await api('POST', path, tokens.member, { reason: 'x' })).status, 403);
  const noReason = await api('POST', path, tokens.advisor, {});
  assert.equal(noReason.status, 422);
  assert.ok(noReason.json.errors.some((e) => e.field === 'reason'));
  const tooMuch = await api('POST', path, tokens.advisor, { reason: 'Remise', amount_excl_cents: invoice.total_excl_cents + 1 });
  assert.equal(tooMuch.status, 422);

  const part = await api('POST', path, tokens.advisor, { reason: 'Remise commerciale (poste sans écran)', amount_excl_cents: 1000 });
  assert.equal(part.status, 201, part.text);
  assert.equal(part.json.kind, 'credit_note');
  assert.deepEqual(part.json.corrects, { id: invoice.id, number: invoice.number });
  assert.equal(part.json.total_excl_cents, -1000);
  assert.equal(part.json.vat_cents, -Math.round((1000 * invoice.vat_rate_bp) / 10000));
  const rest = await api('POST', path, tokens.advisor, { reason: 'Résiliation anticipée' });
  assert.equal(rest.status, 201, rest.text);
  assert.equal(rest.json.total_excl_cents, -(invoice.total_excl_cents - 1000));
  assert.equal(part.json.total_incl_cents + rest.json.total_incl_cents, -invoice.total_incl_cents);
  const full = await api('POST', path, tokens.advisor, { reason: 'encore' });
  assert.equal(full.status, 409);
  assert.equal(full.json.code, 'error.invoice.fully_credited');

  const after = (await api('GET', `/api/v1/invoices/${invoice.id}`, tokens.advisor)).json;
  assert.deepEqual(after.credit_notes.map((c) => c.number), [part.json.number, rest.json.number]);
  assert.equal(after.payment_status, 'cancelled');
  for (const k of ['number', 'total_excl_cents', 'vat_cents', 'total_incl_cents', 'issue_date', 'lines']) assert.deepEqual(after[k], invoice[k]);
  assert.equal((await api('POST', `/api/v1/invoices/${part.json.id}/payments`, tokens.advisor, { date: parisToday(), method: 'card', amount_cents: 1 })).status, 409);
  assert.equal((await api('POST', `/api/v1/invoices/${part.json.id}/credit-note`, tokens.advisor, { reason: 'x' })).status, 409);
  await assertContiguousNumbers();
});

/**
 * Makes sure both members have invoices: a contract from last month on a free desk for whoever
 * has none yet, and last month invoiced (a rerun issues nothing twice).
 */
async function invoicesForBoth() {
  for (const who of ['member', 'other']) {
    if ((await api('GET', '/api/v1/invoices', tokens[who])).json.items.length > 0) continue;
    const rented = new Set((await api('GET', '/api/v1/rentals', tokens.advisor)).json.items.map((c) => c.resource_id));
    const free = [...auch.resources, ...vic.resources].find((r) => r.kind === 'desk' && !rented.has(r.id));
    const made = await api('POST', '/api/v1/rentals', tokens.advisor, { account_id: ids[who], resource_id: free.id, start_date: `${monthsBack(1)}-01`, monthly_price_cents: 11000 });
    assert.equal(made.status, 201, made.text);
  }
  const generated = await api('POST', '/api/v1/invoices/generate', tokens.advisor, { month: monthsBack(1) });
  assert.ok([200, 201].includes(generated.status), generated.text);
}

test('members see only their own invoices, in the API, the page and the PDF', async () => {
  await invoicesForBoth();
  const mine = (await api('GET', '/api/v1/invoices', tokens.member)).json.items;
  const theirs = (await api('GET', '/api/v1/invoices', tokens.other)).json.items;
  assert.ok(mine.length > 0 && theirs.length > 0);
  assert.ok(mine.every((i) => i.account_id === ids.member));
  assert.ok(theirs.every((i) => i.account_id === ids.other));
  assert.deepEqual((await api('GET', '/api/v1/invoices', tokens.site_host)).json.items, []);
  const foreign = theirs[0];
  assert.equal((await api('GET', `/api/v1/invoices/${foreign.id}`, tokens.member)).status, 404);
  assert.equal((await api('GET', `/invoices/${foreign.id}.pdf`, tokens.member)).status, 404);
  assert.equal((await api('GET', `/invoices/${foreign.id}`, tokens.member)).status, 404);
  assert.equal((await api('GET', `/api/v1/invoices/${foreign.id}`, tokens.advisor)).status, 200);
  const anonymous = await fetch(`${server.url}/invoices/${foreign.id}.pdf`, { redirect: 'manual' });
  assert.ok([302, 303].includes(anonymous.status), String(anonymous.status));
});

test('the PDF is a real PDF whose text holds the number, the amounts and accented words', async () => {
  const invoice = (await api('GET', '/api/v1/invoices', tokens.member)).json.items.find((i) => i.kind === 'invoice');
  const res = await fetch(`${server.url}/invoices/${invoice.id}.pdf`, { headers: { authorization: `Bearer ${tokens.member}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const file = join(tmpdir(), `invoice-${process.pid}-${invoice.id}.pdf`);
  writeFileSync(file, bytes);
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  const flat = text.stdout.replace(/\s+/g, ' ');
  assert.ok(flat.includes(invoice.number), flat);
  assert.ok(flat.includes('Date d\'échéance'), flat);
  assert.ok(flat.includes('Désignation'), flat);
  assert.ok(flat.includes('40 €'), flat);
  assert.ok(flat.includes('SIRET'), flat);
  const total = (invoice.total_incl_cents / 100).toFixed(2).replace('.', ',');
  assert.ok(flat.includes(total), `${total} in ${flat}`);

  const page = await fetch(`${server.url}/invoices/${invoice.id}`, { headers: { authorization: `Bearer ${tokens.member}` } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes(invoice.number));
  assert.match(html, /href="\/static\/invoice\.css"/);
  const css = await (await fetch(`${server.url}/static/invoice.css`)).text();
  assert.match(css, /@media print/);
  assert.match(html, /indemnité forfaitaire pour frais de recouvrement de 40 €/);
  assert.doesNotMatch(html, /action="\/invoices\/\d+\/payments"/); // members get no staff forms
});

test('advisors generate from the invoices page; members get no button and a 403', async () => {
  const advisor = new Browserless(server.url);
  await advisor.login(accounts.advisor.email, accounts.advisor.password);
  const page = await (await advisor.get('/invoices')).text();
  assert.match(page, /action="\/invoices\/generate"/);
  const res = await advisor.submit('/invoices', '/invoices/generate', { month: monthsBack(1) });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/invoices\?generated=\d+$/);
  // Once the month is invoiced, the same button issues nothing.
  const rerun = await advisor.submit('/invoices', '/invoices/generate', { month: monthsBack(1) });
  assert.equal(rerun.status, 303);
  assert.match(rerun.headers.get('location'), /^\/invoices\?generated=0$/);
  const bad = await advisor.submit('/invoices', '/invoices/generate', { month: '2027-13' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /AAAA-MM/);

  const member = new Browserless(server.url);
  await member.login(accounts.member.email, accounts.member.password);
  const list = await (await member.get('/invoices')).text();
  assert.doesNotMatch(list, /action="\/invoices\/generate"/);
  const refused = await member.submit('/invoices', '/invoices/generate', { month: monthsBack(1) });
  assert.equal(refused.status, 403);
  const rentals = await (await member.get('/rentals')).text();
  assert.match(rentals, /Poste 6/); // the demo member's contract
  assert.doesNotMatch(rentals, /action="\/rentals"/);
  await assertContiguousNumbers();
});

test('staff record payments and credit notes from the invoice page; a refused form says why and stores nothing', async () => {
  const invoice = (await api('GET', '/api/v1/invoices', tokens.advisor)).json.items.find((i) => i.kind === 'invoice' && i.payment_status === 'unpaid');
  const advisor = new Browserless(server.url);
  await advisor.login(accounts.advisor.email, accounts.advisor.password);
  const page = `/invoices/${invoice.id}`;
  const bad = await advisor.submit(page, `${page}/payments`, { date: parisToday(), method: 'transfer', amount: 'trois euros' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Un montant positif/);
  const paid = await advisor.submit(page, `${page}/payments`, { date: parisToday(), method: 'transfer', amount: '12,34' });
  assert.equal(paid.status, 303);
  const after = (await api('GET', `/api/v1/invoices/${invoice.id}`, tokens.advisor)).json;
  assert.deepEqual(after.payments.map((p) => p.amount_cents), [1234]);
  assert.equal(after.payment_status, 'partially_paid');
  const noReason = await advisor.submit(page, `${page}/credit-note`, { reason: '' });
  assert.equal(noReason.status, 422);
  const credited = await advisor.submit(page, `${page}/credit-note`, { reason: 'Erreur de période', amount: '1' });
  assert.equal(credited.status, 303);
  const note = (await api('GET', `/api/v1/invoices/${invoice.id}`, tokens.advisor)).json.credit_notes;
  assert.equal(note.length, 1);
  assert.equal(credited.headers.get('location'), `/invoices/${note[0].id}`);
  const listed = (await api('GET', '/api/v1/invoices', tokens.advisor)).json.items.find((i) => i.id === invoice.id);
  assert.equal(listed.balance_cents, after.balance_cents + note[0].total_incl_cents);
  await assertContiguousNumbers();
});

test('the invoice command says what is missing: schema, programme, seller identity', async () => {
  const db = freshDatabase();
  try {
    const unmigrated = cli(['invoice', '--month', monthsBack(1), '--db', db.url]);
    assert.equal(unmigrated.status, 4, unmigrated.stderr);
    assert.equal(cli(['migrate', '--db', db.url]).status, 0);
    assert.equal(cli(['programme', 'add', 'gers', '--name', 'Soho Solo Gers', '--db', db.url]).status, 0);
    const unknown = cli(['invoice', '--month', monthsBack(1), '--programme', 'nulle-part', '--db', db.url]);
    assert.equal(unknown.status, 5);
    assert.match(unknown.stderr, /no programme 'nulle-part'/);
    const noSeller = cli(['invoice', '--month', monthsBack(1), '--db', db.url]);
    assert.equal(noSeller.status, 5);
    assert.match(noSeller.stderr, /seller's identity/);
  } finally {
    db.cleanup();
  }
});
