// The club's events: seats then a waitlist promoted automatically (and told by mail), counts and
// calendars that name nobody, attendance, reminders of the day before, monthly series, and what
// the worst client sends. Days come from the shared calendar helper.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, PASSWORD, cli, runSql, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, at, dayAt, nowSeconds, today, weekday } from '../../lib/calendar.mjs';

let server;
const tokens = {};
const MEMBERS = Array.from({ length: 14 }, (_, i) => `membre${i}`);

async function call(method, path, who, body, raw) {
  const headers = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + path, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

const sql = (query) => runSql(server.db.url, query).out;
const utc = (seconds) => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

before(async () => {
  server = await startServer();
  for (const [i, who] of MEMBERS.entries()) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--name', `Personne Secrète ${i}`, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, `${who}@example.org`);
  }
  tokens.advisor = await tokenFor(server, 'advisor@example.org');
  tokens.member = await tokenFor(server, 'member@example.org');
});
after(async () => { await server?.close(); });

let counter = 0;
async function createEvent(fields = {}) {
  const day = addDays(today(), 10);
  const r = await call('POST', '/api/v1/events', 'advisor', {
    title: `Apéro du club ${++counter}`, theme: 'Rencontre', place: 'Salle des fêtes, Marciac',
    start: at(day, '18:30'), end: at(day, '20:30'), capacity: 2, ...fields,
  });
  assert.equal(r.status, 201, r.text);
  return r.json.items[0];
}

const mailsTo = (who, kind) => Number(sql(`SELECT COUNT(*) FROM outbox WHERE recipient = '${who}@example.org' AND kind = '${kind}'`));

test('seats then the waitlist; a cancellation promotes the first in line, who is told by mail', async () => {
  const event = await createEvent();
  const [a, b, c, d] = MEMBERS;
  const statuses = [];
  for (const who of [a, b, c, d]) {
    const r = await call('POST', `/api/v1/events/${event.id}/registrations`, who);
    assert.equal(r.status, 201, r.text);
    statuses.push(r.json.status);
  }
  assert.deepEqual(statuses, ['registered', 'registered', 'waitlisted', 'waitlisted']);
  const again = await call('POST', `/api/v1/events/${event.id}/registrations`, c);
  assert.equal(again.status, 200, 'registering twice is harmless');
  assert.equal(again.json.status, 'waitlisted');

  const seen = await call('GET', `/api/v1/events/${event.id}`, c);
  assert.equal(seen.json.registered, 2);
  assert.equal(seen.json.waitlisted, 2);
  assert.equal(seen.json.capacity, 2);
  assert.equal(seen.json.my_status, 'waitlisted');

  const before = mailsTo(c, 'club_promoted');
  const left = await call('DELETE', `/api/v1/events/${event.id}/registrations/me`, a);
  assert.equal(left.status, 200, left.text);
  assert.equal(left.json.event.registered, 2);
  assert.equal(left.json.event.waitlisted, 1);
  assert.equal((await call('GET', `/api/v1/events/${event.id}`, c)).json.my_status, 'registered', 'first in line moved up');
  assert.equal((await call('GET', `/api/v1/events/${event.id}`, d)).json.my_status, 'waitlisted');
  assert.equal(mailsTo(c, 'club_promoted'), before + 1);
  assert.equal(mailsTo(d, 'club_promoted'), 0);
  assert.match(sql(`SELECT body FROM outbox WHERE recipient = '${c}@example.org' AND kind = 'club_promoted'`), /Apéro du club/);

  assert.equal((await call('DELETE', `/api/v1/events/${event.id}/registrations/me`, a)).status, 404, 'no registration left to cancel');
  // Someone who comes back goes to the back of the line.
  assert.equal((await call('POST', `/api/v1/events/${event.id}/registrations`, a)).json.status, 'waitlisted');
  assert.equal((await call('DELETE', `/api/v1/events/${event.id}/registrations/me`, b)).status, 200);
  assert.equal((await call('GET', `/api/v1/events/${event.id}`, d)).json.my_status, 'registered');
  assert.equal((await call('GET', `/api/v1/events/${event.id}`, a)).json.my_status, 'waitlisted');
});

