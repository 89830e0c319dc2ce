/**
 * A touchpoint timestamp as milliseconds since the Unix epoch, or `undefined` when it is not one:
 *  - ISO 8601: `2024-05-01`, `2024-05-01T10:00`, `2024-05-01 10:00:00.123`, with `Z`, `+02:00`, `+0200`
 *    or `+02`; without an offset the time is read as UTC (never the machine's zone: the same file
 *    must give the same journeys everywhere);
 *  - Unix epoch numbers, the unit told by size: below 10^11 seconds, below 10^14 milliseconds, else
 *    microseconds (GA4's `event_timestamp`). 10^11 s is the year 5138 and 10^11 ms is 1973.
 * Hand-written for speed: three to four million rows go through here.
 */
export function parseTimestamp(text: string): number | undefined {
  return parseTimestampAt(text, 0, text.length);
}

/** `parseTimestamp` of `text.slice(start, end)`, without cutting the string (row readers call this millions of times). */
export function parseTimestampAt(text: string, start: number, end: number): number | undefined {
  if (end - start >= 10 && text.charCodeAt(start + 4) === 45 /* - */) return parseIso(text, start, end);
  if (start === end) return undefined;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && !(c === 46 /* . */ && i > start && i < end - 1)) return undefined;
  }
  const value = Number(text.slice(start, end));
  if (!Number.isFinite(value)) return undefined;
  if (value < 1e11) return value * 1000;
  if (value < 1e14) return value;
  return value / 1000;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The last day and minute seen (`2024-05-01`, `2024-05-01T10:07`) and their times: rows come in runs
 * of the same minute, so most parse only their seconds.
 */
let cachedDate = '';
let cachedDay = 0;
let hasCachedMinute = false;
let cachedMinuteMs = 0;
/** The cached minute's code units, compared one by one: cheaper than `startsWith` on a row's substring. */
const minuteCodes = new Uint16Array(16);

/** Whether `s` at `start` begins with the cached minute (16 code units). */
function atCachedMinute(s: string, start: number): boolean {
  for (let i = 15; i >= 0; i--) if (s.charCodeAt(start + i) !== minuteCodes[i]) return false;
  return true;
}

function parseIso(s: string, start: number, end: number): number | undefined {
  let time: number;
  let i: number;
  if (hasCachedMinute && end - start >= 16 && atCachedMinute(s, start)) {
    time = cachedMinuteMs;
    i = start + 16;
  } else {
    if (cachedDate !== '' && s.startsWith(cachedDate, start)) time = cachedDay;
    else {
      const year = digits(s, start, 4);
      const month = digits(s, start + 5, 2);
      const date = digits(s, start + 8, 2);
      if (year < 0 || month < 1 || month > 12 || date < 1 || s.charCodeAt(start + 7) !== 45) return undefined;
      if (date > DAYS_IN_MONTH[month - 1]! || (month === 2 && date === 29 && !leap(year))) return undefined;
      time = Date.UTC(year, month - 1, date);
      cachedDate = s.slice(start, start + 10);
      cachedDay = time;
    }
    i = start + 10;
    if (i < end && (s.charCodeAt(i) === 84 /* T */ || s.charCodeAt(i) === 32)) {
      const hour = digits(s, i + 1, 2);
      const minute = digits(s, i + 4, 2);
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || s.charCodeAt(i + 3) !== 58) return undefined;
      time += hour * 3_600_000 + minute * 60_000;
      i += 6;
      hasCachedMinute = true;
      for (let k = 0; k < 16; k++) minuteCodes[k] = s.charCodeAt(start + k);
      cachedMinuteMs = time;
    }
  }
  if (i < end && s.charCodeAt(i) === 58 /* : */) {
    const second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return undefined;
    time += second * 1000;
    i += 3;
    if (i < end && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) /* . , */) {
      let j = i + 1;
      let scale = 100;
      while (j < end && isDigit(s.charCodeAt(j))) {
        time += (s.charCodeAt(j) - 48) * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return undefined;
      i = j;
    }
  }
  if (i > end) return undefined;
  if (i === end) return time;
  if (s.charCodeAt(i) === 90 /* Z */) return i + 1 === end ? time : undefined;
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return undefined;
  const m = /^(\d{2})(?::?(\d{2}))?$/.exec(s.slice(i + 1, end));
  if (!m) return undefined;
  return time - (sign === 45 ? -1 : 1) * (Number(m[1]) * 60 + Number(m[2] ?? 0)) * 60_000;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The number written by `count` digits at `at`, or −1. */
function digits(s: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + c - 48;
  }
  return value;
}
