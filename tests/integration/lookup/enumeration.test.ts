/**
 * The security review's finding: before verification a result shows the caller's phone masked
 * ("+33 6 •• •• •• 78"), yet typing prefixes digit by digit and watching whether the customer
 * appears recovered the whole number in 25 searches. Now: phone prefixes below a minimum answer
 * nothing (and say why), lookups are rate-limited per agent, and every lookup is in the audit
 * trail with who and when.
 *
 * The host runs on a clock that stands still unless a test moves it, so the rate limit is
 * deterministic.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProfile, ApiResult, AuditVerifyReport, InteractionState, LookupResult, MaskedCaller, ScreenPop } from '../../../src/core/api';
import { PHONE_PREFIX_MIN_DIGITS } from '../../../src/core/search';
import { createAppHost, type AppHost } from '../../../src/main/app';
import type { ClientContext } from '../../../src/main/api/sessions';
import { LOOKUP_BURST, LOOKUP_REFILL_MS } from '../../../src/main/services/lookup-rate-limit';
import { aCustomerWithMobile, DEMO_TODAY, newClient, signIn } from '../../fixtures/app-host';

const T0 = Date.parse(`${DEMO_TODAY}T09:00:00.000Z`);
const clock = { ms: T0 };
let dataDir: string;
let host: AppHost;
let db: Database.Database;
let agent: ClientContext;
let agentId: string;
let target: ReturnType<typeof aCustomerWithMobile>;

const search = (client: ClientContext, query: string, limit = 50) =>
  host.dispatcher.dispatch(client, 'lookup.search', { query, limit }) as Promise<ApiResult<LookupResult>>;

interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  subject: string | null;
  after: string | null;
}
const auditRows = (actions: string[], since = 0): (Omit<AuditRow, 'after'> & { after: Record<string, unknown> | null })[] =>
  (
    db
      .prepare(
        `SELECT seq, at, actor_id AS actorId, action, subject, after FROM audit_log WHERE action IN (SELECT value FROM json_each(?)) AND seq > ? ORDER BY seq`,
      )
      .all(JSON.stringify(actions), since) as AuditRow[]
  ).map((r) => ({ ...r, after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>) }));
const lastSeq = () => db.prepare(`SELECT coalesce(max(seq), 0) FROM audit_log`).pluck().get() as number;

async function signedIn(username: string, password: string): Promise<ClientContext> {
  const c = newClient();
  await signIn(host, c, username, password);
  return c;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ardoise-lookup-'));
  host = createAppHost({ dataDir, transport: 'http', demoCustomers: 300, demoSeed: 7, demoToday: DEMO_TODAY, clock: () => new Date(clock.ms) });
  db = host.db.$client;
  target = aCustomerWithMobile(db);
  agent = await signedIn('agent', 'ardoise-agent');
  const me = await host.dispatcher.dispatch(agent, 'session.current', {});
  agentId = (me as { ok: true; value: AgentProfile }).value.userId;
});
afterAll(() => {
  host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('recovering a masked phone number by prefix searches', () => {
  it("the review's digit-by-digit enumeration learns nothing, and every search is in the audit trail", async () => {
    const before = lastSeq();
    // What the agent sees before verification: a name search lists the target, phone masked.
    const byName = await search(agent, `${target.givenName} ${target.familyName}`);
    if (!byName.ok) throw new Error(JSON.stringify(byName.error));
    const shown = byName.value.results.find((r) => r.customerId === target.customerId);
    const national = '0' + target.e164.slice(3); // "0612345678"
    expect(shown?.phoneMasked).toBe(`+33 ${national[1]} •• •• •• ${national.slice(-2)}`);

    // The attack as reported: extend the known start one digit at a time, trying 0–9, and keep
    // the digit for which the customer shows up among the results (at most 10 searches a digit).
    let known = national.slice(0, 2);
    const typed: { query: string; at: string }[] = [];
    const answers: LookupResult[] = [];
    while (known.length < national.length - 2) {
      let next: string | null = null;
      for (let d = 0; d <= 9 && next === null; d++) {
        const query = `${known}${d}`;
        clock.ms += 150; // a fast typist
        typed.push({ query, at: new Date(clock.ms).toISOString() });
        const r = await search(agent, query);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        answers.push(r.value);
        if (r.value.results.some((c) => c.customerId === target.customerId)) next = `${known}${d}`;
      }
      if (next === null) break; // nothing gave the customer away: the attack is stuck
      known = next;
    }

    expect(known).toBe(national.slice(0, 2)); // not one hidden digit learnt
    expect(typed).toHaveLength(10);
    for (const a of answers) expect(a).toEqual({ kind: 'phone', results: [], tooShort: { minDigits: PHONE_PREFIX_MIN_DIGITS } });

    // Who searched what, and when: every search, in order, with the query as typed.
    host.flushLookupAudit();
    const entries = auditRows(['lookup_search'], before);
    expect(entries).toHaveLength(1 + typed.length);
    expect(entries[0]).toMatchObject({ actorId: agentId, after: { query: `${target.givenName} ${target.familyName}`, kind: 'name' } });
    expect(entries.slice(1).map((e) => ({ actorId: e.actorId, at: e.at, ...e.after }))).toEqual(
      typed.map((t) => ({ actorId: agentId, at: t.at, query: t.query, kind: 'phone', results: 0, tooShortMinDigits: PHONE_PREFIX_MIN_DIGITS })),
    );
  });

  it('from the minimum on, guessing the hidden digits together meets the rate limit within one burst', async () => {
    clock.ms += 10 * 60_000; // a full bucket again
    const national = '0' + target.e164.slice(3);
    const start = national.slice(0, 2); // "06": the digit the mask shows
    const before = lastSeq();
    let answered = 0;
    let firstRefusal: ApiResult<LookupResult> | null = null;
    // Every candidate for the 5 hidden digits a 6-digit prefix needs: 100,000 of them. 300 tried.
    for (let n = 0; n < 300; n++) {
      const r = await search(agent, `${start}${String(n).padStart(5, '0')}`);
      if (r.ok) answered++;
      else firstRefusal ??= r;
    }
    expect(answered).toBe(LOOKUP_BURST);
    expect(firstRefusal).toEqual({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', messageKey: 'error.tooManyLookups', retryAfterMs: LOOKUP_REFILL_MS } });

    // Waiting one refill gives one search back, no more.
    clock.ms += LOOKUP_REFILL_MS;
    expect((await search(agent, `${start}99999`)).ok).toBe(true);
    const again = await search(agent, `${start}99998`);
    expect(again.ok).toBe(false);

    // The refusals are in the trail too, summed up per agent and per flush.
    host.flushLookupAudit();
    expect(auditRows(['lookup_search'], before)).toHaveLength(LOOKUP_BURST + 1);
    const refused = auditRows(['lookup_refused'], before);
    expect(refused.reduce((n, e) => n + Number(e.after?.refused), 0)).toBe(300 - LOOKUP_BURST + 1);
    expect(refused.every((e) => e.actorId === agentId)).toBe(true);
    expect(refused[0]?.after).toMatchObject({
      firstQuery: `${start}${String(LOOKUP_BURST).padStart(5, '0')}`,
      lastQuery: `${start}99998`,
      retryAfterMs: LOOKUP_REFILL_MS,
    });
  });

  it('the limit is per agent: another window of the same agent is refused, another agent is not', async () => {
    const sameAgent = await signedIn('agent', 'ardoise-agent');
    const other = await signedIn('agent2', 'ardoise-agent');
    expect(await search(sameAgent, 'martin')).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect((await search(other, 'martin')).ok).toBe(true);
    // An incoming call reported by the agent's client is a phone lookup too.
    expect(await host.dispatcher.dispatch(sameAgent, 'calls.incoming', { from: target.e164 })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS' },
    });
  });

  it('fast typing never meets the limit: the longest query the box takes, one search per keystroke', async () => {
    const typist = await signedIn('senior', 'ardoise-senior');
    const text = `${target.givenName} ${target.familyName} `.repeat(20).slice(0, 120);
    const refused: string[] = [];
    for (let i = 1; i <= text.length; i++) {
      clock.ms += 125; // 8 keys a second, each sent after the 120 ms debounce
      const r = await search(typist, text.slice(0, i));
      if (!r.ok) refused.push(text.slice(0, i));
    }
    expect(refused).toEqual([]);
  });
});

describe('the audit trail of lookups', () => {
  it('records opening a masked profile and screen pops with the number, and the chain verifies', async () => {
    clock.ms += 10 * 60_000;
    const before = lastSeq();
    const caller = await host.dispatcher.dispatch(agent, 'lookup.caller', { customerId: target.customerId });
    expect((caller as ApiResult<MaskedCaller>).ok).toBe(true);
    const pop = (await host.dispatcher.dispatch(agent, 'calls.incoming', { from: national(target.e164) })) as ApiResult<ScreenPop>;
    expect(pop).toMatchObject({ ok: true, value: { e164: target.e164 } });
    await host.screenPop(target.e164); // from telephony: no agent did it
    host.flushLookupAudit();

    const entries = auditRows(['lookup_caller', 'screen_pop'], before);
    expect(entries.map((e) => ({ action: e.action, actorId: e.actorId, subject: e.subject, after: e.after }))).toEqual([
      { action: 'lookup_caller', actorId: agentId, subject: `customer:${target.customerId}`, after: { found: true } },
      { action: 'screen_pop', actorId: agentId, subject: null, after: { from: national(target.e164), e164: target.e164, results: 1 } },
      { action: 'screen_pop', actorId: null, subject: null, after: { from: target.e164, e164: target.e164, results: 1 } },
    ]);
    const supervisor = await signedIn('supervisor', 'ardoise-supervisor');
    const report = (await host.dispatcher.dispatch(supervisor, 'audit.verify', {})) as ApiResult<AuditVerifyReport>;
    expect(report).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
  });

  it('keeps a search and the call started from it in the order they happened', async () => {
    const before = lastSeq();
    const found = await search(agent, `${target.givenName} ${target.familyName}`);
    expect(found.ok).toBe(true);
    // No flush here: any other method writes the pending lookup records first.
    const started = await host.dispatcher.dispatch(agent, 'interaction.start', { customerId: target.customerId, source: 'lookup' });
    expect((started as ApiResult<InteractionState>).ok).toBe(true);
    expect(auditRows(['lookup_search', 'interaction_started'], before).map((e) => e.action)).toEqual(['lookup_search', 'interaction_started']);
  });

  it('writes pending records within a second on its own, and on close', async () => {
    const before = lastSeq();
    await search(agent, 'dupont');
    expect(auditRows(['lookup_search'], before)).toEqual([]); // not in line with the lookup
    const deadline = Date.now() + 5_000;
    while (auditRows(['lookup_search'], before).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(auditRows(['lookup_search'], before)).toHaveLength(1);

    const dir = mkdtempSync(join(tmpdir(), 'ardoise-lookup-close-'));
    try {
      const second = createAppHost({ dataDir: dir, transport: 'http', demoCustomers: 20, demoSeed: 7, demoToday: DEMO_TODAY, clock: () => new Date(clock.ms) });
      const c = newClient();
      await signIn(second, c, 'agent', 'ardoise-agent');
      await second.dispatcher.dispatch(c, 'lookup.search', { query: 'closing time' });
      second.close();
      const reopened = createAppHost({
        dataDir: dir,
        transport: 'http',
        demoCustomers: 20,
        demoSeed: 7,
        demoToday: DEMO_TODAY,
        clock: () => new Date(clock.ms),
      });
      const queries = reopened.db.$client.prepare(`SELECT json_extract(after, '$.query') FROM audit_log WHERE action = 'lookup_search'`).pluck().all();
      reopened.close();
      expect(queries).toEqual(['closing time']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** "+33612345678" → "06 12 34 56 78", as telephony or a deep link may send it. */
function national(e164: string): string {
  return ('0' + e164.slice(3)).replace(/(\d{2})(?=\d)/g, '$1 ');
}
