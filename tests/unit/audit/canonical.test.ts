import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError, type CanonicalJsonErrorKind } from '../../../src/core/audit';

/** Rebuilds every object of `value` with its keys inserted in another order. */
function reorderKeys(value: unknown, salt: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, salt));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const score = (k: string) => {
      let h = salt | 0;
      for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x9e3779b1);
      return h;
    };
    keys.sort((a, b) => score(a) - score(b));
    const out: Record<string, unknown> = {};
    for (const k of keys)
      Object.defineProperty(out, k, { value: reorderKeys((value as Record<string, unknown>)[k], salt), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** JSON has no -0; canonical JSON writes it as 0. */
const withoutNegativeZero = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('canonical JSON', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [true, 'true'],
    [false, 'false'],
    [0, '0'],
    [-0, '0'],
    [1.5, '1.5'],
    [1e21, '1e+21'],
    [-12.4, '-12.4'],
    ['', '""'],
    ['a"b\\c\n', '"a\\"b\\\\c\\n"'],
    ['é 👍', '"é 👍"'],
    ['\ud800', '"\\ud800"'],
    [[], '[]'],
    [{}, '{}'],
    [[3, 1, 2], '[3,1,2]'],
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ b: { d: [1, { z: 0, y: null }], c: 'x' }, a: [] }, '{"a":[],"b":{"c":"x","d":[1,{"y":null,"z":0}]}}'],
    [{ '10': 'ten', '2': 'two', A: 'upper', a: 'lower', é: 'accent' }, '{"10":"ten","2":"two","A":"upper","a":"lower","é":"accent"}'],
    [Object.assign(Object.create(null) as object, { k: 1 }), '{"k":1}'],
  ])('%j → %s', (value, text) => expect(canonicalJson(value)).toBe(text));

  class Credit {
    amount = 100;
  }
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [1, , 3];

  it.each<[string, unknown, CanonicalJsonErrorKind, string]>([
    ['undefined', undefined, 'undefined', '$'],
    ['an undefined field', { a: { b: undefined } }, 'undefined', '$.a.b'],
    ['an undefined element', [1, undefined], 'undefined', '$[1]'],
    ['a function', { f: () => 1 }, 'function', '$.f'],
    ['a symbol', Symbol('x'), 'symbol', '$'],
    ['a bigint', { n: 10n }, 'bigint', '$.n'],
    ['NaN', { x: Number.NaN }, 'non_finite_number', '$.x'],
    ['Infinity', [Number.POSITIVE_INFINITY], 'non_finite_number', '$[0]'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'non_finite_number', '$'],
    ['a Date', { at: new Date(0) }, 'non_plain_object', '$.at'],
    ['a Map', new Map(), 'non_plain_object', '$'],
    ['a Set', { s: new Set([1]) }, 'non_plain_object', '$.s'],
    ['a class instance', { c: new Credit() }, 'non_plain_object', '$.c'],
    ['a symbol key', { [Symbol('k')]: 1 }, 'symbol_key', '$'],
    ['a sparse array', sparse, 'sparse_array', '$[1]'],
    ['a cycle', cyclic, 'cycle', '$.self'],
    ['an odd key', { 'a b': { c: undefined } }, 'undefined', '$["a b"].c'],
  ])('refuses %s with a typed error', (_name, value, kind, path) => {
    try {
      canonicalJson(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CanonicalJsonError);
      expect(error).toMatchObject({ kind, path });
    }
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('property: does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, salt) => {
        expect(canonicalJson(reorderKeys(value, salt))).toBe(canonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: round-trips through JSON.parse, and is its own canonical form', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).not.toMatch(/^\s|\s$/);
        const parsed: unknown = JSON.parse(text);
        expect(parsed).toEqual(withoutNegativeZero(value));
        expect(canonicalJson(parsed)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
