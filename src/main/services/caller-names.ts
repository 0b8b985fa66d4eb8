/**
 * Callers' masked display names for a list (follow-ups, calls): each customer read once, and
 * null for one the lookup cannot show (gone, or not found) — a list never fails for one name.
 */
import type { CallerLookup } from './caller-lookup';

export function callerNames(lookup: Pick<CallerLookup, 'caller'>): (customerId: string) => string | null {
  const names = new Map<string, string | null>();
  return (customerId) => {
    if (!names.has(customerId)) {
      let name: string | null = null;
      try {
        name = lookup.caller(customerId).displayName;
      } catch {
        name = null;
      }
      names.set(customerId, name);
    }
    return names.get(customerId) ?? null;
  };
}