test('simultaneous registrations never exceed the seats; simultaneous cancellations promote in order', async () => {
  const event = await createEvent({ capacity: 3 });
  const people = MEMBERS.slice(0, 12);
  const answers = await Promise.all(people.map((who) => call('POST', `/api/v1/events/${event.id}/registrations`, who)));
  assert.ok(answers.every((r) => r.status === 201), answers.map((r) => r.status).join());
  assert.equal(answers.filter((r) => r.json.status === 'registered').length, 3);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM club_registrations WHERE event_id = ${event.id} AND state = 'registered'`)), 3);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM club_registrations WHERE event_id = ${event.id} AND state = 'waitlisted'`)), 9);

  const seated = people.filter((_, i) => answers[i].json.status === 'registered');
  const line = sql(`SELECT a.email FROM club_registrations r JOIN accounts a ON a.id = r.account_id
    WHERE r.event_id = ${event.id} AND r.state = 'waitlisted' ORDER BY r.id`).split('\n');
  const gone = await Promise.all(seated.map((who) => call('DELETE', `/api/v1/events/${event.id}/registrations/me`, who)));
  assert.ok(gone.every((r) => r.status === 200));
  const now = sql(`SELECT a.email FROM club_registrations r JOIN accounts a ON a.id = r.account_id
    WHERE r.event_id = ${event.id} AND r.state = 'registered' ORDER BY a.email`).split('\n');
  assert.deepEqual(now, line.slice(0, 3).sort(), 'the first three in line have the seats');
});

test('counts and calendars name nobody; the host list does, for staff only', async () => {
  const event = await createEvent({ title: 'Atelier photo; lumière, Gers' });
  await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[0]);
  for (const [path, who] of [[`/api/v1/events/${event.id}`, undefined], ['/api/v1/events', undefined], ['/api/v1/events', 'member'],
    [`/events/${event.id}/calendar.ics`, undefined], ['/calendar/events.ics', undefined], ['/events', undefined], [`/events/${event.id}`, 'member']]) {
    const r = await call('GET', path, who);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    assert.doesNotMatch(r.text, /Personne Secr|membre0@/, path);
  }
  const ics = (await call('GET', `/events/${event.id}/calendar.ics`)).text;
  assert.match(ics, /SUMMARY:Atelier photo\\; lumière\\, Gers\r\n/);
  assert.match(ics, /UID:club-\d+@gers\.sohosolo\r\n/);
  const feed = (await call('GET', '/calendar/events.ics')).text;
  assert.match(feed, /X-WR-CALNAME:Soho Solo Gers/);
  assert.ok(feed.includes(`UID:club-${event.id}@gers.sohosolo`));

  assert.equal((await call('GET', `/api/v1/events/${event.id}/registrations`, 'member')).status, 403);
  assert.equal((await call('GET', `/api/v1/events/${event.id}/registrations`)).status, 401);
  const list = await call('GET', `/api/v1/events/${event.id}/registrations`, 'advisor');
  assert.deepEqual(list.json.items.map((i) => [i.name, i.status, i.attended]), [['Personne Secrète 0', 'registered', null]]);
});

