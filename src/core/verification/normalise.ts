/**
 * Turns what the agent typed (what the caller said) into one canonical form per question, so
 * that "12 mars 1985" and "12/03/1985" compare equal to the date on file.
 *
 * Every normaliser returns null for text it cannot read and never throws: an unreadable
 * answer counts as a wrong answer, exactly like a wrong one, so the screen learns nothing
 * about the correct value from the way an answer was rejected.
 *
 * Canonical forms (what main stores in KnownFacts):
 *   date_of_birth        'YYYY-MM-DD'
 *   postcode             upper case, no spaces or dashes: '75011', 'SW1A1AA'
 *   last_invoice_amount  integer minor units as a decimal string: '4250' for 42,50 €
 *   account_pin          4–6 ASCII digits: '0427'
 */
import { daysInMonth } from '../calendar';
import { parseAmount, type CurrencyCode } from '../money';
import type { Locale } from '../i18n/locale';
import type { QuestionKind } from './policy';

/**
 * How the agent's locale writes a numeric date: day first in French ("18/09/1989"), month first
 * in English ("09/18/1989"). It decides only ambiguous dates; see normaliseDateOfBirth.
 */
export type DateOrder = 'dmy' | 'mdy';

export function dateOrderFor(locale: Locale): DateOrder {
  return locale === 'en' ? 'mdy' : 'dmy';
}

/** Longer than any honest answer; bounds the work done on pasted junk. */
const MAX_ANSWER_LENGTH = 64;

/** Folds accents, full-width digits and case so "Février", "FEVRIER" and "février" match. */
function fold(raw: string): string {
  return raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

// ---------------------------------------------------------------- date of birth

const MONTHS: Readonly<Record<string, number>> = {
  // English
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  // French, accents folded ("février" → "fevrier", "août" → "aout")
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
};

/** Words an agent may type around a date ("the 12th of March", "mardi 12 mars"). */
const DATE_FILLERS = new Set([
  'the',
  'of',
  'on',
  'le',
  'de',
  'du',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
]);

/** The earliest birth year accepted: anything older is a typing slip, not a customer. */
const EARLIEST_BIRTH_YEAR = 1900;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' → [y, m, d] when it is a real calendar date, else null. */
export function parseIsoDate(text: string): [number, number, number] | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

/**
 * Builds the canonical date, resolving a two-digit year to the most recent year that puts the
 * date on or before today ("12.03.85" is 1985; in 2025, "01/01/25" is 2025 and "31/12/25" is
 * 1925): a date of birth is in the past by definition.
 */
function buildDate(yearText: string, month: number, day: number, today: [number, number, number]): string | null {
  if (!/^\d+$/.test(yearText) || (yearText.length !== 2 && yearText.length !== 4)) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const [ty, tm, td] = today;
  const todayKey = ty * 10_000 + tm * 100 + td;
  let year = Number(yearText);
  if (yearText.length === 2) {
    year += Math.floor(ty / 100) * 100;
    if (year * 10_000 + month * 100 + day > todayKey) year -= 100;
  }
  if (day > daysInMonth(year, month)) return null;
  if (year < EARLIEST_BIRTH_YEAR || year * 10_000 + month * 100 + day > todayKey) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * A numeric date whose first two parts are day and month in some order: the order only one
 * reading fits, or — when both are real dates — the locale's order.
 */
function eitherOrder(yearText: string, first: number, second: number, today: [number, number, number], order: DateOrder): string | null {
  const dayFirst = buildDate(yearText, second, first, today);
  const monthFirst = buildDate(yearText, first, second, today);
  if (dayFirst && monthFirst) return order === 'mdy' ? monthFirst : dayFirst;
  return dayFirst ?? monthFirst;
}

const isDigits = (t: string, min: number, max: number): boolean => t.length >= min && t.length <= max && /^\d+$/.test(t);

/**
 * Reads a date of birth as an agent types it.
 *
 * Numeric dates are read the way the agent's locale writes them when they are ambiguous: with
 * `order` 'dmy' (French) "03/12/1985" is 3 December 1985, with 'mdy' (English) it is 12 March
 * 1985. A date only one order can read ("18/09/1989", "09/18/1989": there is no 18th month) is
 * read that way in either locale — the agent typed what the caller said, and no other date fits.
 * A four-digit first part means year first ("1985-03-12", "1985/3/12"). Also read:
 * "12 mars 1985", "1er mars 1985", "March 12, 1985", "12th of March 85", "12.03.85", "12031985"
 * (DDMMYYYY, or MMDDYYYY in English, by the same rule), "19850312" (YYYYMMDD) and "120385".
 *
 * @param today 'YYYY-MM-DD', the caller's "now" (main passes it in: core has no clock).
 *   Dates after today or before 1900 are unreadable.
 * @param order which of day and month comes first in an ambiguous numeric date (default day first).
 */
export function normaliseDateOfBirth(raw: string, today: string, order: DateOrder = 'dmy'): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_ANSWER_LENGTH) return null;
  const todayParts = parseIsoDate(today);
  if (!todayParts) return null;
  const text = fold(raw).replace(/\b(\d{1,2})(?:st|nd|rd|th|er|re|ere|eme|e)\b/g, '$1');
  const tokens = text.split(/[\s/.,-]+/).filter((t) => t !== '' && !DATE_FILLERS.has(t));
  const words = tokens.filter((t) => !/^\d+$/.test(t));
  const numbers = tokens.filter((t) => /^\d+$/.test(t));

  if (words.length === 0) {
    if (numbers.length === 3) {
      const [a = '', b = '', c = ''] = numbers;
      if (isDigits(a, 4, 4) && isDigits(b, 1, 2) && isDigits(c, 1, 2)) return buildDate(a, Number(b), Number(c), todayParts);
      if (isDigits(a, 1, 2) && isDigits(b, 1, 2)) return eitherOrder(c, Number(a), Number(b), todayParts, order);
      return null;
    }
    if (numbers.length === 1) {
      const n = numbers[0] ?? '';
      if (n.length === 8) {
        return (
          eitherOrder(n.slice(4), Number(n.slice(0, 2)), Number(n.slice(2, 4)), todayParts, order) ??
          buildDate(n.slice(0, 4), Number(n.slice(4, 6)), Number(n.slice(6)), todayParts)
        );
      }
      if (n.length === 6) return eitherOrder(n.slice(4), Number(n.slice(0, 2)), Number(n.slice(2, 4)), todayParts, order);
    }
    return null;
  }

  if (words.length !== 1 || numbers.length !== 2) return null;
  const month = MONTHS[words[0] ?? ''];
  if (month === undefined) return null;
  const [first = '', second = ''] = numbers;
  // "1985 March 12": a four-digit number is the year wherever it stands; otherwise day then year.
  if (isDigits(first, 4, 4) && isDigits(second, 1, 2)) return buildDate(first, month, Number(second), todayParts);
  if (isDigits(first, 1, 2)) return buildDate(second, month, Number(first), todayParts);
  return null;
}

