// "Ask to be accompanied": anonymous visitors send the form (CSRF double-submit token, honeypot,
// at most five requests an hour per address); the request is stored, advisors are told through
// the outbox, see it on a page and through the API, and mark it handled. On the demo database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, runSql } from '../../lib/harness.mjs';
import { nowSeconds } from '../../lib/calendar.mjs';
import { LOT, SKIP, call, startVillagesServer, token } from '../../lib/villages.mjs';

const NEEDS = 'min_mbps=8&max_km_to_workspace=15&housing=rent&budget_eur=700&household_size=3';
let server, accounts, advisor;

before(async () => {
  if (SKIP) return;
  ({ server, accounts } = await startVillagesServer());
  advisor = await token(server, accounts.advisor.email, accounts.advisor.password);
});
after(async () => { await server?.close(); });

const requests = async () => {
  const r = await call(server, 'GET', '/api/v1/accompaniment-requests', { token: advisor });
  assert.equal(r.status, 200, r.text);
  return r.json.items;
};

/**
 * A request written straight into the database two hours ago (so that it does not count towards
 * the hourly limit of the loopback address every test shares); returns its id.
 */
function seedRequest(name) {
  const t = nowSeconds() - 7200;
  return Number(runSql(server.db.url, `INSERT INTO accompaniment_requests (programme_id, commune_code, name, email, message, client_address, created_at)
    SELECT id, '32147', '${name}', 'graine@example.org', 'Posée en base', '127.0.0.1', ${t} FROM programmes WHERE slug = 'gers' RETURNING id`).out);
}

const FORM = `/accompagnement?village=32147&needs=${encodeURIComponent(NEEDS)}`;
const good = (extra = {}) => ({
  name: 'Léa Martin', email: 'lea@example.org', phone: '+33 6 12 34 56 78',
  message: 'Nous voulons nous installer avec nos deux enfants.', village: '32147', needs: NEEDS, website: '', ...extra,
});

test('a visitor sends a request; advisors see it and are told through the outbox', { skip: SKIP }, async () => {
  const visitor = new Browserless(server.url);
  const form = await (await visitor.get(FORM)).text();
  assert.match(form, /Votre demande concerne :[^<]*<a href="\/villages\/32147">Gimont<\/a>/);
  assert.match(form, /Taille du foyer : 3/, 'the needs carried over are shown');
  const sent = await visitor.submit(FORM, '/accompagnement', good());
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get('location'), '/accompagnement/merci?village=32147');
  const thanks = await visitor.get(sent.headers.get('location'));
  assert.equal(thanks.status, 200);
  assert.match(await thanks.text(), /Votre demande est enregistrée/);

  const [r] = await requests();
  assert.equal(r.name, 'Léa Martin');
  assert.equal(r.email, 'lea@example.org');
  assert.equal(r.village, '32147');
  assert.equal(r.needs, NEEDS);
  assert.equal(r.status, 'new');
  assert.equal(r.handled_by, null);
  assert.match(r.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);

  const admin = new Browserless(server.url);
  await admin.login(accounts.admin.email, accounts.admin.password);
  const outbox = await (await admin.get('/admin')).text();
  assert.match(outbox, /Demande d(&#39;|&apos;|')accompagnement : Léa Martin, Gimont \(32147\)/);
  assert.match(outbox, new RegExp(accounts.advisor.email.replace('.', '\\.')));
});

test('without the CSRF token nothing is stored', { skip: SKIP }, async () => {
  const count = (await requests()).length;
  const res = await fetch(server.url + '/accompagnement', {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(good()).toString(),
  });
  assert.equal(res.status, 403);
  assert.equal((await requests()).length, count);
});

test('each bad input is refused with its message and stores nothing', { skip: SKIP }, async () => {
  const count = (await requests()).length;
  const visitor = new Browserless(server.url);
  for (const [extra, field, message] of [
    [{ name: '' }, 'name', /Nom : Ce champ est obligatoire/],
    [{ name: 'Léa\r\nBcc: x@example.org' }, 'name', /Une seule ligne/],
    [{ email: 'lea-at-example' }, 'email', /Adresse e-mail invalide/],
    [{ email: '' }, 'email', /E-mail : Ce champ est obligatoire/],
    [{ phone: 'appelez-moi' }, 'phone', /Numéro de téléphone invalide/],
    [{ message: '   ' }, 'message', /Message : Ce champ est obligatoire/],
    [{ message: 'x'.repeat(4001) }, 'message', /Ce texte est trop long/],
    [{ village: '99999' }, 'village', /Village inconnu/],
    [{ website: 'http://spam.example' }, 'website', /un champ caché a été rempli/],
  ]) {
    const res = await visitor.submit(FORM, '/accompagnement', good(extra));
    assert.equal(res.status, 422, `${field}`);
    const html = await res.text();
    assert.match(html, message, field);
    assert.match(html, new RegExp(`data-field="${field}"`), field);
    // What the visitor typed is kept (except what was refused).
    if (field !== 'name') assert.match(html, /value="Léa Martin"/);
  }
  assert.equal((await requests()).length, count);
});

test('advisors mark a request handled, on the page; the API says who', { skip: SKIP }, async () => {
  const id = seedRequest('Noé Traité');
  const b = new Browserless(server.url);
  await b.login(accounts.advisor.email, accounts.advisor.password);
  const page = await (await b.get('/demandes')).text();
  assert.match(page, /Nouvelles demandes/);
  assert.match(page, /Noé Traité/);
  const r = (await requests()).find((x) => x.id === id);
  const res = await b.submit('/demandes', `/demandes/${r.id}/traitee`, {});
  assert.equal(res.status, 303);
  const handled = (await requests()).find((x) => x.id === id);
  assert.equal(handled.status, 'handled');
  assert.equal(typeof handled.handled_by.name, 'string');
  assert.ok(handled.handled_by.name.length > 0);
  assert.match(await (await b.get('/demandes')).text(), new RegExp(`${handled.handled_by.name}, `));
  const again = await call(server, 'POST', `/api/v1/accompaniment-requests/${r.id}/handled`, { token: advisor });
  assert.equal(again.status, 409);
  assert.equal((await call(server, 'POST', '/api/v1/accompaniment-requests/999999/handled', { token: advisor })).status, 404);
});

test('only advisors and admins read requests; programmes are isolated', { skip: SKIP }, async () => {
  const member = await token(server, accounts.member.email, accounts.member.password);
  assert.equal((await call(server, 'GET', '/api/v1/accompaniment-requests', { token: member })).status, 403);
  assert.equal((await call(server, 'GET', '/api/v1/accompaniment-requests')).status, 401);
  const m = new Browserless(server.url);
  await m.login(accounts.member.email, accounts.member.password);
  assert.equal((await m.get('/demandes')).status, 403);
  const lot = await token(server, 'lot-advisor@example.org', undefined, LOT);
  const r = await call(server, 'GET', '/api/v1/accompaniment-requests', { token: lot, host: LOT });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items, []);
  const id = seedRequest('Iris Isolée');
  assert.ok((await requests()).some((x) => x.id === id));
  assert.equal((await call(server, 'POST', `/api/v1/accompaniment-requests/${id}/handled`, { token: lot, host: LOT })).status, 404);
});

