// The bookings of a site for the people who run it, on both engines: the API
// (GET /api/v1/bookings?site_id=...) and the page /sites/{id}/bookings with its actions (check-in,
// cancellation with a reason, approval); members told when staff book for them; a desk under a
// rental contract shown busy to everyone but its holder; a released no-show not reinstated over a
// rental contract.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless } from '../../lib/harness.mjs';
import { addDays, api, at, bookingWorld, mustSql, nowSeconds, setRules, today } from '../../lib/workspaces.mjs';

let w;
let siteA; // a telecentre the host runs
let siteB; // another site the host does not run
let office;
let host;
const NOTHING_FREE = 'rien de libre';

before(async () => {
  w = await bookingWorld({ extraMembers: 1 });
  [siteA, siteB] = w.sites.filter((s) => s.kind === 'telecentre');
  office = siteA.resources.find((r) => r.kind === 'office');
  // The demo host runs every site in bookingWorld: here it keeps site A only.
  const untied = await api(w, 'PUT', `/api/v1/sites/${siteB.id}/hosts`, 'admin', { account_ids: [] });
  assert.equal(untied.status, 200, untied.text);
  host = new Browserless(w.server.url);
  await host.login(w.accounts.site_host.email, w.accounts.site_host.password);
});

after(async () => { await w?.server.close(); });

const book = (role, resource, day, from, to, extra = {}) =>
  api(w, 'POST', '/api/v1/bookings', role, { resource_id: resource.id, start: at(day, from), end: at(day, to), ...extra });
const statusOf = (id) => mustSql(w, `SELECT status FROM bookings WHERE id = ${id}`);
const outboxCount = (email, kind) => Number(mustSql(w, `SELECT COUNT(*) FROM outbox WHERE recipient = '${email}' AND kind = '${kind}'`));
const memberName = (role) => mustSql(w, `SELECT display_name FROM accounts WHERE id = ${w.ids[role]}`);

test('API: a host lists the bookings of their own site with names and states; 403 elsewhere and for members, 422 for bad dates', async () => {
  const day = w.cal.workingDay(3);
  const b = await book('member', office, day, '09:00', '10:00', { note: 'Visio client' });
  assert.equal(b.status, 201, b.text);
  const list = await api(w, 'GET', `/api/v1/bookings?site_id=${siteA.id}&from=${day}&to=${day}`, 'site_host');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.from, day);
  assert.equal(list.json.to, day);
  const item = list.json.items.find((i) => i.id === b.json.id);
  assert.ok(item, 'the booking is listed');
  assert.equal(item.member_name, memberName('member'));
  assert.equal(item.state, 'confirmed');
  assert.equal(item.note, 'Visio client');
  assert.equal(item.resource_name, office.name);
  assert.equal(item.account_id, w.ids.member);
  // Only bookings of that site and those days.
  const resourceIds = new Set(siteA.resources.map((r) => r.id));
  assert.ok(list.json.items.every((i) => resourceIds.has(i.resource_id) && i.start.startsWith(day)));
  // Default range: today and the next 13 days.
  const byDefault = await api(w, 'GET', `/api/v1/bookings?site_id=${siteA.id}`, 'advisor');
  assert.equal(byDefault.status, 200);
  assert.equal(byDefault.json.from, today());
  assert.equal(byDefault.json.to, addDays(today(), 13));
  assert.equal(byDefault.json.items.some((i) => i.id === b.json.id), day <= addDays(today(), 13));

  assert.equal((await api(w, 'GET', `/api/v1/bookings?site_id=${siteB.id}`, 'site_host')).status, 403);
  assert.equal((await api(w, 'GET', `/api/v1/bookings?site_id=${siteA.id}`, 'member')).status, 403);
  assert.equal((await api(w, 'GET', '/api/v1/bookings?site_id=999999', 'site_host')).status, 404);
  const bad = await api(w, 'GET', `/api/v1/bookings?site_id=${siteA.id}&from=demain&to=2026-13-01`, 'site_host');
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.headers.get('content-type'), 'application/problem+json');
  assert.deepEqual(bad.json.errors.map((e) => `${e.field}:${e.code}`), ['from:error.field.date', 'to:error.field.date']);
  const long = await api(w, 'GET', `/api/v1/bookings?site_id=${siteA.id}&from=${today()}&to=${addDays(today(), 62)}`, 'site_host');
  assert.equal(long.status, 422);
  assert.deepEqual(long.json.errors.map((e) => e.code), ['error.sitebookings.range']);
  const reversed = await api(w, 'GET', `/api/v1/bookings?site_id=${siteA.id}&from=${day}&to=${addDays(day, -1)}`, 'site_host');
  assert.deepEqual(reversed.json.errors.map((e) => e.code), ['error.sitebookings.order']);
  assert.equal((await api(w, 'GET', '/api/v1/bookings?site_id=abc', 'site_host')).status, 422);
  // ?mine=true still means the caller's own bookings, with or without site_id.
  const mine = await api(w, 'GET', `/api/v1/bookings?mine=true&site_id=${siteA.id}`, 'member');
  assert.equal(mine.status, 200);
  assert.ok(mine.json.items.some((i) => i.id === b.json.id));
  assert.equal(mine.json.items[0].account_id, undefined);
});

