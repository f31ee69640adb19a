// Calendar days for the tests, in the programme's zone, from this process's clock.
//
// Every test that needs a day takes it from here, never from `new Date()`: the server decides in
// the site's zone (Europe/Paris for every site of the tests), so a UTC date is the wrong day for
// an hour or two each night. The calendar sweep of `make test` (tests/sweep/) runs the server and
// the test runner under faketime at chosen instants, so "now" here and in the server agree.
//
// Open days come from the product's own list of closed days (public holidays and the site's
// closures, GET /api/v1/sites/{id}/closed-days), so a test never books on a day the server
// refuses. The independent list of French holidays below is for tests that check the product's
// holidays themselves.

export const ZONE = 'Europe/Paris';

/** Seconds since the epoch, now. */
export function nowSeconds() { return Math.floor(Date.now() / 1000); }

/** The local date YYYY-MM-DD of instant `seconds` in `zone`. */
export function dayAt(seconds, zone = ZONE) {
  return new Date(seconds * 1000).toLocaleDateString('sv-SE', { timeZone: zone });
}

/** Today in the programme's zone. */
export function today(zone = ZONE) { return dayAt(nowSeconds(), zone); }

export function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (YYYY-MM-DD). */
export function daysBetween(a, b) { return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86400000); }

/** ISO weekday of a YYYY-MM-DD: 1 = Monday ... 7 = Sunday. */
export function weekday(day) { return ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1; }

/** The offset of `zone` at instant `seconds`, "+01:00". */
export function offsetAt(seconds, zone = ZONE) {
  const s = new Date(seconds * 1000).toLocaleString('en-GB', { timeZone: zone, timeZoneName: 'longOffset' });
  const m = s.match(/GMT([+-]\d\d:\d\d)/);
  return m ? m[1] : '+00:00';
}

const offsetMinutes = (text) => (text[0] === '-' ? -1 : 1) * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6)));

/**
 * The offset a wall-clock time `hhmm` of `day` has in `zone`: the offset in force at that moment
 * (in a fold, the first; in a gap, the offset before it, as the product does).
 */
export function parisOffset(day, hhmm = '12:00', zone = ZONE) {
  const wall = Date.parse(`${day}T${hhmm}:00Z`) / 1000;
  // Try the offsets around that day; keep the one whose instant shows these digits.
  const candidates = [...new Set([offsetAt(wall - 86400, zone), offsetAt(wall + 86400, zone)])];
  for (const o of candidates) {
    if (offsetAt(wall - offsetMinutes(o) * 60, zone) === o) return o;
  }
  return candidates[0];
}

/** RFC 3339 of a local wall-clock time, "2027-01-04T09:00:00+01:00". */
export function at(day, hhmm, zone = ZONE) { return `${day}T${hhmm}:00${parisOffset(day, hhmm, zone)}`; }

/** The instant (seconds) of a local wall-clock time. */
export function instant(day, hhmm, zone = ZONE) { return Date.parse(at(day, hhmm, zone)) / 1000; }

