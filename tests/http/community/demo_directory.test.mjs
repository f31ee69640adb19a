// The demo programme's directory: the demo member and four fictitious members, marked "(démo)",
// are found by a member; what the demo member keeps for the advisors stays with them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, demoDatabase, launch, tokenFor } from '../../lib/harness.mjs';

let server;
let accounts;

before(async () => {
  const demo = demoDatabase();
  accounts = demo.accounts;
  server = await launch(demo.db);
});
after(async () => { await server?.close(); });

async function members(who, query) {
  const token = await tokenFor(server, accounts[who].email, accounts[who].password);
  const res = await fetch(`${server.url}/api/v1/members?${query}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return (await res.json()).items;
}

test('the demo directory lists its members, fictitious ones marked as demo', async () => {
  const all = await members('member', 'limit=100');
  assert.equal(all.length, 5);
  assert.equal(all.filter((m) => m.display_name.endsWith('(démo)')).length, 4);
  assert.deepEqual((await members('member', 'q=ebeniste')).map((m) => m.display_name), ['Marc Lefèvre (démo)']);
  assert.deepEqual((await members('member', 'skill=photographie')).map((m) => m.display_name), ['Hugo Martin (démo)']);
  const ines = (await members('member', 'q=traduction'))[0];
  assert.equal(ines.village_code, '', 'the demo member keeps her village for the advisors');
  assert.equal((await members('advisor', 'q=traduction'))[0].village_code, '32107');
});

test('the demo has a list of skills, a skills map, and two members on their village page', async () => {
  const token = await tokenFor(server, accounts.member.email, accounts.member.password);
  const get = async (path) => (await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } })).json();
  const skills = await get('/api/v1/skills');
  assert.deepEqual(skills.items.map((c) => c.category), ['Numérique', 'Artisanat', 'Gestion et langues', 'Image']);
  const map = await get('/api/v1/members/map?category=Image');
  assert.deepEqual(map.items.map((p) => [p.village_code, p.members]), [['32160', 1]]);
  const gimont = await (await fetch(server.url + '/villages/32147')).text();
  assert.match(gimont, /Léa Dupont \(démo\)/);
  assert.match(gimont, /Arrivé·e en septembre 2024/);
  assert.doesNotMatch(await (await fetch(server.url + '/villages/32107')).text(), /Marc Lefèvre/, 'Marc keeps his village to members');
});

test('the demo has newcomers\' files in every stage, and the home page says its figures are demo', async () => {
  const token = await tokenFor(server, accounts.advisor.email, accounts.advisor.password);
  const files = await (await fetch(`${server.url}/api/v1/journeys?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json();
  const stages = new Set(files.items.map((j) => j.stage));
  for (const stage of ['first_contact', 'information_sent', 'visit_planned', 'visit_done', 'project_validated', 'settling',
    'settled', 'followed_6', 'followed_12', 'followed_24', 'abandoned']) {
    assert.ok(stages.has(stage), stage);
  }
  assert.ok(files.items.every((j) => j.demo && j.name.endsWith('(démo)')));
  // Settled or followed, counted by hand from src/app/demo/journeys.cpp: 4 households, 2+2 + 2+0
  // + 2+3 + 1+0 = 12 residents, 2 of them in section J.
  const figures = await (await fetch(`${server.url}/api/v1/indicators`)).json();
  assert.equal(figures.settled_households.value, 4);
  assert.equal(figures.new_residents.value, 12);
  assert.equal(figures.digital_households.value, 2);
  assert.equal(figures.includes_demo, true);
  assert.match(await (await fetch(`${server.url}/`)).text(), /Chiffres de démonstration/);

  // Tasks and a telework amendment come with the demo files.
  const auth = { authorization: `Bearer ${token}` };
  const due = await (await fetch(`${server.url}/api/v1/tasks/due`, { headers: auth })).json();
  assert.ok(due.items.some((t) => t.title === 'Appeler la mairie pour la place en crèche'), 'one task due today');
  const camille = files.items.find((j) => j.name === 'Camille Petit (démo)');
  const versions = await (await fetch(`${server.url}/api/v1/journeys/${camille.id}/amendments`, { headers: auth })).json();
  assert.equal(versions.items.length, 1);
  assert.equal((await fetch(`${server.url}/journeys/${camille.id}/amendment.pdf`, { headers: auth })).status, 200);

  // A file's page says what the finder says of each village it considers (Auch and Condom).
  const b = new Browserless(server.url);
  await b.login(accounts.advisor.email, accounts.advisor.password);
  const page = await (await b.get(`/journeys/${camille.id}`)).text();
  const answers = page.match(/<ul id="village-answers">[^]*?<\/ul>/)[0];
  assert.match(answers, /href="\/villages\/32013">Auch<\/a> \(32013\) — (ADSL2\+ d&apos;environ \d+ Mbit\/s|débit inconnu)/);
  assert.match(answers, /Condom<\/a> \(32107\)/);
});
