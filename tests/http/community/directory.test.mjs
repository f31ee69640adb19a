// Members' profiles and the directory: opt-in, fields shown field by field, accent- and
// case-insensitive prefix search, filters, pages, and what the worst client sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserless, PASSWORD, cli, startServer, tokenFor } from '../../lib/harness.mjs';

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

const PEOPLE = {
  elodie: 'Élodie Durand', marc: 'Marc Lefèvre', ines: 'Inès Martin', paul: 'Paul Roux', zoe: 'Zoé Vidal',
};

before(async () => {
  server = await startServer();
  for (const [who, name] of Object.entries(PEOPLE)) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--name', name, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, `${who}@example.org`);
  }
  tokens.advisor = await tokenFor(server, 'advisor@example.org');
});
after(async () => { await server?.close(); });

const names = (r) => r.json.items.map((m) => m.display_name);

test('nobody is in the directory until they say so; then an accent-less prefix finds them', async () => {
  const profile = {
    skills: ['Développement web', 'Accessibilité'], presentation: 'Développeuse web installée à Gimont.',
    status: 'independent', sector: 'J', village_code: '32147', website: 'https://elodie.example.org', languages: 'français, occitan',
  };
  const saved = await call('PUT', '/api/v1/me/profile', 'elodie', profile);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.listed, false);
  assert.deepEqual(names(await call('GET', '/api/v1/members?q=develop', 'marc')), []);
  assert.deepEqual(names(await call('GET', '/api/v1/members?q=develop', 'advisor')), [], 'staff see only listed profiles too');

  assert.equal((await call('PUT', '/api/v1/me/profile', 'elodie', { ...profile, listed: true })).status, 200);
  for (const q of ['develop', 'DÉVELOP', 'dévelop', 'elodie', 'ELODIE dur', 'access', 'occitan']) {
    const found = await call('GET', `/api/v1/members?q=${encodeURIComponent(q)}`, 'marc');
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(names(found), ['Élodie Durand'], q);
  }
  assert.deepEqual(names(await call('GET', '/api/v1/members?q=developpeur', 'marc')), [], 'a prefix, not a fuzzy match');
  const [elodie] = (await call('GET', '/api/v1/members?q=gimont', 'marc')).json.items;
  assert.deepEqual(elodie.skills, ['Développement web', 'Accessibilité']);
  assert.equal(elodie.website, 'https://elodie.example.org');
  assert.equal(elodie.shown, undefined, 'whom a member shows what to is theirs to know');
});

