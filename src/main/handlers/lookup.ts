/** Finding the caller: the search box, one masked profile, and screen pops. */
import type { MethodName } from '../../core/api';
import type { Handler } from '../api/dispatcher';
import type { SessionRegistry } from '../api/sessions';
import type { AgentLookup } from '../services/agent-lookup';
import type { ScreenPops } from '../services/screen-pops';

type LookupMethods = 'lookup.search' | 'lookup.caller' | 'calls.incoming' | 'calls.pending';

/** The methods whose audit records wait in the lookup buffer (services/lookup-audit.ts). */
export const LOOKUP_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['lookup.search', 'lookup.caller', 'calls.incoming']);

export function createLookupHandlers(lookups: AgentLookup, pops: ScreenPops, sessions: SessionRegistry): { [M in LookupMethods & MethodName]: Handler<M> } {
  return {
    'lookup.search': (input, { actor }) => lookups.search(actor.userId, input.query, input.limit),
    'lookup.caller': (input, { actor }) => lookups.caller(actor.userId, input.customerId),
    'calls.incoming': (input, { actor, client }) => {
      // A desk reporting its own incoming call: the pop goes back to that desk only.
      const pop = lookups.incomingCall(actor.userId, input.from);
      sessions.emit(client.clientId, { name: 'call.incoming', payload: pop });
      return pop;
    },
    'calls.pending': () => pops.takePending(),
  };
}
