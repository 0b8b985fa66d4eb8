/**
 * Starting a call from what the agent has open. The source is 'screen_pop' (with the number
 * telephony reported) when the caller is the one the current pop identified, else 'lookup'.
 */
import { callStore, popStore } from '../../store';

export function startCallWith(customerId: string): Promise<boolean> {
  const pop = popStore.getState().current;
  const fromPop = pop !== null && pop.outcome !== 'none' && pop.pop.matches.some((m) => m.customerId === customerId);
  return callStore
    .getState()
    .start(fromPop ? { customerId, source: 'screen_pop', callerNumber: pop.pop.e164 ?? pop.pop.from } : { customerId, source: 'lookup' });
}
