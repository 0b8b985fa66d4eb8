/**
 * Phone numbers of demo callers, in E.164 as the store keeps them. Each one is unique across
 * the whole data set without a lookup table: customer i's number in a given number block is a
 * fixed bijection of i (see Scramble), and blocks never overlap. Every block stays inside the
 * ranges libphonenumber's metadata calls valid, so a screen pop on a demo number resolves.
 *
 *   French mobiles     +33 6 [0-2,4-8] x xx xx xx   and   +33 7 [3-9] x xx xx xx
 *   French landlines   +33 Z D x xx xx xx, Z the zone of the address (01–05), D a valid digit
 *   UK mobiles         +44 7 [1-3] xx xxx xxx (English speakers who kept their number)
 */
import { Scramble } from './random';

/** Allowed second digit after the leading one, per block (libphonenumber FR/GB metadata). */
const FR_MOBILE_6 = ['0', '1', '2', '4', '5', '6', '7', '8'];
const FR_MOBILE_7 = ['3', '4', '5', '6', '7', '8', '9'];
const FR_LANDLINE: Record<1 | 2 | 3 | 4 | 5, string[]> = {
  1: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  2: ['0', '1', '2', '3', '4', '5', '7', '8', '9'],
  3: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  4: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  5: ['0', '1', '2', '3', '4', '5', '6', '7', '8'],
};
const UK_MOBILE = ['1', '2', '3'];

const SEVEN_DIGITS = 10_000_000;

/** One block of numbers: a prefix, one digit from a list, then `width` scrambled digits. */
class Block {
  private readonly scramble: Scramble;
  private readonly tail: number;

  constructor(
    private readonly prefix: string,
    private readonly digits: readonly string[],
    seed: number,
    purpose: number,
    private readonly width = 7,
  ) {
    this.tail = 10 ** width;
    this.scramble = new Scramble(digits.length * this.tail, seed, purpose);
  }

  number(customerIndex: number): string {
    const n = this.scramble.at(customerIndex);
    return this.prefix + this.digits[Math.floor(n / this.tail)]! + String(n % this.tail).padStart(this.width, '0');
  }
}

export class PhoneBook {
  private readonly mobile6: Block;
  private readonly mobile7: Block;
  private readonly landlines: Record<1 | 2 | 3 | 4 | 5, Block>;
  private readonly uk: Block;

  constructor(seed: number) {
    this.mobile6 = new Block('+336', FR_MOBILE_6, seed, 1);
    this.mobile7 = new Block('+337', FR_MOBILE_7, seed, 2);
    this.landlines = {
      1: new Block('+331', FR_LANDLINE[1], seed, 11),
      2: new Block('+332', FR_LANDLINE[2], seed, 12),
      3: new Block('+333', FR_LANDLINE[3], seed, 13),
      4: new Block('+334', FR_LANDLINE[4], seed, 14),
      5: new Block('+335', FR_LANDLINE[5], seed, 15),
    };
    this.uk = new Block('+447', UK_MOBILE, seed, 21, 8);
  }

  /** The customer's mobile: 06 (most), 07, or a UK +44 7… mobile. */
  mobile(customerIndex: number, kind: '06' | '07' | 'uk'): string {
    if (kind === 'uk') return this.uk.number(customerIndex);
    return (kind === '06' ? this.mobile6 : this.mobile7).number(customerIndex);
  }

  /** The home landline, in the zone of the customer's address. */
  landline(customerIndex: number, zone: 1 | 2 | 3 | 4 | 5): string {
    return this.landlines[zone].number(customerIndex);
  }

  /** How many customers the smallest block can number uniquely. */
  static readonly capacity = FR_MOBILE_7.length * SEVEN_DIGITS;
}