test('page: a host sees their site\'s bookings grouped by day and resource; 403 on another site and for members; links lead there', async () => {
  const day = w.cal.workingDay(4);
  const b = await book('member2', office, day, '11:00', '12:00', { note: 'Atelier <vidéo>' });
  assert.equal(b.status, 201, b.text);
  const res = await host.get(`/sites/${siteA.id}/bookings?from=${day}&to=${day}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, new RegExp(`<h2 id="day-${day}">[^<]*${day}</h2>`));
  assert.ok(page.includes(`<h3>${office.name}</h3>`));
  const row = page.match(new RegExp(`<tr id="booking-${b.json.id}"[^]*?</tr>`))?.[0] ?? '';
  assert.match(row, /11:00–12:00/);
  assert.ok(row.includes(memberName('member2')));
  assert.match(row, /Confirmée/);
  assert.match(row, /Atelier &lt;vidéo&gt;/);
  assert.match(row, new RegExp(`action="/sites/${siteA.id}/bookings/${b.json.id}/cancel"`));
  assert.match(row, new RegExp(`action="/sites/${siteA.id}/bookings/${b.json.id}/check-in"`));
  assert.match(page, new RegExp(`href="/sites/${siteA.id}/bookings\\?from=${addDays(today(), -7)}&amp;to=${addDays(today(), -1)}"`));
  // Bad dates: the page comes back with the message and the default days.
  const bad = await host.get(`/sites/${siteA.id}/bookings?from=hier`);
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Date attendue au format AAAA-MM-JJ\./);

  assert.equal((await host.get(`/sites/${siteB.id}/bookings`)).status, 403);
  const member = new Browserless(w.server.url);
  await member.login(w.accounts.member.email, w.accounts.member.password);
  assert.equal((await member.get(`/sites/${siteA.id}/bookings`)).status, 403);
  assert.ok(!(await (await member.get(`/sites/${siteA.id}`)).text()).includes(`/sites/${siteA.id}/bookings`));
  assert.ok((await (await host.get(`/sites/${siteA.id}`)).text()).includes(`href="/sites/${siteA.id}/bookings"`));
  assert.ok((await (await host.get('/manage/sites')).text()).includes(`href="/sites/${siteA.id}/bookings"`));
});

test('page: cancelling without a reason re-shows the form with the message and changes nothing; with one it cancels and tells the member', async () => {
  const day = w.cal.workingDay(5);
  const b = await book('member', office, day, '14:00', '15:00');
  assert.equal(b.status, 201, b.text);
  const path = `/sites/${siteA.id}/bookings?from=${day}&to=${day}`;
  const before = outboxCount(w.accounts.member.email, 'booking_cancelled');
  const refused = await host.submit(path, `/sites/${siteA.id}/bookings/${b.json.id}/cancel`, { reason: '  ', from: day, to: day });
  assert.equal(refused.status, 422);
  const page = await refused.text();
  const row = page.match(new RegExp(`<tr id="booking-${b.json.id}"[^]*?</tr>`))?.[0] ?? '';
  assert.match(row, /role="alert" id="booking-error-\d+">Indiquez un motif\./);
  assert.match(row, /class="inline cancel-form"/);
  assert.equal(statusOf(b.json.id), 'confirmed');
  assert.equal(outboxCount(w.accounts.member.email, 'booking_cancelled'), before);

  const done = await host.submit(path, `/sites/${siteA.id}/bookings/${b.json.id}/cancel`, { reason: 'Dégât des eaux', from: day, to: day });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), `/sites/${siteA.id}/bookings?from=${day}&to=${day}&done=cancel#booking-${b.json.id}`);
  assert.equal(statusOf(b.json.id), 'cancelled');
  assert.equal(mustSql(w, `SELECT status_reason FROM bookings WHERE id = ${b.json.id}`), 'Dégât des eaux');
  assert.equal(outboxCount(w.accounts.member.email, 'booking_cancelled'), before + 1);
  assert.match(mustSql(w, `SELECT body FROM outbox WHERE recipient = '${w.accounts.member.email}' AND kind = 'booking_cancelled' ORDER BY id DESC LIMIT 1`),
    /Motif : Dégât des eaux/);
  const after = await (await host.get(`${path}&done=cancel`)).text();
  const row2 = after.match(new RegExp(`<tr id="booking-${b.json.id}"[^]*?</tr>`))?.[0] ?? '';
  assert.match(row2, /Annulée \(motif : Dégât des eaux\)/);
  assert.ok(!row2.includes('cancel-form'));
  // A host cannot cancel a booking of a site they do not run through their own site's address.
  const other = siteB.resources.find((r) => r.kind === 'office');
  const elsewhere = await book('member', other, day, '09:00', '10:00');
  assert.equal(elsewhere.status, 201, elsewhere.text);
  const sneaky = await host.submit(path, `/sites/${siteA.id}/bookings/${elsewhere.json.id}/cancel`, { reason: 'Non', from: day, to: day });
  assert.equal(sneaky.status, 404);
  assert.equal(statusOf(elsewhere.json.id), 'confirmed');
});

test('page: check-in and approval from the site\'s bookings', async () => {
  const day = w.cal.workingDay(6);
  const b = await book('member2', office, day, '09:00', '10:00');
  assert.equal(b.status, 201, b.text);
  const path = `/sites/${siteA.id}/bookings?from=${day}&to=${day}`;
  const checked = await host.submit(path, `/sites/${siteA.id}/bookings/${b.json.id}/check-in`, { from: day, to: day });
  assert.equal(checked.status, 303);
  assert.notEqual(mustSql(w, `SELECT checked_in_at FROM bookings WHERE id = ${b.json.id}`), '');
  const page = await (await host.get(`${path}&done=check_in`)).text();
  assert.match(page, /Arrivée enregistrée\./);
  const row = page.match(new RegExp(`<tr id="booking-${b.json.id}"[^]*?</tr>`))?.[0] ?? '';
  assert.match(row, /Arrivée enregistrée/);
  assert.ok(!row.includes('/check-in"'));
  const again = await host.submit(path, `/sites/${siteA.id}/bookings/${b.json.id}/check-in`, { from: day, to: day });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /role="alert" id="booking-error-/);

  const room = siteA.resources.find((r) => r.kind === 'meeting_room');
  await setRules(w, room.id, { requires_approval: true });
  const pending = await book('member', room, day, '15:00', '16:00');
  assert.equal(pending.json.status, 'pending');
  const listed = await (await host.get(path)).text();
  assert.match(listed, /En attente de validation/);
  const declineNoReason = await host.submit(path, `/sites/${siteA.id}/bookings/${pending.json.id}/decline`, { reason: '', from: day, to: day });
  assert.equal(declineNoReason.status, 422);
  assert.equal(statusOf(pending.json.id), 'pending');
  const approved = await host.submit(path, `/sites/${siteA.id}/bookings/${pending.json.id}/approve`, { from: day, to: day });
  assert.equal(approved.status, 303);
  assert.equal(statusOf(pending.json.id), 'confirmed');
  await setRules(w, room.id, { requires_approval: false });
});

test('a member is told in French when staff book on their behalf; a series is one message with its count', async () => {
  const day = w.cal.workingDay(8);
  const email = w.accounts.member2.email;
  const before = outboxCount(email, 'booking_booked_for');
  const one = await book('advisor', office, day, '16:00', '17:00', { for_account_id: w.ids.member2 });
  assert.equal(one.status, 201, one.text);
  assert.equal(outboxCount(email, 'booking_booked_for'), before + 1);
  const body = mustSql(w, `SELECT subject || '|' || body FROM outbox WHERE recipient = '${email}' AND kind = 'booking_booked_for' ORDER BY id DESC LIMIT 1`);
  assert.match(body, /^Réservation faite pour vous\|L'équipe du programme a fait une réservation pour vous\./);
  assert.ok(body.includes(`${office.name} — ${siteA.name}`));
  // Staff booking for themselves, and members booking, tell nobody.
  { const own = await book('advisor', office, day, '14:00', '15:00'); assert.equal(own.status, 201, own.text); }
  assert.equal((await book('member2', office, day, '15:00', '16:00')).status, 201);
  assert.equal(outboxCount(email, 'booking_booked_for'), before + 1);
  const weeks = w.cal.workingSeries(15, null, 3);
  const series = await book('advisor', office, weeks[0], '10:00', '11:00',
    { for_account_id: w.ids.member2, recurrence: { frequency: 'weekly', count: 3 } });
  assert.equal(series.status, 201, series.text);
  assert.equal(series.json.items.length, 3);
  assert.equal(outboxCount(email, 'booking_booked_for'), before + 2);
  assert.match(mustSql(w, `SELECT body FROM outbox WHERE recipient = '${email}' AND kind = 'booking_booked_for' ORDER BY id DESC LIMIT 1`),
    /Réservation répétée chaque semaine, nombre de séances : 3/);
  // A refused booking on behalf tells nobody.
  const taken = await book('advisor', office, day, '16:00', '17:00', { for_account_id: w.ids.member2 });
  assert.equal(taken.status, 409);
  assert.equal(outboxCount(email, 'booking_booked_for'), before + 2);
});

/** A coworking desk of capacity 1 under no contract, and its site. */
async function freeDesk() {
  const rented = new Set((await api(w, 'GET', '/api/v1/rentals', 'advisor')).json.items.map((c) => c.resource_id));
  for (const site of w.sites.filter((s) => s.kind === 'coworking')) {
    const desk = site.resources.find((r) => r.kind === 'desk' && r.capacity === 1 && !rented.has(r.id));
    if (!desk) continue;
    // Demo bookings of that desk would be in the way of a contract: they go first.
    mustSql(w, `UPDATE bookings SET status = 'cancelled' WHERE resource_id = ${desk.id} AND status IN ('confirmed', 'pending')`);
    return { site, desk };
  }
  throw new Error('no free desk in the demo');
}

test('a desk under a rental contract is busy on the contract days for everyone but its holder (API and site page)', async () => {
  const { site, desk } = await freeDesk();
  const first = w.cal.workingDay(40);
  const last = addDays(first, 9);
  const contract = await api(w, 'POST', '/api/v1/rentals', 'advisor', {
    account_id: w.ids.member, resource_id: desk.id, start_date: first, end_date: last, monthly_price_cents: 18000,
    buyer_address: '3 rue des Écoles\n32000 Auch',
  });
  assert.equal(contract.status, 201, contract.text);
  const path = `/api/v1/resources/${desk.id}/availability?from=${first}&to=${addDays(last, 1)}`;
  const other = await api(w, 'GET', path, 'member2');
  assert.equal(other.status, 200);
  assert.ok(other.json.free.every((p) => p.start.slice(0, 10) > last), JSON.stringify(other.json.free));
  assert.ok(other.json.busy.some((p) => p.start.startsWith(first)));
  assert.ok(other.json.busy.every((p) => Object.keys(p).sort().join() === 'end,start'), 'busy periods carry no name');
  const holder = await api(w, 'GET', path, 'member');
  assert.ok(holder.json.free.some((p) => p.start.startsWith(first)), 'the holder may still book their desk');
  assert.ok(!holder.json.busy.some((p) => p.start.startsWith(first)));
  // What availability says matches what booking does.
  assert.equal((await book('member2', desk, first, '10:00', '11:00')).status, 409);
  // The site page shows nothing free that day to others, and free slots to the holder.
  const page = async (role) => {
    const b = new Browserless(w.server.url);
    await b.login(w.accounts[role].email, w.accounts[role].password);
    const html = await (await b.get(`/sites/${site.id}?date=${first}`)).text();
    return html.match(new RegExp(`<section class="resource" aria-labelledby="resource-${desk.id}">[^]*?</section>`))[0];
  };
  const seen = await page('member2');
  assert.ok(seen.includes(NOTHING_FREE), seen);
  assert.ok(!seen.includes('class="tag"'));
  assert.ok((await page('member')).includes('class="tag"'));
});

test('a released no-show is not reinstated at check-in over a rental contract made since', async () => {
  const { desk } = await freeDesk();
  // A booking of member2 that started an hour ago, released as a no-show.
  const t = nowSeconds() - 3600;
  const id = Number(mustSql(w, `INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, status, created_at, released_at)
    SELECT programme_id, ${desk.id}, ${w.ids.member2}, ${t}, ${t + 1800}, 'no_show', ${t}, ${t + 900} FROM resources WHERE id = ${desk.id} RETURNING id`));
  const contract = await api(w, 'POST', '/api/v1/rentals', 'advisor', {
    account_id: w.ids.member, resource_id: desk.id, start_date: addDays(today(), -1), end_date: addDays(today(), 1),
    monthly_price_cents: 18000, buyer_address: '3 rue des Écoles\n32000 Auch',
  });
  assert.equal(contract.status, 201, contract.text);
  const refused = await api(w, 'POST', `/api/v1/bookings/${id}/check-in`, 'advisor');
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.detail, "Ce poste est loué à l'année à un autre membre pendant cette période.", refused.text);
  assert.equal(statusOf(id), 'no_show');
});
