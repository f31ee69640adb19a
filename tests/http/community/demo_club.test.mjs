// The demo programme's club and newsletters: a monthly series, a workshop already full where the demo member
// joins the waiting list, and a past evening; every event marked as demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, launch, tokenFor } from '../../lib/harness.mjs';
import { dayAt, weekday } from '../../lib/calendar.mjs';

let server;
let accounts;

before(async () => {
  const demo = demoDatabase();
  accounts = demo.accounts;
  server = await launch(demo.db);
});
after(async () => { await server?.close(); });

test('the demo club has its events, one of them full, all marked as demo', async () => {
  const token = await tokenFor(server, accounts.member.email, accounts.member.password);
  const headers = { authorization: `Bearer ${token}` };
  const { items } = await (await fetch(`${server.url}/api/v1/events`, { headers })).json();
  assert.ok(items.length >= 6, JSON.stringify(items));
  assert.ok(items.every((e) => e.demo && / \(démo\)$/.test(e.title)));
  const monthly = items.filter((e) => e.title === 'Club des Soho Solos (démo)');
  assert.ok(monthly.length >= 5);
  for (const e of monthly) {
    const day = dayAt(Date.parse(e.start) / 1000);
    assert.equal(weekday(day), 4, `${e.start} is a Thursday`);
    assert.ok(Number(day.slice(8)) <= 7, `${e.start} is the first Thursday`);
  }
  const full = items.find((e) => e.registered >= e.capacity);
  assert.ok(full, 'one event is full');
  const joined = await fetch(`${server.url}/api/v1/events/${full.id}/registrations`, { method: 'POST', headers });
  assert.equal(joined.status, 201);
  assert.equal((await joined.json()).status, 'waitlisted');

  const past = await (await fetch(`${server.url}/api/v1/events?when=past`)).json();
  assert.ok(past.items.some((e) => e.title === "Soirée d'accueil des nouveaux arrivants (démo)" && e.registered > 0));
});

test('the demo archive has a past public newsletter, marked as demo', async () => {
  const { items } = await (await fetch(`${server.url}/api/v1/newsletters`)).json();
  const demo = items.find((n) => n.demo);
  assert.ok(demo, JSON.stringify(items));
  assert.match(demo.subject, /\(démo\)$/);
  assert.ok(Date.parse(demo.sent_at) < Date.now() - 86400000);
  const page = await (await fetch(`${server.url}/newsletters/${demo.id}`)).text();
  assert.match(page, /<strong>trois foyers<\/strong>/);
});

test('the demo board has published posts, marked as demo', async () => {
  const token = await tokenFor(server, accounts.member.email, accounts.member.password);
  const { items } = await (await fetch(`${server.url}/api/v1/board`, { headers: { authorization: `Bearer ${token}` } })).json();
  assert.ok(items.length >= 3, JSON.stringify(items));
  assert.ok(items.every((p) => p.demo && / \(démo\)$/.test(p.title) && p.state === 'published'));
});
