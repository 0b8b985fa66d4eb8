/**
 * Fast deterministic UUIDv7 for generated rows: exactly the strings store/ids.ts#seededUuidv7
 * makes from the same timestamp and random words (a test holds them equal), built from lookup
 * tables with the timestamp part formatted once per customer. The generator makes ~100 ids
 * per customer; formatting each from scratch was half of its time.
 */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX1 = Array.from({ length: 16 }, (_, i) => i.toString(16));

export class SeededIds {
  private prefix = '';
  private stamp = -1;

  /** Ids for rows stamped `timestampMs`, drawing random words from `next32`. */
  at(timestampMs: number): this {
    if (timestampMs !== this.stamp) {
      const hex = timestampMs.toString(16).padStart(12, '0');
      this.prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`;
      this.stamp = timestampMs;
    }
    return this;
  }

  next(next32: () => number): string {
    const w0 = next32();
    const w1 = next32();
    const w2 = next32();
    const a = (w0 >>> 20) & 0xfff;
    const c = (w1 >>> 12) & 0xffff;
    return (
      this.prefix +
      HEX1[a >>> 8]! +
      HEX2[a & 0xff]! +
      '-' +
      HEX1[0x8 | ((w0 >>> 18) & 0x3)]! +
      HEX1[(w1 >>> 8) & 0xf]! +
      HEX2[w1 & 0xff]! +
      '-' +
      HEX2[w2 >>> 24]! +
      HEX2[(w2 >>> 16) & 0xff]! +
      HEX2[(w2 >>> 8) & 0xff]! +
      HEX2[w2 & 0xff]! +
      HEX2[c >>> 8]! +
      HEX2[c & 0xff]!
    );
  }
}
