// Site hosts, and site and resource editing by the people who run sites: advisors and admins on
// every site, site hosts on theirs only. Every bad input is refused field by field and leaves
// the site as it was. Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, tokenFor, cli, Browserless, PASSWORD } from '../../lib/harness.mjs';

let server;
const tokens = {};
const ids = {};

async function api(method, path, token, body, headers = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(server.url + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

/** The field errors of a problem document, as "field:code". */
const fieldCodes = (r) => (r.json?.errors ?? []).map((e) => `${e.field}:${e.code}`).sort();

const PNG = Uint8Array.from(Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1f9a70000000049454e44ae426082', 'hex'),
]));

before(async () => {
  server = await startServer();
  const must = (r) => assert.equal(r.status, 0, r.stderr);
  must(cli(['user', 'add', 'host2@example.org', '--role', 'site_host', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n'));
  for (const [key, email] of [['advisor', 'advisor@example.org'], ['admin', 'admin@example.org'], ['host', 'host@example.org'],
    ['host2', 'host2@example.org'], ['member', 'member@example.org']]) {
    tokens[key] = await tokenFor(server, email);
  }
  for (const key of ['host', 'host2', 'member']) {
    ids[key] = (await api('GET', '/api/v1/me', tokens[key])).json.id;
  }
  const marciac = await api('POST', '/api/v1/sites', tokens.advisor, {
    name: 'Télécentre de Marciac', kind: 'telecentre', commune_code: '32233', address: 'Place de l’Hôtel de Ville',
    latitude: 43.52, longitude: 0.156, equipment: ['WiFi', 'Imprimante'], time_zone: 'Europe/Paris',
    opening_hours: [{ weekday: 1, opens: '08:30', closes: '12:30' }, { weekday: 1, opens: '13:30', closes: '18:00' }],
  });
  assert.equal(marciac.status, 201, marciac.text);
  assert.equal(marciac.headers.get('location'), `/api/v1/sites/${marciac.json.id}`);
  ids.a = marciac.json.id;
  const auch = await api('POST', '/api/v1/sites', tokens.admin, { name: 'Coworking d’Auch', kind: 'coworking' });
  assert.equal(auch.status, 201, auch.text);
  ids.b = auch.json.id;
  assert.equal((await api('PUT', `/api/v1/sites/${ids.a}/hosts`, tokens.advisor, { account_ids: [ids.host] })).status, 200);
  assert.equal((await api('PUT', `/api/v1/sites/${ids.b}/hosts`, tokens.advisor, { account_ids: [ids.host2] })).status, 200);
});

after(async () => { await server?.close(); });

test('a created site is what the public API and pages show, equipment included', async () => {
  const site = (await api('GET', `/api/v1/sites/${ids.a}`)).json;
  assert.equal(site.name, 'Télécentre de Marciac');
  assert.equal(site.equipment, 'WiFi, Imprimante');
  assert.deepEqual(site.opening_hours, [{ weekday: 1, opens: '08:30', closes: '12:30' }, { weekday: 1, opens: '13:30', closes: '18:00' }]);
  const page = await (await fetch(server.url + '/sites')).text();
  assert.match(page, /Télécentre de Marciac/);
  const sitePage = await (await fetch(server.url + `/sites/${ids.a}`)).text();
  assert.match(sitePage, /WiFi, Imprimante/);
  assert.doesNotMatch(sitePage, /\/manage\/sites/, 'visitors get no editing link');
});

test('hosts are listed and replaced by staff only, and must hold the site host role', async () => {
  const hosts = await api('GET', `/api/v1/sites/${ids.a}/hosts`, tokens.advisor);
  assert.deepEqual(hosts.json.hosts.map((h) => h.email), ['host@example.org']);
  assert.equal((await api('PUT', `/api/v1/sites/${ids.a}/hosts`, tokens.host, { account_ids: [ids.host, ids.host2] })).status, 403);
  const member = await api('PUT', `/api/v1/sites/${ids.a}/hosts`, tokens.advisor, { account_ids: [ids.member] });
  assert.equal(member.status, 422);
  assert.deepEqual(fieldCodes(member), ['account_ids:error.siteadmin.not_a_host']);
  const notList = await api('PUT', `/api/v1/sites/${ids.a}/hosts`, tokens.advisor, { account_ids: 'all' });
  assert.deepEqual(fieldCodes(notList), ['account_ids:error.siteadmin.account_ids']);
  assert.equal((await api('PUT', '/api/v1/sites/999999/hosts', tokens.advisor, { account_ids: [] })).status, 404);
  const after = await api('GET', `/api/v1/sites/${ids.a}/hosts`, tokens.advisor);
  assert.deepEqual(after.json.hosts.map((h) => h.email), ['host@example.org'], 'refused changes changed nothing');
});

test('a host edits their own site, and gets 403 on another one and 404 on none', async () => {
  const r = await api('PATCH', `/api/v1/sites/${ids.a}`, tokens.host, {
    description: 'Deux bureaux et une salle', contact: '05 62 00 00 00',
    opening_hours: [{ weekday: 1, opens: '08:00', closes: '12:00' }, { weekday: 1, opens: '14:00', closes: '18:00' },
      { weekday: 3, opens: '09:00', closes: '17:00' }],
  });
  assert.equal(r.status, 200, r.text);
  const site = (await api('GET', `/api/v1/sites/${ids.a}`)).json;
  assert.equal(site.description, 'Deux bureaux et une salle');
  assert.equal(site.name, 'Télécentre de Marciac', 'absent fields are kept');
  assert.equal(site.opening_hours.length, 3);
  const other = await api('PATCH', `/api/v1/sites/${ids.b}`, tokens.host, { name: 'Pris' });
  assert.equal(other.status, 403);
  assert.equal((await api('GET', `/api/v1/sites/${ids.b}`)).json.name, 'Coworking d’Auch');
  assert.equal((await api('PATCH', '/api/v1/sites/999999', tokens.host, { name: 'x' })).status, 404);
  assert.equal((await api('POST', '/api/v1/sites', tokens.host, { name: 'Nouveau', kind: 'telecentre' })).status, 403);
});

test('members and visitors cannot edit', async () => {
  assert.equal((await api('PATCH', `/api/v1/sites/${ids.a}`, tokens.member, { name: 'x' })).status, 403);
  assert.equal((await api('POST', `/api/v1/sites/${ids.a}/resources`, tokens.member, { kind: 'desk', name: 'x' })).status, 403);
  assert.equal((await api('POST', '/api/v1/sites', tokens.member, { name: 'x', kind: 'coworking' })).status, 403);
  assert.equal((await api('PATCH', `/api/v1/sites/${ids.a}`, undefined, { name: 'x' })).status, 401);
  const browser = new Browserless(server.url);
  await browser.login('member@example.org');
  assert.equal((await browser.get(`/manage/sites/${ids.a}`)).status, 403);
  assert.equal((await browser.get('/manage/sites')).status, 403);
});

test('each bad site field is named and nothing is stored', async () => {
  const before = (await api('GET', `/api/v1/sites/${ids.a}`)).json;
  const cases = [
    [{ name: '' }, ['name:error.field.required']],
    [{ name: 'x'.repeat(121) }, ['name:error.field.too_long']],
    [{ name: 42 }, ['name:error.field.not_string']],
    [{ kind: 'hotel' }, ['kind:error.siteadmin.kind']],
    [{ commune_code: '3223' }, ['commune_code:error.siteadmin.commune_code']],
    [{ latitude: 95 }, ['latitude:error.siteadmin.latitude']],
    [{ longitude: -200 }, ['longitude:error.siteadmin.longitude']],
    [{ latitude: null }, ['latitude:error.siteadmin.position_pair']],
    [{ latitude: 'nord' }, ['latitude:error.field.number']],
    [{ time_zone: 'Europe/Gers' }, ['time_zone:error.siteadmin.time_zone']],
    [{ equipment: ['WiFi, fibre'] }, ['equipment:error.siteadmin.equipment_comma']],
    [{ equipment: [1, 2] }, ['equipment:error.siteadmin.equipment']],
    [{ equipment: ['x'.repeat(81)] }, ['equipment:error.siteadmin.equipment']],
    [{ opening_hours: [{ weekday: 1, opens: '08:00', closes: '12:00' }, { weekday: 1, opens: '11:00', closes: '14:00' }] },
      ['opening_hours:error.siteadmin.hours_overlap']],
    [{ opening_hours: [{ weekday: 8, opens: '08:00', closes: '12:00' }] }, ['opening_hours:error.siteadmin.hours']],
    [{ opening_hours: [{ weekday: 2, opens: '12:00', closes: '08:00' }] }, ['opening_hours:error.siteadmin.hours']],
    [{ opening_hours: [{ weekday: 2, opens: '8h', closes: '12:00' }] }, ['opening_hours:error.siteadmin.hours']],
    [{ opening_hours: 'lundi' }, ['opening_hours:error.siteadmin.hours']],
    [{ nom: 'typo' }, ['nom:error.field.unknown']],
    [{ name: '<script>alert(1)</script>', kind: 'x' }, ['kind:error.siteadmin.kind']],
  ];
  for (const [body, expected] of cases) {
    const r = await api('PATCH', `/api/v1/sites/${ids.a}`, tokens.host, body);
    assert.equal(r.status, 422, JSON.stringify(body) + ' ' + r.text);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
    assert.deepEqual(fieldCodes(r), expected, JSON.stringify(body));
  }
  for (const raw of ['{"name":', '[1,2]', 'name=x']) {
    const r = await api('PATCH', `/api/v1/sites/${ids.a}`, tokens.host, raw, { 'content-type': 'application/json' });
    assert.equal(r.status, 400, raw);
  }
  const created = await api('POST', '/api/v1/sites', tokens.advisor, { kind: 'telecentre' });
  assert.deepEqual(fieldCodes(created), ['name:error.field.required']);
  assert.deepEqual((await api('GET', `/api/v1/sites/${ids.a}`)).json, before, 'the site is unchanged');
  assert.equal((await api('GET', '/api/v1/sites')).json.items.length, 2, 'no site was created');
});

test('resources: created and edited by the site host, rules checked field by field', async () => {
  const created = await api('POST', `/api/v1/sites/${ids.a}/resources`, tokens.host, {
    kind: 'meeting_room', name: 'Salle Armagnac', capacity: 8, equipment: ['écran', 'visioconférence'], bookable: true,
    rules: { min_minutes: 60, max_minutes: 240, step_minutes: 60, horizon_days: 30, notice_minutes: 120 },
  });
  assert.equal(created.status, 201, created.text);
  ids.room = created.json.id;
  assert.equal(created.headers.get('location'), `/api/v1/resources/${ids.room}`);
  const patched = await api('PATCH', `/api/v1/resources/${ids.room}`, tokens.host, { capacity: 10, bookable: false });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.capacity, 10);
  assert.equal(patched.json.rules.step_minutes, 60, 'absent rules are kept');
  const ruled = await api('PATCH', `/api/v1/resources/${ids.room}`, tokens.host, { rules: { buffer_minutes: 15, requires_approval: true } });
  assert.equal(ruled.status, 200, ruled.text);
  assert.deepEqual([ruled.json.rules.buffer_minutes, ruled.json.rules.requires_approval, ruled.json.rules.min_minutes], [15, true, 60]);
  const unruled = await api('PATCH', `/api/v1/resources/${ids.room}`, tokens.host, { rules: { buffer_minutes: 0, requires_approval: false } });
  assert.deepEqual([unruled.json.rules.buffer_minutes, unruled.json.rules.requires_approval], [0, false]);
  const site = (await api('GET', `/api/v1/sites/${ids.a}`)).json;
  const room = site.resources.find((r) => r.id === ids.room);
  assert.equal(room.bookable, false);
  assert.equal(room.equipment, 'écran, visioconférence');

  assert.equal((await api('POST', `/api/v1/sites/${ids.b}/resources`, tokens.host, { kind: 'desk', name: 'Poste' })).status, 403);
  assert.equal((await api('POST', '/api/v1/sites/999999/resources', tokens.host, { kind: 'desk', name: 'Poste' })).status, 404);
  const other = await api('POST', `/api/v1/sites/${ids.b}/resources`, tokens.host2, { kind: 'desk', name: 'Poste 1' });
  assert.equal(other.status, 201);
  assert.equal((await api('PATCH', `/api/v1/resources/${other.json.id}`, tokens.host, { name: 'Pris' })).status, 403);
  assert.equal((await api('PATCH', '/api/v1/resources/999999', tokens.host, { name: 'x' })).status, 404);

  const cases = [
    [{ kind: 'sofa' }, ['kind:error.siteadmin.resource_kind']],
    [{ name: ' ' }, ['name:error.field.required']],
    [{ capacity: 0 }, ['capacity:error.siteadmin.capacity']],
    [{ capacity: 'huit' }, ['capacity:error.field.integer']],
    [{ bookable: 'oui' }, ['bookable:error.field.boolean']],
    [{ rules: { step_minutes: 20 } }, ['step_minutes:error.siteadmin.step']],
    [{ rules: { min_minutes: 90 } }, ['min_minutes:error.siteadmin.min_minutes']],
    [{ rules: { max_minutes: 30 } }, ['max_minutes:error.siteadmin.max_minutes']],
    [{ rules: { horizon_days: 0 } }, ['horizon_days:error.siteadmin.horizon']],
    [{ rules: { notice_minutes: -1 } }, ['notice_minutes:error.siteadmin.notice']],
    [{ rules: { buffer_minutes: -5 } }, ['buffer_minutes:error.siteadmin.buffer']],
    [{ rules: { buffer_minutes: 241 } }, ['buffer_minutes:error.siteadmin.buffer']],
    [{ rules: { buffer_minutes: 'dix' } }, ['buffer_minutes:error.field.integer']],
    [{ rules: { requires_approval: 'oui' } }, ['requires_approval:error.field.boolean']],
    [{ rules: 'strict' }, ['rules:error.siteadmin.rules']],
  ];
  const before = (await api('GET', `/api/v1/sites/${ids.a}`)).json;
  for (const [body, expected] of cases) {
    const r = await api('PATCH', `/api/v1/resources/${ids.room}`, tokens.host, body);
    assert.equal(r.status, 422, JSON.stringify(body) + ' ' + r.text);
    assert.deepEqual(fieldCodes(r), expected, JSON.stringify(body));
  }
  const missing = await api('POST', `/api/v1/sites/${ids.a}/resources`, tokens.host, { capacity: 2 });
  assert.deepEqual(fieldCodes(missing), ['kind:error.field.required', 'name:error.field.required']);
  assert.deepEqual((await api('GET', `/api/v1/sites/${ids.a}`)).json, before, 'resources are unchanged');
});

test('photo: a JPEG or PNG of at most 512 KiB, served to everyone', async () => {
  const put = await api('PUT', `/api/v1/sites/${ids.a}/photo`, tokens.host, PNG, { 'content-type': 'image/png' });
  assert.equal(put.status, 200, put.text);
  assert.match(put.json.photo_url, new RegExp(`^/sites/${ids.a}/photo\\?v=\\d+$`));
  const photo = await fetch(server.url + put.json.photo_url);
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('content-type'), 'image/png');
  assert.equal(photo.headers.get('cache-control'), 'public, max-age=86400', 'the address changes with the photo');
  assert.deepEqual(new Uint8Array(await photo.arrayBuffer()), PNG);

  const gif = await api('PUT', `/api/v1/sites/${ids.a}/photo`, tokens.host, new TextEncoder().encode('GIF89a....'), { 'content-type': 'image/gif' });
  assert.equal(gif.status, 422);
  assert.deepEqual(fieldCodes(gif), ['photo:error.siteadmin.photo_type']);
  const liar = await api('PUT', `/api/v1/sites/${ids.a}/photo`, tokens.host, PNG, { 'content-type': 'image/jpeg' });
  assert.deepEqual(fieldCodes(liar), ['photo:error.siteadmin.photo_type']);
  const big = new Uint8Array(600 * 1024);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  const large = await api('PUT', `/api/v1/sites/${ids.a}/photo`, tokens.host, big, { 'content-type': 'image/jpeg' });
  assert.equal(large.status, 413);
  assert.equal((await api('PUT', `/api/v1/sites/${ids.b}/photo`, tokens.host, PNG, { 'content-type': 'image/png' })).status, 403);
  const still = await fetch(server.url + put.json.photo_url);
  assert.deepEqual(new Uint8Array(await still.arrayBuffer()), PNG, 'refused uploads keep the photo');
  assert.equal((await fetch(server.url + `/sites/${ids.b}/photo`)).status, 404);
  // Visitors see it on the site's page and in the API; a site without a photo says null.
  assert.equal((await (await fetch(server.url + `/api/v1/sites/${ids.a}`)).json()).photo_url, put.json.photo_url);
  assert.equal((await (await fetch(server.url + `/api/v1/sites/${ids.b}`)).json()).photo_url, null);
  assert.match(await (await fetch(server.url + `/sites/${ids.a}`)).text(), new RegExp(`<img src="/sites/${ids.a}/photo[^"]*" alt="Photo de l[^"]*espace" class="site-photo"`));
  assert.doesNotMatch(await (await fetch(server.url + `/sites/${ids.b}`)).text(), /class="site-photo"/);
});

test('forms: a host edits their site, sees errors with what they typed, and is refused on another site', async () => {
  const browser = new Browserless(server.url);
  await browser.login('host@example.org');
  const list = await (await browser.get('/manage/sites')).text();
  assert.match(list, /Télécentre de Marciac/);
  assert.doesNotMatch(list, /Coworking d’Auch/);
  const sitePage = await (await browser.get(`/sites/${ids.a}`)).text();
  assert.match(sitePage, new RegExp(`href="/manage/sites/${ids.a}"`));
  assert.doesNotMatch(await (await browser.get(`/sites/${ids.b}`)).text(), /href="\/manage\/sites\//);

  const form = await (await browser.get(`/manage/sites/${ids.a}`)).text();
  assert.match(form, /name="hours_1" value="08:00-12:00, 14:00-18:00"/);
  const fields = {
    name: 'Télécentre de Marciac', kind: 'telecentre', commune_code: '32233', address: 'Place', latitude: '43.52',
    longitude: '0.156', description: 'Bureaux', contact: '', equipment: 'WiFi\nImprimante\nCafé', time_zone: 'Europe/Paris',
    hours_1: '08:00-12:00', hours_2: '8h-12h', hours_3: '', hours_4: '', hours_5: '09:00-12:00, 11:00-13:00', hours_6: '', hours_7: '',
  };
  const bad = await browser.submit(`/manage/sites/${ids.a}`, `/manage/sites/${ids.a}`, fields);
  assert.equal(bad.status, 422);
  const badPage = await bad.text();
  assert.match(badPage, /Plages attendues au format 08:30-12:30, 13:30-18:00\./);
  assert.match(badPage, /name="hours_2" value="8h-12h"/, 'the form keeps what was typed');
  assert.equal((await api('GET', `/api/v1/sites/${ids.a}`)).json.opening_hours.length, 3, 'nothing stored');

  const overlap = await browser.submit(`/manage/sites/${ids.a}`, `/manage/sites/${ids.a}`, { ...fields, hours_2: '' });
  assert.equal(overlap.status, 422);
  assert.match(await overlap.text(), /un même jour se chevauchent/);

  const ok = await browser.submit(`/manage/sites/${ids.a}`, `/manage/sites/${ids.a}`, { ...fields, hours_2: '', hours_5: '09:00-12:00, 13:00-17:30' });
  assert.equal(ok.status, 303, await ok.text());
  const site = (await api('GET', `/api/v1/sites/${ids.a}`)).json;
  assert.equal(site.equipment, 'WiFi, Imprimante, Café');
  assert.deepEqual(site.opening_hours.map((h) => `${h.weekday} ${h.opens}-${h.closes}`),
    ['1 08:00-12:00', '5 09:00-12:00', '5 13:00-17:30']);

  assert.equal((await browser.get(`/manage/sites/${ids.b}`)).status, 403);
  const stolen = await browser.submit(`/manage/sites/${ids.a}`, `/manage/sites/${ids.b}`, { ...fields, name: 'Pris' });
  assert.equal(stolen.status, 403);
  assert.equal((await browser.get('/manage/sites/new')).status, 403, 'hosts do not open sites');
  assert.equal((await browser.get(`/manage/sites/${ids.a}/hosts`)).status, 403, 'hosts do not choose hosts');

  const resource = await browser.submit(`/manage/sites/${ids.a}/resources/new`, `/manage/sites/${ids.a}/resources/new`, {
    kind: 'desk', name: 'Poste 1', capacity: 'un', equipment: '', min_minutes: '30', max_minutes: '480', step_minutes: '30',
    horizon_days: '60', notice_minutes: '0', bookable: 'on',
  });
  assert.equal(resource.status, 422);
  assert.match(await resource.text(), /Nombre entier attendu\./);
  const made = await browser.submit(`/manage/sites/${ids.a}/resources/new`, `/manage/sites/${ids.a}/resources/new`, {
    kind: 'desk', name: 'Poste 1', capacity: '1', equipment: 'écran', min_minutes: '30', max_minutes: '480', step_minutes: '30',
    horizon_days: '60', notice_minutes: '0', bookable: 'on',
  });
  assert.equal(made.status, 303);
  const poste = (await api('GET', `/api/v1/sites/${ids.a}`)).json.resources.find((r) => r.name === 'Poste 1' && r.kind === 'desk');
  assert.ok(poste);
  assert.deepEqual([poste.rules.buffer_minutes, poste.rules.requires_approval], [0, false], 'a form without them: no break, no approval');
  const edit = `/manage/resources/${poste.id}`;
  const posteFields = { kind: 'desk', name: 'Poste 1', capacity: '1', equipment: 'écran', min_minutes: '30', max_minutes: '480', step_minutes: '30',
    horizon_days: '60', notice_minutes: '0', bookable: 'on' };
  const badBuffer = await browser.submit(edit, edit, { ...posteFields, buffer_minutes: '241' });
  assert.equal(badBuffer.status, 422);
  assert.match(await badBuffer.text(), /La pause entre deux réservations doit être comprise entre 0 et 240 minutes/);
  assert.equal((await browser.submit(edit, edit, { ...posteFields, buffer_minutes: '15', requires_approval: 'on' })).status, 303);
  const ruled = (await api('GET', `/api/v1/sites/${ids.a}`)).json.resources.find((r) => r.id === poste.id);
  assert.deepEqual([ruled.rules.buffer_minutes, ruled.rules.requires_approval], [15, true]);
  const shown = await (await browser.get(edit)).text();
  assert.match(shown, /name="buffer_minutes" inputmode="numeric" value="15"/);
  assert.match(shown, /name="requires_approval" type="checkbox" checked/);
});

test('forms: the photo is uploaded as multipart with its CSRF token', async () => {
  const browser = new Browserless(server.url);
  await browser.login('host@example.org');
  const page = await (await browser.get(`/manage/sites/${ids.a}`)).text();
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
  const upload = async (token, bytes, type) => {
    const form = new FormData();
    form.append('_csrf', token);
    form.append('photo', new Blob([bytes], { type }), 'photo.png');
    return browser.request('POST', `/manage/sites/${ids.a}/photo`, { body: form });
  };
  assert.equal((await upload('wrong', PNG, 'image/png')).status, 403);
  const bad = await upload(csrf, new TextEncoder().encode('not an image'), 'image/png');
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /La photo doit être une image JPEG ou PNG\./);
  const ok = await upload(csrf, PNG, 'image/png');
  assert.equal(ok.status, 303);
  const edit = await (await browser.get(`/manage/sites/${ids.a}`)).text();
  assert.match(edit, new RegExp(`<img src="/sites/${ids.a}/photo\\?v=\\d+"`));
});

test('staff open sites from the form and choose hosts from the hosts form', async () => {
  const browser = new Browserless(server.url);
  await browser.login('advisor@example.org');
  const created = await browser.submit('/manage/sites/new', '/manage/sites/new', {
    name: 'Télécentre de Lectoure', kind: 'telecentre', commune_code: '32208', address: '', latitude: '', longitude: '',
    description: '', contact: '', equipment: '', time_zone: 'Europe/Paris', hours_1: '09:00-17:00', hours_2: '', hours_3: '',
    hours_4: '', hours_5: '', hours_6: '', hours_7: '',
  });
  assert.equal(created.status, 303, await created.text());
  const lectoure = (await api('GET', '/api/v1/sites')).json.items.find((s) => s.name === 'Télécentre de Lectoure');
  assert.ok(lectoure);
  const hostsPage = await (await browser.get(`/manage/sites/${lectoure.id}/hosts`)).text();
  assert.match(hostsPage, /host2@example\.org/);
  assert.doesNotMatch(hostsPage, /member@example\.org/, 'only site hosts are offered');
  const saved = await browser.submit(`/manage/sites/${lectoure.id}/hosts`, `/manage/sites/${lectoure.id}/hosts`, { [`host_${ids.host2}`]: 'on' });
  assert.equal(saved.status, 303);
  const hosts = await api('GET', `/api/v1/sites/${lectoure.id}/hosts`, tokens.advisor);
  assert.deepEqual(hosts.json.hosts.map((h) => h.email), ['host2@example.org']);
  assert.equal((await api('PATCH', `/api/v1/sites/${lectoure.id}`, tokens.host2, { description: 'Ouvert le lundi' })).status, 200);
});