test('attendance from an hour before the start, for registered people only', async () => {
  const later = await createEvent();
  await call('POST', `/api/v1/events/${later.id}/registrations`, MEMBERS[1]);
  const id1 = sql(`SELECT id FROM accounts WHERE email = '${MEMBERS[1]}@example.org'`);
  const early = await call('PUT', `/api/v1/events/${later.id}/attendance/${id1}`, 'advisor', { attended: true });
  assert.equal(early.status, 409);
  assert.equal(early.json.code, 'error.event.attendance_early');

  const soon = nowSeconds() + 1800;
  const event = await createEvent({ start: utc(soon), end: utc(soon + 3600) });
  assert.equal((await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[1])).status, 201);
  assert.equal((await call('PUT', `/api/v1/events/${event.id}/attendance/${id1}`, 'advisor', { attended: true })).status, 204);
  const id2 = sql(`SELECT id FROM accounts WHERE email = '${MEMBERS[2]}@example.org'`);
  assert.equal((await call('PUT', `/api/v1/events/${event.id}/attendance/${id2}`, 'advisor', { attended: true })).status, 404);
  assert.equal((await call('PUT', `/api/v1/events/${event.id}/attendance/${id1}`, 'advisor', { attended: 'yes' })).status, 422);
  assert.equal((await call('PUT', `/api/v1/events/${event.id}/attendance/${id1}`, 'member', { attended: false })).status, 403);
  const list = await call('GET', `/api/v1/events/${event.id}/registrations`, 'advisor');
  assert.equal(list.json.items[0].attended, true);

  // An event that has started takes no registration and no cancellation.
  const started = await createEvent({ start: utc(nowSeconds() - 600), end: utc(nowSeconds() + 3000) });
  const late = await call('POST', `/api/v1/events/${started.id}/registrations`, MEMBERS[1]);
  assert.equal(late.status, 409);
  assert.equal(late.json.code, 'error.event.started');
});

test('an advisor cancels an event: everyone registered or in line is told, and it takes nobody more', async () => {
  const event = await createEvent({ capacity: 1 });
  await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[3]);
  await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[4]);
  const [m3, m4] = [mailsTo(MEMBERS[3], 'club_cancelled'), mailsTo(MEMBERS[4], 'club_cancelled')];
  assert.equal((await call('PATCH', `/api/v1/events/${event.id}`, 'member', { cancelled: true })).status, 403);
  const r = await call('PATCH', `/api/v1/events/${event.id}`, 'advisor', { cancelled: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.cancelled, true);
  assert.equal(mailsTo(MEMBERS[3], 'club_cancelled'), m3 + 1);
  assert.equal(mailsTo(MEMBERS[4], 'club_cancelled'), m4 + 1);
  const refused = await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[5]);
  assert.equal(refused.status, 409);
  assert.match((await call('GET', `/events/${event.id}/calendar.ics`)).text, /STATUS:CANCELLED/);
  assert.ok(!(await call('GET', '/api/v1/events', 'member')).json.items.some((e) => e.id === event.id), 'members see cancelled events no more');
  assert.ok((await call('GET', '/api/v1/events', 'advisor')).json.items.some((e) => e.id === event.id && e.cancelled));
});

test('more seats move the waitlist up; fewer seats take nobody\'s', async () => {
  const event = await createEvent({ capacity: 1 });
  const told = mailsTo(MEMBERS[6], 'club_promoted');
  for (const who of MEMBERS.slice(5, 9)) await call('POST', `/api/v1/events/${event.id}/registrations`, who);
  const more = await call('PATCH', `/api/v1/events/${event.id}`, 'advisor', { capacity: 3 });
  assert.equal(more.status, 200, more.text);
  assert.equal(more.json.registered, 3);
  assert.equal(more.json.waitlisted, 1);
  assert.equal(mailsTo(MEMBERS[6], 'club_promoted'), told + 1);
  const fewer = await call('PATCH', `/api/v1/events/${event.id}`, 'advisor', { capacity: 1 });
  assert.equal(fewer.json.registered, 3, 'seats given are kept');
  assert.equal((await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[9])).json.status, 'waitlisted');
  assert.equal((await call('PATCH', `/api/v1/events/${event.id}`, 'advisor', { capacity: 0 })).status, 422);
  assert.equal((await call('PATCH', `/api/v1/events/${event.id}`, 'advisor', { cancelled: false })).status, 422);
});

