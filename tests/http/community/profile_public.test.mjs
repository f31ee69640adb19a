// Profiles, second part: the third audience (public, on the village page), the arrival month,
// the household kept for advisors, the photo with its access rules, the programme's list of
// skills and the skills map — with what the worst client sends to each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Browserless, PASSWORD, cli, startServer, tokenFor } from '../../lib/harness.mjs';
import { GERS, needData } from '../../lib/shared_data.mjs';

const COMMUNES = path.join(GERS, 'communes-32-gers-cog2026.geojson');
const skip = needData(COMMUNES);

// A 1×1 PNG, and the start of a JPEG (the signature is what is checked).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1f9a70000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(64)]);

let server;
const tokens = {};
const ids = {};

async function call(method, pathname, who, body, headers = {}) {
  const h = { ...headers };
  if (body !== undefined && !Buffer.isBuffer(body)) h['content-type'] = 'application/json';
  if (who) h.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + pathname, {
    method, headers: h, body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  const text = buffer.toString('utf8');
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text, buffer, headers: res.headers };
}

const PEOPLE = { lea: 'Léa Garcia', tom: 'Tom Baron', nina: 'Nina Costa' };

before(async () => {
  if (skip) return;
  server = await startServer();
  assert.equal(cli(['import', 'communes', COMMUNES, '--db', server.db.url, '--programme', 'gers']).status, 0);
  for (const [who, name] of Object.entries(PEOPLE)) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--name', name, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    tokens[who] = await tokenFor(server, `${who}@example.org`);
    ids[who] = (await call('GET', '/api/v1/me', who)).json.id;
  }
  tokens.advisor = await tokenFor(server, 'advisor@example.org');
});
after(async () => { await server?.close(); });

const names = (r) => r.json.items.map((m) => m.display_name);

test('the village page shows who chose it, with only what they made public', { skip }, async () => {
  const lea = await call('PUT', '/api/v1/me/profile', 'lea', {
    listed: true, village_code: '32013', presentation: 'Traductrice <em>indépendante</em>.', skills: ['Traduction'],
    arrival_month: '2025-09', household: '2 adultes, 1 enfant (6 ans)',
    shown: { village: 'public', presentation: 'public', arrival: 'public', skills: 'members' },
  });
  assert.equal(lea.status, 200, lea.text);
  assert.equal(lea.json.village_name, 'Auch');
  assert.equal(lea.json.household, '2 adultes, 1 enfant (6 ans)', 'the member sees their own household');
  // Tom lives in Auch too but keeps his village to members; Nina shows it publicly but is not listed.
  await call('PUT', '/api/v1/me/profile', 'tom', { listed: true, village_code: '32013', presentation: 'Graphiste' });
  await call('PUT', '/api/v1/me/profile', 'nina', { listed: false, village_code: '32013', shown: { village: 'public' } });

  const page = await fetch(server.url + '/villages/32013');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Les Soho Solos du village/);
  assert.match(html, /Léa Garcia/);
  assert.match(html, /Traductrice &lt;em&gt;indépendante&lt;\/em&gt;\./, 'markup stays text');
  assert.match(html, /Arrivé·e en septembre 2025/);
  assert.doesNotMatch(html, /Traduction/, 'skills are for members only');
  assert.doesNotMatch(html, /2 adultes/, 'the household is for advisors only');
  assert.doesNotMatch(html, /Tom Baron/);
  assert.doesNotMatch(html, /Nina Costa/, 'an unlisted profile is nowhere');
  assert.doesNotMatch(await (await fetch(server.url + '/villages/32202')).text(), /Léa Garcia/, 'only her own village');

  // Public implies members: the directory shows the public fields to members, and the household
  // to advisors only.
  const seen = (await call('GET', '/api/v1/members?q=lea', 'tom')).json.items[0];
  assert.equal(seen.presentation, 'Traductrice <em>indépendante</em>.');
  assert.equal(seen.household, undefined);
  assert.equal(seen.arrival_month, '2025-09');
  const staff = (await call('GET', '/api/v1/members?q=lea', 'advisor')).json.items[0];
  assert.equal(staff.village_name, 'Auch');
  const card = await new Browserless(server.url);
  await card.login('advisor@example.org');
  assert.match(await (await card.get('/members?q=lea')).text(), /Foyer : 2 adultes, 1 enfant \(6 ans\)/);
  const member = new Browserless(server.url);
  await member.login('tom@example.org');
  const directory = await (await member.get('/members?q=lea')).text();
  assert.doesNotMatch(directory, /2 adultes/);
  assert.match(directory, /<a href="\/villages\/32013">Auch<\/a>/);
});

