// Who may call what: every route of the program (from `sohosolo routes`, the router's own table)
// called by seven callers, against the audience this file states for it. A route added without an
// entry here fails the test, so that nobody adds a route without saying who may call it.
//
// Callers: anonymous; a member; a site host of another site; the site host of site S; an advisor;
// an admin; the admin of another programme (whose credentials are worthless here).
// Audiences:
//   public   everyone
//   account  any account of the programme
//   owner    the member who owns the booking in the path, and the people who run its site
//   hosts    site hosts (of any site), advisors, admins
//   site     the people who run site S (a host of another site is refused by the site rule)
//   hidden   as site, but a host of another site is told the thing does not exist (404)
//   sitepage any account reaches it, but only the people who run site S are served
//   staff    advisors and admins
//   admin    admins
//   committee welcome committees or newcomers only (none of the seven callers: all are refused;
//            their own tests are in tests/http/journeys/)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, demoDatabase, HostClient, launch, PASSWORD } from '../../lib/harness.mjs';
import { at, siteCalendar } from '../../lib/calendar.mjs';

const AUDIENCE = {
  'GET /': 'public', 'GET /readyz': 'public', 'GET /lang/{code}': 'public', 'GET /admin': 'admin',
  'GET /login': 'public', 'POST /login': 'public', 'POST /logout': 'account', 'GET /account': 'account',
  'POST /account/password': 'account', 'POST /account/profile': 'account', 'POST /account/tokens': 'account',
  'POST /account/tokens/{id}/revoke': 'account', 'GET /account/export': 'account', 'POST /account/delete': 'account',
  'GET /members': 'account', 'GET /profile': 'account', 'POST /profile': 'account',
  'GET /api/v1/members': 'account', 'GET /api/v1/me/profile': 'account', 'PUT /api/v1/me/profile': 'account',
  'GET /members/map': 'account', 'GET /members/{id}/photo': 'public', 'POST /profile/photo': 'account',
  'POST /profile/photo/delete': 'account', 'GET /manage/skills': 'staff', 'POST /manage/skills': 'staff',
  'GET /api/v1/members/map': 'account', 'GET /api/v1/skills': 'account', 'PUT /api/v1/skills': 'staff',
  'PUT /api/v1/me/profile/photo': 'account', 'DELETE /api/v1/me/profile/photo': 'account',
  'GET /api/v1/journeys': 'staff', 'POST /api/v1/journeys': 'staff', 'GET /api/v1/journeys/{id}': 'staff',
  'PATCH /api/v1/journeys/{id}': 'staff', 'GET /api/v1/journeys/{id}/history': 'staff',
  'POST /api/v1/accompaniment-requests/{id}/journey': 'staff', 'GET /api/v1/indicators': 'public',
  'GET /journeys': 'staff', 'GET /journeys/new': 'staff', 'POST /journeys/new': 'staff', 'GET /journeys/{id}': 'staff',
  'POST /journeys/{id}': 'staff', 'POST /demandes/{id}/dossier': 'staff',
  'GET /api/v1/committee/journeys': 'committee', 'GET /committee': 'committee',
  'POST /api/v1/journeys/{id}/visits': 'staff', 'POST /api/v1/journeys/{id}/visits/{visit}/done': 'staff',
  'POST /api/v1/journeys/{id}/notes': 'staff', 'GET /api/v1/committees': 'staff', 'PUT /api/v1/committees/{id}/villages': 'staff',
  'POST /journeys/{id}/visits': 'staff', 'POST /journeys/{id}/visits/{visit}/done': 'staff', 'POST /journeys/{id}/notes': 'staff',
  'GET /manage/committees': 'staff', 'POST /manage/committees/{id}': 'staff',
  'POST /api/v1/journeys/{id}/tasks': 'staff', 'PATCH /api/v1/journeys/{id}/tasks/{task}': 'staff', 'GET /api/v1/tasks/due': 'staff',
  'POST /journeys/{id}/tasks': 'staff', 'POST /journeys/{id}/tasks/{task}/done': 'staff',
  'GET /indicators/report': 'staff', 'GET /indicators/report.csv': 'staff',
  'GET /api/v1/journeys/{id}/export': 'staff', 'DELETE /api/v1/journeys/{id}': 'staff',
  'GET /my-file': 'committee', 'GET /api/v1/me/journey': 'committee', 'POST /journeys/{id}/invite': 'staff',
  'POST /api/v1/journeys/{id}/invite': 'staff',
  'GET /indicators/report.pdf': 'staff', 'GET /indicators/report.xlsx': 'staff',
  'GET /journeys/{id}/amendment': 'staff', 'POST /journeys/{id}/amendment': 'staff',
  'GET /journeys/{id}/amendment.odt': 'staff', 'GET /journeys/{id}/amendment.pdf': 'staff',
  'GET /api/v1/journeys/{id}/amendments': 'staff', 'POST /api/v1/journeys/{id}/amendments': 'staff',
  'GET /journeys/{id}/documents': 'staff', 'POST /journeys/{id}/documents': 'staff',
  'GET /journeys/{id}/documents/{doc}': 'staff', 'POST /journeys/{id}/documents/{doc}/delete': 'staff',
  'GET /api/v1/journeys/{id}/documents': 'staff', 'POST /api/v1/journeys/{id}/documents': 'staff',
  'DELETE /api/v1/journeys/{id}/documents/{doc}': 'staff',
  'GET /my-file/documents': 'committee', 'GET /my-file/documents/{doc}': 'committee',
  'GET /people': 'staff', 'POST /people/invite': 'staff', 'GET /outbox': 'staff', 'POST /outbox/{id}/retry': 'staff',
  'GET /welcome/{token}': 'public', 'POST /welcome/{token}': 'public', 'GET /reset/{token}': 'public',
  'POST /reset/{token}': 'public', 'GET /password-reset': 'public', 'POST /password-reset': 'public',
  'POST /api/v1/tokens': 'public', 'GET /api/v1/tokens': 'account', 'DELETE /api/v1/tokens/{id}': 'account',
  'GET /api/v1/me': 'account', 'GET /api/v1/me/export': 'account',
  'GET /api/v1/sites/{id}/closures': 'public', 'GET /api/v1/sites/{id}/closed-days': 'public',
  'POST /api/v1/sites/{id}/closures': 'site', 'DELETE /api/v1/closures/{id}': 'site',
  'GET /api/v1/bookings/pending': 'hosts', 'POST /api/v1/bookings/{id}/approve': 'site',
  'POST /api/v1/bookings/{id}/decline': 'site',
  'POST /api/v1/waitlist': 'account', 'GET /api/v1/waitlist': 'account', 'DELETE /api/v1/waitlist/{id}': 'account',
  'GET /api/v1/sites': 'public', 'GET /api/v1/sites/{id}': 'public',
  'GET /api/v1/resources/{id}/availability': 'account', 'POST /api/v1/bookings': 'account',
  'GET /api/v1/bookings': 'account', 'GET /api/v1/bookings/{id}': 'owner', 'DELETE /api/v1/bookings/{id}': 'owner',
  'POST /api/v1/bookings/{id}/check-in': 'owner', 'POST /api/v1/me/calendar-feed': 'account',
  'POST /api/v1/resources/{id}/calendar-feed': 'site',
  'GET /calendar/member/{token}': 'public', 'GET /calendar/resource/{token}': 'public',
  'GET /sites': 'public', 'GET /sites/{id}': 'public', 'GET /sites/{id}/calendar': 'account', 'GET /bookings/calendar': 'account', 'POST /bookings': 'account', 'GET /bookings/pending': 'hosts',
  'GET /bookings': 'account', 'POST /bookings/calendar-feed': 'account', 'POST /bookings/{id}/cancel': 'owner',
  'POST /bookings/{id}/check-in': 'owner', 'POST /sites/{id}/resources/{resource}/calendar-feed': 'site',
  'GET /bookings/{id}/calendar.ics': 'owner', 'POST /sites/{id}/closures': 'site',
  'POST /sites/{id}/closures/{closure}/delete': 'hidden', 'POST /waitlist': 'account',
  'POST /bookings/{id}/approve': 'site', 'POST /bookings/{id}/decline': 'site', 'GET /sites/{id}/bookings': 'sitepage',
  'POST /sites/{id}/bookings/{booking}/check-in': 'hidden', 'POST /sites/{id}/bookings/{booking}/cancel': 'hidden',
  'POST /sites/{id}/bookings/{booking}/approve': 'site', 'POST /sites/{id}/bookings/{booking}/decline': 'site',
  'POST /api/v1/sites': 'staff', 'PATCH /api/v1/sites/{id}': 'site', 'POST /api/v1/sites/{id}/resources': 'site',
  'PATCH /api/v1/resources/{id}': 'site', 'PUT /api/v1/sites/{id}/photo': 'site', 'DELETE /api/v1/sites/{id}/photo': 'site',
  'GET /sites/{id}/photo': 'public', 'GET /api/v1/sites/{id}/hosts': 'staff', 'PUT /api/v1/sites/{id}/hosts': 'staff',
  'GET /manage/sites': 'hosts', 'GET /manage/sites/new': 'staff', 'POST /manage/sites/new': 'staff',
  'GET /manage/sites/{id}': 'site', 'POST /manage/sites/{id}': 'site', 'POST /manage/sites/{id}/photo': 'site',
  'POST /manage/sites/{id}/photo/delete': 'site', 'GET /manage/sites/{id}/resources/new': 'site',
  'POST /manage/sites/{id}/resources/new': 'site', 'GET /manage/resources/{resource}': 'site',
  'POST /manage/resources/{resource}': 'site', 'GET /manage/sites/{id}/hosts': 'staff', 'POST /manage/sites/{id}/hosts': 'staff',
  'GET /api/v1/stats': 'hosts', 'GET /stats': 'hosts', 'GET /stats.csv': 'hosts',
  'GET /api/v1/rentals': 'account', 'GET /api/v1/rentals/{id}': 'account', 'POST /api/v1/rentals': 'staff',
  'POST /api/v1/rentals/{id}/end': 'staff', 'GET /api/v1/invoices': 'account', 'GET /api/v1/invoices/{id}': 'account',
  'POST /api/v1/invoices/generate': 'staff', 'POST /api/v1/invoices/{id}/payments': 'staff',
  'POST /api/v1/invoices/{id}/credit-note': 'staff', 'GET /api/v1/invoice-settings': 'staff',
  'PUT /api/v1/invoice-settings': 'admin', 'GET /rentals': 'account', 'POST /rentals': 'staff',
  'POST /rentals/{id}/end': 'staff', 'GET /invoices': 'account', 'POST /invoices/generate': 'staff',
  'GET /invoices/{ref}': 'account', 'POST /invoices/{id}/payments': 'staff', 'POST /invoices/{id}/credit-note': 'staff',
  'GET /admin/invoicing': 'admin', 'POST /admin/invoicing': 'admin',
  'GET /api/v1/communes': 'public', 'GET /api/v1/communes/{code}': 'public',
  'GET /api/v1/communes/{code}/connectivity': 'public', 'GET /api/v1/coverage': 'public',
  'POST /api/v1/wifi-plans': 'staff', 'GET /api/v1/territory/parameters': 'public',
  'GET /api/v1/geo/communes.geojson': 'public', 'GET /api/v1/geo/exchanges.geojson': 'public',
  'GET /communes': 'public', 'GET /communes/{code}': 'public', 'GET /map': 'public',
  'GET /wifi-plans': 'staff', 'GET /wifi-plans/plan.geojson': 'staff',
  'GET /api/v1/villages': 'public', 'POST /api/v1/village-finder': 'public', 'GET /trouver-mon-village': 'public',
  'GET /api/v1/villages/{code}': 'public', 'PUT /api/v1/villages/{code}': 'staff',
  'POST /api/v1/villages/{code}/committee': 'staff', 'PATCH /api/v1/villages/{code}/committee/{id}': 'staff',
  'DELETE /api/v1/villages/{code}/committee/{id}': 'staff', 'POST /api/v1/villages/{code}/services': 'staff',
  'PATCH /api/v1/villages/{code}/services/{id}': 'staff', 'DELETE /api/v1/villages/{code}/services/{id}': 'staff',
  'POST /api/v1/villages/{code}/listings': 'staff', 'PATCH /api/v1/villages/{code}/listings/{id}': 'staff',
  'DELETE /api/v1/villages/{code}/listings/{id}': 'staff',
  'GET /api/v1/exchanges': 'public', 'POST /api/v1/exchanges': 'staff', 'PATCH /api/v1/exchanges/{code}': 'staff',
  'DELETE /api/v1/exchanges/{code}': 'staff', 'PATCH /api/v1/exchanges/{kind}/{id}': 'staff',
  'DELETE /api/v1/exchanges/{kind}/{id}': 'staff',
  'GET /api/v1/accompaniment-requests': 'staff', 'POST /api/v1/accompaniment-requests/{id}/handled': 'staff',
  'GET /villages': 'public', 'GET /villages/modifier': 'staff', 'GET /villages/{code}': 'public',
  'GET /villages/{code}/modifier': 'staff', 'POST /villages/{code}/modifier': 'staff',
  'POST /villages/{code}/modifier/committee': 'staff', 'POST /villages/{code}/modifier/committee/{id}': 'staff',
  'POST /villages/{code}/modifier/committee/{id}/supprimer': 'staff', 'POST /villages/{code}/modifier/services': 'staff',
  'POST /villages/{code}/modifier/services/{id}': 'staff', 'POST /villages/{code}/modifier/services/{id}/supprimer': 'staff',
  'POST /villages/{code}/modifier/listings': 'staff', 'POST /villages/{code}/modifier/listings/{id}': 'staff',
  'POST /villages/{code}/modifier/listings/{id}/supprimer': 'staff',
  'GET /centraux': 'staff', 'POST /centraux': 'staff', 'POST /centraux/deplacer': 'staff', 'POST /centraux/supprimer': 'staff',
  'GET /accompagnement': 'public', 'POST /accompagnement': 'public', 'GET /accompagnement/merci': 'public',
  'GET /demandes': 'staff', 'POST /demandes/{id}/traitee': 'staff',
  'GET /events': 'public', 'GET /events/{id}': 'public', 'GET /events/{id}/calendar.ics': 'public',
  'GET /calendar/events.ics': 'public', 'POST /events/{id}/register': 'account', 'POST /events/{id}/unregister': 'account',
  'GET /events/new': 'staff', 'POST /events/new': 'staff', 'POST /events/{id}/attendance': 'staff',
  'POST /events/{id}/capacity': 'staff', 'POST /events/{id}/cancel': 'staff',
  'GET /api/v1/events': 'public', 'POST /api/v1/events': 'staff', 'GET /api/v1/events/{id}': 'public',
  'PATCH /api/v1/events/{id}': 'staff', 'POST /api/v1/events/{id}/registrations': 'account',
  'DELETE /api/v1/events/{id}/registrations/me': 'account', 'GET /api/v1/events/{id}/registrations': 'staff',
  'PUT /api/v1/events/{id}/attendance/{account}': 'staff',
  'GET /newsletters': 'public', 'GET /newsletters/{id}': 'public', 'POST /newsletters/preferences': 'account',
  'GET /newsletters/new': 'staff', 'POST /newsletters/new': 'staff', 'POST /newsletters/{id}': 'staff',
  'POST /newsletters/{id}/test': 'staff', 'POST /newsletters/{id}/send': 'staff', 'POST /newsletters/{id}/retry': 'staff',
  'GET /newsletter/subscribe': 'public', 'POST /newsletter/subscribe': 'public', 'GET /newsletter/confirm/{token}': 'public',
  'POST /newsletter/confirm/{token}': 'public', 'GET /newsletter/unsubscribe/{token}': 'public',
  'POST /newsletter/unsubscribe/{token}': 'public', 'GET /api/v1/newsletters': 'public', 'GET /api/v1/newsletters/{id}': 'public',
  'POST /api/v1/newsletters': 'staff', 'PATCH /api/v1/newsletters/{id}': 'staff', 'POST /api/v1/newsletters/{id}/send': 'staff',
  'POST /api/v1/newsletters/{id}/test': 'staff', 'POST /api/v1/newsletters/{id}/retry': 'staff',
  'POST /api/v1/newsletter-subscriptions': 'public',
  'GET /board': 'account', 'GET /board/new': 'account', 'POST /board/new': 'account', 'GET /board/{id}': 'account',
  'POST /board/{id}/messages': 'account', 'POST /board/{id}/withdraw': 'account', 'POST /board/{id}/approve': 'staff',
  'POST /board/{id}/reject': 'staff', 'GET /api/v1/board': 'account', 'GET /api/v1/board/pending': 'staff',
  'POST /api/v1/board': 'account', 'GET /api/v1/board/{id}': 'account', 'DELETE /api/v1/board/{id}': 'account',
  'POST /api/v1/board/{id}/messages': 'account', 'POST /api/v1/board/{id}/approve': 'staff',
  'POST /api/v1/board/{id}/reject': 'staff',
  'GET /api/v1/openapi.json': 'public', 'GET /api': 'public',
};

