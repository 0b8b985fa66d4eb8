/**
 * Every method of the contract — iterated from the contract itself — against every guard it
 * declares: signed out, the wrong role, another agent's call, an ended call, an unverified
 * caller. Each is refused with its typed error and writes nothing. The inputs are valid (see
 * tests/fixtures/contract-examples.ts), so each refusal is the guard's, not zod's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, guardOf, METHOD_NAMES, type Guard, type MethodName } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { newClient, storeFingerprint } from '../../fixtures/app-host';
import { EXAMPLES } from '../../fixtures/contract-examples';
import { stringFields } from '../../fixtures/contract-walk';
import { startHarness, type Harness } from '../interaction/harness';
import { prepareWorld, type PreparedWorld } from './world';

let h: Harness;
let w: PreparedWorld;
beforeAll(async () => {
  h = startHarness(120);
  w = await prepareWorld(h);
});
afterAll(() => h.dispose());

async function refusedWithoutWrite(client: ClientContext, method: MethodName, interactionId: string, code: string): Promise<void> {
  const input = EXAMPLES[method]({ ...w.ids, interactionId });
  const before = storeFingerprint(h.db);
  const r = await h.api.dispatch(client, method, input);
  expect(r, method).toMatchObject({ ok: false, error: { code } });
  h.t.host.flushLookupAudit();
  expect(storeFingerprint(h.db), `${method} wrote something`).toEqual(before);
}

const guarded = (pick: (g: Guard) => boolean | undefined) => METHOD_NAMES.filter((m) => pick(guardOf(m))).map((m) => [m] as const);

describe('the contract’s guards, method by method', () => {
  it('covers every method: each is public or guarded', () => {
    for (const m of METHOD_NAMES) expect(typeof guardOf(m).signedIn, m).toBe('boolean');
    expect(guarded((g) => g.signedIn).length).toBeGreaterThan(30);
  });

  it.each(guarded((g) => g.signedIn))('%s signed out → UNAUTHENTICATED, nothing written', async (method) => {
    await refusedWithoutWrite(newClient(), method, w.calls.verified, 'UNAUTHENTICATED');
  });

  it.each(guarded((g) => g.minRole !== undefined && g.minRole !== 'agent'))('%s as an agent → FORBIDDEN, nothing written', async (method) => {
    await refusedWithoutWrite(w.agent, method, w.calls.verified, 'FORBIDDEN');
  });

  it.each(guarded((g) => g.roles !== undefined && !g.roles.includes('agent')))('%s as an agent → FORBIDDEN, nothing written', async (method) => {
    await refusedWithoutWrite(w.agent, method, w.calls.verified, 'FORBIDDEN');
  });

  // A manager is beside the authority ladder: every signed-in method that does not name them is refused.
  it.each(guarded((g) => g.signedIn && !(g.roles ?? []).includes('manager')))('%s as a manager → FORBIDDEN, nothing written', async (method) => {
    await refusedWithoutWrite(await h.client('manager'), method, w.calls.verified, 'FORBIDDEN');
  });

  it('a manager and a supervisor read the insights; a manager may change their language', async () => {
    const manager = await h.client('manager');
    for (const client of [manager, w.supervisor]) expect(await h.api.dispatch(client, 'insights.experiments', {})).toMatchObject({ ok: true });
    expect(await h.api.dispatch(manager, 'session.setLocale', { locale: 'en' })).toMatchObject({ ok: true, value: { role: 'manager' } });
  });

  it.each(guarded((g) => g.ownInteraction))('%s on another agent’s call → NOT_FOUND (no oracle), nothing written', async (method) => {
    await refusedWithoutWrite(w.agent, method, w.calls.theirs, 'NOT_FOUND');
  });

  it.each(guarded((g) => g.ownInteraction))('%s on an ended call → INTERACTION_ENDED, nothing written', async (method) => {
    await refusedWithoutWrite(w.agent, method, w.calls.ended, 'INTERACTION_ENDED');
  });

  it.each(guarded((g) => g.verifiedInteraction))('%s before the caller is verified → VERIFICATION_REQUIRED, nothing written', async (method) => {
    await refusedWithoutWrite(w.agent, method, w.calls.unverified, 'VERIFICATION_REQUIRED');
  });
});

describe('free text is screened by the contract, for every field that takes it', () => {
  const CARD = 'card 4970 1012 3456 7893 exp 12/27';
  const freeFields = METHOD_NAMES.flatMap((m) =>
    stringFields(CONTRACT[m].input)
      .filter((f) => f.kind === 'free' || f.kind === 'phone')
      .map((f) => [m, f.path] as const),
  );
  const uniqueFields = [...new Map(freeFields.map((x) => [x.join(':'), x])).values()];

  it.each(uniqueFields)('%s: a card number in %s is refused before any handler runs, and stored nowhere', async (method, path) => {
    const guard = guardOf(method);
    const client = !guard.signedIn ? newClient() : guard.minRole !== undefined ? w.supervisor : w.agent;
    const input = EXAMPLES[method]({ ...w.ids, interactionId: w.calls.verified });
    const [head, tail] = path.split('.');
    if (tail) (input[head!] as Record<string, unknown>)[tail] = CARD;
    else input[head!] = CARD;
    const before = storeFingerprint(h.db);
    const r = await h.api.dispatch(client, method, input);
    expect(r, method).toMatchObject({ ok: false, error: { code: path === 'callerNumber' ? 'INVALID_INPUT' : 'NOTE_REFUSED' } });
    h.t.host.flushLookupAudit();
    expect(storeFingerprint(h.db)).toEqual(before);
    for (const table of ['audit_log', 'command_outbox', 'credential_failures', 'interactions']) {
      const columns = (h.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      const hits = h.db
        .prepare(`SELECT count(*) FROM ${table} WHERE ${columns.map((c) => `CAST(${c} AS TEXT) LIKE '%4970%1012%'`).join(' OR ')}`)
        .pluck()
        .get();
      expect(hits, table).toBe(0);
    }
  });
});
