// How the contract test (openapi_contract.test.mjs) calls each documented operation: as whom,
// with which path parameters and body, taken from the demo programme or made by `setup`. `expect`
// is the status the call must get (a success); a step without one only has to answer as the
// document says. `keep` names the id of what a call creates, for the calls after it.

import { Browserless } from '../../lib/harness.mjs';

/** Things the calls need, made through the API itself. */
async function setup({ api, ids, accounts, at, siteCalendar, server, addDays, today, sql, nowSeconds }) {
  const sites = (await api('GET', '/api/v1/sites', 'admin')).json.items;
  const site = sites.find((s) => s.kind === 'telecentre' && s.resources.some((r) => r.kind === 'meeting_room'));
  ids.site = site.id;
  ids.resource = site.resources.find((r) => r.kind === 'meeting_room').id;
  await api('PUT', `/api/v1/sites/${site.id}/hosts`, 'admin', { account_ids: [accounts.site_host.id] });
  const cal = await siteCalendar(server.url, site.id);
  ids.day = cal.workingDay(10);
  ids.later = cal.workingDay(12);
  ids.closedDay = cal.workingDay(30);
  const book = async (day, from, to) => (await api('POST', '/api/v1/bookings', 'member', { resource_id: ids.resource, start: at(day, from), end: at(day, to) })).json.id;
  ids.booking = await book(ids.day, '09:00', '10:00');
  ids.bookingGone = await book(ids.day, '11:00', '12:00');
  // A booking about to start, for checking in (no API call books so close to now: moved in the
  // database).
  ids.bookingNow = await book(ids.day, '16:00', '17:00');
  const soonStart = nowSeconds() + 300;
  sql(`UPDATE bookings SET start_at = ${soonStart}, end_at = ${soonStart + 3600}, blocked_end = NULL WHERE id = ${ids.bookingNow}`);
  // Two requests to be accompanied, as the public form leaves them (the form is rate-limited per
  // address: written in the database, as tests/http/territory/accompany.test.mjs does).
  const request = (name) => Number(sql(`INSERT INTO accompaniment_requests (programme_id, commune_code, name, email, message, client_address, created_at)
    SELECT id, '32013', '${name}', 'demande@example.org', 'Contrat', '127.0.0.1', ${nowSeconds() - 7200} FROM programmes WHERE slug = 'gers' RETURNING id`).out);
  ids.request = request('Demande traitée');
  ids.requestToFile = request('Demande suivie');
  // A room whose bookings wait for the site's decision: two requests, one approved, one declined.
  // (No API sets "requires approval" yet: the tests set it in the database.)
  const room = await api('POST', `/api/v1/sites/${site.id}/resources`, 'admin', { kind: 'meeting_room', name: 'Salle sur demande' });
  sql(`UPDATE resources SET requires_approval = 1 WHERE id = ${room.json.id}`);
  const ask = async (from, to) => (await api('POST', '/api/v1/bookings', 'member', { resource_id: room.json.id, start: at(ids.day, from), end: at(ids.day, to) })).json.id;
  ids.pending = await ask('09:00', '10:00');
  ids.pendingDeclined = await ask('14:00', '15:00');
  ids.closureGone = (await api('POST', `/api/v1/sites/${site.id}/closures`, 'admin', { first_day: cal.workingDay(40), reason: 'Contrat' })).json.id;
  ids.event = (await api('GET', '/api/v1/events', 'admin')).json.items?.[0]?.id;
  ids.newsletter = (await api('GET', '/api/v1/newsletters', 'admin')).json.items?.[0]?.id;
  ids.post = (await api('POST', '/api/v1/board', 'member', { kind: 'offer', category: 'mission', title: 'Mission compta', body: 'Deux jours.' })).json.id;
  ids.postGone = (await api('POST', '/api/v1/board', 'member', { kind: 'request', category: 'mission', title: 'Un graphiste', body: 'Pour un logo.' })).json.id;
  ids.postRejected = (await api('POST', '/api/v1/board', 'member', { kind: 'request', category: 'mission', title: 'Une traductrice', body: 'Pour un site.' })).json.id;
  await api('POST', `/api/v1/board/${ids.post}/approve`, 'advisor');
  ids.settings = (await api('GET', '/api/v1/invoice-settings', 'admin')).json;
  ids.village = (await api('GET', '/api/v1/villages/32013', 'admin')).json;
  // An exchange whose code holds a slash, as imports from OpenStreetMap write them (the API
  // refuses such codes: it is written in the database).
  sql(`INSERT INTO exchanges (programme_id, code, name, lon, lat, lines, technologies, in_territory, updated_at)
    SELECT id, 'way/990001', 'Contrat OSM', 0.7, 43.5, NULL, 'copper', 1, ${nowSeconds()} FROM programmes WHERE slug = 'gers'`);
  ids.slashed = 'way/990001';
  ids.journey = (await api('POST', '/api/v1/journeys', 'advisor', { name: 'Famille Contrat', email: 'contrat@example.org', villages: ['32013'], status: 'salaried', employer: 'Banque du Gers' })).json.id;
  ids.journeyGone = (await api('POST', '/api/v1/journeys', 'advisor', { name: 'À effacer' })).json.id;
  ids.rental = (await api('GET', '/api/v1/rentals', 'admin')).json.items?.[0]?.id;
  ids.invoice = (await api('GET', '/api/v1/invoices', 'admin')).json.items?.[0]?.id;
  ids.today = today();
  // An event about to start: attendance is recorded from an hour before.
  const soon = new Date((nowSeconds() + 20 * 60) * 1000);
  const event = await api('POST', '/api/v1/events', 'advisor', { title: 'Café du contrat', place: 'Mairie', start: soon.toISOString().replace(/\.\d+Z$/, 'Z'), end: new Date(soon.getTime() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'), capacity: 5 });
  ids.eventSoon = event.json.items[0].id;
  await api('POST', `/api/v1/events/${ids.eventSoon}/registrations`, 'site_host');
  ids.addDays = addDays;
}

const site = ({ ids }) => ({ params: { id: ids.site } });
// The smallest PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
function documentForm() {
  const form = new FormData();
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'attestation.pdf');
  form.append('name', 'Attestation employeur');
  return form;
}
const resource = ({ ids }) => ({ params: { id: ids.resource } });
const journey = ({ ids }) => ({ params: { id: ids.journey } });
const amendment = (start) => ({
  employer_name: 'Banque du Gers', employer_address: '1 rue Gambetta, 32000 Auch',
  employer_representative: 'Mme Anne Durand, directrice des ressources humaines',
  employee_name: 'Camille Contrat', employee_job: 'Analyste', start_day: start,
  home_address: '4 chemin du Moulin, 32190 Vic-Fezensac', days: ['mon', 'thu'], contact_hours: '9 h – 12 h',
  equipment: 'Un ordinateur portable', costs: 'Une allocation de 30 € par mois', adaptation_months: 3, notice_days: 30,
});
const village = { params: { code: '32013' } };

export const PLAN = {
  setup,
  steps: {
    'GET /api/v1/openapi.json': { expect: 200 },
    // auth
    'POST /api/v1/tokens': ({ accounts }) => ({ body: { email: accounts.member.email, password: accounts.member.password }, expect: 201, keep: 'token' }),
    'GET /api/v1/tokens': { as: 'member', expect: 200 },
    'DELETE /api/v1/tokens/{id}': ({ ids }) => ({ as: 'member', params: { id: ids.token } }),
    'GET /api/v1/me': { as: 'member', expect: 200 },
    'GET /api/v1/me/export': { as: 'member', expect: 200 },
    // workspaces: bookings
    'GET /api/v1/sites/{id}/closures': (c) => ({ ...site(c), expect: 200 }),
    'GET /api/v1/sites/{id}/closed-days': (c) => ({ ...site(c), expect: 200 }),
    'POST /api/v1/sites/{id}/closures': (c) => ({ ...site(c), body: { first_day: c.ids.closedDay, reason: 'Travaux' }, expect: 201 }),
    'DELETE /api/v1/closures/{id}': ({ ids }) => ({ params: { id: ids.closureGone } }),
    'GET /api/v1/bookings/pending': { expect: 200 },
    'POST /api/v1/bookings/{id}/approve': ({ ids }) => ({ params: { id: ids.pending }, expect: 200 }),
    'POST /api/v1/bookings/{id}/decline': ({ ids }) => ({ params: { id: ids.pendingDeclined }, body: { reason: 'Salle prise' }, expect: 200 }),
    'POST /api/v1/waitlist': ({ ids, at }) => ({ as: 'site_host', body: { resource_id: ids.resource, start: at(ids.day, '09:00'), end: at(ids.day, '10:00') }, keep: 'wait' }),
    'GET /api/v1/waitlist': { as: 'member', expect: 200 },
    'DELETE /api/v1/waitlist/{id}': ({ ids }) => ({ as: 'site_host', params: { id: ids.wait ?? 0 } }),
    'GET /api/v1/sites': { expect: 200 },
    'GET /api/v1/sites/{id}': (c) => ({ ...site(c), expect: 200 }),
    'GET /api/v1/resources/{id}/availability': ({ ids }) => ({ params: { id: ids.resource }, query: { from: ids.day, to: ids.later }, expect: 200 }),
    'POST /api/v1/bookings': ({ ids, at }) => ({ as: 'member', body: { resource_id: ids.resource, start: at(ids.later, '14:00'), end: at(ids.later, '15:00') }, expect: 201 }),
    'GET /api/v1/bookings': { as: 'member', expect: 200 },
    'GET /api/v1/bookings/{id}': ({ ids }) => ({ as: 'member', params: { id: ids.booking }, expect: 200 }),
    'DELETE /api/v1/bookings/{id}': ({ ids }) => ({ as: 'member', params: { id: ids.bookingGone } }),
    'POST /api/v1/bookings/{id}/check-in': ({ ids }) => ({ as: 'member', params: { id: ids.bookingNow }, expect: 200 }),
    'POST /api/v1/me/calendar-feed': { as: 'member' },
    'POST /api/v1/resources/{id}/calendar-feed': (c) => ({ ...resource(c) }),
    // workspaces: sites
    'POST /api/v1/sites': { as: 'advisor', body: { name: 'Tiers-lieu du contrat', kind: 'coworking', opening_hours: [{ weekday: 1, opens: '09:00', closes: '18:00' }] }, expect: 201, keep: 'newSite' },
    'PATCH /api/v1/sites/{id}': (c) => ({ ...site(c), body: { description: 'Au cœur du village.' } }),
    'POST /api/v1/sites/{id}/resources': (c) => ({ ...site(c), body: { kind: 'desk', name: 'Poste du contrat' }, keep: 'newResource' }),
    'PATCH /api/v1/resources/{id}': (c) => ({ ...resource(c), body: { name: 'Salle de réunion' } }),
    'PUT /api/v1/sites/{id}/photo': (c) => ({ ...site(c), body: { raw: PNG, type: 'image/png' }, expect: 200 }),
    'DELETE /api/v1/sites/{id}/photo': (c) => ({ ...site(c) }),
    'GET /api/v1/sites/{id}/hosts': (c) => ({ ...site(c), expect: 200 }),
    'PUT /api/v1/sites/{id}/hosts': (c) => ({ ...site(c), body: { account_ids: [c.accounts.site_host.id] }, expect: 200 }),
    'GET /api/v1/stats': { expect: 200 },
    // workspaces: rentals
    'GET /api/v1/rentals': { expect: 200 },
    'GET /api/v1/rentals/{id}': ({ ids }) => ({ params: { id: ids.rental }, expect: 200 }),
    'POST /api/v1/rentals': ({ ids, accounts, addDays }) => ({ body: { account_id: accounts.member.id, resource_id: ids.newResource, start_date: addDays(ids.today, 40), monthly_price_cents: 15000 }, expect: 201, keep: 'newRental' }),
    'POST /api/v1/rentals/{id}/end': ({ ids, addDays }) => ({ params: { id: ids.newRental }, body: { end_date: addDays(ids.today, 100) }, expect: 200 }),
    'GET /api/v1/invoices': { expect: 200 },
    'GET /api/v1/invoices/{id}': ({ ids }) => ({ params: { id: ids.invoice }, expect: 200 }),
    'POST /api/v1/invoices/generate': ({ ids }) => ({ body: { month: ids.today.slice(0, 7) } }),
    'POST /api/v1/invoices/{id}/payments': ({ ids }) => ({ params: { id: ids.invoice }, body: { date: ids.today, method: 'transfer', amount_cents: 100 } }),
    'POST /api/v1/invoices/{id}/credit-note': ({ ids }) => ({ params: { id: ids.invoice }, body: { reason: 'Remise commerciale', amount_excl_cents: 100 } }),
    'GET /api/v1/invoice-settings': { expect: 200 },
    'PUT /api/v1/invoice-settings': ({ ids }) => ({ body: ids.settings, expect: 200 }),
    // territory
    'GET /api/v1/communes': { expect: 200 },
    'GET /api/v1/communes/{code}': { ...village, expect: 200 },
    'GET /api/v1/communes/{code}/connectivity': { ...village, expect: 200 },
    'GET /api/v1/coverage': { expect: 200 },
    'POST /api/v1/wifi-plans': { body: { relays: 2 } },
    'GET /api/v1/territory/parameters': { expect: 200 },
    'GET /api/v1/geo/communes.geojson': { expect: 200 },
    'GET /api/v1/geo/exchanges.geojson': { expect: 200 },
    'GET /api/v1/villages': { expect: 200 },
    'POST /api/v1/village-finder': { body: { min_mbps: 8, max_km_to_workspace: 20 }, expect: 200 },
    'GET /api/v1/villages/{code}': { ...village, expect: 200 },
    'PUT /api/v1/villages/{code}': ({ ids }) => ({ ...village, body: Object.fromEntries(Object.entries(ids.village).filter(([, v]) => v === null || typeof v !== 'object')) }),
    'POST /api/v1/villages/{code}/committee': { ...village, body: { name: 'Jeanne Contrat', role: 'Maire' }, expect: 201, keep: 'member' },
    'PATCH /api/v1/villages/{code}/committee/{id}': ({ ids }) => ({ params: { code: '32013', id: ids.member ?? 0 }, body: { role: 'Adjointe' } }),
    'DELETE /api/v1/villages/{code}/committee/{id}': ({ ids }) => ({ params: { code: '32013', id: ids.member ?? 0 } }),
    'POST /api/v1/villages/{code}/services': { ...village, body: { kind: 'school', name: 'École', distance_km: 2 }, expect: 201, keep: 'service' },
    'PATCH /api/v1/villages/{code}/services/{id}': ({ ids }) => ({ params: { code: '32013', id: ids.service ?? 0 }, body: { distance_km: 3 } }),
    'DELETE /api/v1/villages/{code}/services/{id}': ({ ids }) => ({ params: { code: '32013', id: ids.service ?? 0 } }),
    'POST /api/v1/villages/{code}/listings': { ...village, body: { kind: 'home_rent', title: 'Maison T4' }, expect: 201, keep: 'listing' },
    'PATCH /api/v1/villages/{code}/listings/{id}': ({ ids }) => ({ params: { code: '32013', id: ids.listing ?? 0 }, body: { available: false } }),
    'DELETE /api/v1/villages/{code}/listings/{id}': ({ ids }) => ({ params: { code: '32013', id: ids.listing ?? 0 } }),
    'GET /api/v1/exchanges': { expect: 200 },
    'POST /api/v1/exchanges': { body: { code: 'CONTRAT1', name: 'Contrat', lon: 0.8, lat: 43.6 } },
    'PATCH /api/v1/exchanges/{code}': { params: { code: 'CONTRAT1' }, body: { lon: 0.81, lat: 43.61 } },
    'DELETE /api/v1/exchanges/{code}': { params: { code: 'CONTRAT1' } },
    'PATCH /api/v1/exchanges/{kind}/{id}': { params: { kind: 'way', id: '990001' }, body: { lon: 0.71, lat: 43.51 }, expect: 200 },
    'DELETE /api/v1/exchanges/{kind}/{id}': { params: { kind: 'way', id: '990001' }, expect: 204 },
    'GET /api/v1/accompaniment-requests': { expect: 200 },
    'POST /api/v1/accompaniment-requests/{id}/handled': ({ ids }) => ({ params: { id: ids.request }, expect: 204 }),
    // community
    'GET /api/v1/members': { as: 'member', expect: 200 },
    'GET /api/v1/me/profile': { as: 'member', expect: 200 },
    'PUT /api/v1/me/profile': { as: 'member', body: { listed: true, presentation: 'Traductrice.' } },
    'GET /api/v1/members/map': { as: 'member', expect: 200 },
    'GET /api/v1/skills': { as: 'member', expect: 200 },
    'PUT /api/v1/skills': { body: { text: 'Numérique : développement, graphisme' } },
    'PUT /api/v1/me/profile/photo': { as: 'member', body: { raw: PNG, type: 'image/png' }, expect: 200 },
    'DELETE /api/v1/me/profile/photo': { as: 'member' },
    'GET /api/v1/events': { expect: 200 },
    'POST /api/v1/events': ({ ids, at }) => ({ as: 'advisor', body: { title: 'Apéro du contrat', place: 'Mairie', start: at(ids.later, '18:00'), end: at(ids.later, '20:00'), capacity: 5 }, expect: 201, keep: 'event' }),
    'GET /api/v1/events/{id}': ({ ids }) => ({ params: { id: ids.event }, expect: 200 }),
    'PATCH /api/v1/events/{id}': ({ ids }) => ({ as: 'advisor', params: { id: ids.event }, body: { capacity: 6 } }),
    'POST /api/v1/events/{id}/registrations': ({ ids }) => ({ as: 'member', params: { id: ids.event } }),
    'DELETE /api/v1/events/{id}/registrations/me': ({ ids }) => ({ as: 'member', params: { id: ids.event } }),
    'GET /api/v1/events/{id}/registrations': ({ ids }) => ({ params: { id: ids.event }, expect: 200 }),
    'PUT /api/v1/events/{id}/attendance/{account}': ({ ids, accounts }) => ({ params: { id: ids.eventSoon, account: accounts.site_host.id }, body: { attended: true }, expect: 204 }),
    'GET /api/v1/newsletters': { expect: 200 },
    'GET /api/v1/newsletters/{id}': ({ ids }) => ({ params: { id: ids.newsletter }, expect: 200 }),
    'POST /api/v1/newsletters': { as: 'advisor', body: { subject: 'Lettre du contrat', markdown: 'Bonjour à tous' }, keep: 'letter' },
    'PATCH /api/v1/newsletters/{id}': ({ ids }) => ({ as: 'advisor', params: { id: ids.letter ?? 0 }, body: { subject: 'Lettre du contrat, revue', markdown: 'Bonjour à toutes et à tous' } }),
    'POST /api/v1/newsletter-subscriptions': { body: { email: 'abonne@example.org' } },
    'POST /api/v1/newsletters/{id}/send': ({ ids }) => ({ as: 'advisor', params: { id: ids.letter ?? 0 } }),
    'POST /api/v1/newsletters/{id}/test': ({ ids }) => ({ as: 'advisor', params: { id: ids.letter ?? 0 } }),
    'POST /api/v1/newsletters/{id}/retry': ({ ids }) => ({ as: 'advisor', params: { id: ids.letter ?? 0 } }),
    'GET /api/v1/board': { as: 'member', expect: 200 },
    'GET /api/v1/board/pending': { expect: 200 },
    'POST /api/v1/board': { as: 'member', body: { kind: 'offer', category: 'mission', title: 'Relecture', body: 'Une journée.' }, expect: 201 },
    'GET /api/v1/board/{id}': ({ ids }) => ({ as: 'member', params: { id: ids.post }, expect: 200 }),
    'DELETE /api/v1/board/{id}': ({ ids }) => ({ as: 'member', params: { id: ids.postGone } }),
    'POST /api/v1/board/{id}/messages': ({ ids }) => ({ as: 'advisor', params: { id: ids.post }, body: { body: 'Intéressé.' } }),
    'POST /api/v1/board/{id}/approve': ({ ids }) => ({ params: { id: ids.postGone } }),
    'POST /api/v1/board/{id}/reject': ({ ids }) => ({ params: { id: ids.postRejected }, body: { reason: 'Doublon' } }),
    // journeys
    'GET /api/v1/journeys': { expect: 200 },
    'POST /api/v1/journeys': { as: 'advisor', body: { name: 'Famille Nouvelle', villages: ['32013'] }, expect: 201 },
    'GET /api/v1/journeys/{id}': (c) => ({ ...journey(c), expect: 200 }),
    'DELETE /api/v1/journeys/{id}': ({ ids }) => ({ params: { id: ids.journeyGone } }),
    'PATCH /api/v1/journeys/{id}': (c) => ({ ...journey(c), body: { consent_committees: true } }),
    'GET /api/v1/journeys/{id}/export': (c) => ({ ...journey(c), expect: 200 }),
    'GET /api/v1/journeys/{id}/history': (c) => ({ ...journey(c), expect: 200 }),
    'POST /api/v1/accompaniment-requests/{id}/journey': ({ ids }) => ({ params: { id: ids.requestToFile }, expect: 201 }),
    'GET /api/v1/indicators': { expect: 200 },
    'GET /api/v1/committee/journeys': { as: 'committee', expect: 200 },
    'POST /api/v1/journeys/{id}/visits': (c) => ({ ...journey(c), body: { village: '32013', planned_at: c.at(c.ids.later, '10:00') }, keep: 'visit' }),
    'POST /api/v1/journeys/{id}/visits/{visit}/done': ({ ids }) => ({ params: { id: ids.journey, visit: ids.visit ?? 0 } }),
    'POST /api/v1/journeys/{id}/notes': (c) => ({ ...journey(c), body: { body: 'Appel du contrat.' } }),
    'POST /api/v1/journeys/{id}/tasks': (c) => ({ ...journey(c), body: { title: 'Rappeler', due_day: c.ids.later }, keep: 'task' }),
    'PATCH /api/v1/journeys/{id}/tasks/{task}': ({ ids }) => ({ params: { id: ids.journey, task: ids.task ?? 0 }, body: { done: true } }),
    'GET /api/v1/tasks/due': { expect: 200 },
    'GET /api/v1/committees': { expect: 200 },
    'PUT /api/v1/committees/{id}/villages': ({ accounts }) => ({ params: { id: accounts.committee.id }, body: { villages: ['32013'] }, expect: 200 }),
    // The file's newcomer: invited, with a password of their own (the invitation's link), and a
    // token of their own.
    'GET /api/v1/me/journey': async ({ api, ids, sql, server, tokens }) => {
      await api('POST', `/api/v1/journeys/${ids.journey}/invite`, 'advisor');
      const mail = sql("SELECT body FROM outbox WHERE recipient = 'contrat@example.org' AND kind = 'invitation' ORDER BY id DESC LIMIT 1").out;
      const link = mail.match(/\/welcome\/([A-Za-z0-9_-]+)/)[1];
      const password = 'le mot de passe du contrat';
      await new Browserless(server.url).submit(`/welcome/${link}`, `/welcome/${link}`, { password });
      tokens.newcomer = (await api('POST', '/api/v1/tokens', undefined, { email: 'contrat@example.org', password })).json?.token;
      return { as: 'newcomer', expect: 200 };
    },
    'POST /api/v1/journeys/{id}/invite': (c) => ({ ...journey(c) }),
    'GET /api/v1/journeys/{id}/amendments': (c) => ({ ...journey(c), expect: 200 }),
    'POST /api/v1/journeys/{id}/amendments': (c) => ({ ...journey(c), body: amendment(c.addDays(c.ids.today, 30)), expect: 201 }),
    'GET /api/v1/journeys/{id}/documents': (c) => ({ ...journey(c), expect: 200 }),
    'POST /api/v1/journeys/{id}/documents': (c) => ({ ...journey(c), body: documentForm(), expect: 201, keep: 'document' }),
    'DELETE /api/v1/journeys/{id}/documents/{doc}': ({ ids }) => ({ params: { id: ids.journey, doc: ids.document ?? 0 } }),
  },
};