const CALLERS = ['anonymous', 'other_admin', 'member', 'other_host', 'host', 'advisor', 'admin'];
const ROLE_OF = { member: 'member', other_host: 'site_host', host: 'site_host', advisor: 'advisor', admin: 'admin' };

let server;
let routes;
const callers = {}; // name -> { token, client (cookie session), csrf }
const ids = {};

function login(email, password, host) {
  const client = new HostClient(server.url, host);
  return client.login(email, password).then(() => client);
}

before(async () => {
  const demo = demoDatabase({ freeAhead: true });
  const listed = cli(['routes', '--db', demo.db.url]);
  assert.equal(listed.status, 0, listed.stderr);
  routes = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const args of [
    ['programme', 'add', 'lot', '--name', 'Soho Solo Lot', '--host', 'lot.localhost', '--public-url', 'http://lot.localhost'],
    ['user', 'add', 'admin-lot@example.org', '--role', 'admin', '--programme', 'lot'],
    ['user', 'add', 'autre-hote@example.org', '--role', 'site_host', '--programme', 'gers'],
  ]) {
    const r = cli([...args, '--db', demo.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr + r.stdout);
  }
  server = await launch(demo.db, { threads: 4 });
  const emails = {
    member: demo.accounts.member, host: demo.accounts.site_host, advisor: demo.accounts.advisor, admin: demo.accounts.admin,
    other_host: { email: 'autre-hote@example.org', password: PASSWORD },
  };
  for (const [name, { email, password }] of Object.entries(emails)) {
    const res = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    assert.equal(res.status, 201, name);
    callers[name] = { token: (await res.json()).token, email, password };
  }
  // The other programme's admin: a token and a session of "lot", used on this programme's host.
  const lot = new HostClient(server.url, 'lot.localhost');
  const lotToken = await lot.request('POST', '/api/v1/tokens', {
    body: JSON.stringify({ email: 'admin-lot@example.org', password: PASSWORD }), headers: { 'content-type': 'application/json' },
  });
  assert.equal(lotToken.status, 201);
  callers.other_admin = { token: (await lotToken.json()).token, email: 'admin-lot@example.org', password: PASSWORD, host: 'lot.localhost' };
  callers.anonymous = {};

  const api = async (method, path, who, body) => {
    const res = await fetch(server.url + path, {
      method, headers: { authorization: `Bearer ${callers[who].token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json().catch(() => undefined) };
  };
  const sites = (await api('GET', '/api/v1/sites', 'admin')).json.items.filter((s) => s.kind === 'telecentre');
  const [site, other] = sites;
  ids.site = site.id;
  ids.resource = site.resources.find((r) => r.kind === 'meeting_room').id;
  const hostId = (await api('GET', '/api/v1/me', 'host')).json.id;
  const otherHostId = (await api('GET', '/api/v1/me', 'other_host')).json.id;
  assert.equal((await api('PUT', `/api/v1/sites/${site.id}/hosts`, 'admin', { account_ids: [hostId] })).status, 200);
  assert.equal((await api('PUT', `/api/v1/sites/${other.id}/hosts`, 'admin', { account_ids: [otherHostId] })).status, 200);
  const cal = await siteCalendar(server.url, site.id);
  const day = cal.workingDay(10);
  const booked = await api('POST', '/api/v1/bookings', 'member', { resource_id: ids.resource, start: at(day, '09:00'), end: at(day, '10:00') });
  assert.equal(booked.status, 201);
  ids.booking = booked.json.id;
  const closure = await api('POST', `/api/v1/sites/${site.id}/closures`, 'admin', { first_day: cal.workingDay(30), reason: 'Matrice' });
  assert.equal(closure.status, 201);
  ids.closure = closure.json.id;
  // Sessions with their CSRF token, for the forms.
  for (const name of ['member', 'other_host', 'host', 'advisor', 'admin', 'other_admin']) {
    const c = callers[name];
    c.client = await login(c.email, c.password, c.host);
    if (name === 'other_admin') c.client.host = undefined; // the session of "lot", sent to this programme
    const page = await (await new HostClient(server.url, c.host).get('/login')).text();
    c.csrf = (await (await c.client.get('/account')).text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? page.match(/name="_csrf" value="([^"]+)"/)?.[1];
  }
  // Anonymous forms use the double-submit cookie.
  const anonymous = new HostClient(server.url);
  const page = await (await anonymous.get('/login')).text();
  callers.anonymous = { client: anonymous, csrf: page.match(/name="_csrf" value="([^"]+)"/)[1] };
});

after(async () => { await server?.close(); });

/** The path of a route with its parameters filled by things of site S. */
function pathOf(pattern) {
  const inSite = /^\/(api\/v1\/)?sites\/\{id\}|^\/manage\/sites\/\{id\}/.test(pattern);
  return pattern
    .replace('{token}', 'A'.repeat(43))
    .replace('{code}', pattern.includes('exchanges') ? 'INCONNU' : '32013')
    .replace('{kind}', 'osm')
    .replace('{resource}', String(ids.resource))
    .replace('{closure}', String(ids.closure))
    .replace('{booking}', String(ids.booking))
    .replace('{ref}', '999999')
    .replace('{account}', '999999')
    .replace('{id}', () => {
      if (inSite) return String(ids.site);
      if (pattern.startsWith('/api/v1/resources/')) return String(ids.resource);
      if (pattern.startsWith('/api/v1/closures/')) return String(ids.closure);
      if (/^\/(api\/v1\/)?bookings\/\{id\}/.test(pattern)) return String(ids.booking);
      return '999999';
    });
}

/** What `caller` must get from a route of `audience`: "pass" (the route's own answer), or a status. */
function expected(audience, caller, route) {
  const loginNeeded = route.pattern.startsWith('/api/') ? 401 : 'login';
  if (audience === 'public') return 'pass';
  if (caller === 'anonymous' || caller === 'other_admin') return loginNeeded;
  const role = ROLE_OF[caller];
  const staff = role === 'advisor' || role === 'admin';
  switch (audience) {
    case 'account': return 'pass';
    case 'owner': return caller === 'other_host' ? 404 : 'pass';
    case 'staff': return staff ? 'pass' : 403;
    case 'admin': return role === 'admin' ? 'pass' : 403;
    case 'committee': return 403;
    case 'hosts': return staff || role === 'site_host' ? 'pass' : 403;
    case 'site':
    case 'sitepage': return staff || caller === 'host' ? 'pass' : 403;
    case 'hidden': return staff || caller === 'host' ? 'pass' : caller === 'other_host' ? 404 : 403;
    default: throw new Error(`unknown audience ${audience}`);
  }
}

async function call(caller, route) {
  const c = callers[caller];
  const path = pathOf(route.pattern);
  const api = route.pattern.startsWith('/api/');
  const headers = {};
  let body;
  if (route.method !== 'GET') {
    if (api) {
      headers['content-type'] = 'application/json';
      body = '{}';
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: c.csrf ?? '' }).toString();
    }
  }
  if (api && c.token) headers.authorization = `Bearer ${c.token}`;
  if (!api && c.csrf) headers['x-csrf-token'] = c.csrf;
  const client = api || !c.client ? new HostClient(server.url) : c.client;
  return client.request(route.method, path, { body, headers });
}

function verdict(res) {
  const location = res.headers.get('location') ?? '';
  if (res.status === 303 && location.startsWith('/login')) return 'login';
  return res.status;
}

test('every route has a stated audience, and no audience names a route that does not exist', () => {
  const known = new Set(routes.map((r) => `${r.method} ${r.pattern}`));
  const missing = [...known].filter((k) => !(k in AUDIENCE));
  assert.deepEqual(missing, [], 'routes without an entry in AUDIENCE');
  assert.deepEqual(Object.keys(AUDIENCE).filter((k) => !known.has(k)), [], 'entries of AUDIENCE without a route');
});

test('every route, called by each of seven callers, answers as its audience says', async () => {
  const wrong = [];
  // Logging out ends the session the other routes use: last.
  const ordered = [...routes].sort((a, b) => (a.pattern === '/logout') - (b.pattern === '/logout'));
  for (const route of ordered) {
    const audience = AUDIENCE[`${route.method} ${route.pattern}`];
    for (const caller of CALLERS) {
      const res = await call(caller, route);
      const got = verdict(res);
      const want = expected(audience, caller, route);
      // A public route's own answer may be 401 or 403 (a wrong password, a missing CSRF cookie).
      const passed = audience === 'public' ? got === 'login' || got < 500 : got !== 'login' && got !== 401 && got !== 403 && got < 500;
      const ok = want === 'pass' ? passed : got === want;
      if (!ok) wrong.push(`${route.method} ${route.pattern} (${audience}) as ${caller}: ${got}, expected ${want === 'pass' ? 'its answer' : want}`);
      await res.text?.();
    }
  }
  assert.deepEqual(wrong, []);
});
