/**
 * Validation of what crosses the wire into the renderer: an ApiResult from a call, an ApiEvent
 * from the event channel. Shapes are checked just enough that the UI never crashes on them.
 */
import { isApiErrorBody, type ApiEvent, type ApiResult, type MaskedCaller, type ScreenPop } from '../../../core/api';

export function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) return isApiErrorBody(v.error);
  return false;
}

function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

export function isMaskedCaller(value: unknown): value is MaskedCaller {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.customerId === 'string' &&
    typeof c.accountId === 'string' &&
    typeof c.accountNumberMasked === 'string' &&
    typeof c.displayName === 'string' &&
    isStringOrNull(c.phoneMasked) &&
    isStringOrNull(c.emailMasked) &&
    isStringOrNull(c.town) &&
    (c.matchedOn === 'phone' || c.matchedOn === 'account' || c.matchedOn === 'email' || c.matchedOn === 'name')
  );
}

export function isScreenPop(value: unknown): value is ScreenPop {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.from === 'string' && isStringOrNull(p.e164) && Array.isArray(p.matches) && p.matches.every(isMaskedCaller);
}

/** An ApiEvent from its JSON text or parsed value; null for anything unknown or malformed. */
export function parseApiEvent(raw: unknown): ApiEvent | null {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as { name?: unknown; payload?: unknown };
  if (e.name === 'call.incoming' && isScreenPop(e.payload)) return { name: 'call.incoming', payload: e.payload };
  const p = (typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as Record<string, unknown>;
  if (e.name === 'approval.requested' && typeof p.approvalId === 'string') return { name: 'approval.requested', payload: { approvalId: p.approvalId } };
  if (e.name === 'approval.decided' && typeof p.approvalId === 'string' && typeof p.interactionId === 'string' && (p.status === 'approved' || p.status === 'refused')) {
    return { name: 'approval.decided', payload: { approvalId: p.approvalId, interactionId: p.interactionId, status: p.status } };
  }
  return null;
}
