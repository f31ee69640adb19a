// Newcomers' files through the API and the advisors' pages: created from a request in one
// click or by an advisor, moved through the stages (dated, attributed, in the history), the
// figures computed from the settled households, and what the worst client sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, HostClient, PASSWORD, cli, runSql, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, today } from '../../lib/calendar.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let server;
const tokens = {};

async function call(method, path, who, body) {
  const headers = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

before(async () => {
  server = await startServer({ programmes: [{ slug: 'lot', name: 'Soho Solo Lot', hosts: ['lot.localhost'] }] });
  for (const who of ['advisor', 'admin', 'member']) tokens[who] = await tokenFor(server, `${who}@example.org`);
  const r = cli(['user', 'add', 'conseil2@example.org', '--role', 'advisor', '--name', 'Claire Conseil', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  tokens.advisor2 = await tokenFor(server, 'conseil2@example.org');
});
after(async () => { await server?.close(); });

const figures = async () => (await call('GET', '/api/v1/indicators')).json;

test('an advisor opens a file, moves it to settled with dated, attributed stages; the figures follow', async () => {
  const before = await figures();
  const created = await call('POST', '/api/v1/journeys', 'advisor', {
    name: 'Famille Dubois', email: 'dubois@example.org', adults: 2, children_ages: [4, 9],
    status: 'salaried', employer: 'Airbus', sector: 'J', villages: ['32013', '32147'],
  });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  assert.equal(created.json.stage, 'first_contact');
  assert.equal(created.json.residents, 4);
  assert.deepEqual(created.json.household, { adults: 2, children_ages: [4, 9] });
  for (const stage of ['information_sent', 'visit_planned', 'visit_done', 'project_validated', 'settling']) {
    const moved = await call('PATCH', `/api/v1/journeys/${id}`, 'advisor', { stage });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.stage, stage);
  }
  assert.equal((await figures()).settled_households.value, before.settled_households.value, 'not settled yet');
  const settled = await call('PATCH', `/api/v1/journeys/${id}`, 'advisor2', { stage: 'settled', settled_village: '32147' });
  assert.equal(settled.status, 200, settled.text);
  assert.equal(settled.json.settled_village, '32147');
  assert.ok(settled.json.settled_at);
  const after = await figures();
  assert.equal(after.settled_households.value, before.settled_households.value + 1);
  assert.equal(after.new_residents.value, before.new_residents.value + 4);
  assert.equal(after.digital_households.value, before.digital_households.value + 1);
  assert.match(after.new_residents.definition, /Adults and children/);
  assert.match(after.new_residents.computed_at, /^\d{4}-\d\d-\d\dT/);

  const history = await call('GET', `/api/v1/journeys/${id}/history`, 'advisor');
  const stages = history.json.items.filter((h) => h.kind === 'stage');
  assert.equal(stages.length, 6);
  assert.deepEqual(stages.at(-1), { ...stages.at(-1), by: 'Claire Conseil', from_stage: 'settling', to_stage: 'settled', detail: '32147' });
  assert.equal(history.json.items[0].kind, 'created');

  // Followed at 6 months: still counted once. Abandoned (they left): no longer counted.
  await call('PATCH', `/api/v1/journeys/${id}`, 'advisor', { stage: 'followed_6' });
  assert.equal((await figures()).settled_households.value, before.settled_households.value + 1);
  const left = await call('PATCH', `/api/v1/journeys/${id}`, 'advisor', { stage: 'abandoned', abandon_reason: 'family' });
  assert.equal(left.status, 200, left.text);
  assert.equal(left.json.settled_village, '');
  assert.equal((await figures()).settled_households.value, before.settled_households.value);
});

test('a file from an accompaniment request in one click: its contact, village and message; once only', async () => {
  const asked = await new Browserless(server.url).submit('/accompagnement', '/accompagnement', {
    name: 'Léa <b>Martin</b>', email: 'lea@example.org', phone: '06 12 34 56 78', message: 'Nous cherchons une maison.', website: '',
  });
  assert.equal(asked.status, 303, await asked.text());
  const requestId = Number(runSql(server.db.url, "SELECT MAX(id) FROM accompaniment_requests WHERE email = 'lea@example.org'").out);
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  const list = await (await advisor.get('/demandes')).text();
  assert.match(list, new RegExp(`action="/demandes/${requestId}/dossier"`));
  const opened = await advisor.submit('/demandes', `/demandes/${requestId}/dossier`, {});
  assert.equal(opened.status, 303);
  const location = opened.headers.get('location');
  assert.match(location, /^\/journeys\/\d+$/);
  const id = Number(location.split('/').pop());
  const file = (await call('GET', `/api/v1/journeys/${id}`, 'advisor')).json;
  assert.equal(file.name, 'Léa <b>Martin</b>');
  assert.equal(file.email, 'lea@example.org');
  assert.equal(file.request_id, requestId);
  assert.equal(file.advisor.name.length > 0, true);
  assert.match(file.notes, /Nous cherchons une maison\./);
  const page = await (await advisor.get(location)).text();
  assert.match(page, /Léa &lt;b&gt;Martin&lt;\/b&gt;/, 'markup stays text');
  assert.equal((await call('POST', `/api/v1/accompaniment-requests/${requestId}/journey`, 'advisor')).status, 409);
  assert.equal(runSql(server.db.url, `SELECT status FROM accompaniment_requests WHERE id = ${requestId}`).out, 'handled');
  assert.equal((await call('POST', '/api/v1/accompaniment-requests/999999/journey', 'advisor')).status, 404);
});

test('the board shows files by stage, "my files" and a search without accents; a stage moves from the page', async () => {
  const mine = await call('POST', '/api/v1/journeys', 'advisor', { name: 'Élise Château', villages: '32202', advisor_id: null });
  assert.equal(mine.status, 201, mine.text);
  await call('PATCH', `/api/v1/journeys/${mine.json.id}`, 'advisor', { advisor_id: Number((await call('GET', '/api/v1/me', 'advisor')).json.id) });
  const b = new Browserless(server.url);
  await b.login('advisor@example.org');
  const board = await (await b.get('/journeys?q=chateau')).text();
  assert.match(board, /Élise Château/);
  assert.doesNotMatch(board, /Famille Dubois/);
  assert.match(await (await b.get('/journeys?mine=1')).text(), /Élise Château/);
  const other = new Browserless(server.url);
  await other.login('conseil2@example.org');
  assert.doesNotMatch(await (await other.get('/journeys?mine=1')).text(), /Élise Château/);
  const moved = await b.submit(`/journeys/${mine.json.id}`, `/journeys/${mine.json.id}`, { stage: 'abandoned' });
  assert.equal(moved.status, 422, 'abandoning needs a reason');
  assert.match(await moved.text(), /Un abandon a un motif de la liste/);
  const ok = await b.submit(`/journeys/${mine.json.id}`, `/journeys/${mine.json.id}`, { stage: 'visit_planned', abandon_reason: '', settled_village: '' });
  assert.equal(ok.status, 303);
  assert.equal((await call('GET', `/api/v1/journeys/${mine.json.id}`, 'advisor')).json.stage, 'visit_planned');
  const saved = await b.submit(`/journeys/${mine.json.id}`, `/journeys/${mine.json.id}`, {
    consent_shown: '1', consent: '1', name: 'Élise Château', adults: '1', children_ages: '3', villages: '32202 32013',
  });
  assert.equal(saved.status, 303);
  const after = (await call('GET', `/api/v1/journeys/${mine.json.id}`, 'advisor')).json;
  assert.equal(after.consent_committees, true);
  assert.ok(after.consent_at, 'consent is dated');
  assert.deepEqual(after.villages, ['32202', '32013']);
  assert.equal(after.residents, 2);
});

test('members, visitors and other programmes see no file; bad input changes nothing', async () => {
  const j = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Dossier témoin' })).json;
  assert.equal((await call('GET', '/api/v1/journeys', 'member')).status, 403);
  assert.equal((await call('GET', `/api/v1/journeys/${j.id}`, 'member')).status, 403);
  assert.equal((await call('GET', '/api/v1/journeys')).status, 401);
  assert.equal((await call('GET', '/api/v1/indicators')).status, 200, 'the figures are public');
  // Another programme's staff (by host name) does not find it.
  const lot = cli(['user', 'add', 'lot-advisor@example.org', '--role', 'advisor', '--programme', 'lot', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(lot.status, 0, lot.stderr);
  const client = new HostClient(server.url, 'lot.localhost');
  const token = await client.request('POST', '/api/v1/tokens', {
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lot-advisor@example.org', password: PASSWORD }),
  });
  const lotToken = JSON.parse(await token.text()).token;
  const seen = await client.request('GET', `/api/v1/journeys/${j.id}`, { headers: { authorization: `Bearer ${lotToken}` } });
  assert.equal(seen.status, 404);

  const before = (await call('GET', `/api/v1/journeys/${j.id}`, 'advisor')).json;
  for (const [body, field] of [
    [{ stage: 'teleported' }, 'stage'],
    [{ stage: 'abandoned' }, 'abandon_reason'],
    [{ stage: 'abandoned', abandon_reason: 'boredom' }, 'abandon_reason'],
    [{ stage: 'settled' }, 'village'],
    [{ stage: 'settled', settled_village: "32'; --" }, 'village'],
    [{ stage: 'first_contact' }, 'stage'],
    [{ adults: -1 }, 'adults'],
    [{ adults: '2' }, 'adults'],
    [{ children_ages: '4, neuf' }, 'children_ages'],
    [{ children_ages: Array.from({ length: 16 }, () => 1) }, 'children_ages'],
    [{ villages: ['32013', '<script>'] }, 'villages'],
    [{ email: 'not-an-address' }, 'email'],
    [{ name: '' }, 'name'],
    [{ name: 'a\r\nBcc: x@example.org' }, 'name'],
    [{ sector: 'Z' }, 'sector'],
    [{ status: 'king' }, 'status'],
    [{ advisor_id: Number((await call('GET', '/api/v1/me', 'member')).json.id) }, 'advisor'],
    [{ consent_committees: 'yes' }, 'consent_committees'],
    [{ notes: 'x'.repeat(5001) }, 'notes'],
  ]) {
    const r = await call('PATCH', `/api/v1/journeys/${j.id}`, 'advisor', body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), `${JSON.stringify(body)}: ${r.text}`);
  }
  assert.deepEqual((await call('GET', `/api/v1/journeys/${j.id}`, 'advisor')).json, before, 'nothing stored');
  assert.equal((await call('POST', '/api/v1/journeys', 'advisor', {})).status, 422, 'a name is needed');
  for (const q of ['stage=nope', 'village=1', 'limit=0', 'cursor=x', 'advisor=abc']) {
    assert.equal((await call('GET', `/api/v1/journeys?${q}`, 'advisor')).status, 422, q);
  }
  assert.equal((await call('GET', '/api/v1/journeys/abc', 'advisor')).status, 404);
  assert.equal((await call('PATCH', `/api/v1/journeys/${j.id}`, 'advisor', '[1]')).status, 400);
});

test('simultaneous moves of one file each leave a whole file and a history line', async () => {
  const j = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Course', villages: ['32013'] })).json;
  const results = await Promise.all(['information_sent', 'visit_planned', 'visit_done', 'settled'].map((stage) =>
    call('PATCH', `/api/v1/journeys/${j.id}`, 'advisor', { stage })));
  assert.ok(results.every((r) => r.status === 200 || r.status === 422), results.map((r) => r.status).join());
  const after = (await call('GET', `/api/v1/journeys/${j.id}`, 'advisor')).json;
  const history = (await call('GET', `/api/v1/journeys/${j.id}/history`, 'advisor')).json.items.filter((h) => h.kind === 'stage');
  assert.equal(history.length, results.filter((r) => r.status === 200).length);
  assert.equal(history.at(-1).to_stage, after.stage, 'the last move recorded is the stage the file is at');
  for (let i = 1; i < history.length; i++) {
    assert.equal(history[i].from_stage, history[i - 1].to_stage, 'each move starts where the one before ended');
  }
  assert.equal(after.settled_village !== '', after.stage === 'settled');
});

test('the home page shows the public figures with their definitions and the day they were computed', async () => {
  const figuresNow = await figures();
  const home = await (await fetch(server.url + '/')).text();
  const block = home.slice(home.indexOf('id="figures"'), home.indexOf('</dl>', home.indexOf('id="figures"')));
  assert.match(block, new RegExp(`<dt>foyers installés</dt><dd><strong>${figuresNow.settled_households.value}</strong>`));
  assert.match(block, new RegExp(`<dt>nouveaux habitants</dt><dd><strong>${figuresNow.new_residents.value}</strong>`));
  assert.match(home, /id="figures-note">Calculé le \d{4}-\d\d-\d\d/);
  assert.doesNotMatch(home, /Chiffres de démonstration/, 'no demo file here');

  // The page visitors get is kept a moment, but a household settled here shows at once, and
  // each language keeps its own page.
  const settled = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Famille Accueillie', adults: 1, villages: ['32013'] })).json;
  const moved = await call('PATCH', `/api/v1/journeys/${settled.id}`, 'advisor', { stage: 'settled', settled_village: '32013' });
  assert.equal(moved.status, 200, moved.text);
  const after = await (await fetch(server.url + '/')).text();
  assert.match(after, new RegExp(`<dt>foyers installés</dt><dd><strong>${figuresNow.settled_households.value + 1}</strong>`));
  const english = await (await fetch(server.url + '/', { headers: { 'accept-language': 'en' } })).text();
  assert.match(english, /<html lang="en">/);
  assert.match(english, new RegExp(`<strong>${figuresNow.settled_households.value + 1}</strong>`));
  assert.match(await (await fetch(server.url + '/')).text(), /<html lang="fr">/);
  // What a query or a HEAD asks for is never what the next visitor gets (a change to a file
  // first, so that the page is made again).
  assert.equal((await call('PATCH', `/api/v1/journeys/${settled.id}`, 'advisor', { office_needs: 'Un bureau' })).status, 200);
  assert.equal((await fetch(server.url + '/?deleted', { method: 'HEAD' })).status, 200);
  assert.match(await (await fetch(server.url + '/?deleted')).text(), /class="notice" role="status"/);
  assert.doesNotMatch(await (await fetch(server.url + '/')).text(), /class="notice" role="status"/);
});

// Villages of their own (32460, 32461, 32470): files of the other tests never concern them.
test('a village\'s welcome committee sees, with consent only, what it needs; plans and records visits; its notes reach the advisor', async () => {
  for (const [who, email] of [['maire', 'maire@example.org'], ['voisine', 'voisine@example.org']]) {
    const r = cli(['user', 'add', email, '--role', 'committee', '--name', who === 'maire' ? 'Maire d\'Auch' : 'Voisine', '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, email);
  }
  const committees = (await call('GET', '/api/v1/committees', 'advisor')).json.items;
  const maire = committees.find((m) => m.email === 'maire@example.org').account_id;
  const voisine = committees.find((m) => m.email === 'voisine@example.org').account_id;
  assert.equal((await call('PUT', `/api/v1/committees/${maire}/villages`, 'advisor', { villages: ['32460'] })).status, 200);
  assert.equal((await call('PUT', `/api/v1/committees/${voisine}/villages`, 'advisor', { villages: ['32470'] })).status, 200);
  assert.equal((await call('PUT', `/api/v1/committees/${maire}/villages`, 'member', { villages: ['32460'] })).status, 403);
  const memberId = (await call('GET', '/api/v1/me', 'member')).json.id;
  assert.equal((await call('PUT', `/api/v1/committees/${memberId}/villages`, 'advisor', { villages: ['32460'] })).status, 404, 'not a committee account');
  assert.equal((await call('PUT', `/api/v1/committees/${maire}/villages`, 'advisor', { villages: ['nope'] })).status, 422);

  const create = async (fields) => (await call('POST', '/api/v1/journeys', 'advisor', fields)).json;
  const consented = await create({ name: 'Famille Consentante', email: 'c@example.org', phone: '0600000000', adults: 2, children_ages: [5], villages: ['32460', '32461'], consent_committees: true, broadband_needs: '20 Mbit/s' });
  const refused = await create({ name: 'Famille Discrète', villages: ['32460'], consent_committees: false });
  const elsewhere = await create({ name: 'Famille Ailleurs', villages: ['32470'], consent_committees: true });

  // A file shared with a village's committee is told to it by mail, once, with its page; a file
  // without consent is not, and neither is a committee of another village.
  const shared = () => runSql(server.db.url, "SELECT recipient || '|' || subject FROM outbox WHERE kind = 'committee_file' ORDER BY id").out.split('\n').filter(Boolean);
  assert.deepEqual(shared(), [
    'maire@example.org|Un foyer envisage de s\'installer à 32460',
    'voisine@example.org|Un foyer envisage de s\'installer à 32470',
  ]);
  const told = runSql(server.db.url, "SELECT body FROM outbox WHERE kind = 'committee_file' AND recipient = 'maire@example.org'").out;
  assert.match(told, /Un foyer de 3 personne/);
  assert.match(told, /\/committee/);
  assert.doesNotMatch(told, /Consentante|c@example\.org|0600000000/, 'nothing the household did not share');

  const seen = (await call('GET', '/api/v1/committee/journeys', 'maire')).json.items;
  assert.deepEqual(seen.map((f) => f.id), [consented.id], 'with consent, and in its village only');
  assert.deepEqual(seen[0].villages, ['32460']);
  assert.equal(seen[0].residents, 3);
  assert.equal(seen[0].broadband_needs, '20 Mbit/s');
  for (const secret of ['name', 'email', 'phone', 'notes', 'advisor']) assert.equal(seen[0][secret], undefined, secret);
  assert.deepEqual((await call('GET', '/api/v1/committee/journeys', 'voisine')).json.items.map((f) => f.id), [elsewhere.id]);
  assert.equal((await call('GET', `/api/v1/journeys/${consented.id}`, 'maire')).status, 403, 'the file itself is the advisors\'');
  assert.equal((await call('GET', '/api/v1/committee/journeys', 'advisor')).status, 403);

  // The advisor plans a visit; the committee sees it, records it, and leaves a note.
  const day = new Date((Math.floor(Date.now() / 1000) + 7 * 86400) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const planned = await call('POST', `/api/v1/journeys/${consented.id}/visits`, 'advisor', { village: '32460', planned_at: day });
  assert.equal(planned.status, 201, planned.text);
  // The village's committee is told by mail, in its language, with its page; not the others.
  const notices = runSql(server.db.url, "SELECT recipient || '|' || subject FROM outbox WHERE kind = 'visit_planned'").out.split('\n').filter(Boolean);
  assert.equal(notices.length, 1, notices.join('\n'));
  assert.match(notices[0], /^maire@example\.org\|Visite prévue à 32460 le \d\d\/\d\d\/\d{4}$/);
  const notice = runSql(server.db.url, "SELECT body FROM outbox WHERE kind = 'visit_planned'").out;
  assert.match(notice, /Un foyer de 3 personne/);
  assert.match(notice, /\/committee/);
  assert.doesNotMatch(notice, /Consentante|c@example\.org/, 'nothing the household did not share');
  const hidden = await call('POST', `/api/v1/journeys/${refused.id}/visits`, 'advisor', { village: '32460', planned_at: day });
  assert.equal(hidden.status, 201, hidden.text);
  assert.equal(runSql(server.db.url, "SELECT COUNT(*) FROM outbox WHERE kind = 'visit_planned'").out.trim(), '1', 'no consent, no mail');
  // A task for the committee: on its page, done by it, not by another committee; out of reach
  // once consent is withdrawn.
  const task = await call('POST', `/api/v1/journeys/${consented.id}/tasks`, 'advisor', { title: 'Montrer l\'école', due_day: today(), assignee_id: maire });
  assert.equal(task.status, 201, task.text);
  assert.deepEqual((await call('GET', '/api/v1/committee/journeys', 'maire')).json.items[0].tasks.map((t) => t.title), ['Montrer l\'école']);
  assert.equal((await call('PATCH', `/api/v1/journeys/${consented.id}/tasks/${task.json.id}`, 'voisine', { done: true })).status, 404);
  const marked = await call('PATCH', `/api/v1/journeys/${consented.id}/tasks/${task.json.id}`, 'maire', { done: true });
  assert.equal(marked.status, 200, marked.text);
  assert.ok(marked.json.done_at);
  for (const text of [marked.text, (await call('GET', '/api/v1/committee/journeys', 'maire')).text]) {
    assert.doesNotMatch(text, /Famille Consentante/, 'the person\'s name never reaches a committee');
  }
  const maireBrowser = new Browserless(server.url);
  await maireBrowser.login('maire@example.org');
  assert.match(await (await maireBrowser.get('/committee')).text(), /<s>[^<]*— Montrer l&#39;école<\/s>|<s>[^<]*— Montrer l&apos;école<\/s>|<s>[^<]*— Montrer l'école<\/s>/);
  const reopened = await maireBrowser.submit('/committee', `/journeys/${consented.id}/tasks/${task.json.id}/done`, { done: '0' });
  assert.equal(reopened.status, 303);
  assert.equal((await call('GET', '/api/v1/committee/journeys', 'maire')).json.items[0].tasks[0].done_at, null);
  const visit = (await call('GET', '/api/v1/committee/journeys', 'maire')).json.items[0].visits[0];
  assert.equal(visit.village, '32460');
  assert.equal(visit.done_at, null);
  const done = await call('POST', `/api/v1/journeys/${consented.id}/visits/${visit.id}/done`, 'maire');
  assert.equal(done.status, 200, done.text);
  assert.ok(done.json.done_at);
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/visits/${visit.id}/done`, 'maire')).status, 409);
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/notes`, 'maire', { body: 'Visite faite : <b>très</b> motivés.' })).status, 204);
  const file = (await call('GET', `/api/v1/journeys/${consented.id}`, 'advisor')).json;
  assert.equal(file.visits[0].done_at !== null, true);
  assert.deepEqual(file.committee_notes.map((n) => [n.by, n.by_committee, n.body]), [['Maire d\'Auch', true, 'Visite faite : <b>très</b> motivés.']]);

  // Beyond its reach: no consent, another village, a village of the file that is not its own.
  for (const [id, body] of [[refused.id, { village: '32460', planned_at: day }], [elsewhere.id, { village: '32470', planned_at: day }]]) {
    assert.equal((await call('POST', `/api/v1/journeys/${id}/visits`, 'maire', body)).status, 404);
    assert.equal((await call('POST', `/api/v1/journeys/${id}/notes`, 'maire', { body: 'x' })).status, 404);
  }
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/visits`, 'maire', { village: '32461', planned_at: day })).status, 422);
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/visits`, 'maire', { village: '32460', planned_at: 'demain' })).status, 422);
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/notes`, 'maire', { body: '' })).status, 422);
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/visits`, 'member', { village: '32460', planned_at: day })).status, 403);

  // Consent withdrawn: the committee sees nothing more and can do nothing more.
  await call('PATCH', `/api/v1/journeys/${consented.id}`, 'advisor', { consent_committees: false });
  assert.deepEqual((await call('GET', '/api/v1/committee/journeys', 'maire')).json.items, []);
  assert.equal((await call('POST', `/api/v1/journeys/${consented.id}/notes`, 'maire', { body: 'encore' })).status, 404);
  assert.equal((await call('PATCH', `/api/v1/journeys/${consented.id}/tasks/${task.json.id}`, 'maire', { done: true })).status, 404, 'its task too');

  // The committee's page, with markup as text.
  await call('PATCH', `/api/v1/journeys/${consented.id}`, 'advisor', { consent_committees: true, office_needs: '<i>un bureau</i>' });
  const page = new Browserless(server.url);
  await page.login('maire@example.org');
  const html = await (await page.get('/committee')).text();
  assert.match(html, new RegExp(`id="file-${consented.id}"`));
  assert.match(html, /&lt;i&gt;un bureau&lt;\/i&gt;/);
  assert.doesNotMatch(html, /Famille Consentante|c@example\.org/);

  // Consent given again tells the committee again; a village added to a shared file tells its
  // own committee; a change that opens nothing new tells nobody.
  assert.deepEqual(shared().slice(2), ['maire@example.org|Un foyer envisage de s\'installer à 32460']);
  const added = await call('PATCH', `/api/v1/journeys/${consented.id}`, 'advisor', { villages: ['32460', '32461', '32470'] });
  assert.equal(added.status, 200, added.text);
  assert.deepEqual(shared().slice(3), ['voisine@example.org|Un foyer envisage de s\'installer à 32470']);
  assert.equal((await call('PATCH', `/api/v1/journeys/${consented.id}`, 'advisor', { broadband_needs: '30 Mbit/s' })).status, 200);
  assert.equal(shared().length, 4);

  // An abandoned file reaches no committee: a village added to it tells nobody; reopened, it is
  // shared again with each of its villages.
  const gone = await create({ name: 'Famille Partie', villages: ['32470'], consent_committees: true });
  assert.deepEqual(shared().slice(4), ['voisine@example.org|Un foyer envisage de s\'installer à 32470']);
  assert.equal((await call('PATCH', `/api/v1/journeys/${gone.id}`, 'advisor', { stage: 'abandoned', abandon_reason: 'housing' })).status, 200);
  assert.equal((await call('PATCH', `/api/v1/journeys/${gone.id}`, 'advisor', { villages: ['32470', '32460'] })).status, 200);
  assert.equal(shared().length, 5, 'an abandoned file tells nobody');
  assert.equal((await call('PATCH', `/api/v1/journeys/${gone.id}`, 'advisor', { stage: 'first_contact' })).status, 200);
  assert.deepEqual(shared().slice(5).sort(), [
    'maire@example.org|Un foyer envisage de s\'installer à 32460',
    'voisine@example.org|Un foyer envisage de s\'installer à 32470',
  ]);
  // A member of two villages' committees is told once, of both.
  assert.equal((await call('PUT', `/api/v1/committees/${maire}/villages`, 'advisor', { villages: ['32460', '32470'] })).status, 200);
  await create({ name: 'Famille Double', villages: ['32460', '32470'], consent_committees: true });
  const both = shared().slice(7);
  assert.equal(both.filter((l) => l.startsWith('maire@')).length, 1, both.join('\n'));
  assert.ok(both.includes('maire@example.org|Un foyer envisage de s\'installer à 32460, 32470'), both.join('\n'));
});

