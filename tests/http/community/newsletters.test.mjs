// Newsletters end to end against a real SMTP receiver on loopback (smtp-server from npm): a
// draft in Markdown, a test to oneself, sending to segments, multipart text + HTML with the
// RFC 8058 one-click unsubscribe, progress and retries, scheduling, the public's double opt-in,
// the archive, bad input, and a sender killed mid-campaign.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { BIN, Browserless, PASSWORD, cli, runSql, startServer, tokenFor } from '../../lib/harness.mjs';
import { addDays, at, nowSeconds, today } from '../../lib/calendar.mjs';

const FROM = 'Soho Solo Gers <soho-solo@example.org>';
const PUBLIC = 'http://gers.example.org';
let smtp;
let server;
const tokens = {};
const refused = new Set();

function smtpReceiver() {
  const received = [];
  const receiver = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(address, session, callback) {
      if (!refused.has(address.address)) return callback();
      const error = new Error('No such mailbox here');
      error.responseCode = 550;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({ raw: raw.toString('utf8'), mail: await simpleParser(raw), to: session.envelope.rcptTo[0].address });
        callback();
      });
    },
  });
  // A sender killed mid-message (a test does it on purpose) resets its connection.
  receiver.on('error', (e) => { if (e.code !== 'ECONNRESET') throw e; });
  return new Promise((resolve) => {
    receiver.listen(0, '127.0.0.1', () => resolve({
      received, url: `smtp://127.0.0.1:${receiver.server.address().port}`, close: () => new Promise((r) => receiver.close(r)),
    }));
  });
}

