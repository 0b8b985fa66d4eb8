/** Shared set-up of the security tests: a pending approval on a verified call, on any host. */
import { randomUUID } from 'node:crypto';
import type { AppHost } from '../../../src/main/app';
import type { GrantResult } from '../../../src/core/api';
import { freshStaff, makeCustomer, ok, verifiedCall, type TestClient } from '../discounts/helpers';

export { clientFor, ok } from '../discounts/helpers';

/** €20 of goodwill on a €100 bill: over an agent's limit, so it waits for a senior agent or above. */
export async function pendingApproval(
  host: AppHost,
  amount = 2000,
): Promise<{ agent: TestClient; customerId: string; interactionId: string; approvalId: string }> {
  const agent = freshStaff(host, 'agent', 'en');
  const c = makeCustomer(host.db.$client);
  const interactionId = await verifiedCall(host, agent, c.customerId);
  const r = await ok<GrantResult>(host, agent.client, 'discounts.grant', {
    interactionId,
    idempotencyKey: randomUUID(),
    request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount },
  });
  if (r.status !== 'pending_approval') throw new Error(`expected a pending approval, got ${r.status}`);
  return { agent, customerId: c.customerId, interactionId, approvalId: r.approvalId };
}