test('tasks with a due day and an assignee: on the board when due, reminded once by mail in the assignee\'s language', async () => {
  const j = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Famille Tâches' })).json;
  const me = (await call('GET', '/api/v1/me', 'advisor')).json.id;
  const memberId = (await call('GET', '/api/v1/me', 'member')).json.id;
  const due = await call('POST', `/api/v1/journeys/${j.id}/tasks`, 'advisor', { title: 'Appeler la mairie', due_day: today(), assignee_id: me });
  assert.equal(due.status, 201, due.text);
  const later = await call('POST', `/api/v1/journeys/${j.id}/tasks`, 'advisor', { title: 'Envoyer la liste des écoles', due_day: addDays(today(), 5), assignee_id: me });
  assert.equal(later.status, 201);
  for (const [body, field] of [
    [{ title: '', due_day: today() }, 'title'],
    [{ title: 'x', due_day: '2026-13-01' }, 'due_day'],
    [{ title: 'x', due_day: today(), assignee_id: memberId }, 'assignee'],
    [{ title: 'a\nb', due_day: today() }, 'title'],
  ]) {
    const r = await call('POST', `/api/v1/journeys/${j.id}/tasks`, 'advisor', body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), r.text);
  }
  assert.equal((await call('POST', `/api/v1/journeys/${j.id}/tasks`, 'member', { title: 'x', due_day: today() })).status, 403);
  const dueNow = (await call('GET', '/api/v1/tasks/due', 'advisor')).json.items.map((t) => t.title);
  assert.ok(dueNow.includes('Appeler la mairie'));
  assert.ok(!dueNow.includes('Envoyer la liste des écoles'), 'not due yet');
  const b = new Browserless(server.url);
  await b.login('advisor@example.org');
  assert.match(await (await b.get('/journeys')).text(), /id="due-tasks">[^]*Appeler la mairie/);
  // The file's task form offers oneself, the other advisors and the committees.
  const choices = (await (await b.get(`/journeys/${j.id}`)).text()).match(/<select id="task-assignee"[^]*?<\/select>/)[0];
  assert.match(choices, new RegExp(`<option value="${me}">`));
  assert.match(choices, /Claire Conseil/);
  assert.doesNotMatch(choices, new RegExp(`<option value="${memberId}">`));

  // The reminder: queued by the sender's round (here `mail send-pending`), once.
  runSql(server.db.url, "UPDATE accounts SET language = 'en' WHERE email = 'advisor@example.org'");
  const round = () => cli(['mail', 'send-pending', '--db', server.db.url, '--smtp-url', 'smtp://127.0.0.1:9', '--mail-from', 'x@example.org']);
  assert.match(round().stdout, /scheduled mail: \d+ queued/);
  const reminders = () => runSql(server.db.url, "SELECT subject FROM outbox WHERE kind = 'task_due' AND recipient = 'advisor@example.org'").out.split('\n').filter(Boolean);
  assert.deepEqual(reminders(), ['To do: Appeler la mairie']);
  round();
  assert.equal(reminders().length, 1, 'once');
  runSql(server.db.url, "UPDATE accounts SET language = 'fr' WHERE email = 'advisor@example.org'");

  // Done: off the board; reopened: back.
  const done = await call('PATCH', `/api/v1/journeys/${j.id}/tasks/${due.json.id}`, 'advisor', { done: true });
  assert.equal(done.status, 200, done.text);
  assert.ok(done.json.done_at);
  assert.ok(!(await call('GET', '/api/v1/tasks/due', 'advisor')).json.items.some((t) => t.id === due.json.id));
  assert.equal((await call('PATCH', `/api/v1/journeys/${j.id}/tasks/${due.json.id}`, 'advisor', { done: 'yes' })).status, 422);
  assert.equal((await call('PATCH', `/api/v1/journeys/${j.id}/tasks/999999`, 'advisor', { done: true })).status, 404);
  const file = (await call('GET', `/api/v1/journeys/${j.id}`, 'advisor')).json;
  assert.deepEqual(file.tasks.map((t) => t.title), ['Appeler la mairie', 'Envoyer la liste des écoles']);
});

