/**
 * The desk's way to the hub's insights (main/services/insights/hub-insights.ts): why it answers
 * "this desk only" when it cannot ask, what it sends when it can, and what it keeps.
 */
import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import type { RouteInput } from '../../../src/core/sync/protocol';
import { HubInsights, type HubReach } from '../../../src/main/services/insights/hub-insights';
import { HubRefused, HubUnreachable, type HubClient } from '../../../src/main/sync/hub-client';

const viewer: AgentProfile = { userId: 'u-1', username: 'manager', displayName: 'M', role: 'manager', locale: 'en' };
const filter = { from: '2025-11-16', to: '2026-11-15', agentId: null };

/** A hub whose insights route answers `reply` (or throws it), and which records what it was sent. */
function fakeHub(reply: () => unknown): { client: HubClient; sent: RouteInput<'insights'>[] } {
  const sent: RouteInput<'insights'>[] = [];
  const client: HubClient = {
    call: (async (route: string, input: unknown) => {
      expect(route).toBe('insights');
      sent.push(input as RouteInput<'insights'>);
      const r = reply();
      if (r instanceof Error) throw r;
      return r;
    }) as HubClient['call'],
    events: () => Promise.resolve(),
  };
  return { client, sent };
}

const reach = (client: HubClient | null, token: string | null = 'tok'): HubReach => ({ client: () => client, staffToken: () => token });
const figures = { experiments: { today: '2026-11-15', experiments: [] }, practices: { customers: 3 } };

describe('the hub’s insights, from a desk', () => {
  it('without a hub, or without a token from the hub, does not ask and says why', async () => {
    expect(await new HubInsights(undefined).answer(viewer, filter)).toEqual({ ok: false, reason: 'standalone' });
    expect(await new HubInsights(reach(null)).answer(viewer, filter)).toEqual({ ok: false, reason: 'standalone' });
    const hub = fakeHub(() => figures);
    expect(await new HubInsights(reach(hub.client, null)).answer(viewer, filter)).toEqual({ ok: false, reason: 'signed_in_offline' });
    expect(hub.sent).toEqual([]);
  });

  it('sends the person’s token, the filter and their language; keeps the figures for the same question, asks again for another', async () => {
    const hub = fakeHub(() => figures);
    const insights = new HubInsights(reach(hub.client));
    expect(await insights.answer(viewer, filter)).toEqual({ ok: true, ...figures });
    expect(hub.sent).toEqual([{ staffToken: 'tok', ...filter, locale: 'en' }]);
    await insights.answer(viewer, filter);
    expect(hub.sent).toHaveLength(1);
    await insights.answer(viewer, { ...filter, agentId: 'a-1' });
    await insights.answer({ ...viewer, locale: 'fr' }, filter);
    expect(hub.sent.map((s) => [s.agentId, s.locale])).toEqual([
      [null, 'en'],
      ['a-1', 'en'],
      [null, 'fr'],
    ]);
    // Nothing kept when the time is zero.
    const fresh = fakeHub(() => figures);
    const noCache = new HubInsights(reach(fresh.client), () => {}, 0);
    await noCache.answer(viewer, filter);
    await noCache.answer(viewer, filter);
    expect(fresh.sent).toHaveLength(2);
  });

  it('an unreachable hub or a failing one is "hub unreachable", a refusal is "hub refused"; neither is kept', async () => {
    let reply: unknown = new HubUnreachable('connection refused');
    const hub = fakeHub(() => reply);
    const insights = new HubInsights(reach(hub.client));
    expect(await insights.answer(viewer, filter)).toEqual({ ok: false, reason: 'hub_unreachable' });
    reply = new HubRefused(500, 'INTERNAL', {});
    expect(await insights.answer(viewer, filter)).toEqual({ ok: false, reason: 'hub_unreachable' });
    reply = new HubRefused(403, 'FORBIDDEN', {});
    expect(await insights.answer(viewer, filter)).toEqual({ ok: false, reason: 'hub_refused' });
    reply = figures;
    expect(await insights.answer(viewer, filter)).toEqual({ ok: true, ...figures });
    expect(hub.sent).toHaveLength(4);
  });
});
