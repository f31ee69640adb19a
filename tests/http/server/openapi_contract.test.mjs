// The API's contract: the OpenAPI document at /api/v1/openapi.json is valid (checked by
// swagger-parser, an independent validator), lists every /api/v1 route of the router with a
// declared shape, and every operation it lists, called for real on the demo programme with the
// credentials its security names, answers a status the document lists with a body that validates
// against the documented schema (ajv, JSON Schema 2020-12); what the test sends must match the
// documented request body too. An operation of the document that this test does not call fails
// it, so that a new route gets a call here as well as a shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { cli, demoDatabase, HostClient, launch, PASSWORD, runSql } from '../../lib/harness.mjs';
import { at, siteCalendar, today, addDays, nowSeconds } from '../../lib/calendar.mjs';
import { PLAN } from './openapi_plan.mjs';

let server;
let doc;
let routes;
const tokens = {};
const ids = {};
const accounts = {};

/** A call; `body` is JSON, or { raw, type } for bytes, or a FormData (multipart). */
async function api(method, path, who, body) {
  const headers = {};
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body?.raw) {
    headers['content-type'] = body.type;
    payload = body.raw;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (who && tokens[who]) headers.authorization = `Bearer ${tokens[who]}`;
  const res = await fetch(server.url + path, { method, headers, body: payload });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
}

before(async () => {
  const demo = demoDatabase({ freeAhead: true });
  const listed = cli(['routes', '--db', demo.db.url]);
  assert.equal(listed.status, 0, listed.stderr);
  routes = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
  // A welcome committee's account: the demo has none.
  const committee = cli(['user', 'add', 'comite-contrat@example.org', '--role', 'committee', '--programme', 'gers', '--db', demo.db.url], `${PASSWORD}\n`);
  assert.equal(committee.status, 0, committee.stderr);
  demo.accounts.committee = { email: 'comite-contrat@example.org', password: PASSWORD };
  server = await launch(demo.db, { threads: 2 });
  for (const [role, { email, password }] of Object.entries(demo.accounts)) {
    const r = await api('POST', '/api/v1/tokens', undefined, { email, password });
    assert.equal(r.status, 201, role);
    tokens[role] = r.json.token;
    accounts[role] = { email, password, id: (await api('GET', '/api/v1/me', role)).json.id };
  }
  doc = (await api('GET', '/api/v1/openapi.json')).json;
});

after(async () => { await server?.close(); });

test('the document is valid OpenAPI 3.1 for an independent validator', async () => {
  assert.equal(doc.openapi, '3.1.0');
  // swagger-parser changes what it validates (it dereferences): give it a copy.
  const api = await SwaggerParser.validate(structuredClone(doc));
  assert.equal(api.info.title, 'sohosolo API');
});

test('every /api/v1 route of the router is in the document, with a declared shape', () => {
  const documented = new Set();
  const undeclared = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      documented.add(`${method.toUpperCase()} ${path}`);
      if (op['x-undocumented']) undeclared.push(`${method.toUpperCase()} ${path}`);
    }
  }
  const api = routes.filter((r) => r.pattern.startsWith('/api/v1/')).map((r) => `${r.method} ${r.pattern}`);
  assert.deepEqual(api.filter((k) => !documented.has(k)), [], 'routes missing from the document');
  assert.deepEqual([...documented].filter((k) => !api.includes(k)), [], 'operations without a route');
  assert.deepEqual(undeclared, [], 'routes without a declared shape (declare it in the module\'s api_shapes.cpp)');
  for (const r of routes.filter((x) => x.pattern.startsWith('/api/v1/'))) {
    const op = doc.paths[r.pattern][r.method.toLowerCase()];
    if (r.access === 'public') assert.deepEqual(op.security, [], `${r.method} ${r.pattern} is public`);
    else assert.deepEqual(op.security.map((s) => Object.keys(s)[0]), ['bearer', 'session'], `${r.method} ${r.pattern}`);
    assert.deepEqual(op['x-roles'] ?? [], [...r.roles].sort((a, b) => op['x-roles'].indexOf(a) - op['x-roles'].indexOf(b)), `${r.method} ${r.pattern}`);
    for (const name of r.pattern.match(/\{[^}]+\}/g) ?? []) {
      assert.ok(op.parameters.some((p) => p.in === 'path' && `{${p.name}}` === name), `${r.method} ${r.pattern} ${name}`);
    }
  }
});

