/**
 * The demo generator's only source of randomness. Same seed ⇒ same numbers ⇒ byte-identical
 * database, so a demo customer can be named in a test, a bug report or a training script.
 *
 * Every customer draws from its own stream, seeded from (seed, customer index): customer 4 812
 * is the same person whether 5 000 or 1 000 000 are generated, and a range of customers can
 * be generated on its own (the benchmark does, chunk by chunk).
 */

/** splitmix32: turns any 32-bit value into a well-mixed one; used only to seed streams. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG): tiny state, passes PractRand. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(s0: number, s1: number, s2: number, s3: number = 1) {
    this.a = s0 | 0;
    this.b = s1 | 0;
    this.c = s2 | 0;
    this.d = s3 | 0;
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** The stream of one customer (or any other numbered thing) of a seeded data set. */
  static stream(seed: number, index: number, purpose = 0): Rng {
    const s = mix32(seed ^ Math.imul(purpose + 1, 0x27d4eb2d));
    const i = mix32(index ^ s);
    return new Rng(s, i, mix32(i + purpose), index);
  }

  /** Uniform unsigned 32-bit integer. An arrow so it can be handed to seededUuidv7 as is. */
  readonly next32 = (): number => {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  };

  /** Uniform in [0, 1). */
  float(): number {
    return this.next32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Roughly normal (sum of three uniforms), cheap and bounded: mean ± 3·spread at most. */
  around(mean: number, spread: number): number {
    return mean + (this.float() + this.float() + this.float() - 1.5) * 2 * spread;
  }
}

/** A pick where some outcomes are more likely than others (cumulative table, binary search). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('a weighted pick needs at least one outcome');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight > 0)) throw new Error(`weight must be positive, got ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  /** Common names first: weight of rank r is 1/(r+k)^s, a Zipf-like curve. */
  static byRank<T>(items: readonly T[], k = 8, s = 0.9): Weighted<T> {
    return new Weighted(items.map((item, r) => [item, 1 / Math.pow(r + k, s)] as const));
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * A bijection of [0, size): index ↦ (a·index + b) mod size with gcd(a, size) = 1. Gives every
 * customer a distinct, unsequential-looking number (phone, account) without remembering the
 * ones already handed out — so uniqueness holds chunk by chunk and at any size.
 */
export class Scramble {
  private readonly a: number;
  private readonly b: number;

  constructor(
    readonly size: number,
    seed: number,
    purpose: number,
  ) {
    const rng = Rng.stream(seed, 0x5eed, 1000 + purpose);
    let a = Math.floor(size * (0.3 + 0.4 * rng.float())) | 1;
    while (gcd(a, size) !== 1) a += 2;
    this.a = a;
    this.b = Math.floor(rng.float() * size);
    if (size > 2 ** 31) throw new Error(`scramble size ${size} too large`);
  }

  at(index: number): number {
    if (index < 0 || index >= this.size) throw new RangeError(`index ${index} outside [0, ${this.size})`);
    // a·index in two 16-bit halves so every product stays exact in a double.
    const hi = Math.floor(index / 65536);
    const lo = index % 65536;
    const high = ((this.a * hi) % this.size) * 65536;
    return (high + this.a * lo + this.b) % this.size;
  }
}

function gcd(x: number, y: number): number {
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