test('a photo is seen by whom the member chose; bad uploads change nothing', { skip }, async () => {
  await call('PUT', '/api/v1/me/profile', 'tom', { listed: true, village_code: '32013', shown: { village: 'public' } });
  const put = await call('PUT', '/api/v1/me/profile/photo', 'tom', PNG, { 'content-type': 'image/png' });
  assert.equal(put.status, 200, put.text);
  const url = put.json.photo_url;
  assert.match(url, new RegExp(`^/members/${ids.tom}/photo\\?v=\\d+$`));
  assert.equal(put.json.listed, true, 'a photo leaves the rest of the profile as it was');

  // Shown to members (the default): members and staff see it; a visitor gets a plain 404.
  const asMember = await call('GET', url, 'lea');
  assert.equal(asMember.status, 200);
  assert.equal(asMember.headers.get('content-type'), 'image/png');
  assert.ok(asMember.buffer.equals(PNG));
  assert.equal(asMember.headers.get('cache-control'), 'private, max-age=86400');
  assert.equal((await call('GET', url)).status, 404);
  assert.doesNotMatch(await (await fetch(server.url + '/villages/32013')).text(), /\/members\/\d+\/photo/);

  // Public: a visitor sees it, and the village page shows it.
  await call('PUT', '/api/v1/me/profile', 'tom', { listed: true, village_code: '32013', shown: { village: 'public', photo: 'public' } });
  const asVisitor = await call('GET', url);
  assert.equal(asVisitor.status, 200);
  assert.equal(asVisitor.headers.get('cache-control'), 'public, max-age=86400');
  assert.match(await (await fetch(server.url + '/villages/32013')).text(), new RegExp(`src="/members/${ids.tom}/photo\\?v=\\d+"`));

  // Unlisted: only the member and staff.
  await call('PUT', '/api/v1/me/profile', 'tom', { listed: false, shown: { photo: 'public' } });
  assert.equal((await call('GET', url)).status, 404);
  assert.equal((await call('GET', url, 'lea')).status, 404);
  assert.equal((await call('GET', url, 'tom')).status, 200);
  assert.equal((await call('GET', url, 'advisor')).status, 200);

  const before = await call('GET', '/api/v1/me/profile', 'tom');
  for (const [body, type, status] of [
    [Buffer.from('GIF89a....'), 'image/gif', 422],
    [Buffer.from('<svg onload="alert(1)"/>'), 'image/png', 422],
    [JPEG, 'image/png', 422],
    [Buffer.alloc(0), 'image/png', 422],
    [Buffer.concat([PNG, Buffer.alloc(512 * 1024)]), 'image/png', 413],
  ]) {
    const r = await call('PUT', '/api/v1/me/profile/photo', 'tom', body, { 'content-type': type });
    assert.equal(r.status, status, r.text);
    assert.ok(r.json.errors.some((e) => e.field === 'photo'), r.text);
  }
  assert.deepEqual((await call('GET', '/api/v1/me/profile', 'tom')).json, before.json);
  assert.ok((await call('GET', url, 'tom')).buffer.equals(PNG), 'the photo is still the first one');
  for (const bad of ['/members/0/photo', '/members/abc/photo', '/members/99999999999999999999/photo', `/members/${ids.nina}/photo`]) {
    assert.equal((await call('GET', bad, 'advisor')).status, 404, bad);
  }
  assert.equal((await call('PUT', '/api/v1/me/profile/photo', undefined, PNG, { 'content-type': 'image/png' })).status, 401);

  // The form: multipart with its CSRF token; then removal.
  const browser = new Browserless(server.url);
  await browser.login('tom@example.org');
  const csrf = (await (await browser.get('/profile')).text()).match(/name="_csrf" value="([^"]+)"/)[1];
  const upload = async (token, bytes, type) => {
    const form = new FormData();
    form.append('_csrf', token);
    form.append('photo', new Blob([bytes], { type }), 'moi.jpg');
    return browser.request('POST', '/profile/photo', { body: form });
  };
  assert.equal((await upload('wrong', JPEG, 'image/jpeg')).status, 403);
  const refused = await upload(csrf, Buffer.from('not an image'), 'image/jpeg');
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /Seules les photos JPEG et PNG sont acceptées\./);
  assert.equal((await upload(csrf, JPEG, 'image/jpeg')).status, 303);
  const jpeg = await call('GET', (await call('GET', '/api/v1/me/profile', 'tom')).json.photo_url, 'tom');
  assert.equal(jpeg.headers.get('content-type'), 'image/jpeg');
  const profilePage = await (await browser.get('/profile')).text();
  assert.match(profilePage, /<img class="avatar" src="\/members\/\d+\/photo\?v=\d+"/);
  assert.equal((await browser.submit('/profile', '/profile/photo/delete', {})).status, 303);
  assert.equal((await call('GET', '/api/v1/me/profile', 'tom')).json.photo_url, null);
  assert.equal((await call('GET', url, 'tom')).status, 404);
  assert.equal((await call('DELETE', '/api/v1/me/profile/photo', 'tom')).status, 404, 'nothing left to remove');
});

