// The telework amendment of a salaried newcomer's file: every required field named when
// missing, versions kept, the ODT read back (a zip whose content.xml holds the clauses, the
// uncompressed mimetype first) and the PDF's text read by pdftotext; staff only, per programme;
// what the worst client sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browserless, HostClient, PASSWORD, cli, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, today } from '../../lib/calendar.mjs';

let server;
let dir;
const tokens = {};

async function call(method, path, who, body) {
  const headers = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json;
  try { json = JSON.parse(bytes.toString('utf8')); } catch { json = undefined; }
  return { status: res.status, json, text: bytes.toString('utf8'), bytes, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

function tool(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function saved(name, bytes) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const START = addDays(today(), 30);
const complete = (extra = {}) => ({
  employer_name: 'Aérospatiale du Sud SAS', employer_address: '12 allée des Avions, 31700 Blagnac',
  employer_representative: 'Mme Anne Durand, directrice des ressources humaines',
  employee_name: 'Julien Dubois', employee_job: 'Ingénieur logiciel', agreement: 'Accord d’entreprise sur le télétravail du 3 mars 2025',
  start_day: START, home_address: '4 chemin du Moulin, 32190 Vic-Fezensac', days: ['thu', 'mon'],
  contact_hours: '9 h 30 – 12 h et 14 h – 17 h', equipment: 'Un ordinateur portable, un écran et un casque',
  costs: 'Une allocation forfaitaire de 30 € par mois', adaptation_months: 3, notice_days: 30, ...extra,
});

let fileId;
let otherId;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amendments-'));
  server = await startServer({ programmes: [{ slug: 'lot', name: 'Soho Solo Lot', hosts: ['lot.localhost'] }] });
  for (const who of ['advisor', 'admin', 'member']) tokens[who] = await tokenFor(server, `${who}@example.org`);
  fileId = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Julien Dubois', status: 'salaried', employer: 'Aérospatiale du Sud SAS' })).json.id;
  otherId = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Claire Libérale', status: 'independent' })).json.id;
});
after(async () => { await server?.close(); rmSync(dir, { recursive: true, force: true }); });

test('every required field is named when missing, and nothing is stored', async () => {
  const r = await call('POST', `/api/v1/journeys/${fileId}/amendments`, 'advisor', {});
  assert.equal(r.status, 422, r.text);
  const fields = r.json.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['contact_hours', 'costs', 'days', 'employee_job', 'employee_name', 'employer_address',
    'employer_name', 'employer_representative', 'equipment', 'home_address', 'start_day'].sort());
  for (const [body, field] of [
    [complete({ start_day: '2027-02-30' }), 'start_day'],
    [complete({ days: ['sun'] }), 'days'],
    [complete({ days: 'mon' }), 'days'],
    [complete({ adaptation_months: 13 }), 'adaptation_months'],
    [complete({ notice_days: -1 }), 'notice_days'],
    [complete({ notice_days: '30' }), 'notice_days'],
    [complete({ employer_name: 'ACME\r\nBcc: x@example.org' }), 'employer_name'],
    [complete({ employee_name: 'x'.repeat(301) }), 'employee_name'],
    [complete({ costs: 'x\u0000y' }), 'costs'],
    [complete({ site_id: 999999 }), 'site_id'],
    [complete({ home_address: '' }), 'home_address'],
  ]) {
    const bad = await call('POST', `/api/v1/journeys/${fileId}/amendments`, 'advisor', body);
    assert.equal(bad.status, 422, `${JSON.stringify(body).slice(0, 80)}: ${bad.text}`);
    assert.ok(bad.json.errors.some((e) => e.field === field), `${field}: ${bad.text}`);
  }
  const malformed = await fetch(`${server.url}/api/v1/journeys/${fileId}/amendments`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.advisor}`, 'content-type': 'application/json' }, body: '{"employer_name": ',
  });
  assert.equal(malformed.status, 400);
  assert.deepEqual((await call('GET', `/api/v1/journeys/${fileId}/amendments`, 'advisor')).json.items, []);
  assert.equal((await call('GET', `/journeys/${fileId}/amendment.pdf`, 'advisor')).status, 404, 'no version yet');
});

test('only a salaried teleworker\'s file has an amendment', async () => {
  const r = await call('POST', `/api/v1/journeys/${otherId}/amendments`, 'advisor', complete());
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.detail ?? r.json.title, /salari/);
});

test('versions are kept; the PDF and the ODT hold the clauses with the form\'s facts', async () => {
  const site = await call('POST', '/api/v1/sites', 'advisor', {
    name: 'Télécentre de Vic', kind: 'telecentre', address: '1 place de la Mairie, 32190 Vic-Fezensac',
    opening_hours: [{ weekday: 1, opens: '08:00', closes: '18:00' }],
  });
  assert.equal(site.status, 201, site.text);
  const first = await call('POST', `/api/v1/journeys/${fileId}/amendments`, 'advisor', complete());
  assert.equal(first.status, 201, first.text);
  const version1 = first.json.version;
  const second = await call('POST', `/api/v1/journeys/${fileId}/amendments`, 'admin', complete({ site_id: site.json.id, days: ['tue', 'mon', 'tue'], monitoring: 'Aucun logiciel de suivi ; un point hebdomadaire' }));
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.version, version1 + 1);
  assert.deepEqual(second.json.fields.days, ['mon', 'tue'], 'in the week\'s order, once each');
  assert.match(second.json.fields.site, /Télécentre de Vic/);

  const list = await call('GET', `/api/v1/journeys/${fileId}/amendments`, 'advisor');
  assert.deepEqual(list.json.items.map((v) => v.version), [version1 + 1, version1], 'newest first');
  const exported = await call('GET', `/api/v1/journeys/${fileId}/export`, 'advisor');
  assert.deepEqual(exported.json.amendments.slice(0, 2).map((v) => [v.version, v.fields.days]), [[version1 + 1, ['mon', 'tue']], [version1, first.json.fields.days]],
    'the newcomer\'s export holds every version with its fields');

  // The latest version's PDF, as pdftotext reads it.
  const pdf = await call('GET', `/journeys/${fileId}/amendment.pdf`, 'advisor');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  assert.match(pdf.disposition, /avenant-teletravail-\d+-v\d+\.pdf/);
  const text = tool('pdftotext', [saved('latest.pdf', pdf.bytes), '-']).replace(/\s+/g, ' ');
  for (const expected of ['Avenant au contrat de travail — télétravail', `Version ${version1 + 1}`, 'Aérospatiale du Sud SAS',
    'Julien Dubois', 'lundi et mardi', 'Télécentre de Vic', '9 h 30 – 12 h et 14 h – 17 h', '30 € par mois', 'un point hebdomadaire',
    'L1222-9', 'L1222-10', 'L1222-11', 'ANI du 19 juillet 2005', 'ANI du 26 novembre 2020', 'droit à la déconnexion',
    'accident du travail', 'mêmes droits', 'Réversibilité', 'délai de prévenance de 30 jours', START.split('-').reverse().join('/')]) {
    assert.ok(text.includes(expected), `the PDF says ${expected}`);
  }

  // The first version is still there, as it was.
  const old = await call('GET', `/journeys/${fileId}/amendment.odt?version=${version1}`, 'advisor');
  assert.equal(old.status, 200);
  assert.equal(old.type, 'application/vnd.oasis.opendocument.text');
  const odt = saved('v1.odt', old.bytes);
  const listing = tool('unzip', ['-Z1', odt]).trim().split('\n');
  assert.equal(listing[0], 'mimetype', 'the mimetype comes first');
  for (const part of ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']) assert.ok(listing.includes(part), part);
  assert.equal(old.bytes.subarray(30, 38).toString(), 'mimetype', 'stored, not compressed, at the start');
  assert.equal(tool('unzip', ['-p', odt, 'mimetype']), 'application/vnd.oasis.opendocument.text');
  for (const part of ['content.xml', 'styles.xml', 'META-INF/manifest.xml']) {
    const xml = spawnSync('sh', ['-c', `unzip -p "${odt}" "${part}" | xmllint --noout -`], { encoding: 'utf8' });
    assert.equal(xml.status, 0, `${part} is well-formed XML: ${xml.stderr}`);
  }
  const content = tool('unzip', ['-p', odt, 'content.xml']);
  assert.match(content, /<office:document-content/);
  for (const expected of [`Version ${version1} `, 'lundi et jeudi', '4 chemin du Moulin', 'Article 12 — Réversibilité', 'L1222-10, 3°']) {
    assert.ok(content.includes(expected), `the ODT says ${expected}`);
  }
  assert.ok(!content.includes('Télécentre de Vic'), 'version 1 had no site');
  assert.match(tool('unzip', ['-p', odt, 'META-INF/manifest.xml']), /content\.xml/);
  assert.equal((await call('GET', `/journeys/${fileId}/amendment.odt?version=99`, 'advisor')).status, 404);
  assert.equal((await call('GET', `/journeys/${fileId}/amendment.odt?version=x`, 'advisor')).status, 404);

  const history = await call('GET', `/api/v1/journeys/${fileId}/history`, 'advisor');
  assert.ok(history.json.items.some((h) => h.detail === `amendment v${version1 + 1}`), 'in the file\'s history');
});

test('markup stays text in the page and the document; two generations at once make two versions', async () => {
  const made = await call('POST', `/api/v1/journeys/${fileId}/amendments`, 'advisor', complete({ employer_name: '<b>ACME</b> & fils' }));
  assert.equal(made.status, 201, made.text);
  const odt = saved('markup.odt', (await call('GET', `/journeys/${fileId}/amendment.odt`, 'advisor')).bytes);
  const content = tool('unzip', ['-p', odt, 'content.xml']);
  assert.ok(content.includes('&lt;b&gt;ACME&lt;/b&gt; &amp; fils'), 'escaped in content.xml');
  const browser = new Browserless(server.url);
  await browser.login('advisor@example.org');
  const page = await (await browser.get(`/journeys/${fileId}/amendment`)).text();
  assert.ok(page.includes('&lt;b&gt;ACME&lt;/b&gt;'), 'the form shows the latest version, escaped');
  assert.ok(!page.includes('<b>ACME</b>'));

  const before = (await call('GET', `/api/v1/journeys/${fileId}/amendments`, 'advisor')).json.items.length;
  const both = await Promise.all([1, 2].map(() => call('POST', `/api/v1/journeys/${fileId}/amendments`, 'advisor', complete())));
  assert.deepEqual(both.map((r) => r.status), [201, 201], both.map((r) => r.text).join(' '));
  assert.notEqual(both[0].json.version, both[1].json.version);
  assert.equal((await call('GET', `/api/v1/journeys/${fileId}/amendments`, 'advisor')).json.items.length, before + 2);
});

test('the form on the file: prefilled, every missing field named beside it, then a new version', async () => {
  const fresh = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Inès Forme', status: 'salaried', employer: 'Banque du Gers' })).json.id;
  const browser = new Browserless(server.url);
  await browser.login('advisor@example.org');
  const file = await (await browser.get(`/journeys/${fresh}`)).text();
  assert.match(file, new RegExp(`href="/journeys/${fresh}/amendment"`), 'the file links to its amendment');
  const form = await (await browser.get(`/journeys/${fresh}/amendment`)).text();
  assert.match(form, /name="employee_name"[^>]*value="Inès Forme"/);
  assert.match(form, /name="employer_name"[^>]*value="Banque du Gers"/);
  const refused = await browser.submit(`/journeys/${fresh}/amendment`, `/journeys/${fresh}/amendment`, { employee_name: 'Inès Forme' });
  assert.equal(refused.status, 422);
  const page = await refused.text();
  for (const field of ['employer_name', 'employer_address', 'start_day', 'contact_hours', 'equipment', 'costs']) {
    assert.match(page, new RegExp(`id="${field}-error"`), `${field} is named`);
  }
  assert.match(page, /id="days-error"/);
  const fields = complete();
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'days') for (const d of v) body.append('days', d);
    else body.append(k, String(v));
  }
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
  body.append('_csrf', csrf);
  const done = await browser.request('POST', `/journeys/${fresh}/amendment`, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(done.status, 303, await done.text());
  assert.match(done.headers.get('location'), /amendment\?saved=1$/);
  const after = await (await browser.get(`/journeys/${fresh}/amendment?saved=1`)).text();
  assert.match(after, new RegExp(`href="/journeys/${fresh}/amendment.pdf\\?version=1"`));
});

test('staff only, and only their programme\'s files; deleted with the file', async () => {
  for (const path of [`/api/v1/journeys/${fileId}/amendments`, `/journeys/${fileId}/amendment.odt`, `/journeys/${fileId}/amendment.pdf`]) {
    assert.equal((await call('GET', path, 'member')).status, 403, path);
    const anonymous = await fetch(server.url + path, { redirect: 'manual' });
    assert.ok([401, 302, 303].includes(anonymous.status), `${path}: ${anonymous.status}`);
    assert.notEqual(anonymous.headers.get('content-type'), 'application/pdf');
  }
  assert.equal((await call('POST', `/api/v1/journeys/${fileId}/amendments`, 'member', complete())).status, 403);
  const lot = cli(['user', 'add', 'lot-amendments@example.org', '--role', 'advisor', '--programme', 'lot', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(lot.status, 0, lot.stderr);
  const client = new HostClient(server.url, 'lot.localhost');
  const token = JSON.parse(await (await client.request('POST', '/api/v1/tokens', {
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lot-amendments@example.org', password: PASSWORD }),
  })).text()).token;
  const auth = { authorization: `Bearer ${token}` };
  assert.equal((await client.request('GET', `/journeys/${fileId}/amendment.pdf`, { headers: auth })).status, 404);
  assert.equal((await client.request('GET', `/api/v1/journeys/${fileId}/amendments`, { headers: auth })).status, 404);
  const posted = await client.request('POST', `/api/v1/journeys/${fileId}/amendments`, { headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(complete()) });
  assert.equal(posted.status, 404);

  const gone = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'À effacer', status: 'salaried' })).json.id;
  assert.equal((await call('POST', `/api/v1/journeys/${gone}/amendments`, 'advisor', complete())).status, 201);
  assert.equal((await call('DELETE', `/api/v1/journeys/${gone}`, 'advisor')).status, 204);
  assert.equal((await call('GET', `/journeys/${gone}/amendment.pdf`, 'advisor')).status, 404);
});
