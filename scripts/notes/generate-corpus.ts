/**
 * Writes the two corpora the card screen is tested against (tests/unit/notes/corpus.test.ts):
 *   tests/fixtures/notes/card-forms.txt  card numbers, written every way an agent might: refused
 *   tests/fixtures/notes/not-cards.txt   real-world numbers that are not card numbers: accepted
 *
 *   npx tsx scripts/notes/generate-corpus.ts
 *
 * Deterministic (seeded): running it again gives the same files. The files are committed; edit
 * this script, not them. One text per line; invisible and control characters are written as
 * escapes (\n \r \t \\ \uXXXX \u{XXXXX}) that the test decodes; '#' lines are comments.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CARD_SCHEMES, issuedByAScheme, luhnCheckDigit, luhnValid } from '../../src/core/notes';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/notes');

// ── helpers ──────────────────────────────────────────────────────────────────

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20260512);
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
const withLuhn = (payload: string): string => payload + luhnCheckDigit(payload);

/** Splits `number` into groups of the given sizes (the last takes what is left). */
function groupsOf(number: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= number.length) break;
    out.push(number.slice(at, at + size));
    at += size;
  }
  if (at < number.length) out.push(number.slice(at));
  return out;
}

/** How card numbers are usually grouped, by length (Amex 4-6-5, Diners 14 4-6-4, else fours). */
function cardGroups(pan: string): string[] {
  if (pan.length === 15) return groupsOf(pan, [4, 6, 5]);
  if (pan.length === 14) return groupsOf(pan, [4, 6, 4]);
  return groupsOf(pan, [4, 4, 4, 4, 4]);
}