test('the programme keeps a list of skills by category, offered on the profile form', { skip }, async () => {
  assert.equal((await call('PUT', '/api/v1/skills', 'lea', { text: 'Numérique : Web' })).status, 403);
  const refused = await call('PUT', '/api/v1/skills', 'advisor', {
    text: 'Numérique : Développement web, Graphisme\nsans catégorie\nArtisanat : Menuiserie, graphisme',
  });
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.json.errors.map((e) => e.field), ['line2', 'line3']);
  assert.deepEqual((await call('GET', '/api/v1/skills', 'lea')).json.items, [], 'nothing stored');
  for (const text of [`Numérique : ${'x'.repeat(41)}`, 'Numérique : a\u0000b', 42]) {
    assert.equal((await call('PUT', '/api/v1/skills', 'advisor', { text })).status, 422, String(text));
  }
  const saved = await call('PUT', '/api/v1/skills', 'advisor', {
    text: 'Numérique : Développement web, Graphisme\n\nArtisanat : Menuiserie, Céramique',
  });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.json.items, [
    { category: 'Numérique', skills: ['Développement web', 'Graphisme'] },
    { category: 'Artisanat', skills: ['Menuiserie', 'Céramique'] },
  ]);

  // The form: the list's skills ticked, others typed; both kept, and ticked again on the page.
  const browser = new Browserless(server.url);
  await browser.login('nina@example.org');
  const form = await (await browser.get('/profile')).text();
  assert.match(form, /<strong>Numérique<\/strong>/);
  const csrf = form.match(/name="_csrf" value="([^"]+)"/)[1];
  const body = new URLSearchParams([['_csrf', csrf], ['listed', '1'], ['skill', 'Graphisme'], ['skill', 'Céramique'],
    ['skills', 'Apiculture'], ['village_code', '32202'], ['arrival_month', '2024-03']]);
  const posted = await browser.request('POST', '/profile', {
    body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(posted.status, 303, await posted.text());
  const mine = (await call('GET', '/api/v1/me/profile', 'nina')).json;
  assert.deepEqual(mine.skills, ['Graphisme', 'Céramique', 'Apiculture']);
  assert.equal(mine.arrival_month, '2024-03');
  const again = await (await browser.get('/profile')).text();
  assert.match(again, /value="Graphisme" checked/);
  assert.doesNotMatch(again, /value="Menuiserie" checked/);
  assert.match(again, /id="skills" name="skills" value="Apiculture"/);

  const manage = new Browserless(server.url);
  await manage.login('advisor@example.org');
  const page = await (await manage.get('/manage/skills')).text();
  assert.match(page, /Numérique : Développement web, Graphisme\nArtisanat : Menuiserie, Céramique/);
  const bad = await manage.submit('/manage/skills', '/manage/skills', { skills: 'Numérique Web' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Ligne 1 : Une ligne commence par sa catégorie/);
  assert.equal((await browser.get('/manage/skills')).status, 403, 'members do not edit the list');
});

test('the skills map counts members by village for a category, as the asker may see them', { skip }, async () => {
  await call('PUT', '/api/v1/skills', 'advisor', { text: 'Numérique : Développement web, Graphisme\nArtisanat : Menuiserie, Céramique' });
  await call('PUT', '/api/v1/me/profile', 'lea', { listed: true, village_code: '32013', skills: ['Graphisme'] });
  await call('PUT', '/api/v1/me/profile', 'tom', { listed: true, village_code: '32013', skills: ['Développement web', 'Céramique'] });
  await call('PUT', '/api/v1/me/profile', 'nina', {
    listed: true, village_code: '32202', skills: ['Graphisme'], shown: { village: 'advisors' },
  });
  const digital = await call('GET', '/api/v1/members/map?category=Num%C3%A9rique', 'lea');
  assert.equal(digital.status, 200, digital.text);
  assert.deepEqual(digital.json.items.map((p) => [p.village_code, p.village_name, p.members]), [['32013', 'Auch', 2]]);
  assert.ok(digital.json.items[0].lat > 43 && digital.json.items[0].lat < 44.2 && digital.json.items[0].lon > -0.3 && digital.json.items[0].lon < 1.3);
  const staff = await call('GET', '/api/v1/members/map?category=Num%C3%A9rique', 'advisor');
  assert.deepEqual(staff.json.items.map((p) => [p.village_code, p.members]).sort(), [['32013', 2], ['32202', 1]]);
  const crafts = await call('GET', '/api/v1/members/map?category=Artisanat', 'lea');
  assert.deepEqual(crafts.json.items.map((p) => [p.village_code, p.members]), [['32013', 1]]);
  assert.equal((await call('GET', '/api/v1/members/map?category=Inconnue', 'lea')).status, 422);
  assert.equal((await call('GET', '/api/v1/members/map')).status, 401);

  const browser = new Browserless(server.url);
  await browser.login('lea@example.org');
  const page = await (await browser.get('/members/map?category=Artisanat')).text();
  assert.match(page, /<td><a href="\/members\?village=32013">Auch<\/a><\/td><td>1<\/td>/);
  assert.match(page, /data-points="\/api\/v1\/members\/map\?category=Artisanat"/);
  const filtered = await (await browser.get('/members?village=32013')).text();
  assert.match(filtered, /Tom Baron/);
  assert.doesNotMatch(filtered, /Nina Costa/);
});
