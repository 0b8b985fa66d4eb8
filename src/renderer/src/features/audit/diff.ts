/**
 * A compact before/after of an audit entry: the fields that changed, each as "old → new", in
 * a few words. Entries record JSON as it was; this never throws on any shape.
 */

export interface FieldChange {
  /** Dotted path ('status', 'plan.code'); '' when the whole value changed. */
  readonly path: string;
  /** Short display text; null when the side is absent. */
  readonly before: string | null;
  readonly after: string | null;
}

const MAX_TEXT = 60;
const MAX_DEPTH = 3;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value in a few characters: strings as they are, objects as compact JSON, cut with "…". */
export function shortValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '';
  else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || typeof v === 'number')) text = value.join(', ');
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

function walk(before: unknown, after: unknown, path: string, depth: number, out: FieldChange[]): void {
  if (same(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after) && depth < MAX_DEPTH) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, depth + 1, out);
    return;
  }
  out.push({
    path,
    before: before === undefined || before === null ? null : shortValue(before),
    after: after === undefined || after === null ? null : shortValue(after),
  });
}

/**
 * A subject as recorded ('customer:0190…-69850a1e169c') in a few characters: its kind and the
 * end of its id ('customer …a1e169c'); anything else as it is, cut.
 */
export function shortSubject(subject: string): { readonly text: string; readonly full: string } {
  const m = /^([a-z_]+):([0-9a-f-]{36})$/i.exec(subject);
  if (m) return { text: `${m[1]} …${(m[2] ?? '').slice(-8)}`, full: subject };
  return { text: shortValue(subject), full: subject };
}

/**
 * The changes from `before` to `after`. Both null/absent → []. One side only (a creation, a
 * removal) → its top-level fields, each against null.
 */
export function compactDiff(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (b === undefined && a === undefined) return out;
  if (b === undefined && isPlainObject(a)) {
    walk({}, a, '', 0, out);
    return out;
  }
  if (a === undefined && isPlainObject(b)) {
    walk(b, {}, '', 0, out);
    return out;
  }
  walk(b, a, '', 0, out);
  return out;
}
