// Statistics of sites: figures computed from bookings made in the test (through the API, and a
// no-show written straight into the database as the check-in sweep would find it), the CSV
// download, the page, who may see what, and bad periods. Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, launch, demoDatabase, tokenFor, cli, Browserless, ENGINE, PASSWORD } from '../../lib/harness.mjs';
import { addDays, at, dayAt, nowSeconds, siteCalendar } from '../../lib/calendar.mjs';

let server;
const tokens = {};
const ids = {};
let monday; // the Monday of the week booked in the test
let sunday;

async function api(method, path, token, body) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

const fieldCodes = (r) => (r.json?.errors ?? []).map((e) => `${e.field}:${e.code}`).sort();

function sql(query, url = server.db.url) {
  const r = ENGINE === 'postgresql'
    ? spawnSync('psql', [url, '-qtAc', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 5000', url.slice('sqlite:'.length), query], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** "2026-W48" for a date, as ISO 8601 numbers weeks. */
function isoWeek(day) {
  const d = new Date(`${day}T12:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d - firstThursday) / (7 * 86400000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const SITE_NAME = 'Télécentre "Les Pins", Auch';

before(async () => {
  server = await startServer();
  for (const [email, role] of [['host2@example.org', 'site_host'], ['member2@example.org', 'member']]) {
    const r = cli(['user', 'add', email, '--role', role, '--programme', 'gers', '--db', server.db.url], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
  for (const [key, email] of [['advisor', 'advisor@example.org'], ['host', 'host@example.org'], ['host2', 'host2@example.org'],
    ['member', 'member@example.org'], ['member2', 'member2@example.org']]) {
    tokens[key] = await tokenFor(server, email);
    ids[key] = (await api('GET', '/api/v1/me', tokens[key])).json.id;
  }
  const hours = [];
  for (let day = 1; day <= 5; ++day) {
    hours.push({ weekday: day, opens: '08:00', closes: '12:00' }, { weekday: day, opens: '13:00', closes: '17:00' });
  }
  const site = await api('POST', '/api/v1/sites', tokens.advisor, { name: SITE_NAME, kind: 'telecentre', opening_hours: hours });
  assert.equal(site.status, 201, site.text);
  ids.site = site.json.id;
  const other = await api('POST', '/api/v1/sites', tokens.advisor, { name: 'Coworking de Vic', kind: 'coworking', opening_hours: hours });
  ids.other = other.json.id;
  const office = await api('POST', `/api/v1/sites/${ids.site}/resources`, tokens.advisor, { kind: 'office', name: 'Bureau 1' });
  assert.equal(office.status, 201, office.text);
  ids.office = office.json.id;
  await api('PUT', `/api/v1/sites/${ids.site}/hosts`, tokens.advisor, { account_ids: [ids.host] });
  await api('PUT', `/api/v1/sites/${ids.other}/hosts`, tokens.advisor, { account_ids: [ids.host2] });

  // A Monday two weeks ahead or more, within the 60-day horizon, whose week holds no closed day
  // (a public holiday would take its hours out of the open hours).
  monday = (await siteCalendar(server.url, ids.site)).openWeek(14);
  sunday = addDays(monday, 6);
  const book = async (who, day, start, end) => {
    const r = await api('POST', '/api/v1/bookings', tokens[who], { resource_id: ids.office, start: at(day, start), end: at(day, end) });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  await book('member', monday, '09:00', '11:00');
  await book('member2', addDays(monday, 1), '14:00', '15:00');
  const cancelled = await book('member', addDays(monday, 2), '09:00', '10:00');
  assert.equal((await api('DELETE', `/api/v1/bookings/${cancelled}`, tokens.member)).status, 204);
  await book('member2', addDays(monday, 3), '16:30', '17:00');
});

after(async () => { await server?.close(); });

test('occupancy, members, cancellations and busiest hours of a week, from its bookings', async () => {
  const r = await api('GET', `/api/v1/stats?site_id=${ids.site}&from=${monday}&to=${sunday}`, tokens.host);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.from, monday);
  assert.equal(r.json.to, sunday);
  assert.equal(r.json.sites.length, 1);
  const s = r.json.sites[0];
  assert.equal(s.name, SITE_NAME);
  // Five days of 8 open hours; 2 + 1 + 0.5 booked hours; the cancelled hour does not count.
  assert.deepEqual(s.totals, { booked_hours: 3.5, open_hours: 40, occupancy: 0.0875, bookings: 3, members: 2, no_shows: 0, cancellations: 1 });
  assert.equal(s.weeks.length, 1);
  assert.equal(s.weeks[0].period, isoWeek(monday));
  assert.equal(s.weeks[0].from, monday);
  assert.equal(s.weeks[0].booked_hours, 3.5);
  const monthHours = s.months.reduce((sum, m) => sum + m.booked_hours, 0);
  assert.equal(monthHours, 3.5);
  assert.equal(s.months.reduce((sum, m) => sum + m.open_hours, 0), 40);
  const grid = Object.fromEntries(s.busiest_hours.map((d) => [d.weekday, d.hours]));
  assert.equal(grid[1][9], 1);
  assert.equal(grid[1][10], 1);
  assert.equal(grid[1][11], 0);
  assert.equal(grid[2][14], 1);
  assert.equal(grid[3][9], 0, 'cancelled hours are not busy');
  assert.equal(grid[4][16], 0.5);
  assert.equal(s.resources.length, 1);
  assert.equal(s.resources[0].totals.booked_hours, 3.5);
});

test('a booking nobody checked in is a no-show in the figures', async () => {
  const start = nowSeconds() - 30 * 60; // grace period (15 minutes) over
  const id = sql(`INSERT INTO bookings (programme_id, resource_id, account_id, start_at, end_at, note, status, created_at)
    SELECT programme_id, ${ids.office}, ${ids.member}, ${start}, ${start + 3600}, '', 'confirmed', ${start - 86400}
    FROM resources WHERE id = ${ids.office} RETURNING id`);
  const day = dayAt(start);
  const r = await api('GET', `/api/v1/stats?site_id=${ids.site}&from=${day}&to=${day}`, tokens.advisor);
  assert.equal(r.status, 200, r.text);
  const t = r.json.sites[0].totals;
  assert.equal(t.no_shows, 1);
  assert.equal(t.members, 1);
  assert.equal(t.bookings, 0);
  assert.equal(t.booked_hours, 0);
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${id}`), 'no_show', 'released as every listing does');
});

test('CSV: RFC 4180, UTF-8, the same figures', async () => {
  const res = await fetch(`${server.url}/stats.csv?site_id=${ids.site}&from=${monday}&to=${sunday}`, {
    headers: { authorization: `Bearer ${tokens.host}` },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="statistiques-[0-9-]+\.csv"/);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(await res.arrayBuffer());
  assert.ok(text.endsWith('\r\n'));
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'every line ends with CRLF');
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'site_id,site,resource_id,resource,granularity,period,from,to,booked_hours,open_hours,'
    + 'occupancy_percent,bookings,members,no_shows,cancellations');
  const quoted = '"Télécentre ""Les Pins"", Auch"';
  assert.equal(lines[1], `${ids.site},${quoted},,,total,${monday}/${sunday},${monday},${sunday},3.50,40.00,8.75,3,2,0,1`);
  assert.equal(lines[2], `${ids.site},${quoted},,,week,${isoWeek(monday)},${monday},${sunday},3.50,40.00,8.75,3,2,0,1`);
  assert.ok(lines.some((l) => l.startsWith(`${ids.site},${quoted},${ids.office},Bureau 1,total,`) && l.endsWith(',3.50,40.00,8.75,3,2,0,1')));
});

