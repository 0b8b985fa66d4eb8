/**
 * Canonical JSON: one exact text for one value, so that a hash of it is reproducible on the
 * desktop, on the hub and years later in an investigation.
 *
 * The rules (close to RFC 8785 JCS, restricted to what the audit log holds):
 * - null, true, false as in JSON.
 * - Numbers: finite only, written by JSON.stringify (ECMAScript's shortest round-trip form,
 *   identical in every engine). -0 is written "0". NaN and ±Infinity are refused.
 * - Strings: written by JSON.stringify (lone surrogates escaped as \udxxx).
 * - Arrays: elements in their order, comma-separated. Holes are refused.
 * - Objects: plain objects only (prototype Object.prototype or null), own enumerable string
 *   keys sorted by UTF-16 code units (Array.prototype.sort's order), `"key":value` joined by
 *   commas. Symbol keys are refused.
 * - No whitespace anywhere.
 * - Refused, with a CanonicalJsonError naming the path: undefined (a missing value must be
 *   written as null, or two different entries — {a: undefined} and {} — would hash the same),
 *   functions, symbols, bigints, non-finite numbers, Dates, Maps, Sets, class instances,
 *   sparse arrays and cycles. Nothing is silently dropped or converted; toJSON is never called.
 */

export type CanonicalJsonErrorKind =
  'undefined' | 'function' | 'symbol' | 'bigint' | 'non_finite_number' | 'non_plain_object' | 'symbol_key' | 'sparse_array' | 'cycle';

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  constructor(
    readonly kind: CanonicalJsonErrorKind,
    /** Where in the value: '$', '$.after.lines[2]'. */
    readonly path: string,
  ) {
    super(`cannot write canonical JSON: ${kind.replace(/_/g, ' ')} at ${path}`);
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non_finite_number', path);
      return JSON.stringify(value);
    case 'undefined':
      throw new CanonicalJsonError('undefined', path);
    case 'function':
      throw new CanonicalJsonError('function', path);
    case 'symbol':
      throw new CanonicalJsonError('symbol', path);
    case 'bigint':
      throw new CanonicalJsonError('bigint', path);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new CanonicalJsonError('cycle', path);
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const parts: string[] = [];
      for (let i = 0; i < object.length; i++) {
        if (!Object.prototype.hasOwnProperty.call(object, i)) throw new CanonicalJsonError('sparse_array', `${path}[${i}]`);
        parts.push(write(object[i], `${path}[${i}]`, ancestors));
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(object)) throw new CanonicalJsonError('non_plain_object', path);
    if (Object.getOwnPropertySymbols(object).length > 0) throw new CanonicalJsonError('symbol_key', path);
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const parts = keys.map((key) => `${JSON.stringify(key)}:${write(record[key], childPath(path, key), ancestors)}`);
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

/**
 * The canonical JSON text of a value (rules above).
 * @throws CanonicalJsonError for anything JSON cannot represent exactly.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}
