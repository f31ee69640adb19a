// Mail delivery: the outbox drained into a real SMTP server on loopback (smtp-server from npm),
// by `sohosolo mail send-pending` and by serve's background sender. Temporary refusals are
// retried later, permanent ones recorded; two senders on one queue send each message once; a
// sender killed mid-way loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { BIN, Browserless, cli, freshDatabase, runSql, startServer } from '../../lib/harness.mjs';
import { api, at, bookingWorld } from '../../lib/workspaces.mjs';
import { SKIP as NO_TERRITORY } from '../../lib/villages.mjs';

const FROM = 'Soho Solo Gers <soho-solo@example.org>';

/**
 * A real SMTP receiver on 127.0.0.1. `answer(recipient)` returns null to accept, or
 * {code, message} to refuse the recipient with that reply.
 */
function smtpReceiver(answer = () => null) {
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      const refusal = answer(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.message);
      error.responseCode = refusal.code;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({ raw: raw.toString('utf8'), mail: await simpleParser(raw),
          to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  // A sender killed mid-message (a test does it on purpose) resets its connection: the receiver
  // reports it as an 'error' event, which is expected here, not a failure of the test run.
  server.on('error', (e) => { if (e.code !== 'ECONNRESET') throw e; });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      received,
      url: `smtp://127.0.0.1:${server.server.address().port}`,
      close: () => new Promise((r) => server.close(r)),
    }));
  });
}

function sqlText(s) { return `'${s.replaceAll("'", "''")}'`; }

/** A migrated database with programme gers and `messages` queued in its outbox. */
function queueDatabase() {
  const db = freshDatabase();
  assert.equal(cli(['migrate', '--db', db.url]).status, 0);
  assert.equal(cli(['programme', 'add', 'gers', '--name', 'Soho Solo Gers', '--db', db.url]).status, 0);
  return db;
}

function enqueue(db, messages) {
  const now = Math.floor(Date.now() / 1000);
  const values = messages.map((m) => `((SELECT id FROM programmes WHERE slug = 'gers'), ${sqlText(m.to)},
    ${sqlText(m.subject ?? 'Objet')}, ${sqlText(m.body ?? 'Bonjour')}, 'test', ${now})`);
  for (let i = 0; i < values.length; i += 500) {
    runSql(db.url, `INSERT INTO outbox (programme_id, recipient, subject, body, kind, created_at)
      VALUES ${values.slice(i, i + 500).join(',')}`);
  }
}

function states(db) {
  const out = runSql(db.url, 'SELECT recipient, state, attempts, COALESCE(last_error, \'\') FROM outbox ORDER BY id').out;
  return out ? out.split('\n').map((l) => { const [to, state, attempts, error] = l.split('|'); return { to, state, attempts: Number(attempts), error }; }) : [];
}

/**
 * Runs the CLI without blocking this process: the SMTP receiver lives in it (cli() would stop
 * its event loop while the sender waits for the receiver's answer).
 */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function sendPending(db, smtp, extra = []) {
  return run(['mail', 'send-pending', '--db', db.url, '--smtp-url', smtp.url, '--mail-from', FROM, ...extra]);
}

