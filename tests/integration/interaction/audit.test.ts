/**
 * The audit trail: every command appends one entry, entries are hash-chained, the store refuses
 * UPDATE and DELETE, and verification finds tampering done to the database FILE with raw SQL
 * (the triggers dropped first, as an attacker with the file would).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerifyReport, InteractionAudit, InteractionState, InteractionSummary } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { customerWithSecrets, startHarness, type Harness } from './harness';

let h: Harness;
let agent: ClientContext;
let supervisor: ClientContext;
let interactionId: string;
let customerId: string;
const PIN = '8024';
const DOB = '1955-03-09';

beforeAll(async () => {
  h = startHarness(80);
  customerId = customerWithSecrets(h, PIN, DOB).customerId;
  agent = await h.client('agent');
  supervisor = await h.client('supervisor');
  interactionId = (await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'lookup' })).interactionId;
  await h.ok(h.api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB, account_pin: '1111' } });
  await h.ok(h.api, agent, 'verification.attempt', { interactionId, answers: { date_of_birth: DOB, account_pin: PIN } });
  await h.ok(h.api, agent, 'account.details', { interactionId });
  await h.ok(h.api, agent, 'notes.add', { interactionId, text: 'Explained the roaming charge.' });
  await h.ok(h.api, agent, 'interaction.wrapUp', { interactionId, disposition: 'billing_question_answered', note: 'Explained.' });
  await h.ok(h.api, supervisor, 'verification.unlock', { customerId, reason: 'Routine reset after a verified call' });
});
afterAll(() => h.dispose());

describe('what the log holds', () => {
  it("a supervisor reads any agent's call: who, when, what, before/after, and the chain is intact", async () => {
    const view = await h.ok<InteractionAudit>(h.api, supervisor, 'audit.interaction', { interactionId });
    expect(view.interaction).toMatchObject({ interactionId, customerId, disposition: 'billing_question_answered', agentName: expect.any(String) as unknown });
    expect(view.entries.map((e) => e.action)).toEqual([
      'interaction_started',
      'verification_attempt',
      'verification_attempt',
      'view_full_account',
      'note_added',
      'interaction_wrapped_up',
    ]);
    const agentName = h.db.prepare(`SELECT display_name FROM users WHERE username = 'agent'`).pluck().get();
    expect(view.entries.every((e) => e.actorName === agentName && e.subject === `customer:${customerId}`)).toBe(true);
    expect(view.entries.map((e) => e.after)).toEqual([
      { source: 'lookup' },
      { status: 'failed', questions: ['date_of_birth', 'account_pin'] },
      { status: 'passed', questions: ['date_of_birth', 'account_pin'] },
      null,
      { noteId: expect.any(String) as unknown, text: 'Explained the roaming charge.' },
      { disposition: 'billing_question_answered', note: 'Explained.', verified: true },
    ]);
    expect(view.chain).toMatchObject({ ok: true, problems: [] });
    expect(view.problemsInThisInteraction).toEqual([]);
    // Seq increases, and at is in order.
    const seqs = view.entries.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('lists recent calls for the supervisor to pick from', async () => {
    const list = await h.ok<InteractionSummary[]>(h.api, supervisor, 'audit.interactions', { customerId });
    expect(list[0]).toMatchObject({ interactionId, customerId, endedAt: expect.any(String) as unknown });
  });

  it('an unknown interaction is NOT_FOUND', async () => {
    expect(await h.api.dispatch(supervisor, 'audit.interaction', { interactionId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('every command wrote exactly one outbox row, with a gapless device sequence', () => {
    const rows = h.db.prepare(`SELECT device_seq AS seq, type, interaction_id AS interactionId FROM command_outbox ORDER BY device_seq`).all() as {
      seq: number;
      type: string;
      interactionId: string | null;
    }[];
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.interactionId === interactionId).map((r) => r.type)).toEqual([
      'interaction.start',
      'verification.attempt',
      'verification.attempt',
      'notes.add',
      'interaction.wrapUp',
    ]);
    expect(rows.filter((r) => r.type === 'verification.unlock')).toHaveLength(1);
    // Each command has its audit entry: outbox rows of this call = its audit entries minus the (audit-only) full-account view.
    const audited = h.db.prepare(`SELECT count(*) FROM audit_log WHERE interaction_id = ? AND action != 'view_full_account'`).pluck().get(interactionId);
    expect(audited).toBe(5);
  });

  it('the store itself refuses UPDATE and DELETE of audit entries', () => {
    expect(() => h.db.prepare(`UPDATE audit_log SET after = '{}' WHERE seq = 1`).run()).toThrow();
    expect(() => h.db.prepare(`DELETE FROM audit_log WHERE seq = 1`).run()).toThrow();
  });
});

describe('tampering with the database file is detected', () => {
  const file = () => join(h.t.dataDir, 'ardoise.db');
  const tamper = (sql: (raw: Database.Database) => void) => {
    h.t.host.close();
    const raw = new Database(file());
    try {
      sql(raw);
    } finally {
      raw.close();
    }
    h.reopen();
  };
  const verify = async () => {
    const sup = await h.client('supervisor');
    return h.ok<AuditVerifyReport>(h.api, sup, 'audit.verify', {});
  };
  const seqOf = (action: string) =>
    h.db.prepare(`SELECT seq FROM audit_log WHERE interaction_id = ? AND action = ?`).pluck().get(interactionId, action) as number;

  it('reports an intact chain first', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.entriesChecked).toBeGreaterThan(6);
    expect(report.head?.seq).toBe(report.entriesChecked);
  });

  it('an edited entry (note text changed through raw SQL)', async () => {
    const seq = seqOf('note_added');
    tamper((raw) => {
      raw.exec(`DROP TRIGGER audit_log_no_update`);
      raw.prepare(`UPDATE audit_log SET after = ? WHERE seq = ?`).run(JSON.stringify({ text: 'Nothing happened.' }), seq);
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ seq, kind: 'edited' }));
    // The supervisor sees it on the call itself.
    const sup = await h.client('supervisor');
    const view = await h.ok<InteractionAudit>(h.api, sup, 'audit.interaction', { interactionId });
    expect(view.chain.ok).toBe(false);
    expect(view.problemsInThisInteraction).toContainEqual(expect.objectContaining({ seq, kind: 'edited' }));
  });

  it('a deleted entry', async () => {
    const seq = seqOf('view_full_account');
    tamper((raw) => {
      raw.exec(`DROP TRIGGER IF EXISTS audit_log_no_delete`);
      raw.prepare(`DELETE FROM audit_log WHERE seq = ?`).run(seq);
    });
    const report = await verify();
    expect(report.problems).toContainEqual(expect.objectContaining({ seq, kind: 'deleted' }));
  });

  it('two entries swapped (their seq exchanged)', async () => {
    const a = seqOf('interaction_started');
    const b = a + 1;
    tamper((raw) => {
      raw.exec(`DROP TRIGGER IF EXISTS audit_log_no_update`);
      raw.transaction(() => {
        raw.prepare(`UPDATE audit_log SET seq = -1 WHERE seq = ?`).run(a);
        raw.prepare(`UPDATE audit_log SET seq = ? WHERE seq = ?`).run(a, b);
        raw.prepare(`UPDATE audit_log SET seq = ? WHERE seq = -1`).run(b);
      })();
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    const atSwap = report.problems.filter((p) => p.seq === a || p.seq === b);
    expect(atSwap.length).toBeGreaterThan(0);
  });
});
