/**
 * Caller lookup as an agent uses it through the API: rate-limited per agent
 * (lookup-rate-limit.ts), recorded in the audit trail (lookup-audit.ts), answered by
 * CallerLookup. Services that look a caller up for their own purposes (starting a call,
 * verification) use CallerLookup directly: that is not an agent searching.
 */
import { ApiError, type LookupResult, type MaskedCaller, type ScreenPop } from '../../core/api';
import type { CallerLookup } from './caller-lookup';
import type { LookupAuditBuffer } from './lookup-audit';
import type { LookupRateLimiter } from './lookup-rate-limit';

export interface AgentLookupDeps {
  readonly lookup: CallerLookup;
  readonly limiter: LookupRateLimiter;
  readonly audit: LookupAuditBuffer;
  readonly now: () => Date;
}

export class AgentLookup {
  constructor(private readonly deps: AgentLookupDeps) {}

  /** The search box: one token of the agent's allowance, one audit record. */
  search(agentId: string, text: string, limit?: number): LookupResult {
    const at = this.take(agentId, text);
    const result = this.deps.lookup.search(text, limit);
    this.deps.audit.record({
      at,
      actorId: agentId,
      action: 'lookup_search',
      subject: null,
      after: {
        query: text,
        kind: result.kind,
        results: result.results.length,
        ...(result.tooShort ? { tooShortMinDigits: result.tooShort.minDigits } : {}),
      },
    });
    return result;
  }

  /** Opening one caller's masked profile from the results. */
  caller(agentId: string, customerId: string): MaskedCaller {
    const at = this.deps.now().toISOString();
    let found = false;
    try {
      const caller = this.deps.lookup.caller(customerId);
      found = true;
      return caller;
    } finally {
      this.deps.audit.record({ at, actorId: agentId, action: 'lookup_caller', subject: `customer:${customerId}`, after: { found } });
    }
  }

  /**
   * A screen pop: the caller's number looked up. Reported by an agent's client through the API
   * (`calls.incoming`), it costs a token like a search — it is an exact phone lookup; reported
   * by telephony or a deep link to the host (agentId null), it is not the agent's doing.
   */
  incomingCall(agentId: string | null, from: string): ScreenPop {
    const at = agentId === null ? this.deps.now().toISOString() : this.take(agentId, from);
    const pop = this.deps.lookup.screenPop(from);
    this.deps.audit.record({ at, actorId: agentId, action: 'screen_pop', subject: null, after: { from, e164: pop.e164, results: pop.matches.length } });
    return pop;
  }

  /** Writes the pending audit records now (see lookup-audit.ts for when this happens anyway). */
  flushAudit(): void {
    this.deps.audit.tryFlush();
  }

  private take(agentId: string, query: string): string {
    const at = this.deps.now().toISOString();
    const decision = this.deps.limiter.take(agentId);
    if (!decision.ok) {
      this.deps.audit.refused(agentId, query, at, decision.retryAfterMs);
      throw new ApiError('TOO_MANY_ATTEMPTS', undefined, 'error.tooManyLookups', decision.retryAfterMs);
    }
    return at;
  }
}