test('the API page lists every operation without JavaScript and serves Redoc from our own files', async () => {
  const page = await new HostClient(server.url).get('/api');
  assert.equal(page.status, 200);
  const html = await page.text();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      assert.ok(html.includes(`<code>${method.toUpperCase()}</code></td><td><code>${path}</code>`), `${method} ${path}`);
    }
  }
  assert.match(html, /<script src="\/static\/vendor\/redoc\/redoc.standalone.js"><\/script>/);
  const bundle = await fetch(`${server.url}/static/vendor/redoc/redoc.standalone.js`);
  assert.equal(bundle.status, 200);
  assert.ok((await bundle.text()).length > 100000);
});

/** A validator of the document's schemas, its components reachable by their usual $ref. */
function validators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  const rebased = (schema) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
  return (schema) => ajv.compile(rebased(schema));
}

function answerOf(op, status) {
  let answer = op.responses[String(status)];
  if (answer?.$ref) answer = doc.components.responses[answer.$ref.split('/').pop()];
  return answer;
}

test('every documented operation, called for real, answers as the document says', async () => {
  const compile = validators();
  const sql = (query) => runSql(server.db.url, query);
  const context = { api, ids, accounts, tokens, server, at, siteCalendar, today, addDays, sql, nowSeconds };
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) ops.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op });
  }
  // Deletions last, so that what they delete is not needed by another call.
  ops.sort((a, b) => (a.method === 'DELETE') - (b.method === 'DELETE'));
  await PLAN.setup(context);
  const wrong = [];
  const unplanned = [];
  const samples = {};
  for (const { key, method, path, op } of ops) {
    const step = PLAN.steps[key];
    if (!step) { unplanned.push(key); continue; }
    const args = typeof step === 'function' ? await step(context) : step;
    const who = args.as ?? (op.security.length === 0 ? undefined : 'admin');
    const url = path.replace(/\{([^}]+)\}/g, (_, name) => String(args.params?.[name] ?? '0')) +
      (args.query ? `?${new URLSearchParams(args.query)}` : '');
    // What the plan sends must be what the document asks for.
    const asked = op.requestBody?.content?.['application/json']?.schema;
    if (asked && args.body !== undefined && !args.body?.raw && !(args.body instanceof FormData)) {
      const check = compile(asked);
      if (!check(args.body)) wrong.push(`${key}: the body sent does not match the documented one: ${JSON.stringify(check.errors.slice(0, 3))}`);
    }
    if (op.requestBody?.required && args.body === undefined) wrong.push(`${key}: the document requires a body the plan does not send`);
    const res = await api(method, url, who, args.body);
    samples[key] = { status: res.status, body: res.json, request: args.body?.raw || args.body instanceof FormData ? undefined : args.body };
    if (args.keep && res.json?.id !== undefined) ids[args.keep] = res.json.id;
    const answer = answerOf(op, res.status);
    if (!answer) { wrong.push(`${key}: ${res.status} is not listed (${res.text.slice(0, 200)})`); continue; }
    const media = answer.content ? Object.keys(answer.content)[0] : undefined;
    if (!media) {
      if (res.text !== '') wrong.push(`${key}: ${res.status} has a body, the document says none`);
      continue;
    }
    if (!res.type.startsWith(media)) wrong.push(`${key}: ${res.status} is ${res.type}, not ${media}`);
    const validate = compile(answer.content[media].schema);
    if (!validate(res.json)) wrong.push(`${key}: ${res.status} body: ${JSON.stringify(validate.errors.slice(0, 3))}`);
    if (args.expect && res.status !== args.expect) wrong.push(`${key}: ${res.status}, expected ${args.expect} (${res.text.slice(0, 200)})`);
  }
  if (process.env.OPENAPI_SAMPLES) writeFileSync(process.env.OPENAPI_SAMPLES, JSON.stringify(samples, null, 1));
  assert.deepEqual(unplanned, [], 'documented operations this test does not call');
  assert.deepEqual(wrong, []);
});