async function until(what, predicate, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const greylisted = new Set();
let smtp;
before(async () => {
  smtp = await smtpReceiver((to) => {
    if (to.startsWith('greylist') && !greylisted.has(to)) {
      greylisted.add(to);
      return { code: 451, message: 'Greylisted, come back soon' };
    }
    if (to.startsWith('refused')) return { code: 550, message: 'No such mailbox here' };
    if (to.startsWith('later')) return { code: 451, message: 'Greylisted, try again later' };
    return null;
  });
});
after(async () => { await smtp.close(); });

test('send-pending: a UTF-8 message arrives whole; 451 is retried later, 550 is recorded as failed', async () => {
  const db = queueDatabase();
  try {
    const before = smtp.received.length;
    enqueue(db, [
      { to: 'ines@example.org', subject: 'Réservation confirmée — à demain', body: 'Bonjour Inès,\n.\nUne ligne qui commence par un point.\nÀ demain !' },
      { to: 'refused@example.org' },
      { to: 'later@example.org' },
    ]);
    const r = await sendPending(db, smtp);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /mail: 1 sent, 1 to retry later, 1 failed/);
    const got = smtp.received.slice(before);
    assert.equal(got.length, 1);
    const { mail, raw, to } = got[0];
    assert.deepEqual(to, ['ines@example.org']);
    assert.equal(mail.subject, 'Réservation confirmée — à demain');
    assert.equal(mail.text.replace(/\r\n/g, '\n').trimEnd(), 'Bonjour Inès,\n.\nUne ligne qui commence par un point.\nÀ demain !');
    assert.equal(mail.from.value[0].address, 'soho-solo@example.org');
    assert.equal(mail.from.value[0].name, 'Soho Solo Gers');
    assert.match(mail.messageId, /^<outbox\.\d+\.\d+\.\d+@example\.org>$/);
    assert.ok(mail.date instanceof Date && Math.abs(mail.date - Date.now()) < 600000);
    assert.match(raw, /^Subject: =\?utf-8\?/im, 'the subject is encoded as RFC 2047 says');
    assert.match(raw, /Content-Type: text\/plain; charset=utf-8/i);

    const s = states(db);
    assert.deepEqual(s.map((m) => m.state), ['sent', 'failed', 'retry']);
    assert.match(s[1].error, /550/);
    assert.match(s[2].error, /451/);
    assert.equal(s[2].attempts, 1);

    // Nothing is due now: a second run sends nothing and does not touch the retry.
    const again = await sendPending(db, smtp);
    assert.match(again.stdout, /mail: 0 sent, 0 to retry later, 0 failed/);
    assert.equal(smtp.received.length, before + 1);
    assert.equal(states(db)[2].attempts, 1);
    const next = Number(runSql(db.url, "SELECT next_attempt_at FROM outbox WHERE recipient = 'later@example.org'").out);
    assert.ok(next > Date.now() / 1000 + 30, 'the retry waits (backoff)');
  } finally {
    db.cleanup();
  }
});

test('a server that answers 451 then accepts gets the message once, at the next attempt', async () => {
  const db = queueDatabase();
  try {
    const before = smtp.received.length;
    enqueue(db, [{ to: 'greylist-1@example.org', subject: 'Bienvenue' }]);
    assert.match((await sendPending(db, smtp)).stdout, /0 sent, 1 to retry later/);
    assert.equal(smtp.received.length, before);
    runSql(db.url, 'UPDATE outbox SET next_attempt_at = 0'); // the backoff has passed
    assert.match((await sendPending(db, smtp)).stdout, /1 sent, 0 to retry later/);
    const got = smtp.received.slice(before);
    assert.equal(got.length, 1);
    assert.equal(got[0].mail.subject, 'Bienvenue');
    assert.deepEqual(states(db).map((m) => [m.state, m.attempts]), [['sent', 2]]);
  } finally {
    db.cleanup();
  }
});

