/**
 * Screen pops: an incoming call's number looked up and shown on every signed-in desk. A call
 * that rings before any agent has signed in (a deep link that launched the app) waits for the
 * first agent, for a short while only: a stale pop is worse than none.
 */
import type { ScreenPop } from '../../core/api';
import type { AgentLookup } from './agent-lookup';
import type { EventPublisher } from './events';

export const PENDING_POP_MS = 2 * 60_000;

export class ScreenPops {
  private pending: { pop: ScreenPop; at: number } | null = null;

  constructor(
    private readonly lookups: AgentLookup,
    private readonly events: EventPublisher,
    private readonly signedInCount: () => number,
    private readonly now: () => Date,
  ) {}

  /** Telephony or a deep link reports a call (no agent made this lookup). */
  ring(from: string): ScreenPop {
    const pop = this.lookups.incomingCall(null, from);
    if (this.signedInCount() === 0) this.pending = { pop, at: this.now().getTime() };
    this.events.toAll({ name: 'call.incoming', payload: pop });
    return pop;
  }

  /** The call that rang before anyone signed in, once, if it is recent. */
  takePending(): ScreenPop | null {
    const waiting = this.pending;
    this.pending = null;
    return waiting && this.now().getTime() - waiting.at < PENDING_POP_MS ? waiting.pop : null;
  }
}