async function until(what, predicate, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function call(method, path, who, body, headers = {}) {
  const h = { 'content-type': 'application/json', ...headers };
  if (who) h.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + path, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

const sql = (q) => runSql(server.db.url, q).out;
const to = (who) => `${who}@example.org`;
const mailsFor = (address, since = 0) => smtp.received.slice(since).filter((m) => m.to === address);
const batch = (id) => sql(`SELECT recipient FROM outbox WHERE batch = 'newsletter-${id}' ORDER BY recipient`).split('\n').filter(Boolean);

const PEOPLE = {
  ana: { name: 'Ana Ruiz', profile: { village_code: '32147', status: 'independent', skills: ['Développement web'] } },
  bruno: { name: 'Bruno Petit', profile: { village_code: '32107', status: 'salaried', skills: ['Comptabilité'] } },
  chloe: { name: 'Chloé Marty', profile: { village_code: '32147', status: 'entrepreneur', skills: ['Photographie'] } },
  dan: { name: 'Dan Smith', profile: { village_code: '32013', status: 'independent', skills: ['Traduction'] }, lang: 'en' },
};

before(async () => {
  smtp = await smtpReceiver();
  server = await startServer({ extraArgs: ['--smtp-url', smtp.url, '--mail-from', FROM, '--mail-interval', '1', '--public-url', PUBLIC] });
  for (const [who, p] of Object.entries(PEOPLE)) {
    const r = cli(['user', 'add', to(who), '--role', 'member', '--name', p.name, '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
    if (p.lang) sql(`UPDATE accounts SET language = '${p.lang}' WHERE email = '${to(who)}'`);
    tokens[who] = await tokenFor(server, to(who));
    assert.equal((await call('PUT', '/api/v1/me/profile', who, p.profile)).status, 200);
  }
  tokens.advisor = await tokenFor(server, 'advisor@example.org');
  tokens.member = await tokenFor(server, 'member@example.org');
});
after(async () => { await server?.close(); await smtp?.close(); });

let counter = 0;
async function draft(fields = {}) {
  const r = await call('POST', '/api/v1/newsletters', 'advisor', {
    subject: `Lettre n° ${++counter} — l'été au télécentre`,
    markdown: '# Bonjour\n\nLe **club** se retrouve jeudi.\n\n- atelier photo\n- apéro\n', ...fields,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('a draft previews, goes to its writer as a test, then once to every member, multipart with one-click unsubscribe', async () => {
  const n = await draft();
  assert.match(n.html, /<h1>Bonjour<\/h1>/);
  assert.equal(n.state, 'draft');
  const start = smtp.received.length;
  assert.equal((await call('POST', `/api/v1/newsletters/${n.id}/test`, 'advisor')).status, 202);
  await until('the test copy', () => mailsFor('advisor@example.org', start).length === 1);
  const testCopy = mailsFor('advisor@example.org', start)[0].mail;
  assert.match(testCopy.subject, /^\[Test\] Lettre n° /);
  assert.equal(testCopy.headers.get('list-unsubscribe'), undefined, 'a test unsubscribes nobody');
  assert.equal(mailsFor(to('ana'), start).length, 0);

  const sent = await call('POST', `/api/v1/newsletters/${n.id}/send`, 'advisor');
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.json.state, 'sent');
  assert.equal(sent.json.recipients, 5, 'four members and member@example.org');
  await until('every member', () => ['ana', 'bruno', 'chloe', 'dan', 'member'].every((w) => mailsFor(to(w), start).length === 1));
  const { mail, raw } = mailsFor(to('ana'), start)[0];
  assert.equal(mail.subject, n.subject);
  assert.match(raw, /Content-Type: multipart\/alternative/i);
  assert.match(mail.text, /Le \*\*club\*\* se retrouve jeudi/);
  assert.match(mail.html, /<strong>club<\/strong>/);
  const list = raw.match(/^List-Unsubscribe: <([^>]+)>/m)?.[1];
  assert.ok(list?.startsWith(`${PUBLIC}/newsletter/unsubscribe/`), raw.slice(0, 800));
  assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  assert.ok(mail.html.includes(list) && mail.text.includes(list), 'the same link in both parts');
  assert.match(mailsFor(to('dan'), start)[0].mail.text, /Unsubscribe:/, 'the footer in the reader\'s language');
  assert.match(mail.text, /Se désabonner :/);

  const again = await call('POST', `/api/v1/newsletters/${n.id}/send`, 'advisor');
  assert.equal(again.status, 409);
  await until('the progress', async () => (await call('GET', `/api/v1/newsletters/${n.id}`, 'advisor')).json.progress.sent === 5);
  const progress = (await call('GET', `/api/v1/newsletters/${n.id}`, 'advisor')).json.progress;
  assert.deepEqual(progress, { recipients: 5, sent: 5, failed: 0, left: 0 });
  assert.equal(smtp.received.slice(start).filter((m) => m.mail.subject === n.subject).length, 5, 'nobody twice');

  // One click, as a mail client does it: a POST without cookie nor form token.
  const path = new URL(list).pathname;
  const page = await fetch(server.url + path);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /a\*\*\*@example\.org/);
  const click = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(click.status, 200);
  const next = await draft();
  await call('POST', `/api/v1/newsletters/${next.id}/send`, 'advisor');
  assert.ok(!batch(next.id).includes(to('ana')), 'ana asked for no more');
  assert.ok(batch(next.id).includes(to('bruno')));
  assert.equal((await fetch(`${server.url}/newsletter/unsubscribe/inconnu`, { method: 'POST' })).status, 404);
  // She may change her mind from the archive page.
  assert.equal((await call('POST', '/newsletters/preferences', 'ana', 'receive=1', { 'content-type': 'application/x-www-form-urlencoded' })).status, 200);
  const third = await draft();
  await call('POST', `/api/v1/newsletters/${third.id}/send`, 'advisor');
  assert.ok(batch(third.id).includes(to('ana')));
});

test('segments: a village, a status, a skill, the people registered for an event', async () => {
  const send = async (segment_kind, segment_value) => {
    const n = await draft({ segment_kind, segment_value });
    assert.equal((await call('POST', `/api/v1/newsletters/${n.id}/send`, 'advisor')).status, 200);
    return batch(n.id);
  };
  assert.deepEqual(await send('village', '32147'), [to('ana'), to('chloe')]);
  assert.deepEqual(await send('status', 'independent'), [to('ana'), to('dan')]);
  assert.deepEqual(await send('skill', 'COMPTABILITE'), [to('bruno')]);
  const day = addDays(today(), 9);
  const event = await call('POST', '/api/v1/events', 'advisor', { title: 'Atelier', place: 'Mairie', start: at(day, '10:00'), end: at(day, '12:00'), capacity: 1 });
  await call('POST', `/api/v1/events/${event.json.items[0].id}/registrations`, 'chloe');
  await call('POST', `/api/v1/events/${event.json.items[0].id}/registrations`, 'dan'); // waitlisted: not registered
  assert.deepEqual(await send('event', String(event.json.items[0].id)), [to('chloe')]);
});

test('the public subscribes with a double opt-in, and the sign-up tells nobody who is subscribed', async () => {
  const start = smtp.received.length;
  const asked = await call('POST', '/api/v1/newsletter-subscriptions', undefined, { email: 'Voisine@Example.org' });
  assert.equal(asked.status, 202, asked.text);
  await until('the confirmation', () => mailsFor('Voisine@Example.org', start).length === 1);
  const link = mailsFor('Voisine@Example.org', start)[0].mail.text.match(/https?:\/\/\S+\/newsletter\/confirm\/\S+/)[0];
  assert.equal((await call('POST', '/api/v1/newsletter-subscriptions', undefined, { email: 'voisine@example.org' })).status, 202);
  const pending = await draft({ segment_kind: 'subscribers' });
  await call('POST', `/api/v1/newsletters/${pending.id}/send`, 'advisor');
  assert.deepEqual(batch(pending.id), [], 'not before the address is confirmed');

  const path = new URL(link).pathname;
  assert.equal((await fetch(server.url + path)).status, 200, 'opening the link confirms nothing by itself');
  const still = await draft({ segment_kind: 'subscribers' });
  await call('POST', `/api/v1/newsletters/${still.id}/send`, 'advisor');
  assert.deepEqual(batch(still.id), [], 'a link scanner that only opens the page subscribes nobody');
  const visitor = new Browserless(server.url);
  assert.equal((await visitor.submit(path, path, {})).status, 200);
  const after = await draft({ segment_kind: 'subscribers' });
  await call('POST', `/api/v1/newsletters/${after.id}/send`, 'advisor');
  assert.deepEqual(batch(after.id), ['Voisine@Example.org']);
  assert.equal((await new Browserless(server.url).submit(path, path, {})).status, 404, 'a link confirms once');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(mailsFor('Voisine@Example.org', start).filter((m) => /Confirmez/.test(m.mail.subject)).length, 1, 'one confirmation mail in a quarter of an hour');
  for (const email of ['', 'pas une adresse', 'a@b@c', 'x@example.org\r\nBcc: y@example.org', 'x'.repeat(300) + '@example.org']) {
    const r = await call('POST', '/api/v1/newsletter-subscriptions', undefined, { email });
    assert.equal(r.status, 422, email);
  }
});

test('the archive: public issues for everyone, every sent issue for members, drafts for staff', async () => {
  const open = await draft({ public: true, subject: 'Publique' });
  await call('POST', `/api/v1/newsletters/${open.id}/send`, 'advisor');
  const closed = await draft({ subject: 'Réservée' });
  await call('POST', `/api/v1/newsletters/${closed.id}/send`, 'advisor');
  const unsent = await draft({ subject: 'Brouillon secret', markdown: 'Texte **gras** <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n' });
  const subjects = async (who) => (await call('GET', '/api/v1/newsletters', who)).json.items.map((i) => i.subject);
  const anonymous = await subjects();
  assert.ok(anonymous.includes('Publique') && !anonymous.includes('Réservée') && !anonymous.includes('Brouillon secret'));
  const member = await subjects('member');
  assert.ok(member.includes('Publique') && member.includes('Réservée') && !member.includes('Brouillon secret'));
  assert.ok((await subjects('advisor')).includes('Brouillon secret'));
  assert.equal((await call('GET', `/api/v1/newsletters/${closed.id}`)).status, 404);
  assert.equal((await call('GET', `/api/v1/newsletters/${unsent.id}`, 'member')).status, 404);
  const page = await (await fetch(`${server.url}/newsletters/${open.id}`)).text();
  assert.match(page, /Publique/);
  const editor = await call('GET', `/newsletters/${unsent.id}`, 'advisor');
  assert.doesNotMatch(editor.text, /<script>alert/);
  assert.match(editor.text, /<strong>gras<\/strong>/);
});

test('bad input is refused with its field and stores nothing', async () => {
  const count = () => sql('SELECT COUNT(*) FROM newsletters');
  const before = count();
  const good = { subject: 'Objet', markdown: 'Texte' };
  for (const [body, field] of [
    [{ ...good, subject: '' }, 'subject'], [{ ...good, subject: 'a\r\nBcc: x@example.org' }, 'subject'], [{ ...good, subject: 'x'.repeat(151) }, 'subject'],
    [{ ...good, markdown: '   ' }, 'markdown'], [{ ...good, markdown: 'x'.repeat(102401) }, 'markdown'], [{ ...good, markdown: 'nul\u0000' }, 'markdown'],
    [{ ...good, segment_kind: 'everyone' }, 'segment_kind'], [{ ...good, segment_kind: 'village', segment_value: 'ABCDE' }, 'segment_value'],
    [{ ...good, segment_kind: 'status', segment_value: 'boss' }, 'segment_value'], [{ ...good, segment_kind: 'event', segment_value: '999999' }, 'segment_value'],
    [{ ...good, segment_kind: 'event', segment_value: '1 OR 1=1' }, 'segment_value'], [{ ...good, segment_kind: 'skill', segment_value: '' }, 'segment_value'],
    [{ ...good, public: 'yes' }, 'public'], [{ ...good, subject: 7 }, 'subject'],
  ]) {
    const r = await call('POST', '/api/v1/newsletters', 'advisor', body);
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${r.text}`);
  }
  assert.equal((await call('POST', '/api/v1/newsletters', 'member', good)).status, 403);
  assert.equal((await call('POST', '/api/v1/newsletters', undefined, good)).status, 401);
  assert.equal(count(), before);
  const n = await draft();
  for (const atValue of ['2020-01-01T10:00:00Z', 'demain', at(addDays(today(), 400), '10:00')]) {
    const r = await call('POST', `/api/v1/newsletters/${n.id}/send`, 'advisor', { at: atValue });
    assert.equal(r.status, 422, atValue);
  }
  assert.equal(sql(`SELECT state FROM newsletters WHERE id = ${n.id}`), 'draft');
  assert.equal((await call('POST', '/api/v1/newsletters/99999999/send', 'advisor')).status, 404);
});

test('a scheduled newsletter leaves by itself; a refused recipient is retried from the progress', async () => {
  refused.add(to('bruno'));
  const start = smtp.received.length;
  const n = await draft();
  const when = new Date((nowSeconds() + 2) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const scheduled = await call('POST', `/api/v1/newsletters/${n.id}/send`, 'advisor', { at: when });
  assert.equal(scheduled.status, 200, scheduled.text);
  assert.equal(scheduled.json.state, 'scheduled');
  await until('the scheduled send', () => mailsFor(to('chloe'), start).some((m) => m.mail.subject === n.subject));
  await until('the refusal', async () => (await call('GET', `/api/v1/newsletters/${n.id}`, 'advisor')).json.progress?.failed === 1);
  refused.delete(to('bruno'));
  const retried = await call('POST', `/api/v1/newsletters/${n.id}/retry`, 'advisor');
  assert.equal(retried.json.requeued, 1);
  await until('the retry', () => mailsFor(to('bruno'), start).some((m) => m.mail.subject === n.subject));
  assert.equal(smtp.received.slice(start).filter((m) => m.mail.subject === n.subject && m.to === to('bruno')).length, 1);
});

test('a sender killed mid-campaign loses nobody; only the messages in flight may come twice', async () => {
  // A server of its own, without a mail sender: the campaign is delivered by a CLI sender that
  // is killed, then by another, as cron would run them.
  const quiet = await startServer({ extraArgs: ['--public-url', PUBLIC] });
  try {
    const run = (q) => runSql(quiet.db.url, q).out;
    const now = nowSeconds();
    const count = 150;
    const values = Array.from({ length: count }, (_, i) => `('masse-${i}@example.org', 'masse-${i}@example.org', 'Masse ${i}', ${now})`);
    run(`INSERT INTO accounts (email, email_key, display_name, created_at) VALUES ${values.join(',')}`);
    run(`INSERT INTO account_roles (programme_id, account_id, role, granted_at)
      SELECT (SELECT id FROM programmes WHERE slug = 'gers'), id, 'member', ${now} FROM accounts WHERE email LIKE 'masse-%'`);
    const advisor = await tokenFor(quiet, 'advisor@example.org');
    const api = async (method, path, body) => (await fetch(quiet.url + path, {
      method, headers: { authorization: `Bearer ${advisor}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    })).json();
    const n = await api('POST', '/api/v1/newsletters', { subject: 'Campagne de masse', markdown: 'Bonjour à tous' });
    const sent = await api('POST', `/api/v1/newsletters/${n.id}/send`);
    const total = sent.recipients;
    assert.equal(total, count + 1, 'the generated members and member@example.org');
    const start = smtp.received.length;
    const ours = () => smtp.received.slice(start).filter((m) => m.mail.subject === 'Campagne de masse');
    const sender = ['mail', 'send-pending', '--db', quiet.db.url, '--smtp-url', smtp.url, '--mail-from', FROM];
    const child = spawn(BIN, [...sender, '--mail-per-second', '60', '--mail-connections', '2'], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
    const exited = new Promise((r) => child.on('exit', r));
    await until('a part of the campaign', () => ours().length >= 20);
    child.kill('SIGKILL');
    await exited;
    assert.ok(ours().length < total, 'killed before the end');
    // The dead sender's claims lapse (here at once, instead of after the claim time).
    run("UPDATE outbox SET claimed_until = 0 WHERE state = 'sending'");
    const second = spawn(BIN, sender, { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
    assert.equal(await new Promise((r) => second.on('exit', r)), 0);
    const recipients = ours().map((m) => m.to);
    const distinct = new Set(recipients).size;
    assert.equal(distinct, total, 'everyone got it');
    const duplicates = recipients.length - distinct;
    assert.ok(duplicates <= 2, `at most the message in flight on each of the two connections twice, got ${duplicates}`);
    const progress = (await api('GET', `/api/v1/newsletters/${n.id}`)).progress;
    assert.deepEqual(progress, { recipients: total, sent: total, failed: 0, left: 0 });
    // The same figures on the command line.
    const listed = cli(['mail', 'newsletters', '--db', quiet.db.url, '--programme', 'gers']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`\\n  ${n.id}\\tsent\\t${total}\\t${total}\\t0\\t0\\tCampagne de masse\\n`));
    assert.equal(cli(['mail', 'newsletters', '--db', quiet.db.url, '--programme', 'inconnu']).status, 2);
  } finally {
    await quiet.close();
  }
});

test('the editor\'s form schedules a newsletter at a local date and time of the club\'s zone', async () => {
  const n = await draft();
  const advisor = new Browserless(server.url);
  await advisor.login('advisor@example.org');
  const day = addDays(today(), 3);
  const refused = await advisor.submit(`/newsletters/${n.id}`, `/newsletters/${n.id}/send`, { at: 'demain matin' });
  assert.equal(refused.status, 422);
  assert.equal((await call('GET', `/api/v1/newsletters/${n.id}`, 'advisor')).json.state, 'draft', 'nothing stored');
  const sent = await advisor.submit(`/newsletters/${n.id}`, `/newsletters/${n.id}/send`, { at: `${day}T09:30` });
  assert.equal(sent.status, 303, await sent.text());
  const after = (await call('GET', `/api/v1/newsletters/${n.id}`, 'advisor')).json;
  assert.equal(after.state, 'scheduled');
  // 09:30 in Paris that day, whatever the offset (+01:00 or +02:00) and the server's own zone.
  assert.equal(Date.parse(after.scheduled_at), Date.parse(at(day, '09:30')));
  const page = await (await advisor.get(`/newsletters/${n.id}`)).text();
  assert.match(page, /id="state">[^<]+<\/strong> — /);
});
