/**
 * The caller-verification guard, enforced in the dispatcher for every method whose contract
 * says so: the input's interactionId must be an open call taken by this agent, and — for
 * `verifiedInteraction` methods — its caller must have passed verification. Handlers then get
 * the interaction, so they can only ever read the verified caller's own data.
 */
import type Database from 'better-sqlite3';
import { ApiError, type AgentProfile, type Guard } from '../../core/api';
import type { OpenCall } from '../services/open-call';
import { interactionQueries, type InteractionQueries } from '../store/interactions';

export class InteractionGate {
  private readonly interactions: InteractionQueries;

  constructor(client: Database.Database) {
    this.interactions = interactionQueries(client);
  }

  check(guard: Guard, input: unknown, agent: AgentProfile): OpenCall {
    const interactionId = (input as { interactionId?: unknown }).interactionId;
    if (typeof interactionId !== 'string') throw new ApiError('INVALID_INPUT', [{ path: 'interactionId', message: 'required' }]);
    const row = this.interactions.callState(interactionId);
    // Another agent's call looks exactly like no call: ids are not an oracle.
    if (!row || row.agentId !== agent.userId) throw new ApiError('NOT_FOUND');
    if (row.endedAt !== null) throw new ApiError('INTERACTION_ENDED');
    if (guard.verifiedInteraction && (row.verifiedAt === null || row.customerId === null)) throw new ApiError('VERIFICATION_REQUIRED');
    return { id: row.id, customerId: row.customerId, agentId: row.agentId, startedAt: row.startedAt, verifiedAt: row.verifiedAt };
  }
}