/** Escapes a text for one line of a corpus file. */
function escape(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u.test(ch) || (/\p{Zs}/u.test(ch) && ch !== ' ')) {
      out += cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

/** Oracle for generated non-cards: no run of whole groups (split on non-digits) is card-shaped. */
function noCardShapedPart(text: string): boolean {
  for (const run of text.split(/[\p{L}]+/u)) {
    const groups = run.split(/\D+/).filter((g) => g !== '');
    for (let a = 0; a < groups.length; a++) {
      let d = '';
      for (let b = a; b < groups.length && d.length <= 19; b++) {
        d += groups[b];
        if (d.length >= 13 && d.length <= 19 && issuedByAScheme(d) && luhnValid(d)) return false;
      }
    }
  }
  return true;
}

// ── card numbers ─────────────────────────────────────────────────────────────

/** A valid PAN of `length` digits starting in [from, to]. */
function pan(from: string, to: string, length: number): string {
  const prefix = String(int(Number(from), Number(to))).padStart(from.length, '0');
  return withLuhn(prefix + digits(length - prefix.length - 1));
}

/** Digit scripts: the zero of each run of ten (General Category Nd), or a folding (NFKC) set. */
const SCRIPTS: readonly { readonly name: string; readonly digit: (d: number) => string }[] = [
  { name: 'ASCII', digit: (d) => String(d) },
  { name: 'full-width', digit: (d) => String.fromCodePoint(0xff10 + d) },
  { name: 'Arabic-Indic', digit: (d) => String.fromCodePoint(0x0660 + d) },
  { name: 'Extended Arabic-Indic', digit: (d) => String.fromCodePoint(0x06f0 + d) },
  { name: 'Devanagari', digit: (d) => String.fromCodePoint(0x0966 + d) },
  { name: 'Bengali', digit: (d) => String.fromCodePoint(0x09e6 + d) },
  { name: 'Thai', digit: (d) => String.fromCodePoint(0x0e50 + d) },
  { name: 'mathematical bold', digit: (d) => String.fromCodePoint(0x1d7ce + d) },
  { name: 'mathematical double-struck', digit: (d) => String.fromCodePoint(0x1d7d8 + d) },
  { name: 'mathematical monospace', digit: (d) => String.fromCodePoint(0x1d7f6 + d) },
  { name: 'superscript', digit: (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d] as string },
  { name: 'mixed', digit: (d) => String.fromCodePoint(pick([0x30, 0xff10, 0x0660, 0x06f0, 0x0966, 0x1d7ce]) + d) },
];

/** Separators between groups ('\n' is one group per line). */
const SEPARATORS: readonly { readonly name: string; readonly between: string }[] = [
  { name: 'none', between: '' },
  { name: 'space', between: ' ' },
  { name: 'dash', between: '-' },
  { name: 'dot', between: '.' },
  { name: 'slash', between: '/' },
  { name: 'underscore', between: '_' },
  { name: 'comma', between: ',' },
  { name: 'tab', between: '\t' },
  { name: 'double space', between: '  ' },
  { name: 'one group per line', between: '\n' },
  { name: 'one group per line (CRLF)', between: '\r\n' },
  { name: 'spaced dash', between: ' - ' },
  { name: 'en dash', between: '–' },
  { name: 'spaced em dash', between: ' — ' },
  { name: 'non-breaking space', between: '\u00a0' },
  { name: 'narrow non-breaking space', between: '\u202f' },
  { name: 'ideographic space', between: '\u3000' },
  { name: 'comma and space', between: ', ' },
  { name: 'spaced slash', between: ' / ' },
  { name: 'middle dot', between: '·' },
  { name: 'minus sign', between: '−' },
  { name: 'pipe', between: ' | ' },
];

/** Invisible characters, put between every two digits. */
const INVISIBLES: readonly { readonly name: string; readonly char: string }[] = [
  { name: 'zero-width space', char: '\u200b' },
  { name: 'zero-width non-joiner', char: '\u200c' },
  { name: 'zero-width joiner', char: '\u200d' },
  { name: 'word joiner', char: '\u2060' },
  { name: 'byte order mark', char: '\ufeff' },
  { name: 'soft hyphen', char: '\u00ad' },
  { name: 'right-to-left mark', char: '\u200f' },
];

const SENTENCES: readonly string[] = [
  '{card}',
  'Le client a donné sa carte {card} pour régler la facture.',
  'Carte bancaire : {card}',
  'CB {card} refusée, rappeler demain',
  'Customer read out card number {card} before I could stop him.',
  'Card: {card}',
  'paiement par carte ({card}) à enregistrer',
  'Nouvelle carte {card}, ancienne perdue.',
  'He wants {card} charged for the balance.',
  'numéro de carte\n{card}\nmerci',
];

const WITH_EXPIRY: readonly string[] = [
  '{card} 12/27 123',
  '{card} exp 03/28 cvv 456',
  'carte {card} valable jusqu’à 09/29, cryptogramme 789',
  'Card {card}, expiry 11/26, CVC 321',
  '{card}\n08/27\n135',
  'CB {card} - 04/2028 - 246',
];

function write(pan: string, script: (typeof SCRIPTS)[number], between: string): string {
  return cardGroups(pan)
    .map((g) => [...g].map((d) => script.digit(Number(d))).join(''))
    .join(between);
}

function cardForms(): string[] {
  const lines: string[] = [];
  const section = (title: string): void => {
    lines.push('', `# ${title}`);
  };

  section(
    "Published test card numbers (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir), as listed in payment processors' test documentation (Stripe, Adyen, Braintree)",
  );
  const published = [
    '4111111111111111',
    '4242424242424242',
    '4000056655665556',
    '4012888888881881',
    '4222222222222',
    '5555555555554444',
    '5105105105105100',
    '2223003122003222',
    '2221000000000009',
    '378282246310005',
    '371449635398431',
    '6011111111111117',
    '6011000990139424',
    '3530111333300000',
    '3566002020360505',
    '30569309025904',
    '38520000023237',
    '36227206271667',
    '6200000000000005',
    '6304000000000000000',
    '5019717010103742',
    '6759649826438453',
    '2201382000000013',
  ];
  for (const p of published) {
    if (!luhnValid(p) || !issuedByAScheme(p)) throw new Error(`published test card ${p} is not card-shaped`);
    lines.push(p, cardGroups(p).join(' '));
  }

  section('Every scheme, prefix range and length (card-schemes.ts), generated: a valid PAN each, written in turn with every separator style (tables above)');
  let k = 0;
  for (const scheme of CARD_SCHEMES) {
    for (const [from, to] of scheme.prefixes) {
      for (const length of scheme.lengths) {
        const p = pan(from, to, length);
        const sep = SEPARATORS[k++ % SEPARATORS.length] as (typeof SEPARATORS)[number];
        lines.push(escape(pick(SENTENCES).replace('{card}', write(p, SCRIPTS[0] as (typeof SCRIPTS)[number], sep.between))));
      }
    }
  }

  section('Each separator style with each kind of scheme, in French and English sentences');
  for (const sep of SEPARATORS) {
    for (const scheme of ['visa', 'mastercard', 'amex', 'maestro', 'diners']) {
      const s = CARD_SCHEMES.find((c) => c.name === scheme);
      if (!s) throw new Error(scheme);
      const [from, to] = pick(s.prefixes);
      const p = pan(from, to, pick(s.lengths));
      lines.push(escape(pick(SENTENCES).replace('{card}', write(p, SCRIPTS[0] as (typeof SCRIPTS)[number], sep.between))));
    }
  }

  section('Digits of other scripts (Unicode Nd, and NFKC-folding superscripts), grouped or not');
  for (const script of SCRIPTS.slice(1)) {
    for (let n = 0; n < 4; n++) {
      const s = pick(CARD_SCHEMES);
      const [from, to] = pick(s.prefixes);
      const p = pan(from, to, pick(s.lengths));
      const sep = pick(['', ' ', '-', '.', ' - ', '\n']);
      lines.push(escape(pick(SENTENCES).replace('{card}', write(p, script, sep))));
    }
  }

  section('Invisible characters between every two digits, with and without visible separators');
  for (const invisible of INVISIBLES) {
    for (const sep of ['', ' ', '-', '\n']) {
      const s = pick(CARD_SCHEMES);
      const [from, to] = pick(s.prefixes);
      const p = pan(from, to, pick(s.lengths));
      const written = cardGroups(p)
        .map((g) => [...g].join(invisible.char))
        .join(invisible.char + sep);
      lines.push(escape(pick(SENTENCES).replace('{card}', written)));
    }
  }

  section('Followed by the expiry date and security code');
  for (let n = 0; n < 24; n++) {
    const s = CARD_SCHEMES[n % CARD_SCHEMES.length] as (typeof CARD_SCHEMES)[number];
    const [from, to] = pick(s.prefixes);
    const p = pan(from, to, pick(s.lengths));
    const sep = pick(SEPARATORS.filter((x) => x.between !== '')).between;
    lines.push(escape((WITH_EXPIRY[n % WITH_EXPIRY.length] as string).replace('{card}', write(p, pick(SCRIPTS.slice(0, 4)), sep))));
  }

  section("Next to the app's identifiers, phone numbers, IBANs and dates (those are set aside, the card is not)");
  const imei = withLuhn('35209900176148');
  const near = [
    'FA-202605-84598243 {card}',
    'AR-00012345 {card}',
    '+33 6 12 34 56 78 {card}',
    '06 12 34 56 78 / {card}',
    'IBAN FR76 3000 6000 0112 3456 7890 189 / {card}',
    '{card} le 30/01/2026',
    '30/01/2026 {card}',
    `IMEI ${groupsOf(imei, [2, 6, 6, 1]).join(' ')} {card}`,
  ];
  for (const template of near) {
    for (const scheme of ['visa', 'mastercard', 'maestro']) {
      const s = CARD_SCHEMES.find((c) => c.name === scheme);
      if (!s) throw new Error(scheme);
      const [from, to] = pick(s.prefixes);
      lines.push(escape(template.replace('{card}', cardGroups(pan(from, to, pick(s.lengths))).join(' '))));
    }
  }
  return lines;
}

// ── not card numbers ─────────────────────────────────────────────────────────

function ibanCheck(country: string, bban: string): string {
  const moved = (bban + country + '00').toUpperCase().replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const c of moved) rest = (rest * 10 + Number(c)) % 97;
  return String(98 - rest).padStart(2, '0');
}

