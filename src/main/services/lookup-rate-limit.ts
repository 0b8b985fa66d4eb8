/**
 * Lookups are rate-limited per agent — the signed-in user, not the window: two windows or a
 * browser tab next to the desktop share one allowance. A token bucket: every search (typed, or
 * an incoming call reported through the API) takes a token; tokens come back at a steady rate
 * up to the burst. An empty bucket answers TOO_MANY_ATTEMPTS with the wait until the next token.
 *
 * The numbers, and why:
 * - LOOKUP_BURST = 120. The box searches as the agent types, at most one search per keystroke
 *   and never more than one in flight (the renderer's lookup store): a fast typist (~8 keys a
 *   second, one key every 125 ms) sends about 8 a second. The box takes
 *   120 characters (the contract's limit), so even the longest query it accepts, typed at full
 *   speed from an empty box without a pause, stays within the burst — fast typing never meets
 *   the limit. A real lookup is 10 to 30 keystrokes, corrections included.
 * - LOOKUP_REFILL_MS = 2,000 (30 searches a minute, 1,800 an hour, sustained). A full burst comes
 *   back in 4 minutes, about the length of one call, and a desk that takes calls all day uses a
 *   small part of it. An enumeration is held to 1,800 searches an hour: the phone-prefix minimum
 *   (src/core/search/phone-prefix.ts) leaves 100,000 candidate prefixes for one masked number,
 *   55 hours at this rate — every search in the audit trail.
 *
 * Searches refused by the limit take no token (waiting is enough to get searching again) and
 * are recorded in the audit trail in summary (lookup-audit.ts).
 */
export const LOOKUP_BURST = 120;
export const LOOKUP_REFILL_MS = 2_000;

export interface RateDecision {
  readonly ok: boolean;
  /** When refused: milliseconds until the next token. */
  readonly retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Bounds memory if user ids ever came from somewhere unbounded; a desk has a handful of users. */
const MAX_TRACKED_AGENTS = 10_000;

export class LookupRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number,
    private readonly burst: number = LOOKUP_BURST,
    private readonly refillMs: number = LOOKUP_REFILL_MS,
  ) {}

  /** Takes one token for this agent, or says how long to wait. */
  take(agentId: string): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(agentId);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_AGENTS) this.dropFull(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(agentId, bucket);
    }
    // A clock that steps back (NTP) refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed / this.refillMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfterMs: 0 };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) * this.refillMs) };
  }

  /** Forgets agents whose bucket would be full by now: they are indistinguishable from new ones. */
  private dropFull(now: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + Math.max(0, now - b.at) / this.refillMs >= this.burst) this.buckets.delete(id);
    }
  }
}
