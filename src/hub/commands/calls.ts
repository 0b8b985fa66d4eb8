/** The call a command is made on, as the hub holds it. */
import type { CommandContext } from './push';
import { Rejection } from './push';

export interface CallRow {
  id: string;
  customer_id: string | null;
  agent_id: string;
  verified_at: string | null;
}

/**
 * The actor's own call with this customer, verified on the hub. Money and plan changes need it:
 * the desk's verification reached the hub before them (same device, lower sequence).
 */
export async function ownVerifiedCall(ctx: CommandContext, customerId: string): Promise<CallRow> {
  const [call] =
    ctx.command.interactionId === null
      ? []
      : await ctx.sql.query<CallRow>(`SELECT id, customer_id, agent_id, verified_at FROM interactions WHERE id = $1`, [ctx.command.interactionId]);
  if (!call || call.agent_id !== ctx.actor.userId || call.customer_id !== customerId) {
    throw new Rejection([{ code: 'not_your_call', message: 'This is not one of this agent’s calls with this customer on the hub.' }]);
  }
  if (call.verified_at === null) throw new Rejection([{ code: 'not_verified', message: 'The hub has no passed verification for this call.' }]);
  return call;
}