/** "YYYY-MM" of today and of `n` months from it. */
export function monthOf(day, n = 0) {
  const [y, m] = day.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** Easter Sunday (Gauss's algorithm with Lichtenberg's correction), YYYY-MM-DD. */
export function easter(year) {
  const k = Math.floor(year / 100);
  const m = 15 + Math.floor((3 * k + 3) / 4) - Math.floor((8 * k + 13) / 25);
  const s = 2 - Math.floor((3 * k + 3) / 4);
  const a = year % 19;
  const d = (19 * a + m) % 30;
  const r = Math.floor((d + Math.floor(a / 11)) / 29);
  const og = 21 + d - r;
  const sz = 7 - ((year + Math.floor(year / 4) + s) % 7);
  const oe = 7 - ((og - sz) % 7);
  return addDays(`${year}-03-01`, og + oe - 1);
}

/** The French public holidays of a year, {day: name}, computed independently of the product. */
export function holidays(year) {
  const e = easter(year);
  return {
    [`${year}-01-01`]: "Jour de l'an", [addDays(e, 1)]: 'Lundi de Pâques', [`${year}-05-01`]: 'Fête du Travail',
    [`${year}-05-08`]: 'Victoire 1945', [addDays(e, 39)]: 'Ascension', [addDays(e, 50)]: 'Lundi de Pentecôte',
    [`${year}-07-14`]: 'Fête nationale', [`${year}-08-15`]: 'Assomption', [`${year}-11-01`]: 'Toussaint',
    [`${year}-11-11`]: 'Armistice 1918', [`${year}-12-25`]: 'Noël',
  };
}

export function isHoliday(day) { return day in holidays(Number(day.slice(0, 4))); }

/** The last Sunday of `month` (3 or 10) at least `minDays` days ahead. */
export function nextDstSunday(month, minDays = 8) {
  for (let year = Number(today().slice(0, 4)); ; year++) {
    let day = `${year}-${String(month).padStart(2, '0')}-31`;
    while (weekday(day) !== 7) day = addDays(day, -1);
    if (daysBetween(today(), day) >= minDays) return day;
  }
}

/**
 * The days a site is open, as the product sees them: Monday to Friday (or the weekdays given),
 * minus the public holidays and closures the server lists for the site.
 */
export class SiteCalendar {
  constructor(closed, first, last) {
    this.closed = closed; // Map day -> {kind, reason}
    this.first = first;
    this.last = last;
  }

  isClosed(day) {
    if (day < this.first || day > this.last) throw new Error(`${day} is outside the calendar read from the server`);
    return this.closed.has(day);
  }

  /** An open weekday (Monday to Friday) at least `fromDays` ahead of today, of weekday `wanted` if given. */
  workingDay(fromDays, wanted = null) {
    let day = addDays(today(), fromDays);
    while (weekday(day) > 5 || this.isClosed(day) || (wanted && weekday(day) !== wanted)) day = addDays(day, 1);
    return day;
  }

  /**
   * The first day at least `fromDays` ahead (of weekday `wanted` if given) that starts `n` open
   * working days in a row (Monday to Friday, none closed).
   */
  openRun(fromDays, wanted, n) {
    for (let from = fromDays; ; from += 1) {
      const first = this.workingDay(from, wanted);
      const days = Array.from({ length: n }, (_, i) => addDays(first, i));
      if (days.every((d) => weekday(d) <= 5 && !this.isClosed(d))) return first;
    }
  }

  /** The first open Monday at least `weeks` weeks ahead. */
  mondayAhead(weeks = 1) { return this.workingDay(7 * weeks, 1); }

  /**
   * `n` weekly dates (every `interval` weeks) from an open weekday at least `fromDays` ahead (of
   * weekday `wanted` if given), every one of them open: the earliest such series.
   */
  workingSeries(fromDays, wanted, n, interval = 1) {
    for (let from = fromDays; ; from += 1) {
      const first = this.workingDay(from, wanted);
      const days = Array.from({ length: n }, (_, i) => addDays(first, 7 * interval * i));
      if (!days.some((d) => this.isClosed(d))) return days;
    }
  }

  /** The Monday of the first ISO week at least `fromDays` ahead whose five working days are all open. */
  openWeek(fromDays) {
    for (let monday = this.workingDay(fromDays, 1); ; monday = addDays(monday, 7)) {
      if ([0, 1, 2, 3, 4].every((i) => !this.isClosed(addDays(monday, i)))) return monday;
    }
  }

  /** The next open day (any weekday) on or after `day`. */
  openOnOrAfter(day) {
    while (this.isClosed(day)) day = addDays(day, 1);
    return day;
  }
}

/**
 * The calendar of the sites `siteIds` (one id or several) as served by `baseUrl`, from a week ago
 * to three years ahead (enough for every horizon of the tests): a day is closed when any of them
 * is closed then.
 */
export async function siteCalendar(baseUrl, siteIds) {
  const first = addDays(today(), -7);
  const last = addDays(first, 1099); // the most the server gives in one call
  const closed = new Map();
  for (const id of [siteIds].flat()) {
    const res = await fetch(`${baseUrl}/api/v1/sites/${id}/closed-days?from=${first}&to=${last}`);
    if (res.status !== 200) throw new Error(`closed days of site ${id}: ${res.status} ${await res.text()}`);
    for (const item of (await res.json()).items) closed.set(item.day, { kind: item.kind, reason: item.reason });
  }
  return new SiteCalendar(closed, first, last);
}
