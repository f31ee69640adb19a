// `sohosolo import journeys FILE.csv`: a programme moving from spreadsheets brings its
// households and their stages; all or nothing, every rejected row named with its line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, today } from '../../lib/calendar.mjs';

let server;
let dir;
let token;

before(async () => {
  server = await startServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohosolo-import-journeys-'));
  token = await tokenFor(server, 'advisor@example.org');
});
after(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = async (p) => (await fetch(server.url + p, { headers: { authorization: `Bearer ${token}` } })).json();
const importFile = (name, text) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return cli(['import', 'journeys', file, '--db', server.db.url, '--programme', 'gers']);
};

test('a spreadsheet of households arrives whole: stages, days, villages; the figures count them', async () => {
  const before = await get('/api/v1/indicators');
  const settledDay = addDays(today(), -400);
  const r = importFile('ok.csv', [
    'name,adults,children_ages,sector,villages,stage,stage_day,settled_village,abandon_reason,consent',
    `"Famille Ancienne, arrivée tôt",2,"4,9",J,32013,followed_12,${settledDay},32013,,oui`,
    `Julie Martin,1,,M,32147,visit_planned,${addDays(today(), -3)},,,non`,
    `Famille Partie,2,,C,32202,abandoned,${addDays(today(), -30)},,housing,`,
    '"=HYPERLINK(""http://x"")",1,,,,,,,,',
  ].join('\r\n') + '\r\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /4 files imported into programme gers/);
  const after = await get('/api/v1/indicators');
  assert.equal(after.settled_households.value, before.settled_households.value + 1);
  assert.equal(after.new_residents.value, before.new_residents.value + 4);
  const files = await get('/api/v1/journeys?limit=200');
  const early = files.items.find((j) => j.name === 'Famille Ancienne, arrivée tôt');
  assert.equal(early.stage, 'followed_12');
  assert.equal(early.settled_village, '32013');
  assert.equal(early.stage_at.slice(0, 10), settledDay);
  assert.equal(early.consent_committees, true);
  assert.ok(files.items.some((j) => j.name === '=HYPERLINK("http://x")'), 'kept as text');
  const history = (await get(`/api/v1/journeys/${early.id}/history`)).items;
  assert.deepEqual(history.map((h) => [h.kind, h.to_stage, h.detail]), [['created', 'first_contact', 'import'], ['stage', 'followed_12', 'import']]);
});

test('a file with faults imports nothing and names every row at fault', async () => {
  const before = (await get('/api/v1/journeys?limit=200')).items.length;
  const r = importFile('bad.csv', [
    'name,adults,stage,stage_day,settled_village,abandon_reason',
    'Bon Dossier,2,visit_done,,,',
    ',1,,,,',
    'Trop,99,,,,',
    'Sans village,1,settled,,,',
    'Parti,1,abandoned,,,',
    `Futur,1,visit_done,${addDays(today(), 10)},,`,
    'Etape,1,teleported,,,',
  ].join('\n'));
  assert.equal(r.status, 5, r.stderr);  // kExitInvalid
  for (const fault of ['line 3: name', 'line 4: adults', 'line 5: village', 'line 6: abandon_reason', 'line 7: stage_day', 'line 8: stage']) {
    assert.match(r.stderr, new RegExp(fault), fault);
  }
  assert.doesNotMatch(r.stderr, /line 2:/);
  assert.match(r.stderr, /nothing was imported/);
  assert.equal((await get('/api/v1/journeys?limit=200')).items.length, before);
  const unknown = importFile('columns.csv', 'name,password\nX,secret\n');
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /column password: Unknown column/);
  assert.notEqual(importFile('empty.csv', 'name\n').status, 0);
  assert.notEqual(importFile('broken.csv', 'name,adults\n"unterminated,1\n').status, 0);
  assert.equal((await get('/api/v1/journeys?limit=200')).items.length, before);
});