test('the page: tables, accessible SVG charts, period selector and CSV link', async () => {
  const browser = new Browserless(server.url);
  await browser.login('host@example.org');
  const res = await browser.get(`/stats?site_id=${ids.site}&from=${monday}&to=${sunday}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /<svg class="chart" role="img" aria-labelledby="chart-title-\d+ chart-desc-\d+"/);
  assert.match(page, /<title id="chart-title-\d+">Taux d&apos;occupation par semaine — Télécentre &quot;Les Pins&quot;, Auch<\/title>/);
  assert.match(page, /<desc id="grid-desc-\d+">/);
  assert.match(page, /<td>3,5<\/td><td>40,0<\/td>/, 'booked and open hours, French decimals');
  assert.match(page, new RegExp(`<input id="stats-from" name="from" type="date" value="${monday}"`));
  assert.match(page, new RegExp(`href="/stats.csv\\?from=${monday}&amp;to=${sunday}&amp;site_id=${ids.site}"`));
  assert.match(page, new RegExp(`<option value="${ids.site}" selected>`));
  assert.doesNotMatch(page, /Coworking de Vic/, 'a host chooses among their sites only');
  const bad = await browser.get(`/stats?site_id=${ids.site}&from=${sunday}&to=${monday}`);
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /La fin de la période doit suivre son début\./);
});

test('who sees what: staff every site, hosts theirs, members nothing', async () => {
  const all = await api('GET', `/api/v1/stats?from=${monday}&to=${sunday}`, tokens.advisor);
  assert.deepEqual(all.json.sites.map((s) => s.site_id).sort(), [ids.site, ids.other].sort());
  const mine = await api('GET', `/api/v1/stats?from=${monday}&to=${sunday}`, tokens.host);
  assert.deepEqual(mine.json.sites.map((s) => s.site_id), [ids.site]);
  assert.equal((await api('GET', `/api/v1/stats?site_id=${ids.site}`, tokens.host2)).status, 403);
  assert.equal((await api('GET', `/api/v1/stats?site_id=${ids.site}`, tokens.member)).status, 403);
  assert.equal((await api('GET', '/api/v1/stats')).status, 401);
  assert.equal((await api('GET', '/api/v1/stats?site_id=999999', tokens.advisor)).status, 404);
  const csv = await fetch(`${server.url}/stats.csv?site_id=${ids.site}`, { headers: { authorization: `Bearer ${tokens.host2}` } });
  assert.equal(csv.status, 403);
});

test('bad periods are refused field by field', async () => {
  const cases = [
    ['from=2026-13-01', ['from:error.field.date']],
    ['to=tomorrow', ['to:error.field.date']],
    [`from=${sunday}&to=${monday}`, ['to:error.stats.range']],
    ['from=2024-01-01&to=2026-01-01', ['to:error.stats.too_long']],
    ['site_id=abc', ['site_id:error.field.integer']],
  ];
  for (const [query, expected] of cases) {
    const r = await api('GET', `/api/v1/stats?${query}`, tokens.advisor);
    assert.equal(r.status, 422, query);
    assert.deepEqual(fieldCodes(r), expected, query);
  }
  const defaults = await api('GET', '/api/v1/stats', tokens.advisor);
  assert.equal(defaults.status, 200);
  const days = (new Date(defaults.json.to) - new Date(defaults.json.from)) / 86400000 + 1;
  assert.equal(days, 28, 'four weeks by default');
  assert.equal(new Date(`${defaults.json.from}T12:00:00Z`).getUTCDay(), 1, 'from a Monday');
});

test('demo: the same weeks of flagged bookings on every run, with no-shows and cancellations in the figures', async () => {
  const first = demoDatabase();
  const second = demoDatabase();
  try {
    // Resource names and times, not ids: both databases number rows the same way, but say what matters.
    const pattern = `SELECT s.name || '/' || r.name || '/' || b.start_at || '/' || b.end_at || '/' || b.status
      FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
      WHERE b.is_demo = 1 ORDER BY 1`;
    const a = sql(pattern, first.db.url);
    assert.ok(a.split('\n').length > 50, 'weeks of bookings'); // offices and meeting rooms; desks are rented
    assert.equal(sql(pattern, second.db.url), a, 'deterministic');
    assert.equal(sql('SELECT COUNT(*) FROM bookings WHERE is_demo = 0', first.db.url), '0');
    const demo = await launch(first.db);
    try {
      const token = await tokenFor(demo, first.accounts.site_host.email, first.accounts.site_host.password);
      const res = await fetch(`${demo.url}/api/v1/stats`, { headers: { authorization: `Bearer ${token}` } });
      const report = await res.json();
      assert.equal(report.sites.length, 2, 'the demo host runs two sites');
      const totals = report.sites.map((s) => s.totals);
      assert.ok(totals.every((t) => t.booked_hours > 0 && t.members > 1));
      assert.ok(totals.some((t) => t.no_shows > 0));
      assert.ok(totals.some((t) => t.cancellations > 0));
    } finally {
      await demo.stop();
    }
  } finally {
    first.db.cleanup();
    second.db.cleanup();
  }
});
