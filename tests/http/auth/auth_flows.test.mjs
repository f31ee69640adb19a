// Authentication and account flows over HTTP: failed logins, throttling, session cookies and
// their lifetime, API tokens, roles, invitations, password resets, export and deletion of one's
// account, and the choice of language.
//
// Every failed login from 127.0.0.1 counts towards the per-address limit (20 in 15 minutes), so
// this file keeps its failed logins well below it, and the throttling test uses its own server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Browserless, tokenFor, cli, runSql, PASSWORD, ENGINE } from '../../lib/harness.mjs';

let server;
before(async () => {
  server = await startServer();
  for (const who of ['sessions', 'logout', 'tokens', 'tokenlist', 'tworoles', 'reset', 'export', 'delete', 'lang']) {
    const r = cli(['user', 'add', `${who}@example.org`, '--role', 'member', '--programme', 'gers',
      '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
});
after(async () => { if (server) await server.close(); });

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** One value read straight from the database, to check what is stored. */
function dbScalar(db, sql) {
  if (ENGINE === 'postgresql') return execFileSync('psql', [db.url, '-X', '-A', '-t', '-c', sql], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [db.url.slice('sqlite:'.length), sql], { encoding: 'utf8' }).trim();
}

function bearer(token) { return { authorization: `Bearer ${token}` }; }

function cookieOf(res, name) {
  return res.headers.getSetCookie().find((c) => c.startsWith(name + '='));
}

async function loginAttempt(srv, email, password) {
  const b = new Browserless(srv.url);
  const res = await b.submit('/login', '/login', { email, password });
  return { res, html: await res.text() };
}

/**
 * The outbox, as the mail sender will read it: one {recipient, subject, body} per message, newest
 * first. (Straight from the database: no page shows a message's body, whose link is secret.)
 */
async function outbox() {
  const newline = ENGINE === 'postgresql' ? 'chr(10)' : 'char(10)';
  const rows = runSql(server.db.url, `SELECT id, recipient, subject, replace(replace(body, ${newline}, '\\n'), '|', '\\p') FROM outbox ORDER BY id DESC`)
    .out.split('\n').filter(Boolean);
  return rows.map((row) => {
    const [, recipient, subject, body] = row.split('|');
    return { recipient, subject, body: body.replace(/\\n/g, '\n').replace(/\\p/g, '|') };
  });
}

// --- Login -------------------------------------------------------------------------------------

test('a wrong password and an unknown e-mail get the same 401 and the same message', async () => {
  const wrong = await loginAttempt(server, 'member@example.org', 'not the password');
  const unknown = await loginAttempt(server, 'nobody@example.org', 'not the password');
  assert.equal(wrong.res.status, 401);
  assert.equal(unknown.res.status, 401);
  const message = (html) => html.match(/<p class="form-error" role="alert" id="login-error">([^<]*)<\/p>/)?.[1];
  assert.equal(message(wrong.html), 'Adresse e-mail ou mot de passe incorrect.');
  assert.equal(message(unknown.html), message(wrong.html));
  assert.equal(cookieOf(wrong.res, 'sid'), undefined);
  assert.equal(cookieOf(unknown.res, 'sid'), undefined);
});

test('after 5 failed logins on one account the next attempt is a 429 with Retry-After, even with the right password', async () => {
  const own = await startServer();
  try {
    for (let i = 0; i < 5; i++) {
      const { res } = await loginAttempt(own, 'member@example.org', `wrong password ${i}`);
      assert.equal(res.status, 401, `attempt ${i + 1}`);
    }
    const { res, html } = await loginAttempt(own, 'member@example.org', PASSWORD);
    assert.equal(res.status, 429);
    const retry = Number(res.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 15 * 60, `Retry-After: ${res.headers.get('retry-after')}`);
    assert.match(html, /Trop de tentatives de connexion/);
    assert.equal(cookieOf(res, 'sid'), undefined);
    // The API is throttled the same way.
    const api = await fetch(own.url + '/api/v1/tokens', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'MEMBER@example.org ', password: PASSWORD }),
    });
    assert.equal(api.status, 429);
    assert.ok(Number(api.headers.get('retry-after')) > 0);
    assert.equal((await api.json()).type, '/problems/rate-limited');
    // Another account is not locked out by it.
    const other = new Browserless(own.url);
    await other.login('advisor@example.org');
  } finally {
    await own.close();
  }
});

