/**
 * The caller-verification guard, enforced in the dispatcher for every method whose contract
 * says so: the input's interactionId must be an open call taken by this agent, and — for
 * `verifiedInteraction` methods — its caller must have passed verification. Handlers then get
 * the interaction, so they can only ever read the verified caller's own data.
 */
import type Database from 'better-sqlite3';
import { ApiError, type AgentProfile, type Guard } from '../../core/api';
import type { OpenCall } from '../services/open-call';

export class InteractionGate {
  private readonly byId: Database.Statement<[string], OpenCall & { endedAt: string | null }>;

  constructor(client: Database.Database) {
    this.byId = client.prepare(
      `SELECT id, customer_id AS customerId, agent_id AS agentId, started_at AS startedAt, verified_at AS verifiedAt, ended_at AS endedAt
       FROM interactions WHERE id = ?`,
    );
  }

  check(guard: Guard, input: unknown, agent: AgentProfile): OpenCall {
    const interactionId = (input as { interactionId?: unknown }).interactionId;
    if (typeof interactionId !== 'string') throw new ApiError('INVALID_INPUT', [{ path: 'interactionId', message: 'required' }]);
    const row = this.byId.get(interactionId);
    // Another agent's call looks exactly like no call: ids are not an oracle.
    if (!row || row.agentId !== agent.userId) throw new ApiError('NOT_FOUND');
    if (row.endedAt !== null) throw new ApiError('INTERACTION_ENDED');
    if (guard.verifiedInteraction && (row.verifiedAt === null || row.customerId === null)) throw new ApiError('VERIFICATION_REQUIRED');
    return { id: row.id, customerId: row.customerId, agentId: row.agentId, startedAt: row.startedAt, verifiedAt: row.verifiedAt };
  }
}