test('a field kept for the advisors is neither shown to members nor found by them', async () => {
  const r = await call('PUT', '/api/v1/me/profile', 'marc', {
    listed: true, skills: ['Menuiserie'], presentation: 'Ébéniste, je cherche un atelier partagé.', status: 'entrepreneur', sector: 'C',
    shown: { presentation: 'advisors', skills: 'advisors', sector: 'advisors' },
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.shown, {
    status: 'members', sector: 'advisors', skills: 'advisors', village: 'members', presentation: 'advisors', website: 'members',
    languages: 'members', arrival: 'members', photo: 'members',
  });
  assert.deepEqual(names(await call('GET', '/api/v1/members?q=ebeniste', 'elodie')), []);
  assert.deepEqual(names(await call('GET', '/api/v1/members?skill=menuiserie', 'elodie')), []);
  assert.deepEqual(names(await call('GET', '/api/v1/members?sector=C', 'elodie')), []);
  const seen = (await call('GET', '/api/v1/members?q=marc', 'elodie')).json.items[0];
  assert.equal(seen.presentation, '');
  assert.deepEqual(seen.skills, []);
  assert.equal(seen.sector, '');
  assert.equal(seen.status, 'entrepreneur');
  const staff = await call('GET', '/api/v1/members?q=ebeniste', 'advisor');
  assert.deepEqual(names(staff), ['Marc Lefèvre']);
  assert.equal(staff.json.items[0].presentation, 'Ébéniste, je cherche un atelier partagé.');
  assert.deepEqual(names(await call('GET', '/api/v1/members?skill=MENUISERIE', 'advisor')), ['Marc Lefèvre']);
});

test('filters by skill, sector, status and village, alone and with words', async () => {
  await call('PUT', '/api/v1/me/profile', 'ines', { listed: true, skills: ['Comptabilité'], status: 'salaried', sector: 'M', village_code: '32147' });
  assert.deepEqual(names(await call('GET', '/api/v1/members?skill=comptabilite', 'paul')), ['Inès Martin']);
  assert.deepEqual(names(await call('GET', '/api/v1/members?status=salaried', 'paul')), ['Inès Martin']);
  assert.deepEqual(names(await call('GET', '/api/v1/members?sector=J', 'paul')), ['Élodie Durand']);
  assert.deepEqual(names(await call('GET', '/api/v1/members?village=32147', 'paul')), ['Élodie Durand', 'Inès Martin']);
  assert.deepEqual(names(await call('GET', '/api/v1/members?village=32147&q=ines', 'paul')), ['Inès Martin']);
  assert.deepEqual(names(await call('GET', '/api/v1/members?skill=compta', 'paul')), [], 'a skill filter is the whole skill');
});

test('pages follow each other without a gap or a repeat', async () => {
  for (const who of ['paul', 'zoe']) await call('PUT', '/api/v1/me/profile', who, { listed: true });
  const all = names(await call('GET', '/api/v1/members?limit=100', 'zoe'));
  assert.deepEqual(all, ['Élodie Durand', 'Inès Martin', 'Marc Lefèvre', 'Paul Roux', 'Zoé Vidal']);
  const seen = [];
  let cursor = '';
  for (let i = 0; i < 10; i++) {
    const page = await call('GET', `/api/v1/members?limit=2${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`, 'zoe');
    assert.equal(page.status, 200, page.text);
    seen.push(...names(page));
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  assert.deepEqual(seen, all);
});

test('bad input gets a clear error and changes nothing', async () => {
  const before = (await call('GET', '/api/v1/me/profile', 'zoe')).json;
  for (const [body, field] of [
    [{ website: 'javascript:alert(1)' }, 'website'],
    [{ website: 'https://user:pw@example.org' }, 'website'],
    [{ status: 'king' }, 'status'],
    [{ sector: 'Z' }, 'sector'],
    [{ village_code: "32'; DROP TABLE member_profiles; --" }, 'village'],
    [{ skills: Array.from({ length: 21 }, (_, i) => `Compétence ${i}`) }, 'skills'],
    [{ skills: ['x'.repeat(41)] }, 'skills'],
    [{ skills: ['a, b'] }, 'skills'],
    [{ skills: 'Menuiserie' }, 'skills'],
    [{ presentation: 'é'.repeat(1001) }, 'presentation'],
    [{ languages: 'fr\nen' }, 'languages'],
    [{ shown: { presentation: 'everyone' } }, 'shown'],
    [{ arrival_month: '2025-13' }, 'arrival'],
    [{ arrival_month: '25-09' }, 'arrival'],
    [{ household: 'x'.repeat(301) }, 'household'],
    [{ shown: { password: 'members' } }, 'shown'],
    [{ listed: 'yes' }, 'listed'],
    [{ presentation: 'nul\u0000byte' }, 'presentation'],
  ]) {
    const r = await call('PUT', '/api/v1/me/profile', 'zoe', { listed: false, ...body });
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), `${JSON.stringify(body)}: ${r.text}`);
  }
  assert.equal((await call('PUT', '/api/v1/me/profile', 'zoe', '[1]')).status, 400);
  assert.deepEqual((await call('GET', '/api/v1/me/profile', 'zoe')).json, before);
  for (const q of ['cursor=nope', 'cursor=abc~12x', 'limit=0', 'limit=101', 'sector=ZZ', 'status=x', 'village=1',
    `q=${'a '.repeat(9)}`]) {
    const r = await call('GET', `/api/v1/members?${q}`, 'zoe');
    assert.equal(r.status, 422, `${q}: ${r.text}`);
  }
  assert.equal((await call('GET', '/api/v1/members?q=%27%29%20OR%201%3D1%20--', 'zoe')).status, 200);
  assert.equal((await call('GET', '/api/v1/members?q=%22%20OR%20*', 'zoe')).status, 200, 'FTS syntax is only ever letters');
  assert.equal((await call('GET', '/api/v1/members')).status, 401);
  assert.equal((await call('GET', '/api/v1/me/profile')).status, 401);
});

test('in the browser: a member fills the profile form, markup stays text, a new name is found', async () => {
  const paul = new Browserless(server.url);
  await paul.login('paul@example.org');
  const refused = await paul.submit('/profile', '/profile', { listed: '1', website: 'ftp://x', presentation: '<script>alert(1)</script>' });
  assert.equal(refused.status, 422);
  const page = await refused.text();
  assert.match(page, /Adresse web attendue/);
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the form is shown again as sent, escaped');
  const saved = await paul.submit('/profile', '/profile', {
    listed: '1', skills: 'Photographie, Vidéo', presentation: '<b>Photographe</b> à Auch', status: 'independent', show_languages: 'advisors',
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), '/profile?saved=1');
  const zoe = new Browserless(server.url);
  await zoe.login('zoe@example.org');
  const directory = await (await zoe.get('/members?q=photo')).text();
  assert.match(directory, /Paul Roux/);
  assert.match(directory, /&lt;b&gt;Photographe&lt;\/b&gt; à Auch/);
  assert.match(directory, /<span class="tag">Vidéo<\/span>/);

  // A new name (account page) is the one shown and found.
  const renamed = await paul.submit('/account', '/account/profile', { display_name: 'Paulin Roussel', language: 'fr' });
  assert.ok([200, 303].includes(renamed.status), String(renamed.status));
  assert.deepEqual(names(await call('GET', '/api/v1/members?q=paulin', 'zoe')), ['Paulin Roussel']);
  assert.deepEqual(names(await call('GET', '/api/v1/members?q=photo', 'zoe')), ['Paulin Roussel']);
  assert.equal((await new Browserless(server.url).get('/members')).status, 303, 'anonymous visitors are sent to log in');
});

test('a card shows only the fields a profile has: no empty paragraph for a hidden or empty one', async () => {
  assert.equal((await call('PUT', '/api/v1/me/profile', 'zoe', { listed: true, skills: ['Céramique'] })).status, 200);
  const b = new Browserless(server.url);
  await b.login('paul@example.org');
  const page = await (await b.get('/members?q=zoe')).text();
  const card = page.slice(page.indexOf('<ul class="cards"'), page.indexOf('</ul>', page.indexOf('<ul class="cards"')));
  assert.match(card, /Zoé Vidal/);
  assert.match(card, /Céramique/);
  assert.doesNotMatch(card, /<p><\/p>|<p class="presentation"><\/p>|<p><a href="" /);
});