test('the funders\' report: a page and a CSV for staff, from the same figures as the public ones', async () => {
  const b = new Browserless(server.url);
  await b.login('advisor@example.org');
  const page = await (await b.get('/indicators/report')).text();
  for (const id of ['report-villages', 'report-sectors', 'report-years', 'report-funnel', 'report-retention']) {
    assert.match(page, new RegExp(`id="${id}"`));
  }
  const res = await b.get('/indicators/report.csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="soho-solo-report\.csv"/);
  const csv = await res.text();
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'table,key,label,households,residents,reached,conversion,median_days,bookings,members,booked_hours,occupancy');
  assert.ok(lines.every((l) => l.split(',').length >= 12), 'every row has every column');
  const settled = lines.find((l) => l.startsWith('totals,settled_households,'));
  assert.equal(Number(settled.split(',')[3]), (await figures()).settled_households.value);
  assert.ok(lines.some((l) => l.startsWith('funnel,first_contact,')));
  const member = new Browserless(server.url);
  await member.login('member@example.org');
  assert.equal((await member.get('/indicators/report.csv')).status, 403);
  for (const format of ['pdf', 'xlsx']) assert.equal((await member.get(`/indicators/report.${format}`)).status, 403);
});

test('the funders\' report as a PDF and an XLSX workbook: the same figures, one sheet per table, the workspaces\' use', async () => {
  const site = await call('POST', '/api/v1/sites', 'advisor', {
    name: 'Télécentre des Rapports', kind: 'telecentre', opening_hours: [{ weekday: 1, opens: '08:00', closes: '18:00' }],
  });
  assert.equal(site.status, 201, site.text);
  const settled = String((await figures()).settled_households.value);
  const b = new Browserless(server.url);
  await b.login('advisor@example.org');
  const page = await (await b.get('/indicators/report')).text();
  assert.match(page, /id="report-workspaces"[\s\S]*Télécentre des Rapports/);
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    const pdf = await b.get('/indicators/report.pdf');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition'), /filename="soho-solo-report\.pdf"/);
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const layout = spawnSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout;
    const text = layout.replace(/\s+/g, ' ');
    for (const expected of ['Les chiffres du programme pour ses financeurs — Soho Solo Gers', 'Foyers installés par village',
      'Du premier contact à l\'installation', 'Toujours là après 1, 2 et 5 ans', 'Usage des télécentres', 'Télécentre des Rapports']) {
      assert.ok(text.includes(expected), `the PDF says ${expected}: ${text.slice(0, 400)}`);
    }
    assert.match(layout, new RegExp(`foyers installés +${settled} `), 'the settled households, on their line');
    const xlsx = await b.get('/indicators/report.xlsx');
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const file = join(dir, 'r.xlsx');
    writeFileSync(file, Buffer.from(await xlsx.arrayBuffer()));
    const unzip = (part) => spawnSync('unzip', ['-p', file, part], { encoding: 'utf8' }).stdout;
    const workbook = unzip('xl/workbook.xml');
    const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(names, ['Chiffres', 'Villages', 'Secteurs', 'Installations par année', 'Étapes', 'Toujours là', 'Tiers-lieux']);
    const strings = unzip('xl/sharedStrings.xml');
    assert.ok(strings.includes('Télécentre des Rapports'));
    // The first sheet's first figure, written as a number in B2.
    assert.match(unzip('xl/worksheets/sheet1.xml'), new RegExp(`<c r="B2"[^>]*><v>${settled}</v></c>`));
    // The CSV carries the telecentres' use too: bookings, people, hours, occupancy.
    const csv = (await (await b.get('/indicators/report.csv')).text()).split('\r\n');
    const row = csv.find((l) => l.startsWith('workspaces,') && l.includes(',Télécentre des Rapports,'));
    assert.ok(row, csv.filter((l) => l.startsWith('workspaces')).join('\n'));
    const cells = row.split(',');
    assert.match(cells[1], /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/);
    assert.ok(Number(cells[8]) >= 0 && Number.isInteger(Number(cells[8])));
    assert.ok(Number(cells[11]) >= 0 && Number(cells[11]) <= 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('personal data: a newcomer\'s export and deletion; files abandoned long ago anonymised, the figures kept', async () => {
  const j = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Famille Export', email: 'export@example.org', villages: ['32013'], notes: 'Parle occitan.' })).json;
  await call('POST', `/api/v1/journeys/${j.id}/tasks`, 'advisor', { title: 'Rappeler', due_day: today() });
  const exported = await fetch(`${server.url}/api/v1/journeys/${j.id}/export`, { headers: { authorization: `Bearer ${tokens.advisor}` } });
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-disposition'), new RegExp(`attachment; filename="journey-${j.id}\\.json"`));
  const body = await exported.json();
  assert.equal(body.email, 'export@example.org');
  assert.equal(body.tasks[0].title, 'Rappeler');
  assert.equal(body.history[0].kind, 'created');
  assert.equal((await call('GET', `/api/v1/journeys/${j.id}/export`, 'member')).status, 403);
  assert.equal((await call('DELETE', `/api/v1/journeys/${j.id}`, 'advisor')).status, 204);
  assert.equal((await call('GET', `/api/v1/journeys/${j.id}`, 'advisor')).status, 404);
  assert.equal((await call('DELETE', `/api/v1/journeys/${j.id}`, 'advisor')).status, 404);

  // Abandoned four years ago: anonymised; abandoned last month: kept as it is.
  const old = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Famille Ancienne', email: 'old@example.org', phone: '0611', adults: 2, notes: 'secret', villages: ['32013'] })).json;
  const recent = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Famille Récente', email: 'recent@example.org' })).json;
  for (const f of [old, recent]) await call('PATCH', `/api/v1/journeys/${f.id}`, 'advisor', { stage: 'abandoned', abandon_reason: 'housing' });
  await call('POST', `/api/v1/journeys/${old.id}/notes`, 'advisor', { body: 'Numéro perso : 06…' });
  const fourYears = Math.floor(Date.now() / 1000) - 4 * 366 * 86400;
  runSql(server.db.url, `UPDATE journeys SET stage_at = ${fourYears} WHERE id = ${old.id}`);
  // The programme's setting decides, unless the command says otherwise.
  const set = (years) => cli(['programme', 'set', 'gers', '--abandoned-years', years, '--db', server.db.url]);
  assert.equal(set('5').status, 0);
  assert.notEqual(set('0').status, 0, 'from 1 to 50');
  assert.notEqual(set('51').status, 0, 'from 1 to 50');
  const kept = cli(['maintenance', '--db', server.db.url, '--programme', 'gers']);
  assert.equal(kept.status, 0, kept.stderr);
  assert.match(kept.stdout, /programme gers: 0 files abandoned more than 5 years ago anonymised/, 'still 5: the refused values changed nothing');
  assert.equal((await call('GET', `/api/v1/journeys/${old.id}`, 'advisor')).json.name, 'Famille Ancienne');
  const run = cli(['maintenance', '--db', server.db.url, '--programme', 'gers', '--abandoned-years', '3']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /programme gers: 1 files abandoned more than 3 years ago anonymised/);
  assert.equal(set('3').status, 0);
  assert.match(cli(['maintenance', '--db', server.db.url]).stdout, /programme gers: 0 files abandoned more than 3 years ago anonymised/);
  const gone = (await call('GET', `/api/v1/journeys/${old.id}`, 'advisor')).json;
  assert.equal(gone.name, `#${old.id}`);
  for (const field of ['email', 'phone', 'notes']) assert.equal(gone[field], '', field);
  assert.deepEqual(gone.committee_notes, []);
  assert.equal(gone.household.adults, 2, 'what the figures count stays');
  assert.equal(gone.stage, 'abandoned');
  const history = (await call('GET', `/api/v1/journeys/${old.id}/history`, 'advisor')).json.items;
  assert.ok(history.some((h) => h.kind === 'stage' && h.to_stage === 'abandoned'), 'stages stay for the funnel');
  assert.equal((await call('GET', `/api/v1/journeys/${recent.id}`, 'advisor')).json.email, 'recent@example.org');
  assert.match(cli(['maintenance', '--db', server.db.url]).stdout, /programme gers: 0 files/, 'once');
  assert.notEqual(cli(['maintenance', '--db', server.db.url, '--abandoned-years', '0']).status, 0);
});

test('a newcomer invited to follow their file sees where it stands and nothing else', async () => {
  const j = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Camille Nouvelle', email: 'camille.nouvelle@example.org', villages: ['32013'], notes: 'Note interne.' })).json;
  const noEmail = (await call('POST', '/api/v1/journeys', 'advisor', { name: 'Sans Adresse' })).json;
  assert.equal((await call('POST', `/api/v1/journeys/${noEmail.id}/invite`, 'advisor')).status, 422);
  assert.equal((await call('POST', `/api/v1/journeys/${j.id}/invite`, 'member')).status, 403);
  assert.equal((await call('POST', `/api/v1/journeys/${j.id}/invite`, 'advisor')).status, 204);
  assert.equal((await call('POST', `/api/v1/journeys/${j.id}/invite`, 'advisor')).status, 409);
  await call('PATCH', `/api/v1/journeys/${j.id}`, 'advisor', { stage: 'visit_planned' });
  const day = new Date((Math.floor(Date.now() / 1000) + 10 * 86400) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  await call('POST', `/api/v1/journeys/${j.id}/visits`, 'advisor', { village: '32013', planned_at: day });

  // The invitation's link sets a password; then the newcomer logs in.
  const body = runSql(server.db.url, "SELECT body FROM outbox WHERE recipient = 'camille.nouvelle@example.org' AND kind = 'invitation'").out;
  const token = body.match(/\/welcome\/([A-Za-z0-9_-]+)/)[1];
  const newcomer = new Browserless(server.url);
  assert.equal((await newcomer.submit(`/welcome/${token}`, `/welcome/${token}`, { password: 'un mot de passe neuf' })).status, 303);
  const page = await newcomer.get('/my-file');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /aria-current="step" class="current">Visite prévue/);
  assert.match(html, /id="own-visits">[^]*32013/);
  assert.doesNotMatch(html, /Note interne/);
  assert.match(html, /href="\/my-file"/);
  assert.doesNotMatch(html, /href="\/members"/, 'no member navigation');
  for (const path of ['/members', '/bookings', '/board', '/journeys', `/journeys/${j.id}`, '/committee']) {
    assert.equal((await newcomer.get(path)).status, 403, path);
  }
  assert.equal((await newcomer.get('/account')).status, 200, 'their own account, yes');
  const apiToken = await tokenFor(server, 'camille.nouvelle@example.org', 'un mot de passe neuf');
  const own = await fetch(`${server.url}/api/v1/me/journey`, { headers: { authorization: `Bearer ${apiToken}` } });
  assert.equal(own.status, 200);
  const ownJson = await own.json();
  assert.equal(ownJson.id, j.id);
  assert.equal(ownJson.stage, 'visit_planned');
  assert.equal(ownJson.notes, undefined);
  for (const path of ['/api/v1/members', '/api/v1/journeys', `/api/v1/journeys/${noEmail.id}`]) {
    assert.equal((await fetch(server.url + path, { headers: { authorization: `Bearer ${apiToken}` } })).status, 403, path);
  }
  assert.equal((await call('GET', '/api/v1/me/journey', 'member')).status, 403, 'a member has no file to see here');
});
