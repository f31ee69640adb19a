// The demo programme's directory: the demo member and four fictitious members, marked "(démo)",
// are found by a member; what the demo member keeps for the advisors stays with them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, launch, tokenFor } from '../../lib/harness.mjs';

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
