// Helpers of the village tests: the demo programme "gers" (with the Gers territory) beside a
// second programme "lot" with an advisor of its own, and JSON calls with a Host header.
import http from 'node:http';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, demoDatabase, launch, PASSWORD } from './harness.mjs';
import { needData } from './shared_data.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GERS = path.resolve(REPO, '..', 'shared', 'data', 'gers');
export const HAVE_DATA = !needData(path.join(GERS, 'communes-32-gers-cog2026.geojson'));
export const SKIP = HAVE_DATA ? false : `no shared data at ${GERS}`;
export const LOT = 'lot.localhost';

/** The demo database plus programme "lot" and lot-advisor@example.org; the server started. */
export async function startVillagesServer() {
  const { db, accounts } = demoDatabase();
  for (const args of [
    ['programme', 'add', 'lot', '--name', 'Soho Solo Lot', '--db', db.url, '--host', LOT],
    ['user', 'add', 'lot-advisor@example.org', '--role', 'advisor', '--programme', 'lot', '--db', db.url],
  ]) {
    const r = cli(args, PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr + r.stdout);
  }
  const server = await launch(db);
  return { server, accounts };
}

/** One request through node:http (fetch cannot send a Host header); JSON body and answer. */
export function call(server, method, path, { token, host, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (host) h.host = host;
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  if (text !== undefined) {
    h['content-type'] ??= 'application/json';
    h['content-length'] = Buffer.byteLength(text);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + path, { method, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(raw); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text: raw, json });
      });
    });
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

/** A bearer token of `email` in the programme served for `host` (the default one when absent). */
export async function token(server, email, password = PASSWORD, host = undefined) {
  const r = await call(server, 'POST', '/api/v1/tokens', { host, body: { email, password } });
  assert.equal(r.status, 201, `token for ${email}: ${r.text}`);
  return r.json.token;
}