test('pages of requests: cursor and limit', { skip: SKIP }, async () => {
  const handledOne = seedRequest('Hugo Vu');
  assert.equal((await call(server, 'POST', `/api/v1/accompaniment-requests/${handledOne}/handled`, { token: advisor })).status, 204);
  seedRequest('Nina Neuve');
  const bad = await call(server, 'GET', '/api/v1/accompaniment-requests?limit=0', { token: advisor });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'limit');
  assert.equal((await call(server, 'GET', '/api/v1/accompaniment-requests?cursor=x', { token: advisor })).status, 422);
  const status = await call(server, 'GET', '/api/v1/accompaniment-requests?status=lost', { token: advisor });
  assert.equal(status.status, 422);
  assert.equal(status.json.errors[0].field, 'status');
  const handled = await call(server, 'GET', '/api/v1/accompaniment-requests?status=handled', { token: advisor });
  assert.ok(handled.json.items.length > 0 && handled.json.items.every((r) => r.status === 'handled'));
  const fresh = await call(server, 'GET', '/api/v1/accompaniment-requests?status=new', { token: advisor });
  assert.ok(fresh.json.items.every((r) => r.status === 'new'));
});

test('at most five requests an hour from one address', { skip: SKIP }, async () => {
  const visitor = new Browserless(server.url);
  // Other tests may have sent some from this address in the last hour: up to five are accepted,
  // the next is refused.
  const recent = Number(runSql(server.db.url, `SELECT COUNT(*) FROM accompaniment_requests
    WHERE created_at > ${nowSeconds() - 3600}`).out);
  assert.ok(recent < 5, `${recent} requests already this hour`);
  for (let i = recent; i < 5; i++) {
    const res = await visitor.submit(FORM, '/accompagnement', good({ name: `Visiteur ${i}` }));
    assert.equal(res.status, 303, `request ${i + 1}`);
  }
  const count = (await requests()).length;
  const refused = await visitor.submit(FORM, '/accompagnement', good({ name: 'Visiteur 5' }));
  assert.equal(refused.status, 429);
  assert.equal(refused.headers.get('retry-after'), '3600');
  assert.match(await refused.text(), /Trop de demandes depuis votre adresse/);
  assert.equal((await requests()).length, count);
  // Pages of two, newest first, through the cursor.
  const first = await call(server, 'GET', '/api/v1/accompaniment-requests?limit=2', { token: advisor });
  assert.equal(first.json.items.length, 2);
  const second = await call(server, 'GET', `/api/v1/accompaniment-requests?limit=2&cursor=${first.json.next_cursor}`, { token: advisor });
  assert.ok(second.json.items[0].id < first.json.items[1].id);
  // The hour is over for this address (tests after this one send requests too).
  runSql(server.db.url, 'UPDATE accompaniment_requests SET created_at = created_at - 3600');
});
