// Configuration sources and their precedence: flags, then the --config file, then SOHOSOLO_*
// environment variables, then the defaults (see README, "Command line").
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cli } from '../lib/harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'sohosolo-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A database whose only programme is called `name`. */
function database(name) {
  const url = `sqlite:${join(dir, name.replace(/\W/g, '') + '.db')}`;
  assert.equal(cli(['migrate', '--db', url]).status, 0);
  assert.equal(cli(['programme', 'add', 'p', '--name', name, '--db', url]).status, 0);
  return url;
}

const fromFlag = database('Programme du drapeau');
const fromFile = database('Programme du fichier');
const fromEnv = database('Programme de environnement');

/** Starts `sohosolo ...args`, returns the title of its home page, and stops it. */
async function titleServed(args, env = {}) {
  const child = spawn(BIN, args, { env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/listening on (http:\/\/[^\s/]+)\//);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const html = await (await fetch(url + '/')).text();
    return html.match(/<title>([^<]*)<\/title>/)[1];
  } finally {
    child.kill('SIGTERM');
  }
}

function configFile(lines) {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.toml`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('the configuration file sets serve options', async () => {
  const file = configFile(['[serve]', `db = "${fromFile}"`, 'listen = "127.0.0.1:0"']);
  assert.match(await titleServed(['--config', file, 'serve']), /Programme du fichier/);
});

test('SOHOSOLO_* environment variables are read', async () => {
  assert.match(await titleServed(['serve', '--listen', '127.0.0.1:0'], { SOHOSOLO_DB: fromEnv }), /Programme de environnement/);
});

test('the file wins over the environment, and a flag over both', async () => {
  const file = configFile(['[serve]', `db = "${fromFile}"`, 'listen = "127.0.0.1:0"']);
  assert.match(await titleServed(['--config', file, 'serve'], { SOHOSOLO_DB: fromEnv }), /Programme du fichier/);
  assert.match(await titleServed(['--config', file, 'serve', '--db', fromFlag], { SOHOSOLO_DB: fromEnv }), /Programme du drapeau/);
});

test('a missing configuration file is a usage error', () => {
  const r = cli(['--config', join(dir, 'nope.toml'), 'serve']);
  assert.equal(r.status, 2);
});
