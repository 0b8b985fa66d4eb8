/**
 * The insights filter through the dispatcher: bad input (an unknown reason, a period that ends
 * before it starts, malformed ids or dates, ids written in another script) is the typed
 * INVALID_INPUT with the field and a clear reason, before any figure is computed; an unknown
 * agent or desk is empty figures with the filter echoed; the same filter twenty times at once
 * gives twenty identical answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIS_DESK_ID, type InsightsOverview } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { startHarness, type Harness } from '../interaction/harness';

let h: Harness;
let manager: ClientContext;
beforeAll(async () => {
  h = startHarness(120);
  manager = await h.client('manager');
});
afterAll(() => h.dispose());

const UNKNOWN = '019a0000-0000-7000-8000-0000000000ff';

describe('insights filter validation', () => {
  it.each([
    ['insights.experiments', { reason: 'billing_error' }, 'reason', /reason an experiment can have/],
    ['insights.experiments', { from: '2026-06-01', to: '2026-05-01' }, 'to', /ends before it starts/],
    ['insights.practices', { from: '2026-06-01', to: '2026-05-01' }, 'to', /ends before it starts/],
    ['insights.experiments', { from: '2026-02-30' }, 'from', /calendar day/],
    ['insights.experiments', { to: '01/05/2026' }, 'to', /date/],
    ['insights.experiments', { agentId: 'agent' }, 'agentId', /not an id/],
    ['insights.experiments', { deskId: 'desk 12' }, 'deskId', /not an id/],
    ['insights.practices', { deskId: 'desk 12' }, 'deskId', /not an id/],
    ['insights.experiments', { experimentId: 'Retention Offer!' }, 'experimentId', /lower-case/],
    // Another script: a Cyrillic "а" for the last hex digit, Arabic-Indic digits in a date, full-width digits.
    ['insights.experiments', { agentId: '019a0000-0000-7000-8000-00000000000а' }, 'agentId', /not an id/],
    ['insights.experiments', { from: '٢٠٢٦-٠١-٠١' }, 'from', /date/],
    ['insights.practices', { agentId: '０１９a0000-0000-7000-8000-000000000001' }, 'agentId', /not an id/],
    ['insights.experiments', { extra: 1 }, '', /./],
  ] as const)('%s %j → INVALID_INPUT on %s', async (method, input, path, message) => {
    const r = await h.api.dispatch(manager, method, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    const issue = r.error.issues!.find((i) => path === '' || i.path === path);
    expect(issue, JSON.stringify(r.error.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('an unknown agent or desk: empty figures with the filter echoed, not an error', async () => {
    const r = await h.api.dispatch(manager, 'insights.experiments', { agentId: UNKNOWN, deskId: THIS_DESK_ID, reason: 'retention_offer' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as InsightsOverview;
    expect(value.filter).toEqual({ from: null, to: null, reason: 'retention_offer', experimentId: null, agentId: UNKNOWN, deskId: THIS_DESK_ID });
    for (const e of value.experiments) {
      expect(e.reason).toBe('retention_offer');
      expect(e.arms.every((a) => a.customers === 0)).toBe(true);
    }
    const p = await h.api.dispatch(manager, 'insights.practices', { deskId: UNKNOWN });
    expect(p).toMatchObject({ ok: true, value: { customers: 0, filter: { deskId: UNKNOWN }, desks: [{ id: THIS_DESK_ID }] } });
  });

  it('the same filter twenty times at once: twenty identical answers', async () => {
    const input = { from: '2026-01-01', reason: 'goodwill' as const };
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.api.dispatch(manager, 'insights.experiments', input)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ ok: true, value: { filter: { from: '2026-01-01', reason: 'goodwill' } } });
  });
});
