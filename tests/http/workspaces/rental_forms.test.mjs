// The staff forms of the rental and invoice pages tell a body that is not a form (400) from an
// unknown contract or invoice (404), and store nothing in either case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, launch, tokenFor } from '../../lib/harness.mjs';

let server;
let token;

before(async () => {
  const demo = demoDatabase();
  server = await launch(demo.db);
  token = await tokenFor(server, demo.accounts.advisor.email, demo.accounts.advisor.password);
});
after(async () => { await server?.close(); });

async function post(path, body, type = 'application/x-www-form-urlencoded') {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text() };
}

async function get(path) {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return res.json();
}

test('a payment, credit note or end of contract whose body is not a form is refused as such', async () => {
  const invoice = (await get('/api/v1/invoices')).items.find((i) => i.kind === 'invoice');
  const contract = (await get('/api/v1/rentals')).items.find((c) => c.status === 'active');
  assert.ok(invoice && contract, 'the demo has an invoice and an active contract');
  // %FF is not UTF-8 once decoded: the body cannot be read as a form.
  for (const path of [`/invoices/${invoice.id}/payments`, `/invoices/${invoice.id}/credit-note`,
    `/rentals/${contract.id}/end`]) {
    const bad = await post(path, 'amount=%FF&reason=%FF&end_date=%FF');
    assert.equal(bad.status, 400, `${path}: ${bad.status}`);
    assert.match(bad.text, /mal formé|malformed/i, path);
  }
  // An unknown id stays a 404, whatever the body.
  assert.equal((await post('/invoices/abc/payments', 'amount=1')).status, 404);
  assert.equal((await post('/rentals/abc/end', 'end_date=%FF')).status, 404);
  const after = await get(`/api/v1/invoices/${invoice.id}`);
  assert.deepEqual(after.payments, invoice.payments);
  assert.deepEqual(after.credit_notes, invoice.credit_notes);
  assert.equal((await get(`/api/v1/rentals/${contract.id}`)).status, 'active');
});
