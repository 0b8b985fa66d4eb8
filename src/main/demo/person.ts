/**
 * Who a demo caller is: name, date of birth, where they live, how to reach them. Everything an
 * agent uses to find and verify a caller, and nothing about their bills (see history.ts).
 */
import { isoDate } from './calendar';
import { pickName, type PersonName, type Speaker } from './names';
import type { PhoneBook } from './phones';
import { pickAddress, type Address } from './places';
import { type Rng, Weighted } from './random';

export interface Person {
  readonly speaker: Speaker;
  readonly business: boolean;
  readonly name: PersonName;
  readonly dateOfBirth: string;
  readonly age: number;
  readonly address: Address;
  readonly mobile: string;
  readonly landline: string | null;
  readonly email: string | null;
  readonly churnRisk: 'low' | 'medium' | 'high';
  readonly fraudFlag: boolean;
}

/** Adult customers, most between 25 and 65. */
const AGE_BANDS = new Weighted<readonly [number, number]>([
  [[18, 24], 9],
  [[25, 34], 17],
  [[35, 44], 18],
  [[45, 54], 18],
  [[55, 64], 16],
  [[65, 74], 13],
  [[75, 92], 9],
]);

const CHURN = new Weighted<Person['churnRisk']>([
  ['low', 70],
  ['medium', 22],
  ['high', 8],
]);

const FR_DOMAINS = new Weighted<string>([
  ['gmail.com', 28],
  ['orange.fr', 22],
  ['free.fr', 10],
  ['hotmail.fr', 9],
  ['sfr.fr', 7],
  ['laposte.net', 6],
  ['wanadoo.fr', 6],
  ['outlook.fr', 5],
  ['yahoo.fr', 5],
  ['icloud.com', 3],
  ['bbox.fr', 2],
]);
const EN_DOMAINS = new Weighted<string>([
  ['gmail.com', 35],
  ['outlook.com', 15],
  ['hotmail.co.uk', 12],
  ['btinternet.com', 10],
  ['yahoo.co.uk', 8],
  ['icloud.com', 8],
  ['orange.fr', 6],
  ['sky.com', 4],
]);
const TRADES = ['conseil', 'renovation', 'immobilier', 'plomberie', 'transports', 'boulangerie', 'avocats', 'architecture', 'paysages', 'electricite'];

export function makePerson(rng: Rng, index: number, today: number, phones: PhoneBook, seed: number): Person {
  const speaker: Speaker = rng.chance(0.07) ? 'en' : 'fr';
  const business = rng.chance(0.08);
  const name = pickName(rng, speaker);
  const [lo, hi] = business ? [24, 66] : AGE_BANDS.pick(rng);
  const age = rng.int(lo, hi);
  const dateOfBirth = isoDate(today - Math.floor(age * 365.25) - rng.int(1, 364));
  const address = pickAddress(rng, speaker === 'en');

  // Half the English speakers kept their UK mobile; French mobiles are mostly 06.
  const mobileKind = speaker === 'en' && rng.chance(0.5) ? 'uk' : rng.chance(0.72) ? '06' : '07';
  const mobile = phones.mobile(index, mobileKind);
  const landline = rng.chance(business ? 0.6 : age >= 60 ? 0.5 : 0.15) ? phones.landline(index, address.town.zone) : null;

  return {
    speaker,
    business,
    name,
    dateOfBirth,
    age,
    address,
    mobile,
    landline,
    email: rng.chance(0.93) ? emailFor(rng, name, dateOfBirth, speaker, business) : null,
    churnRisk: CHURN.pick(rng),
    // One customer in 157, evenly spread, so any slice of the set has its few flagged accounts.
    fraudFlag: (((index + seed) % 157) + 157) % 157 === 100,
  };
}

/** "helene.dupre@orange.fr", "jdupont@gmail.com", "marie.lefevre84@free.fr"… */
function emailFor(rng: Rng, name: PersonName, dateOfBirth: string, speaker: Speaker, business: boolean): string {
  const g = name.given.folded;
  const f = name.family.folded;
  if (business && rng.chance(0.6)) return `${g}.${f}@${f}-${rng.pick(TRADES)}.fr`;
  const domain = (speaker === 'en' ? EN_DOMAINS : FR_DOMAINS).pick(rng);
  const style = rng.int(0, 99);
  let local: string;
  if (style < 40) local = `${g}.${f}`;
  else if (style < 55) local = `${g[0]}${f}`;
  else if (style < 65) local = `${g}${f}`;
  else if (style < 80) local = `${g}.${f}${dateOfBirth.slice(2, 4)}`;
  else if (style < 88) local = `${f}.${g}`;
  else local = `${g}${rng.int(1, 999)}`;
  return `${local}@${domain}`;
}