test('a server that drops the connection in the middle of DATA: kept for a later attempt', async () => {
  // A bare SMTP dialogue that hangs up after the first bytes of the message.
  const dropper = net.createServer((socket) => {
    socket.write('220 dropper ESMTP\r\n');
    let inData = false;
    socket.on('data', (chunk) => {
      if (inData) { socket.destroy(); return; }
      for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
        if (/^EHLO|^HELO/i.test(line)) socket.write('250 dropper\r\n');
        else if (/^DATA/i.test(line)) { socket.write('354 go on\r\n'); inData = true; }
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((r) => dropper.listen(0, '127.0.0.1', r));
  const db = queueDatabase();
  try {
    enqueue(db, [{ to: 'ines@example.org', body: 'x'.repeat(20000) }]);
    const r = await sendPending(db, { url: `smtp://127.0.0.1:${dropper.address().port}` });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /0 sent, 1 to retry later/);
    assert.equal(states(db)[0].state, 'retry');
    assert.notEqual(states(db)[0].error, '');
  } finally {
    db.cleanup();
    await new Promise((r) => dropper.close(r));
  }
});

test('a header or an address with CR/LF never reaches the wire as a header', async () => {
  const db = queueDatabase();
  try {
    const before = smtp.received.length;
    enqueue(db, [
      { to: 'victim@example.org\r\nRCPT TO:<evil@example.org>' },
      { to: 'ok@example.org', subject: 'Bonjour\r\nBcc: evil@example.org\r\nX-Injected: yes' },
    ]);
    const r = await sendPending(db, smtp);
    assert.equal(r.status, 0, r.stderr);
    const got = smtp.received.slice(before);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].to, ['ok@example.org']);
    assert.equal(got[0].mail.headers.get('bcc'), undefined);
    assert.equal(got[0].mail.headers.get('x-injected'), undefined);
    assert.deepEqual(runSql(db.url, 'SELECT state FROM outbox ORDER BY id').out.split('\n'), ['failed', 'sent']);
  } finally {
    db.cleanup();
  }
});

test('an unreachable server or a refused STARTTLS is a temporary failure, kept for later', async () => {
  const db = queueDatabase();
  try {
    enqueue(db, [{ to: 'ines@example.org' }]);
    // A port nobody listens on (the receiver's own port, once closed, could be reused: use 1).
    const r = await run(['mail', 'send-pending', '--db', db.url, '--smtp-url', 'smtp://127.0.0.1:1', '--mail-from', FROM]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /0 sent, 1 to retry later/);
    assert.equal(states(db)[0].state, 'retry');
    runSql(db.url, 'UPDATE outbox SET next_attempt_at = 0');
    const tls = await sendPending(db, { url: smtp.url + '?starttls=required' });
    assert.match(tls.stdout, /0 sent, 1 to retry later/);
    assert.equal(states(db)[0].attempts, 2);
  } finally {
    db.cleanup();
  }
});

test('bad mail settings are refused at start with a clear message', () => {
  const db = queueDatabase();
  try {
    for (const [args, message] of [
      [['--smtp-url', 'http://127.0.0.1:25', '--mail-from', FROM], /--smtp-url must be/],
      [['--smtp-url', 'smtp://127.0.0.1:25?relay=open', '--mail-from', FROM], /--smtp-url must be/],
      [['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', 'Soho <a\r\nBcc: x@example.org>'], /--mail-from must be/],
      [['--smtp-url', 'smtp://127.0.0.1:25'], /--mail-from is needed/],
      [['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', FROM, '--smtp-password-file', '/nonexistent'], /SMTP password/],
      [['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', FROM, '--mail-connections', '0'], /--mail-connections: Value 0 not in range 1 to 16/],
      [['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', FROM, '--mail-connections', '17'], /--mail-connections: Value 17 not in range/],
      [['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', FROM, '--mail-per-second', '-1'], /--mail-per-second/],
    ]) {
      const serve = cli(['serve', '--db', db.url, '--listen', '127.0.0.1:0', ...args]);
      assert.equal(serve.status, 2, `${args.join(' ')}: ${serve.stderr}`);
      assert.match(serve.stderr, message);
      const send = cli(['mail', 'send-pending', '--db', db.url, ...args]);
      assert.equal(send.status, 2);
    }
    assert.equal(states(db).length, 0);
  } finally {
    db.cleanup();
  }
});

test('a programme with its own server, sender and rate: its mail leaves there, the others by the instance', async () => {
  const db = queueDatabase();
  const own = await smtpReceiver();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohosolo-mail-'));
  try {
    assert.equal(cli(['programme', 'add', 'lot', '--name', 'Soho Solo Lot', '--db', db.url]).status, 0);
    const passwordFile = path.join(dir, 'password');
    fs.writeFileSync(passwordFile, 'secret-du-gers\n');
    // Refused settings store nothing, each with a clear message.
    for (const [args, message] of [
      [['--smtp-url', 'smtp://gers:secret@127.0.0.1:25'], /No password in the server's address/],
      [['--smtp-url', 'http://127.0.0.1:25'], /SMTP server address expected/],
      [['--smtp-password-file', passwordFile], /A password file goes with/],
      [['--smtp-url', own.url, '--smtp-password-file', '/nonexistent'], /cannot be read/],
      [['--mail-from', 'Gers <a\r\nBcc: x@example.org>'], /Sender expected/],
      [['--mail-per-second', '-1'], /A rate from 0/],
    ]) {
      const r = cli(['programme', 'mail', 'gers', '--db', db.url, ...args]);
      assert.notEqual(r.status, 0, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.match(cli(['programme', 'mail', 'gers', '--db', db.url]).stdout, /smtp server: +\(the instance's\)/);
    const set = cli(['programme', 'mail', 'gers', '--db', db.url, '--smtp-url', `${own.url}?starttls=never`,
      '--mail-from', 'Soho Solo Gers <gers@example.org>', '--mail-per-second', '20']);
    assert.equal(set.status, 0, set.stderr);
    assert.doesNotMatch(cli(['programme', 'mail', 'gers', '--db', db.url]).stdout, /secret/);

    const now = Math.floor(Date.now() / 1000);
    const values = [];
    for (let i = 0; i < 5; i++) {
      for (const slug of ['gers', 'lot']) {
        values.push(`((SELECT id FROM programmes WHERE slug = '${slug}'), '${slug}-${i}@example.org', 'Objet ${slug}', 'Bonjour', 'test', ${now})`);
      }
    }
    runSql(db.url, `INSERT INTO outbox (programme_id, recipient, subject, body, kind, created_at) VALUES ${values.join(',')}`);
    const before = smtp.received.length;
    const started = Date.now();
    const sent = await sendPending(db, smtp);
    assert.equal(sent.status, 0, sent.stderr);
    assert.match(sent.stdout, /mail: 10 sent/);
    const gers = own.received.map((m) => m.to[0]).sort();
    assert.deepEqual(gers, [0, 1, 2, 3, 4].map((i) => `gers-${i}@example.org`));
    assert.ok(own.received.every((m) => m.mail.from.value[0].address === 'gers@example.org' && m.mail.from.value[0].name === 'Soho Solo Gers'));
    assert.ok(own.received.every((m) => m.mail.messageId.endsWith('@example.org>')));
    const lot = smtp.received.slice(before);
    assert.deepEqual(lot.map((m) => m.to[0]).sort(), [0, 1, 2, 3, 4].map((i) => `lot-${i}@example.org`));
    assert.ok(lot.every((m) => m.mail.from.value[0].address === 'soho-solo@example.org'));
    assert.ok(Date.now() - started >= 150, 'five messages at 20 per second take at least 0.2 s');

    // Settings that cannot be used any more (the password file gone): that programme's mail waits
    // with the reason; the others still leave.
    assert.equal(cli(['programme', 'mail', 'gers', '--db', db.url, '--smtp-password-file', passwordFile]).status, 0);
    fs.rmSync(passwordFile);
    runSql(db.url, `INSERT INTO outbox (programme_id, recipient, subject, body, kind, created_at) VALUES
      ((SELECT id FROM programmes WHERE slug = 'gers'), 'waiting@example.org', 'Objet', 'Bonjour', 'test', ${now}),
      ((SELECT id FROM programmes WHERE slug = 'lot'), 'now@example.org', 'Objet', 'Bonjour', 'test', ${now})`);
    assert.equal((await sendPending(db, smtp)).status, 0);
    const waiting = states(db).find((m) => m.to === 'waiting@example.org');
    assert.equal(waiting.state, 'retry');
    assert.match(waiting.error, /programme mail/);
    assert.equal(states(db).find((m) => m.to === 'now@example.org').state, 'sent');

    // Cleared: the instance's settings apply again.
    assert.equal(cli(['programme', 'mail', 'gers', '--db', db.url, '--clear']).status, 0);
    runSql(db.url, "UPDATE outbox SET next_attempt_at = 0 WHERE recipient = 'waiting@example.org'");
    assert.equal((await sendPending(db, smtp)).status, 0);
    assert.equal(states(db).find((m) => m.to === 'waiting@example.org').state, 'sent');
    assert.ok(smtp.received.some((m) => m.to[0] === 'waiting@example.org'));
  } finally {
    await own.close();
    fs.rmSync(dir, { recursive: true, force: true });
    db.cleanup();
  }
});

test('two senders on one queue send each message once', async () => {
  const db = queueDatabase();
  try {
    const before = smtp.received.length;
    const count = 300;
    enqueue(db, Array.from({ length: count }, (_, i) => ({ to: `twice-${i}@example.org`, subject: `Message ${i}` })));
    const send = () => run(['mail', 'send-pending', '--db', db.url, '--smtp-url', smtp.url, '--mail-from', FROM]);
    const [a, b] = await Promise.all([send(), send()]);
    assert.equal(a.status, 0);
    assert.equal(b.status, 0);
    const sent = [a, b].map((r) => Number(r.stdout.match(/mail: (\d+) sent/)[1]));
    assert.equal(sent[0] + sent[1], count);
    const ids = smtp.received.slice(before).map((m) => m.mail.messageId);
    assert.equal(ids.length, count);
    assert.equal(new Set(ids).size, count, 'no message twice');
    assert.ok(states(db).every((m) => m.state === 'sent'));
  } finally {
    db.cleanup();
  }
});

test('a sender killed while sending loses nothing; only a message in flight can come twice', async () => {
  const db = queueDatabase();
  try {
    const before = smtp.received.length;
    const count = 60;
    enqueue(db, Array.from({ length: count }, (_, i) => ({ to: `killed-${i}@example.org` })));
    const child = spawn(BIN, ['mail', 'send-pending', '--db', db.url, '--smtp-url', smtp.url, '--mail-from', FROM,
      '--mail-per-second', '40', '--mail-connections', '2'], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
    const exited = new Promise((r) => child.on('exit', r));
    await until('a few messages', () => smtp.received.length - before >= 10);
    child.kill('SIGKILL');
    await exited;
    const atKill = smtp.received.length - before;
    assert.ok(atKill < count, 'killed before the end');
    // The dead sender's claims lapse (here at once, instead of after --claim time).
    runSql(db.url, "UPDATE outbox SET claimed_until = 0 WHERE state = 'sending'");
    const r = await sendPending(db, smtp);
    assert.equal(r.status, 0, r.stderr);
    const ids = smtp.received.slice(before).map((m) => m.mail.messageId);
    const distinct = new Set(ids).size;
    assert.equal(distinct, count, 'every message arrived');
    const duplicates = ids.length - distinct;
    assert.ok(duplicates <= 2, `at most the message in flight on each of the two connections twice, got ${duplicates}`);
    assert.ok(states(db).every((m) => m.state === 'sent'));
  } finally {
    db.cleanup();
  }
});

// The sender claims due mail every --mail-interval seconds. A round that finds nothing writes
// nothing: it is not a commit, which would cost SQLite a WAL sync and drop the process's kept
// availability answers every round.
test('an idle sender commits nothing, round after round', async () => {
  const server = await startServer({ extraArgs: ['--smtp-url', smtp.url, '--mail-from', FROM, '--mail-interval', '1'] });
  try {
    const commits = async () => Number((await server.metrics()).match(/^sohosolo_db_commits_total (\d+)$/m)[1]);
    const before = await commits();
    await new Promise((resolve) => setTimeout(resolve, 3500)); // three rounds of the sender at least
    assert.equal(await commits(), before);
  } finally {
    await server.close();
  }
});

test('serve sends what the product writes: a reset mail arrives; staff see the queue and retry a failure', async () => {
  const server = await startServer({ extraArgs: ['--smtp-url', smtp.url, '--mail-from', FROM, '--mail-interval', '1',
    '--public-url', 'http://gers.example.org'] });
  try {
    const before = smtp.received.length;
    const b = new Browserless(server.url);
    const res = await b.submit('/password-reset', '/password-reset', { email: 'member@example.org' });
    assert.equal(res.status, 200);
    await until('the reset mail', () => smtp.received.slice(before).some((m) => m.to[0] === 'member@example.org'));
    const mail = smtp.received.slice(before).find((m) => m.to[0] === 'member@example.org').mail;
    assert.match(mail.text, /http:\/\/gers\.example\.org\/reset\/[A-Za-z0-9_-]+/);

    // A message the server refuses for good: failed, shown to the staff (never its body), retried.
    runSql(server.db.url, `INSERT INTO outbox (programme_id, recipient, subject, body, kind, created_at)
      VALUES ((SELECT id FROM programmes WHERE slug = 'gers'), 'refused-once@example.org', 'Invitation', 'secret-link-body', 'invitation', 0)`);
    await until('the refusal', () => runSql(server.db.url, "SELECT state FROM outbox WHERE recipient = 'refused-once@example.org'").out === 'failed');
    const advisor = new Browserless(server.url);
    await advisor.login('advisor@example.org');
    const page = await (await advisor.get('/outbox')).text();
    assert.match(page, /refused-once@example\.org/);
    assert.match(page, /En échec/);
    assert.match(page, /550/);
    assert.doesNotMatch(page, /secret-link-body/);
    assert.match(page, /Envoyé/);
    const id = runSql(server.db.url, "SELECT id FROM outbox WHERE recipient = 'refused-once@example.org'").out;
    const member = new Browserless(server.url);
    await member.login('member@example.org');
    assert.equal((await member.get('/outbox')).status, 403);
    const retried = await advisor.submit('/outbox', `/outbox/${id}/retry`, {});
    assert.equal(retried.status, 303);
    // Back in the queue, sent again, refused again: one attempt since the retry.
    await until('the second refusal', () => runSql(server.db.url,
      `SELECT state || '/' || attempts FROM outbox WHERE id = ${id}`).out === 'failed/1');
    const sentId = runSql(server.db.url, "SELECT id FROM outbox WHERE recipient = 'member@example.org'").out;
    const notFailed = await advisor.submit('/outbox', `/outbox/${sentId}/retry`, {});
    assert.equal(notFailed.status, 404, 'only a failed message goes back in the queue');
  } finally {
    await server.close();
  }
});

test('every kind of mail the product writes reaches the SMTP server, in French, with its link', async () => {
  const w = await bookingWorld({ extraArgs: ['--smtp-url', smtp.url, '--mail-from', FROM, '--mail-interval', '1'] });
  try {
    const before = smtp.received.length;
    const arrived = (to, subject) => smtp.received.slice(before).find((m) => m.to[0] === to && subject.test(m.mail.subject));
    const wait = (to, subject) => until(`${subject} to ${to}`, () => arrived(to, subject));
    // An invitation (with its set-password link) and a password reset.
    const admin = new Browserless(w.server.url);
    await admin.login(w.accounts.admin.email, w.accounts.admin.password);
    const invited = await admin.submit('/people', '/people/invite', {
      email: 'invitee@example.org', display_name: 'Élodie Invitée', role: 'member',
    });
    assert.equal(invited.status, 201);
    await wait('invitee@example.org', /./);
    assert.match(arrived('invitee@example.org', /./).mail.text, /\/welcome\/[A-Za-z0-9_-]+/);
    // In the language the inviter chose, first: the invited account keeps it for its later mail.
    const english = await admin.submit('/people', '/people/invite', {
      email: 'guest@example.org', display_name: 'Guest', role: 'member', language: 'en',
    });
    assert.equal(english.status, 201);
    await wait('guest@example.org', /./);
    const guest = arrived('guest@example.org', /./).mail;
    assert.equal(guest.subject, 'Invitation to the Soho Solo programme');
    assert.ok(guest.text.indexOf('/welcome/') < guest.text.indexOf('---'), 'English first, then French');
    assert.equal(runSql(w.server.db.url, "SELECT language FROM accounts WHERE email = 'guest@example.org'").out, 'en');
    assert.equal((await admin.submit('/people', '/people/invite', {
      email: 'x@example.org', display_name: 'X', role: 'member', language: 'de',
    })).status, 422);
    const reset = await new Browserless(w.server.url).submit('/password-reset', '/password-reset', { email: w.accounts.member.email });
    assert.equal(reset.status, 200);
    // Booking notices: staff book on a member's behalf, then cancel with a reason.
    const office = w.sites.flatMap((s) => s.resources).find((r) => r.kind === 'office');
    const day = w.cal.workingDay(9);
    const made = await api(w, 'POST', '/api/v1/bookings', 'advisor',
      { resource_id: office.id, start: at(day, '10:00'), end: at(day, '11:00'), for_account_id: w.ids.member });
    assert.equal(made.status, 201, made.text);
    await wait(w.accounts.member.email, /Réservation faite pour vous/);
    const cancelled = await api(w, 'DELETE', `/api/v1/bookings/${made.json.id}?reason=${encodeURIComponent('Travaux imprévus')}`, 'advisor');
    assert.equal(cancelled.status, 204, cancelled.text);
    await wait(w.accounts.member.email, /annulée/i);
    assert.match(arrived(w.accounts.member.email, /annulée/i).mail.text, /Travaux imprévus/);
    await wait(w.accounts.member.email, /mot de passe/i);
    // An accompaniment request tells the advisors (the demo's villages come from ../shared/data).
    if (!NO_TERRITORY) {
      const form = '/accompagnement?village=32147';
      const asked = await new Browserless(w.server.url).submit(form, '/accompagnement', {
        name: 'Léa Martin', email: 'lea@example.org', message: 'Nous voulons nous installer.', village: '32147', website: '',
      });
      assert.equal(asked.status, 303);
      await wait(w.accounts.advisor.email, /Léa Martin, Gimont/);
      // Each advisor in their own language.
      runSql(w.server.db.url, `UPDATE accounts SET language = 'en' WHERE email = '${w.accounts.advisor.email}'`);
      const again = await new Browserless(w.server.url).submit(form, '/accompagnement', {
        name: 'Tom Baker', email: 'tom@example.org', message: 'We would like to move.', village: '32147', website: '',
      });
      assert.equal(again.status, 303);
      await wait(w.accounts.advisor.email, /^Request to be accompanied: Tom Baker, Gimont/);
    }
    // Nothing of these is left in the queue.
    const left = runSql(w.server.db.url, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").out;
    assert.equal(left, '0');
  } finally {
    await w.server.close();
  }
});