test('a monthly series: the same weekday of the same week, each occurrence with its own seats', async () => {
  // The first Tuesday two months from now.
  let day = addDays(today(), 40);
  while (Number(day.slice(8)) > 7 || weekday(day) !== 2) day = addDays(day, 1);
  const r = await call('POST', '/api/v1/events', 'advisor', {
    title: 'Club mensuel', place: 'Télécentre', start: at(day, '18:00'), end: at(day, '20:00'), capacity: 30, occurrences: 4,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items.length, 4);
  assert.ok(r.json.items.every((e) => e.series && e.series === r.json.items[0].series));
  for (const e of r.json.items) {
    const local = dayAt(Date.parse(e.start) / 1000);
    assert.equal(weekday(local), 2, e.start);
    assert.ok(Number(local.slice(8)) <= 7, `${e.start} is a first Tuesday`);
    assert.match(e.start, /T18:00:00[+-]\d\d:\d\d$/, 'the same wall-clock hour across daylight saving');
  }
  await call('POST', `/api/v1/events/${r.json.items[1].id}/registrations`, MEMBERS[0]);
  assert.equal((await call('GET', `/api/v1/events/${r.json.items[2].id}`)).json.registered, 0);
});

test('every bad input is refused with its field, and nothing is stored', async () => {
  const count = () => sql('SELECT COUNT(*) FROM club_events');
  const before = count();
  const day = addDays(today(), 12);
  const good = { title: 'Atelier', place: 'Mairie', start: at(day, '10:00'), end: at(day, '12:00'), capacity: 10 };
  const cases = [
    [{ ...good, title: '' }, 'title'], [{ ...good, title: 'a\r\nBcc: x@example.org' }, 'title'], [{ ...good, title: 'x'.repeat(121) }, 'title'],
    [{ ...good, title: 'nul\u0000' }, 'title'], [{ ...good, place: '' }, 'place'], [{ ...good, site_id: 999999 }, 'site_id'],
    [{ ...good, end: at(day, '09:00') }, 'end'], [{ ...good, end: at(addDays(day, 5), '09:00') }, 'end'],
    [{ ...good, start: '2027-02-30T10:00:00Z' }, 'start'], [{ ...good, start: 'demain' }, 'start'],
    [{ ...good, capacity: 0 }, 'capacity'], [{ ...good, capacity: 5001 }, 'capacity'], [{ ...good, capacity: 'ten' }, 'capacity'],
    [{ ...good, occurrences: 25 }, 'occurrences'], [{ ...good, occurrences: 0 }, 'occurrences'], [{ ...good, theme: 'x'.repeat(2001) }, 'theme'],
  ];
  for (const [body, field] of cases) {
    const r = await call('POST', '/api/v1/events', 'advisor', body);
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${r.text}`);
  }
  assert.equal((await call('POST', '/api/v1/events', 'advisor', undefined, '{not json')).status, 400);
  assert.equal((await call('POST', '/api/v1/events', 'advisor', undefined, '[1]')).status, 400);
  assert.equal((await call('POST', '/api/v1/events', 'member', good)).status, 403);
  assert.equal((await call('POST', '/api/v1/events', undefined, good)).status, 401);
  assert.equal(count(), before);

  for (const path of ['/api/v1/events/abc', '/api/v1/events/-1', '/api/v1/events/99999999', '/api/v1/events/1%00']) {
    assert.equal((await call('GET', path)).status, 404, path);
  }
  assert.equal((await call('POST', '/api/v1/events/99999999/registrations', 'member')).status, 404);
  const page = await new Browserless(server.url).get('/events/99999999');
  assert.equal(page.status, 404);
});

test('markup in a title is shown as text, and the HTML flow registers and cancels', async () => {
  const event = await createEvent({ title: '<script>alert(1)</script> Apéro', capacity: 1 });
  const anonymous = await (await new Browserless(server.url).get(`/events/${event.id}`)).text();
  assert.match(anonymous, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Apéro/);
  assert.doesNotMatch(anonymous, /<script>alert/);
  assert.match(anonymous, /0 \/ 1/);
  assert.match(anonymous, /\/login\?next=\/events\//);

  const first = new Browserless(server.url);
  await first.login(`${MEMBERS[10]}@example.org`);
  const r = await first.submit(`/events/${event.id}`, `/events/${event.id}/register`, {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/events/${event.id}?done=registered`);
  const second = new Browserless(server.url);
  await second.login(`${MEMBERS[11]}@example.org`);
  const w = await second.submit(`/events/${event.id}`, `/events/${event.id}/register`, {});
  assert.equal(w.headers.get('location'), `/events/${event.id}?done=waitlisted`);
  assert.match(await (await second.get(`/events/${event.id}`)).text(), /id="my-seat">Vous êtes sur la liste/);
  await first.submit(`/events/${event.id}`, `/events/${event.id}/unregister`, {});
  assert.match(await (await second.get(`/events/${event.id}`)).text(), /id="my-seat">Vous êtes inscrit/);
  // Without the form's token, nothing happens.
  const forged = await second.request('POST', `/events/${event.id}/unregister`, { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(forged.status, 403);
});

test('reminders of the day before are queued once, for registered people only', async () => {
  const soon = nowSeconds() + 20 * 3600;
  const event = await createEvent({ start: utc(soon), end: utc(soon + 7200), capacity: 1 });
  await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[12]);
  await call('POST', `/api/v1/events/${event.id}/registrations`, MEMBERS[13]);
  const far = await createEvent({ capacity: 5 });
  await call('POST', `/api/v1/events/${far.id}/registrations`, MEMBERS[12]);
  // Nothing listens on port 9 of the loopback: the reminders are queued, their delivery waits.
  const send = () => cli(['mail', 'send-pending', '--db', server.db.url, '--smtp-url', 'smtp://127.0.0.1:9', '--mail-from', 'club@example.org']);
  const first = send();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /scheduled mail: \d+ queued/);
  assert.equal(mailsTo(MEMBERS[12], 'club_reminder'), 1);
  assert.equal(mailsTo(MEMBERS[13], 'club_reminder'), 0, 'the waitlist gets no reminder');
  assert.doesNotMatch(send().stdout, /scheduled mail/);
  assert.equal(mailsTo(MEMBERS[12], 'club_reminder'), 1, 'once');
});

test('a member who deletes the account gives the seat to the first in line, who is told', async () => {
  for (const who of ['partante', 'suivante']) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--name', who, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, `${who}@example.org`);
  }
  const event = await createEvent({ capacity: 1 });
  assert.equal((await call('POST', `/api/v1/events/${event.id}/registrations`, 'partante')).json.status, 'registered');
  assert.equal((await call('POST', `/api/v1/events/${event.id}/registrations`, 'suivante')).json.status, 'waitlisted');
  const b = new Browserless(server.url);
  await b.login('partante@example.org');
  const deleted = await b.submit('/account', '/account/delete', { password: PASSWORD });
  assert.equal(deleted.status, 303, await deleted.text());
  const mine = await call('GET', `/api/v1/events`, 'suivante');
  const after = mine.json.items.find((e) => e.id === event.id);
  assert.equal(after.registered, 1);
  assert.equal(after.waitlisted, 0);
  assert.equal(mailsTo('suivante', 'club_promoted'), 1);
});