// --- Sessions ----------------------------------------------------------------------------------

test('the session cookie is HttpOnly and SameSite=Lax', async () => {
  const b = new Browserless(server.url);
  const res = await b.login('member@example.org');
  const sid = cookieOf(res, 'sid');
  assert.ok(sid, 'a sid cookie is set');
  assert.match(sid, /;\s*HttpOnly/i);
  assert.match(sid, /;\s*SameSite=Lax/i);
  assert.match(sid, /;\s*Path=\//);
  assert.ok(b.cookies.get('sid').length >= 32, 'the session id is long and random');
});

test('the session id changes at each login and the previous one stops working', async () => {
  const b = new Browserless(server.url);
  await b.login('sessions@example.org');
  const first = b.cookies.get('sid');
  assert.equal((await b.get('/account')).status, 200);
  // Log in again from the same browser (the login page redirects a logged-in visitor, so post directly).
  const page = await (await b.get('/account')).text();
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
  const again = await b.request('POST', '/login', {
    body: new URLSearchParams({ _csrf: csrf, email: 'sessions@example.org', password: PASSWORD }).toString(), headers: FORM,
  });
  assert.equal(again.status, 303);
  const second = b.cookies.get('sid');
  assert.notEqual(second, first);
  assert.equal((await b.get('/account')).status, 200);
  // The old id is no longer valid.
  const old = await fetch(server.url + '/account', { headers: { cookie: `sid=${first}` }, redirect: 'manual' });
  assert.equal(old.status, 303);
  assert.match(old.headers.get('location'), /^\/login\?next=/);

  // A second, independent login also gets its own id.
  const c = new Browserless(server.url);
  await c.login('sessions@example.org');
  assert.notEqual(c.cookies.get('sid'), second);
  assert.notEqual(c.cookies.get('sid'), first);
});

test('logout invalidates the session on the server', async () => {
  const b = new Browserless(server.url);
  await b.login('logout@example.org');
  const sid = b.cookies.get('sid');
  const page = await (await b.get('/account')).text();
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
  const res = await b.request('POST', '/logout', { body: new URLSearchParams({ _csrf: csrf }).toString(), headers: FORM });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  assert.match(cookieOf(res, 'sid'), /Max-Age=0/);
  // Re-sending the old cookie (as a client that ignored the deletion would) is anonymous.
  const replay = await fetch(server.url + '/account', { headers: { cookie: `sid=${sid}` }, redirect: 'manual' });
  assert.equal(replay.status, 303);
  assert.equal(replay.headers.get('location'), '/login?next=%2Faccount');
  const api = await fetch(server.url + '/api/v1/me', { headers: { cookie: `sid=${sid}` } });
  assert.equal(api.status, 401);
});

test('an idle session expires (--session-idle 1)', async () => {
  const own = await startServer({ extraArgs: ['--session-idle', '1'] });
  try {
    const b = new Browserless(own.url);
    await b.login('member@example.org');
    assert.equal((await b.get('/account')).status, 200);
    await new Promise((r) => setTimeout(r, 2500));
    const res = await b.get('/account?tab=1');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login?next=%2Faccount%3Ftab%3D1');
    // Logging in again works.
    const c = new Browserless(own.url);
    await c.login('member@example.org');
    assert.equal((await c.get('/account')).status, 200);
  } finally {
    await own.close();
  }
});

test('an anonymous visitor of /account is redirected to the login page', async () => {
  const res = await fetch(server.url + '/account', { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?next=%2Faccount');
  // The API says 401 instead of redirecting.
  const api = await fetch(server.url + '/api/v1/me');
  assert.equal(api.status, 401);
  assert.equal(api.headers.get('www-authenticate'), 'Bearer');
});

test('after login the visitor goes back to a local "next", never to another site', async () => {
  for (const [next, expected] of [['/people', '/people'], ['//evil.example/x', '/account'],
    ['https://evil.example/', '/account'], ['/\\evil.example', '/account']]) {
    const b = new Browserless(server.url);
    const page = await (await b.get('/login')).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)[1];
    const res = await b.request('POST', '/login', {
      body: new URLSearchParams({ _csrf: csrf, email: 'advisor@example.org', password: PASSWORD, next }).toString(),
      headers: FORM,
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), expected, `next=${next}`);
  }
});

// --- API tokens --------------------------------------------------------------------------------

test('API tokens: create, use, list, revoke', async () => {
  const res = await fetch(server.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'tokens@example.org', password: PASSWORD, name: 'backup script' }),
  });
  assert.equal(res.status, 201);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const created = await res.json();
  assert.match(created.token, /^sst_/);
  assert.equal(created.token_type, 'Bearer');
  assert.ok(Number.isInteger(created.id));

  const me = await fetch(server.url + '/api/v1/me', { headers: bearer(created.token) });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).email, 'tokens@example.org');

  const other = await tokenFor(server, 'tokens@example.org');
  const list = await (await fetch(server.url + '/api/v1/tokens', { headers: bearer(other) })).json();
  const item = list.items.find((t) => t.id === created.id);
  assert.ok(item, 'the token is listed');
  assert.equal(item.name, 'backup script');
  assert.match(item.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(!JSON.stringify(list).includes(created.token), 'the secret is never listed');

  // Someone else cannot revoke it.
  const stranger = await tokenFor(server, 'member@example.org');
  const denied = await fetch(server.url + `/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: bearer(stranger) });
  assert.equal(denied.status, 404);
  assert.equal((await fetch(server.url + '/api/v1/me', { headers: bearer(created.token) })).status, 200);

  const del = await fetch(server.url + `/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: bearer(other) });
  assert.equal(del.status, 204);
  assert.equal(await del.text(), '');
  const after = await fetch(server.url + '/api/v1/me', { headers: bearer(created.token) });
  assert.equal(after.status, 401);
  assert.equal((await after.json()).type, '/problems/unauthorized');
  const again = await fetch(server.url + `/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: bearer(other) });
  assert.equal(again.status, 404);
  const list2 = await (await fetch(server.url + '/api/v1/tokens', { headers: bearer(other) })).json();
  assert.ok(!list2.items.some((t) => t.id === created.id));
  // A made-up token is refused too.
  assert.equal((await fetch(server.url + '/api/v1/me', { headers: bearer('sst_' + 'A'.repeat(43)) })).status, 401);
});

test('the tokens list shows a new token at once, and its first use at once', async () => {
  // The server keeps each account's list for a moment (the account page shows it on every visit):
  // what this server changes must show on the next read all the same.
  const owner = await tokenFor(server, 'tokenlist@example.org');
  const listOf = async () => {
    const res = await fetch(server.url + '/api/v1/tokens', { headers: bearer(owner) });
    assert.equal(res.status, 200);
    return (await res.json()).items;
  };
  assert.equal((await listOf()).length, 1);
  const res = await fetch(server.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'tokenlist@example.org', password: PASSWORD, name: 'laptop' }),
  });
  assert.equal(res.status, 201);
  const made = await res.json();
  const listed = (await listOf()).find((t) => t.id === made.id);
  assert.ok(listed, 'a new token is listed at once');
  assert.equal(listed.last_used_at, null);
  assert.equal((await fetch(server.url + '/api/v1/me', { headers: bearer(made.token) })).status, 200);
  const used = (await listOf()).find((t) => t.id === made.id);
  assert.match(used.last_used_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'its first use shows at once');
  const gone = await fetch(server.url + `/api/v1/tokens/${made.id}`, { method: 'DELETE', headers: bearer(owner) });
  assert.equal(gone.status, 204);
  assert.ok(!(await listOf()).some((t) => t.id === made.id), 'a revoked token leaves the list at once');
});

test('POST /api/v1/tokens with a wrong e-mail or a wrong password is 401 both times, alike', async () => {
  const post = (email, password) => fetch(server.url + '/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  const a = await post('no-such-person@example.org', PASSWORD);
  const b = await post('tokens@example.org', 'wrong password!');
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  const [da, db] = [await a.json(), await b.json()];
  assert.deepEqual(da, db);
  assert.equal(da.status, 401);
});

// --- Roles -------------------------------------------------------------------------------------

test('roles: member, advisor and admin on /people and /admin', async () => {
  const expect = { 'member@example.org': [403, 403], 'host@example.org': [403, 403],
    'advisor@example.org': [200, 403], 'admin@example.org': [200, 200] };
  for (const [email, [people, admin]] of Object.entries(expect)) {
    const b = new Browserless(server.url);
    await b.login(email);
    assert.equal((await b.get('/people')).status, people, `${email} on /people`);
    assert.equal((await b.get('/admin')).status, admin, `${email} on /admin`);
  }
  // Anonymous: redirected to the login page.
  const anon = await fetch(server.url + '/admin', { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), '/login?next=%2Fadmin');
});

test('an account with two roles has both, through its session and its token; with none it is refused', async () => {
  const email = 'tworoles@example.org';
  const id = runSql(server.db.url, `SELECT id FROM accounts WHERE email_key = '${email}'`).out;
  assert.match(id, /^\d+$/);
  runSql(server.db.url, `INSERT INTO account_roles (programme_id, account_id, role, granted_at) `
    + `SELECT programme_id, account_id, 'site_host', granted_at FROM account_roles WHERE account_id = ${id}`);
  const b = new Browserless(server.url);
  await b.login(email);
  const token = await tokenFor(server, email);
  const bySession = await (await b.get('/api/v1/me')).json();
  const byToken = await (await fetch(server.url + '/api/v1/me', { headers: bearer(token) })).json();
  assert.deepEqual([...bySession.roles].sort(), ['member', 'site_host']);
  assert.deepEqual([...byToken.roles].sort(), ['member', 'site_host']);
  const page = await (await b.get('/account')).text();
  assert.match(page, /Membre/);
  assert.match(page, /Hôte de site/);

  // Removed from the programme by another process (here, by hand): refused once what this
  // server keeps (two seconds) has expired, and the session row is still there to be refused.
  runSql(server.db.url, `DELETE FROM account_roles WHERE account_id = ${id}`);
  let session, api;
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    session = (await b.get('/api/v1/me')).status;
    api = (await fetch(server.url + '/api/v1/me', { headers: bearer(token) })).status;
    if (session === 401 && api === 401) break;
  }
  assert.equal(session, 401);
  assert.equal(api, 401);
});

// --- Invitations -------------------------------------------------------------------------------

test('invitation: an advisor invites, the admin reads the link in the outbox, the invitee sets a password once', async () => {
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  const res = await advisor.submit('/people', '/people/invite', {
    email: 'new@example.org', display_name: 'Nouvelle Personne', role: 'member',
  });
  assert.equal(res.status, 201);
  const people = await (await advisor.get('/people')).text();
  assert.match(people, /<td>new@example.org<\/td><td>[^<]*<\/td><td>Invitation en attente<\/td>/);

  const mails = (await outbox()).filter((m) => m.recipient === 'new@example.org');
  assert.equal(mails.length, 1);
  const link = mails[0].body.match(/http:\/\/[^\s]+\/welcome\/([A-Za-z0-9_-]+)/);
  assert.ok(link, mails[0].body);
  const path = `/welcome/${link[1]}`;

  // Not yet able to log in: no password.
  const early = await loginAttempt(server, 'new@example.org', '');
  assert.equal(early.res.status, 401);

  const invitee = new Browserless(server.url);
  const page = await invitee.get(path);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Bienvenue/);
  // Too short a password is refused and the link stays usable.
  const short = await invitee.submit(path, path, { password: 'short' });
  assert.equal(short.status, 422);
  const set = await invitee.submit(path, path, { password: 'a brand new password' });
  assert.equal(set.status, 303);
  assert.equal(set.headers.get('location'), '/account');
  assert.equal(dbScalar(server.db,
    "SELECT COUNT(*) FROM one_time_links l JOIN accounts a ON a.id = l.account_id WHERE a.email_key = 'new@example.org' AND l.used_at IS NOT NULL"), '1');
  const account = await invitee.get('/account');
  assert.equal(account.status, 200);
  assert.match(await account.text(), /new@example.org/);

  // The link cannot be used twice.
  const reuse = new Browserless(server.url);
  assert.equal((await reuse.get(path)).status, 404);
  const second = await reuse.submit('/login', path, { password: 'another new password' });
  assert.equal(second.status, 404);
  const fresh = new Browserless(server.url);
  await fresh.login('new@example.org', 'a brand new password');
  assert.match(await (await advisor.get('/people')).text(), /<td>new@example.org<\/td><td>[^<]*<\/td><td>Actif<\/td>/);
});

test('an advisor may not invite an admin (or an advisor): 403 and no account', async () => {
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  for (const role of ['admin', 'advisor']) {
    const res = await advisor.submit('/people', '/people/invite', {
      email: `would-be-${role}@example.org`, display_name: 'Would Be', role,
    });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /Seul un administrateur peut inviter/);
  }
  const people = await (await advisor.get('/people')).text();
  assert.doesNotMatch(people, /would-be-/);
  assert.equal((await outbox()).filter((m) => m.recipient.startsWith('would-be-')).length, 0);
  assert.equal(dbScalar(server.db, "SELECT COUNT(*) FROM accounts WHERE email_key LIKE 'would-be-%'"), '0');
  // An admin may.
  const admin = new Browserless(server.url);
  await admin.login('admin@example.org');
  const ok = await admin.submit('/people', '/people/invite', {
    email: 'second-advisor@example.org', display_name: 'Second Advisor', role: 'advisor',
  });
  assert.equal(ok.status, 201);
});

// --- Password reset ----------------------------------------------------------------------------

test('password reset: an account that reads English gets the mail in English first', async () => {
  const r = cli(['user', 'add', 'reader@example.org', '--role', 'member', '--name', 'Reader', '--db', server.db.url], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  runSql(server.db.url, "UPDATE accounts SET language = 'en' WHERE email = 'reader@example.org'");
  const b = new Browserless(server.url);
  assert.equal((await b.submit('/password-reset', '/password-reset', { email: 'reader@example.org' })).status, 200);
  const [mail] = (await outbox()).filter((m) => m.recipient === 'reader@example.org');
  assert.equal(mail.subject, 'Resetting your password');
  const english = mail.body.indexOf('password');
  const french = mail.body.indexOf('mot de passe');
  assert.ok(english >= 0 && french > english, mail.body);
});

test('password reset: same page for known and unknown addresses, one mail, the link sets a new password', async () => {
  const before = await outbox();
  const ask = async (email) => {
    const b = new Browserless(server.url);
    const res = await b.submit('/password-reset', '/password-reset', { email });
    return { status: res.status, html: await res.text() };
  };
  const known = await ask('reset@example.org');
  const unknown = await ask('nobody-at-all@example.org');
  assert.equal(known.status, 200);
  assert.equal(unknown.status, known.status);
  assert.equal(unknown.html, known.html);
  assert.match(known.html, /Si un compte existe pour cette adresse/);

  const after = await outbox();
  const added = after.slice(0, after.length - before.length);
  assert.equal(added.length, 1);
  assert.equal(added[0].recipient, 'reset@example.org');
  assert.equal(after.filter((m) => m.recipient === 'nobody-at-all@example.org').length, 0);
  const token = added[0].body.match(/\/reset\/([A-Za-z0-9_-]+)/)[1];

  // An open session of the account ends when the password is reset.
  const before_reset = new Browserless(server.url);
  await before_reset.login('reset@example.org');

  const b = new Browserless(server.url);
  const page = await b.get(`/reset/${token}`);
  assert.equal(page.status, 200);
  const done = await b.submit(`/reset/${token}`, `/reset/${token}`, { password: 'my new reset password' });
  assert.equal(done.status, 303);
  assert.equal((await b.get('/account')).status, 200);
  assert.equal((await before_reset.get('/account')).status, 303);

  const old = await loginAttempt(server, 'reset@example.org', PASSWORD);
  assert.equal(old.res.status, 401);
  const fresh = new Browserless(server.url);
  await fresh.login('reset@example.org', 'my new reset password');
  // Used once: gone.
  assert.equal((await new Browserless(server.url).get(`/reset/${token}`)).status, 404);
});

// --- My data -----------------------------------------------------------------------------------

test('GET /account/export returns my data as JSON', async () => {
  const b = new Browserless(server.url);
  await b.login('export@example.org');
  const res = await b.get('/account/export');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
  const data = await res.json();
  assert.equal(data.account.email, 'export@example.org');
  assert.deepEqual(data.roles, ['member']);
  assert.ok(Array.isArray(data.api_tokens));
  assert.ok(!JSON.stringify(data).includes('argon2'), 'no password hash in the export');
  // Anonymous: no data.
  assert.equal((await fetch(server.url + '/account/export', { redirect: 'manual' })).status, 303);
});

test('deleting one\'s account needs the password', async () => {
  const b = new Browserless(server.url);
  await b.login('delete@example.org');
  const token = await tokenFor(server, 'delete@example.org');
  const wrong = await b.submit('/account', '/account/delete', { password: 'not my password' });
  assert.equal(wrong.status, 422);
  assert.match(await wrong.text(), /Mot de passe incorrect/);
  assert.equal((await b.get('/account')).status, 200);
  assert.equal((await fetch(server.url + '/api/v1/me', { headers: bearer(token) })).status, 200);
  const count = () => dbScalar(server.db, "SELECT COUNT(*) FROM accounts WHERE email_key = 'delete@example.org'");
  assert.equal(count(), '1');

  const right = await b.submit('/account', '/account/delete', { password: PASSWORD });
  assert.equal(right.status, 303);
  assert.equal(right.headers.get('location'), '/?deleted=1');
  assert.equal(count(), '0');
  assert.equal((await b.get('/account')).status, 303);
  assert.equal((await fetch(server.url + '/api/v1/me', { headers: bearer(token) })).status, 401);
  const login = await loginAttempt(server, 'delete@example.org', PASSWORD);
  assert.equal(login.res.status, 401);
  const admin = new Browserless(server.url);
  await admin.login('admin@example.org');
  assert.doesNotMatch(await (await admin.get('/people')).text(), /delete@example\.org/);
});

// --- Language ----------------------------------------------------------------------------------

test('Accept-Language: en gives English pages; French is the default', async () => {
  const en = await fetch(server.url + '/login', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.equal(en.headers.get('content-language'), 'en');
  const html = await en.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<title>Log in · Soho Solo Gers<\/title>/);
  const fr = await fetch(server.url + '/login');
  assert.match(await fr.text(), /<title>Connexion · Soho Solo Gers<\/title>|<html lang="fr">/);
  const de = await fetch(server.url + '/login', { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
  assert.equal(de.headers.get('content-language'), 'fr');
  await de.text();
});

test('/lang/en sets a cookie and switches the pages to English', async () => {
  const b = new Browserless(server.url);
  const res = await b.get('/lang/en?next=/login');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login');
  assert.match(cookieOf(res, 'lang'), /^lang=en;/);
  const page = await b.get('/login');
  assert.match(await page.text(), /<html lang="en">/);
  // The cookie wins over Accept-Language.
  const fr = await b.get('/', { headers: { 'accept-language': 'fr' } });
  assert.match(await fr.text(), /<html lang="en">/);
  // Back to French; an unknown language is a 404 and changes nothing.
  assert.equal((await b.get('/lang/xx')).status, 404);
  await b.get('/lang/fr');
  assert.match(await (await b.get('/')).text(), /<html lang="fr">/);
  // An open redirect through next is refused.
  const evil = await b.get('/lang/en?next=//evil.example/');
  assert.equal(evil.headers.get('location'), '/');
});

test('a logged-in account\'s language choice persists across logins', async () => {
  const b = new Browserless(server.url);
  await b.login('lang@example.org');
  assert.match(await (await b.get('/account')).text(), /<html lang="fr">/);
  // The language links switch this browser only: a GET changes nothing stored.
  await b.get('/lang/en');
  assert.match(await (await b.get('/account')).text(), /<title>My account/);
  assert.equal((await (await b.get('/api/v1/me')).json()).language, 'fr');
  // The account page saves the choice.
  const saved = await b.submit('/account', '/account/profile', { display_name: 'Lang Test', language: 'en' });
  assert.equal(saved.status, 303);
  assert.match(cookieOf(saved, 'lang'), /^lang=en;/);
  assert.equal((await (await b.get('/api/v1/me')).json()).language, 'en');

  // A new browser with French preferences and no cookie: after login, English.
  const c = new Browserless(server.url);
  const res = await c.request('POST', '/login', {
    body: new URLSearchParams({
      _csrf: (await (await c.get('/login', { headers: { 'accept-language': 'fr' } })).text()).match(/name="_csrf" value="([^"]+)"/)[1],
      email: 'lang@example.org', password: PASSWORD,
    }).toString(),
    headers: { ...FORM, 'accept-language': 'fr' },
  });
  assert.equal(res.status, 303);
  assert.match(cookieOf(res, 'lang'), /^lang=en;/);
  const page = await c.get('/account', { headers: { 'accept-language': 'fr' } });
  assert.match(await page.text(), /<html lang="en">[^]*<title>My account/);

  // Back to French through the account page: the next login is in French again.
  const back = await c.submit('/account', '/account/profile', { display_name: 'Lang Test', language: 'fr' });
  assert.equal(back.status, 303);
  const d = new Browserless(server.url);
  await d.login('lang@example.org');
  assert.match(await (await d.get('/account', { headers: { 'accept-language': 'en' } })).text(), /<title>Mon compte/);
});