// ---------------------------------------------------------------- postcode

const FR_POSTCODE = /^\d{5}$/;
/** Every UK shape: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, and GIR 0AA. */
const UK_POSTCODE = /^(?:[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}|GIR0AA)$/;
/**
 * Other countries (Swiss 1201, Dutch 1012AB, Canadian K1A0B1…): 3–8 letters and digits, at
 * least one digit, at most four letters — so "75011 Paris" is not mistaken for a postcode.
 */
const OTHER_POSTCODE = /^(?=.*\d)(?!(?:.*[A-Z]){5})[A-Z\d]{3,8}$/;

/**
 * "75 011" → "75011", "F-75011" → "75011", "sw1a 1aa" → "SW1A1AA". Spaces, dashes and dots
 * are dropped and letters upper-cased; FR and UK shapes are recognised, and other countries'
 * codes of 3–8 letters and digits are kept as typed (the comparison is exact anyway).
 */
export function normalisePostcode(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_ANSWER_LENGTH) return null;
  let code = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-.\u2010-\u2013]/g, '');
  // A French address is sometimes written with its country prefix: "F-75011", "FR 75011".
  if (/^FR?\d{5}$/.test(code)) code = code.replace(/^FR?/, '');
  if (FR_POSTCODE.test(code) || UK_POSTCODE.test(code) || OTHER_POSTCODE.test(code)) return code;
  return null;
}

// ---------------------------------------------------------------- amount

/**
 * "42,50", "42.5 €", "42€50", "EUR 42.50", "42,50 euros" → "4250" in the account's currency.
 * Reading the number itself is money's parseAmount: one amount parser in Ardoise.
 */
export function normaliseAmount(raw: string, currency: CurrencyCode): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_ANSWER_LENGTH) return null;
  let text = raw.normalize('NFKC').trim();
  // The French way of saying an amount: "42€50".
  text = text.replace(/^(-?\d+)\s*[€£$]\s*(\d{1,2})$/, '$1,$2');
  text = text.replace(/\b(?:euros?|eur|gbp|pounds?|livres?|usd|dollars?|chf|francs?)\b\.?/gi, '').trim();
  try {
    const minor = parseAmount(text, currency);
    return minor === null ? null : String(minor);
  } catch {
    // An unsupported currency on file is main's problem, but it must not crash a check.
    return null;
  }
}

// ---------------------------------------------------------------- PIN

/** "12 34", "1234", "12-34" → "1234". Four to six digits; anything else is unreadable. */
export function normalisePin(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_ANSWER_LENGTH) return null;
  const digits = raw.normalize('NFKC').replace(/[\s\-.]/g, '');
  return /^\d{4,6}$/.test(digits) ? digits : null;
}

// ---------------------------------------------------------------- dispatch

export interface NormaliseContext {
  /** 'YYYY-MM-DD': resolves two-digit years and rejects birth dates in the future. */
  readonly today: string;
  /** The account's billing currency: how an amount the caller says is read. */
  readonly currency: CurrencyCode;
  /** The agent's way of writing a numeric date (default day first). */
  readonly dateOrder?: DateOrder;
}

/** The canonical form of one typed answer, or null when it cannot be read. Never throws. */
export function normaliseAnswer(kind: QuestionKind, raw: string, context: NormaliseContext): string | null {
  switch (kind) {
    case 'date_of_birth':
      return normaliseDateOfBirth(raw, context.today, context.dateOrder);
    case 'postcode':
      return normalisePostcode(raw);
    case 'last_invoice_amount':
      return normaliseAmount(raw, context.currency);
    case 'account_pin':
      return normalisePin(raw);
    default:
      return null;
  }
}