test('a member sees their own registrations: ?mine=1 and the list at the top of the page', async () => {
  const [a, b] = [MEMBERS[12], MEMBERS[13]];
  const full = await createEvent({ capacity: 1, title: 'Atelier complet des miens' });
  const other = await createEvent({ title: 'Soirée sans moi' });
  assert.equal((await call('POST', `/api/v1/events/${full.id}/registrations`, b)).status, 201);
  assert.equal((await call('POST', `/api/v1/events/${full.id}/registrations`, a)).json.status, 'waitlisted');
  const mine = await call('GET', '/api/v1/events?mine=1', a);
  assert.equal(mine.status, 200);
  assert.ok(mine.json.items.some((e) => e.id === full.id && e.my_status === 'waitlisted'));
  assert.ok(!mine.json.items.some((e) => e.id === other.id));
  assert.ok(mine.json.items.every((e) => ['registered', 'waitlisted'].includes(e.my_status)));
  assert.equal((await call('GET', '/api/v1/events?mine=1')).status, 401);
  const page = new Browserless(server.url);
  await page.login(`${a}@example.org`);
  const html = await (await page.get('/events')).text();
  const section = html.slice(html.indexOf('id="my-events"'), html.indexOf('</ul>', html.indexOf('id="my-events"')));
  assert.match(section, /Atelier complet des miens/);
  assert.doesNotMatch(section, /Soirée sans moi/);
  assert.doesNotMatch(await (await fetch(server.url + '/events')).text(), /id="my-events"/, 'nobody\'s list for a visitor');
});