function ribKey(bank: string, branch: string, account: string): string {
  return String(97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97)).padStart(2, '0');
}

const paper = (s: string): string => s.replace(/(.{4})(?=.)/g, '$1 ');
const frenchMobile = (): string => `0${pick(['6', '7'])}${digits(8)}`.replace(/(\d\d)(?=\d)/g, '$1 ');

function notCards(): string[] {
  const lines: string[] = [];
  const section = (title: string): void => {
    lines.push('', `# ${title}`);
  };

  section(
    'IMEIs (3GPP TS 23.003: 8-digit TAC, 6-digit serial, Luhn check digit). TACs start with their reporting body (GSMA): 35 BABT, 86 TAF China, 01 PTCRB, 99 GHA, 44/98 BABT, 45 NTA, 49 BZT, 51–54 Cetecom, TÜV, Phoenix, 91 MSAI; serials random',
  );
  const bodies = ['35', '35', '35', '86', '86', '01', '99', '44', '45', '49', '51', '52', '53', '54', '91', '98'];
  for (let n = 0; n < 32; n++) {
    const imei = withLuhn((bodies[n % bodies.length] as string) + digits(12));
    const [a, b, c, d] = groupsOf(imei, [2, 6, 6, 1]) as [string, string, string, string];
    const forms = [
      imei,
      `${a} ${b} ${c} ${d}`,
      `${a}-${b}-${c}-${d}`,
      `IMEI : ${imei}`,
      `Téléphone bloqué, IMEI ${a} ${b} ${c} ${d}`,
      `IMEI ${imei}, blacklisted on 12/05/2026`,
      `Customer's handset ${imei} reported stolen`,
    ];
    lines.push(escape(forms[n % forms.length] as string));
  }

  section(
    'SIREN and SIRET (INSEE: 9-digit SIREN with Luhn, 5-digit NIC, Luhn over all 14). SIRENs of well-known companies from the public Sirene register (Renault, SNCF Voyageurs, EDF, TotalEnergies, Danone, Société Générale, Air France, Michelin, SFR, Free Mobile, Iliad, Orange, Carrefour, BNP Paribas, Bouygues Telecom); NICs random with the check completed',
  );
  const sirens = [
    '780129987',
    '519037584',
    '552081317',
    '542051180',
    '552032534',
    '552120222',
    '420495178',
    '855200887',
    '343059564',
    '499247138',
    '421938861',
    '380129866',
    '652014051',
    '662042449',
    '397480930',
  ];
  for (const siren of sirens) {
    if (!luhnValid(siren)) throw new Error(`SIREN ${siren}`);
    const siret = withLuhn(siren + digits(4));
    const spaced = `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)} ${siret.slice(9)}`;
    // Unlabelled as one block, SIRETs starting like a Diners or Maestro card are known false positives (screen.ts).
    const block = issuedByAScheme(siret) ? `SIRET ${siret}` : siret;
    lines.push(`SIREN ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`, siren, spaced, block, `Société cliente, SIRET : ${spaced}`);
  }

  section(
    'French IBANs and RIBs (ISO 13616 mod-97 check digits; RIB key per CFONB), bank codes of French banks from the Banque de France register: 30002 LCL, 30003 Société Générale, 30004 BNP Paribas, 30006 Crédit Agricole, 10278 Crédit Mutuel, 20041 La Banque Postale, 30066 CIC, 40618 Boursorama, 10107 BRED, 17515 Caisse d’Épargne, 16958 Qonto; branch and account random',
  );
  lines.push('FR76 3000 6000 0112 3456 7890 189', 'IBAN : FR7630006000011234567890189');
  const banks = ['30002', '30003', '30004', '30006', '10278', '20041', '30066', '40618', '10107', '17515', '16958'];
  for (let n = 0; n < 22; n++) {
    const bank = banks[n % banks.length] as string;
    const branch = digits(5);
    const account = digits(11);
    const key = ribKey(bank, branch, account);
    const bban = bank + branch + account + key;
    const iban = `FR${ibanCheck('FR', bban)}${bban}`;
    const forms = [
      paper(iban),
      `IBAN ${paper(iban)}`,
      iban,
      `iban: ${paper(iban).toLowerCase()}`,
      `Prélèvement sur ${paper(iban)} à partir du 05/06/2026`,
      `RIB : ${bank} ${branch} ${account} ${key}`,
      `Banque ${bank} guichet ${branch} compte ${account} clé ${key}`,
    ];
    lines.push(forms[n % forms.length] as string);
  }

  section("Other countries' IBANs: the example IBAN of each country in the SWIFT IBAN Registry");
  for (const iban of [
    'DE89 3704 0044 0532 0130 00',
    'GB29 NWBK 6016 1331 9268 19',
    'BE68 5390 0754 7034',
    'ES91 2100 0418 4502 0005 1332',
    'IT60 X054 2811 1010 0000 0123 456',
    'CH93 0076 2011 6238 5295 7',
    'LU28 0019 4006 4475 0000',
    'NL91 ABNA 0417 1643 00',
    'MC58 1122 2000 0101 2345 6789 030',
    'PT50 0002 0123 1234 5678 9015 4',
  ]) {
    const compact = iban.replace(/ /g, '');
    if (ibanCheck(compact.slice(0, 2), compact.slice(4)) !== compact.slice(2, 4)) throw new Error(`IBAN ${iban}`);
    lines.push(iban);
  }

  section(
    "Phone numbers. French: ARCEP numbers reserved for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98) and random mobiles; UK: Ofcom drama numbers (020 7946 0xxx, 07700 900xxx); US: 555-01xx; others in each country's national format",
  );
  const fiction = ['01 99 00', '02 61 91', '03 53 01', '04 65 71', '05 36 49', '06 39 98'];
  for (let n = 0; n < 18; n++) {
    const national = ((fiction[n % fiction.length] as string) + ` ${digits(2)} ${digits(2)}`).split(' ');
    const forms = [
      national.join(' '),
      national.join('.'),
      national.join('-'),
      national.join(''),
      `+33 ${national.join(' ').slice(1)}`,
      `+33 (0)${national.join(' ').slice(1)}`,
      `+33${national.join('').slice(1)}`,
      `0033 ${national.join(' ').slice(1)}`,
      `Rappeler au ${national.join(' ')} après 17h`,
    ];
    lines.push(forms[n % forms.length] as string);
  }
  for (let n = 0; n < 12; n++) {
    const mobile = `0${pick(['6', '7'])}${digits(8)}`;
    const pairs = mobile.replace(/(\d\d)(?=\d)/g, '$1 ');
    const other = `0${pick(['1', '6', '7'])}${digits(8)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
    const forms = [
      `${pairs} / ${other}`,
      `${pairs}, ${other}`,
      `tél. ${pairs} ou ${other}`,
      `+33 ${pairs.slice(1)} / +33 ${other.slice(1)}`,
      `${pairs} - 12/05/2026 14h30`,
      `${pairs.replace(/ /g, '.')} — ${other.replace(/ /g, '.')}`,
    ];
    lines.push(forms[n % forms.length] as string);
  }
  lines.push(
    '+44 20 7946 0958',
    '+44 (0)20 7946 0123',
    '0044 20 7946 0958',
    '+44 7700 900123',
    '+447700900456',
    '0044 7700 900789',
    '020 7946 0321',
    '+1 202 555 0143',
    '+1 (415) 555-0199',
    '+1-212-555-0123',
    '001 310 555 0182',
    '+49 30 12345678',
    '+49 151 23456789',
    '+32 2 123 45 67',
    '+32 470 12 34 56',
    '+41 21 123 45 67',
    '+212 6 12 34 56 78',
    '+213 5 51 23 45 67',
    '+216 20 123 456',
    '+352 621 123 456',
    '+262 692 12 34 56',
    '+590 690 12 34 56',
    '+86 138 0013 8000',
    '+380 44 123 4567',
    '+39 06 1234 5678',
    '+34 612 34 56 78',
  );

  section(
    "The app's invoice numbers FA-YYYYMM-NNNNNNNN (half of them with 14 digits passing Luhn), alone, in sentences, next to amounts and dates, and folded forms",
  );
  for (let n = 0; n < 60; n++) {
    const month = `20${int(24, 27)}${String(int(1, 12)).padStart(2, '0')}`;
    let serial = digits(8);
    if (n % 2 === 0) serial = serial.slice(0, 7) + luhnCheckDigit(month + serial.slice(0, 7));
    const id = `FA-${month}-${serial}`;
    const forms = [
      id,
      `Facture ${id} contestée`,
      `${id} - 123,45 €`,
      `Invoice ${id} paid 12/05/2026`,
      `${id}, ${id.replace(/\d{8}$/, digits(8))}`,
      `fa ${month} ${serial}`,
      `FA–${month}–${serial}`,
      `ＦＡ－${month}－${serial}`.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d))),
      `Avoir sur ${id} : 45,00 € le 30/05/2026`,
      `${id} / ${int(1, 999)},${digits(2)} EUR`,
    ];
    lines.push(escape(forms[n % forms.length] as string));
  }

  section("The app's account numbers AR-NNNNNNNN");
  for (let n = 0; n < 16; n++) {
    const id = `AR-${String(int(1, 99_999_999)).padStart(8, '0')}`;
    const forms = [
      id,
      `Compte ${id} vérifié`,
      `${id} - 12 345,67 €`,
      `account ${id}, balance 1 234,56 €`,
      `${id} / ${id.replace(/\d+$/, digits(8))}`,
      `ar ${id.slice(3)}`,
      `${id} 06 12 34 56 78`,
      `${id} : 30/04/2026 – 15/05/2026`,
    ];
    lines.push(forms[n % forms.length] as string);
  }

  section('Dates');
  lines.push(
    '12/03/2025',
    '2025-03-12',
    '12.03.2025',
    '12-03-2025',
    'le 12/05/26',
    'lundi 12 mai 2026',
    'du 30/01/2026 - 28/02/2026',
    '30/04/2025 – 15/05/2025',
    '01.02.2026 / 28.02.2026',
    '2026-01-30 → 2026-02-28',
    'Born 12/03/1985, move-in on 12-03-2025',
    'échéances : 05/06/2026, 05/07/2026, 05/08/2026',
    '31/12/2025 23:59:59',
    '30/06/2026 14h30 - 15h00',
  );

  section('Amounts');
  lines.push(
    '1 234,56 €',
    '12 345 678,90 €',
    '€1,234.56',
    '1.234,56 EUR',
    '45,00 €',
    'Balance 12 345 678,90 €',
    '45,00 ; 12,50 ; 13,20',
    'Paid 1 234,56 € on 2025-03-12',
    '3 x 29,99 € = 89,97 €',
    'remboursement de 350,00 € + 42,50 €',
    '-15,00 € (geste commercial)',
    '$ 5,432.10',
    '£2,345.67',
    'montant TTC 1 499,99 € dont TVA 250,00 €',
  );

  section('Postcodes and addresses (La Poste)');
  lines.push(
    '75008 Paris',
    '13001 Marseille',
    '97400 Saint-Denis',
    '69003 Lyon CEDEX 03',
    '12 rue de la Paix, 75002 Paris',
    'BP 1234 - 31000 Toulouse',
    '2A004 Ajaccio',
    'SW1A 1AA London',
    '10115 Berlin',
    'L-1855 Luxembourg',
  );

  section('Orders and parcels: UPU S10 (La Poste, Chronopost), Colissimo, UPS 1Z, FedEx, DHL Express, Amazon, app-like order numbers');
  const s10 = (serial: string): string => {
    const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * ([8, 6, 4, 2, 3, 5, 9, 7][i] as number), 0);
    const c = 11 - (sum % 11);
    return serial + String(c === 10 ? 0 : c === 11 ? 5 : c);
  };
  for (let n = 0; n < 6; n++) lines.push(`${pick(['RR', 'LA', 'CP', 'XA'])}${s10(digits(8))}FR`, `Colis ${pick(['6A', '8R', '6C'])}${digits(11)}`);
  lines.push(
    '1Z 999 AA1 01 2345 6784',
    '1Z999AA10123456784',
    'FedEx 7712 3456 7890',
    'DHL 1234567890',
    'Commande n° 2026-051234',
    'order #1000234567',
    'ticket INC0012345',
    'Dossier 2026/05/00123',
    'Invoice INV-2025-000123',
  );

  section(
    'French EAN-13 barcodes (GS1 France prefixes 300–379): Nutella 400 g 3017620422003, Evian 1,5 L 3068320114453, and others with their GS1 check digit',
  );
  const ean = (payload: string): string => {
    const sum = [...payload].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return payload + String((10 - (sum % 10)) % 10);
  };
  lines.push('3017620422003', '3068320114453');
  for (let n = 0; n < 6; n++) lines.push(`EAN ${ean(`3${int(0, 7)}${digits(10)}`)}`);

  section(
    'Hard cases: chosen so that their digits, joined across the separators, DO look like a card number (13–19 digits, issuer prefix, Luhn) to a naive reader; only recognising what they are keeps them from being refused',
  );
  const hard: readonly (() => string)[] = [
    () => `${frenchMobile()} / ${frenchMobile()}`,
    () => `${frenchMobile()} ${frenchMobile()}`,
    () => `+33 ${frenchMobile().slice(1)}, +33 ${frenchMobile().slice(1)}`,
    () => `+44 7700 900${digits(3)} - ${int(1, 28)}/0${int(1, 9)}/2026`,
    () => `FA-2026${String(int(1, 12)).padStart(2, '0')}-${pick(['4', '5', '6'])}${digits(7)} - ${int(100, 999)},${digits(2)} €`,
    () => `AR-${pick(['4', '5', '6'])}${digits(7)} - ${int(10, 99)} ${digits(3)},${digits(2)} €`,
    () => {
      const bban = pick(banks) + digits(5) + digits(11);
      const full = bban + ribKey(bban.slice(0, 5), bban.slice(5, 10), bban.slice(10));
      return paper(`FR${ibanCheck('FR', full)}${full}`);
    },
    () => {
      const [bank, branch, account] = [pick(banks), pick(['4', '5', '6']) + digits(4), digits(11)];
      return `RIB ${bank} ${branch} ${account} ${ribKey(bank, branch, account)}`;
    },
    () => {
      const siren = withLuhn(pick(['30', '36', '38', '39', '50', '56', '60', '65']) + digits(6));
      const siret = withLuhn(siren + digits(4));
      return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
    },
    () => {
      // Iridium (30) and BZT (50) IMEIs are Diners- and Maestro-shaped as 15 digits.
      const imei = withLuhn(pick(['3001', '3012', '3025', '5012']) + digits(10));
      return `${groupsOf(imei, [2, 6, 6, 1]).join(' ')}`;
    },
    () => {
      const month = int(1, 8);
      return `du ${int(10, 28)}/0${month}/2026 - ${int(10, 28)}/0${month + 1}/2026`;
    },
    () => `30/0${pick(['1', '3', '4', '5'])}/2026 - ${int(10, 28)}/${int(10, 12)}/2026`,
    () => `Reste ${int(50, 69)},${digits(2)} € - ${frenchMobile().replace(/ /g, '')}`,
  ];
  for (const [k, make] of hard.entries()) {
    for (let found = 0, tries = 0; found < 4; tries++) {
      if (tries > 10_000) throw new Error(`hard case ${k} never looks like a card`);
      const text = make();
      if (noCardShapedPart(text)) continue;
      lines.push(text);
      found++;
    }
  }

  section(
    "A customer's own 13–19 digit numbers (contract, meter, reference numbers) that are not card numbers: generated, either starting with a digit no scheme uses (1, 7, 8, 9, 0), or failing Luhn, or with a length their prefix is not issued with (Visa 14/15/17/18, Mastercard 15/17, Amex 16); written whole or in groups, checked so that no run of whole groups is card-shaped",
  );
  let made = 0;
  while (made < 36) {
    const kind = made % 4;
    let number: string;
    if (kind === 0) number = pick(['1', '7', '8', '9', '0']) + digits(int(12, 18));
    else if (kind === 1) {
      const good = pan('2', '6', int(13, 19));
      number = good.slice(0, -1) + String((Number(good.slice(-1)) + int(1, 9)) % 10);
    } else if (kind === 2) number = withLuhn('4' + digits(pick([14, 15, 17, 18]) - 2));
    else number = pick([withLuhn('5' + String(int(1, 5)) + digits(pick([15, 17]) - 3)), withLuhn('3' + pick(['4', '7']) + digits(13))]);
    const written = pick([
      number,
      groupsOf(number, [4, 4, 4, 4, 4]).join(' '),
      groupsOf(number, [3, 3, 3, 3, 3, 3, 3]).join(' '),
      `Réf. client ${number}`,
      `contract no. ${number}`,
    ]);
    if (!noCardShapedPart(written)) continue;
    lines.push(written);
    made++;
  }
  return lines;
}

function header(title: string): string[] {
  return [
    `# ${title}`,
    '# Generated by scripts/notes/generate-corpus.ts (npx tsx scripts/notes/generate-corpus.ts): edit the script, not this file.',
    '# One text per line; escapes: \\n \\r \\t \\\\ \\uXXXX \\u{XXXXX}. Lines starting with # are comments, blank lines are skipped.',
  ];
}

writeFileSync(
  join(OUT, 'card-forms.txt'),
  [...header('Card numbers that must be refused (tests/unit/notes/corpus.test.ts).'), ...cardForms()].join('\n') + '\n',
);
writeFileSync(
  join(OUT, 'not-cards.txt'),
  [...header('Real-world numbers that are not card numbers and must be accepted (tests/unit/notes/corpus.test.ts).'), ...notCards()].join('\n') + '\n',
);
