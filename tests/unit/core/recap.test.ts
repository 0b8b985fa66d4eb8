import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../src/core/audit';
import { formatAmount } from '../../../src/core/i18n';
import { callRecap, recapFacts, recapLine, suggestDisposition, type RecapEntry } from '../../../src/core/recap';

const UTC = { timeZone: 'UTC' } as const;
const NBSP = '\u00a0';

/** A billing call as the audit trail records it, in the order of the walk. */
const CALL: RecapEntry[] = [
  { at: '2031-05-20T19:37:02.000Z', action: 'interaction_started', subject: 'customer:c1', after: { source: 'screen_pop' } },
  {
    at: '2031-05-20T19:37:30.000Z',
    action: 'verification_attempt',
    subject: 'customer:c1',
    after: { status: 'failed', questions: ['date_of_birth', 'account_pin'] },
  },
  {
    at: '2031-05-20T19:38:10.000Z',
    action: 'verification_attempt',
    subject: 'customer:c1',
    after: { status: 'passed', questions: ['last_invoice_amount', 'account_pin'] },
  },
  { at: '2031-05-20T19:38:11.000Z', action: 'view_full_account', subject: 'customer:c1' },
  { at: '2031-05-20T19:39:00.000Z', action: 'bill_viewed', subject: 'invoice:i11', after: { invoiceId: 'i11', cycleStart: '2031-04-01' } },
  {
    at: '2031-05-20T19:39:30.000Z',
    action: 'bills_compared',
    subject: 'invoice:i11',
    after: { invoiceId: 'i11', cycleStart: '2031-04-01', previousInvoiceId: 'i10', previousCycleStart: '2031-03-01' },
  },
  { at: '2031-05-20T19:39:40.000Z', action: 'bill_viewed', subject: 'invoice:i11', after: { invoiceId: 'i11', cycleStart: '2031-04-01' } },
  { at: '2031-05-20T19:40:00.000Z', action: 'plan_quoted', subject: 'account:a1', after: { planName: 'Premium', effectiveOn: '2031-06-01' } },
  {
    at: '2031-05-20T19:41:00.000Z',
    action: 'credit_granted',
    subject: 'ledger:l1',
    after: { entries: [{ id: 'l1', amount: 500, currency: 'EUR' }], reason: 'goodwill' },
  },
  {
    at: '2031-05-20T19:42:00.000Z',
    action: 'approval_requested',
    subject: 'approval:p1',
    after: { amount: 1500, currency: 'EUR', approverRole: 'supervisor', request: { kind: 'one_off_credit', reason: 'goodwill', amount: 1500 } },
  },
  {
    at: '2031-05-20T19:43:00.000Z',
    action: 'credit_granted',
    subject: 'ledger:l2',
    after: { entries: [{ id: 'l2', amount: 1200, currency: 'EUR' }], reason: 'goodwill', approvalId: 'p1' },
  },
  {
    at: '2031-05-20T19:43:00.001Z',
    action: 'approval_decided',
    subject: 'approval:p1',
    before: { status: 'pending', request: { amount: 1500 } },
    after: { status: 'applied', approvedAmount: 1200 },
  },
  { at: '2031-05-20T19:44:00.000Z', action: 'note_added', subject: 'customer:c1', after: { noteId: 'n1', text: 'asked about roaming' } },
];

describe('callRecap: the wrap-up note drafted from the call’s audit entries', () => {
  it('says the whole billing call in English, one line each, amounts by the money formatter', () => {
    const recap = callRecap(CALL, { locale: 'en', ...UTC });
    expect(recap.note.split('\n')).toEqual([
      'Verified at 19:38 with PIN + invoice amount.',
      'Explained the April bill and why it differs from March.',
      'Quoted Premium from 1 June 2031.',
      `Granted a ${formatAmount('en', 500, 'EUR')} goodwill credit.`,
      `${formatAmount('en', 1500, 'EUR')} request lowered to ${formatAmount('en', 1200, 'EUR')} by the supervisor.`,
    ]);
    expect(recap.note).toContain('€5.00');
    expect(recap.note).toContain('€15.00 request lowered to €12.00');
    expect(recap.disposition).toBe('credit_granted');
  });

  it('says it in French, with a no-break space before every « : ; ! ? » and French amounts', () => {
    const recap = callRecap(CALL, { locale: 'fr', ...UTC });
    expect(recap.note.split('\n')).toEqual([
      'Identité vérifiée à 19:38 par code PIN + montant de la facture.',
      'Facture d’avril expliquée, et pourquoi elle diffère de celle de mars.',
      'Devis pour l’offre Premium à partir du 1er juin 2031.',
      `Accordé${NBSP}: geste commercial de ${formatAmount('fr', 500, 'EUR')}.`,
      `Demande de ${formatAmount('fr', 1500, 'EUR')} ramenée à ${formatAmount('fr', 1200, 'EUR')} par le superviseur.`,
    ]);
    expect(recap.note).toContain(`5,00${NBSP}€`);
    // Every high punctuation sign is preceded by a no-break space (none left to a plain space or none).
    for (const m of recap.note.matchAll(/(.)([:;!?])(?!\d)/g)) {
      // (a time, 19:38, is not punctuation)
      expect(m[1], `before « ${m[2]} » in ${recap.note}`).toBe(NBSP);
    }
  });

  it('puts the times in the zone given (the desk’s), not UTC by accident', () => {
    const en = callRecap(CALL, { locale: 'en', timeZone: 'Asia/Kolkata' });
    expect(en.note.split('\n')[0]).toBe('Verified at 01:08 with PIN + invoice amount.');
  });

  it('reads every audit action without throwing, and says nothing of those that are not the call’s story', () => {
    const silent = [
      'sign_in',
      'sign_out',
      'interaction_started',
      'interaction_wrapped_up',
      'view_full_account',
      'note_added',
      'verification_unlock',
      'credential_failed',
      'password_rehashed',
      'ledger_baseline',
      'provisional_withdrawn',
      'lookup_search',
      'lookup_refused',
      'lookup_caller',
      'screen_pop',
      'experiment_assigned',
      'experiment_exposed',
      'follow_up_done',
    ];
    for (const action of AUDIT_ACTIONS) {
      // Garbage in every field: a draft never fails.
      expect(() =>
        callRecap([{ at: '2031-05-20T10:00:00.000Z', action, subject: 'x', before: 'junk', after: { status: 42 } }], { locale: 'fr', ...UTC }),
      ).not.toThrow();
      if (silent.includes(action))
        expect(recapFacts([{ at: '2031-05-20T10:00:00.000Z', action, subject: 'approval:p', after: { status: 'passed', amount: 1, entries: [] } }])).toEqual(
          [],
        );
    }
    // And every action with a sentence is covered by a case below.
    const spoken = AUDIT_ACTIONS.filter((a) => !silent.includes(a));
    expect(spoken.sort()).toEqual(
      [
        'approval_decided',
        'approval_requested',
        'bill_viewed',
        'bills_compared',
        'credit_granted',
        'credit_reversed',
        'customer_cancelled',
        'dispute_opened',
        'dispute_resolved',
        'invoice_copy_sent',
        'payment_plan_agreed',
        'payment_plan_requested',
        'plan_changed',
        'plan_quoted',
        'refund_paid',
        'refund_requested',
        'verification_attempt',
      ].sort(),
    );
  });

  it.each([
    [
      'en',
      { at: '2031-01-02T08:05:00.000Z', action: 'customer_cancelled', after: { outcomeId: 'o', occurredOn: '2031-02-01', reason: 'competitor' } },
      'The caller cancels from 1 February 2031 (going to a competitor).',
    ],
    [
      'fr',
      { at: '2031-01-02T08:05:00.000Z', action: 'customer_cancelled', after: { outcomeId: 'o', occurredOn: '2031-02-01', reason: 'price' } },
      'Le client résilie à partir du 1er février 2031 (prix).',
    ],
    [
      'en',
      { at: '2031-01-02T08:05:00.000Z', action: 'dispute_opened', after: { disputeId: 'd', amount: 1250, currency: 'EUR', customerSaid: 'never used it' } },
      `Opened a dispute of ${formatAmount('en', 1250, 'EUR')} on the bill.`,
    ],
    [
      'fr',
      { at: '2031-01-02T08:05:00.000Z', action: 'dispute_resolved', after: { status: 'credited', creditedAmount: 500 } },
      'Contestation acceptée par un avoir.',
    ],
    [
      'en',
      { at: '2031-01-02T08:05:00.000Z', action: 'dispute_resolved', after: { status: 'rejected', rejectionReason: 'The calls were made from the line.' } },
      'Rejected the dispute: The calls were made from the line.',
    ],
    [
      'fr',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'payment_plan_agreed',
        after: { balance: 12002, currency: 'EUR', instalments: [{ dueOn: '2031-02-01' }, { dueOn: '2031-03-01' }, { dueOn: '2031-04-01' }] },
      },
      `Échéancier accordé${NBSP}: ${formatAmount('fr', 12002, 'EUR')} en 3 échéances, la première le 1er février 2031.`,
    ],
    [
      'en',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'payment_plan_requested',
        subject: 'approval:pp',
        after: { request: { kind: 'payment_plan', instalments: 5 }, approverRole: 'senior_agent', decision: { balance: 10000, currency: 'EUR' } },
      },
      `Asked a senior agent to approve a payment plan: ${formatAmount('en', 10000, 'EUR')} in 5 instalments.`,
    ],
    [
      'fr',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'payment_plan_requested',
        subject: 'approval:pp',
        after: { request: { kind: 'payment_plan', instalments: 7 }, approverRole: 'supervisor', decision: { balance: 12001, currency: 'EUR' } },
      },
      `Validation demandée pour le superviseur${NBSP}: échéancier de ${formatAmount('fr', 12001, 'EUR')} en 7${NBSP}échéances.`,
    ],
    [
      'en',
      { at: '2031-01-02T08:05:00.000Z', action: 'verification_attempt', after: { status: 'failed', questions: ['postcode'] } },
      'Verification failed at 08:05.',
    ],
    [
      'fr',
      { at: '2031-01-02T08:05:00.000Z', action: 'verification_attempt', after: { status: 'locked', counted: false } },
      `Vérification bloquée à 08:05${NBSP}: aucune réponse contrôlée.`,
    ],
    ['en', { at: '2031-01-02T08:05:00.000Z', action: 'bill_viewed', after: { invoiceId: 'i', cycleStart: '2030-11-01' } }, 'Explained the November bill.'],
    ['fr', { at: '2031-01-02T08:05:00.000Z', action: 'bill_viewed', after: { invoiceId: 'i', cycleStart: '2030-10-01' } }, 'Facture d’octobre expliquée.'],
    [
      'fr',
      { at: '2031-01-02T08:05:00.000Z', action: 'bills_compared', after: { invoiceId: 'i', cycleStart: '2030-09-01', previousCycleStart: '2030-08-01' } },
      'Facture de septembre expliquée, et pourquoi elle diffère de celle d’août.',
    ],
    [
      'en',
      { at: '2031-01-02T08:05:00.000Z', action: 'plan_changed', after: { planId: 'p', planName: 'Éco 20', effectiveOn: '2031-01-02' } },
      'Changed the plan to Éco 20 from 2 January 2031.',
    ],
    [
      'fr',
      { at: '2031-01-02T08:05:00.000Z', action: 'plan_changed', after: { planId: 'p', planName: 'Éco 20', effectiveOn: '2031-02-01' } },
      'Offre changée pour Éco 20 à partir du 1er février 2031.',
    ],
    [
      'en',
      { at: '2031-01-02T08:05:00.000Z', action: 'credit_reversed', before: { amount: 750, currency: 'EUR' }, after: { amount: -750 } },
      `Reversed a ${formatAmount('en', 750, 'EUR')} credit.`,
    ],
    [
      'fr',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'credit_granted',
        after: {
          entries: [
            { amount: 300, currency: 'EUR' },
            { amount: 300, currency: 'EUR' },
          ],
          reason: 'retention_offer',
        },
      },
      `Accordé${NBSP}: remise de fidélisation de ${formatAmount('fr', 600, 'EUR')}.`,
    ],
    [
      'en',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'approval_requested',
        subject: 'approval:q',
        after: { amount: 4000, currency: 'EUR', approverRole: 'senior_agent', request: { reason: 'service_outage' } },
      },
      `Asked a senior agent to approve a ${formatAmount('en', 4000, 'EUR')} outage credit.`,
    ],
    [
      'fr',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'approval_requested',
        subject: 'approval:q',
        after: { amount: 4000, currency: 'EUR', approverRole: 'supervisor', request: { reason: 'billing_error' } },
      },
      `Validation demandée pour le superviseur${NBSP}: correction d’erreur de facturation de ${formatAmount('fr', 4000, 'EUR')}.`,
    ],
    [
      'en',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'refund_paid',
        subject: 'payment:p',
        after: { paymentId: 'p', amount: 2500, currency: 'EUR', method: 'transfer' },
      },
      `Refunded ${formatAmount('en', 2500, 'EUR')} of the credit balance.`,
    ],
    [
      'fr',
      { at: '2031-01-02T08:05:00.000Z', action: 'refund_requested', subject: 'approval:f', after: { request: { amount: 9000 }, approverRole: 'supervisor' } },
      `Validation demandée pour le superviseur${NBSP}: remboursement de ${formatAmount('fr', 9000, 'EUR')}.`,
    ],
    [
      'en',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'invoice_copy_sent',
        subject: 'customer:c',
        after: { invoiceId: 'i', number: 'F-2030-11-000123', channel: 'post', locale: 'en' },
      },
      'Sent a copy of bill F-2030-11-000123 by post.',
    ],
    [
      'fr',
      {
        at: '2031-01-02T08:05:00.000Z',
        action: 'invoice_copy_sent',
        subject: 'customer:c',
        after: { invoiceId: 'i', number: 'F-2030-11-000123', channel: 'email', locale: 'fr' },
      },
      'Copie de la facture F-2030-11-000123 envoyée par e-mail.',
    ],
  ] as const)('%s: %j → %s', (locale, entry, line) => {
    const facts = recapFacts([entry as RecapEntry]);
    expect(facts).toHaveLength(1);
    expect(recapLine(facts[0]!, { locale, ...UTC })).toBe(line);
  });

  it('says a refused or a fully approved request by its decision, not by the request', () => {
    const req: RecapEntry = {
      at: '2031-01-02T08:00:00.000Z',
      action: 'approval_requested',
      subject: 'approval:r',
      after: { amount: 2000, currency: 'EUR', approverRole: 'supervisor', request: { reason: 'goodwill' } },
    };
    const refused = callRecap(
      [req, { at: '2031-01-02T08:01:00.000Z', action: 'approval_decided', subject: 'approval:r', after: { status: 'refused', comment: 'no' } }],
      { locale: 'en', ...UTC },
    );
    expect(refused.note).toBe(`${formatAmount('en', 2000, 'EUR')} request refused by the supervisor.`);
    const approved = callRecap(
      [req, { at: '2031-01-02T08:01:00.000Z', action: 'approval_decided', subject: 'approval:r', after: { status: 'applied', approvedAmount: 2000 } }],
      { locale: 'fr', ...UTC },
    );
    expect(approved.note).toBe(`Demande de ${formatAmount('fr', 2000, 'EUR')} validée par le superviseur.`);
  });

  it('suggests the disposition from what happened', () => {
    const verified: RecapEntry = {
      at: '2031-01-02T08:00:00.000Z',
      action: 'verification_attempt',
      after: { status: 'passed', questions: ['account_pin', 'postcode'] },
    };
    expect(suggestDisposition(recapFacts([]))).toBe('no_verification');
    expect(suggestDisposition(recapFacts([verified]))).toBe('billing_question_answered');
    expect(
      suggestDisposition(
        recapFacts([
          verified,
          {
            at: '2031-01-02T08:02:00.000Z',
            action: 'approval_requested',
            subject: 'approval:z',
            after: { amount: 1, currency: 'EUR', approverRole: 'supervisor' },
          },
        ]),
      ),
    ).toBe('escalated');
    expect(suggestDisposition(recapFacts([verified, CALL[8]!]))).toBe('credit_granted');
    expect(
      suggestDisposition(
        recapFacts([verified, CALL[8]!, { at: '2031-01-02T08:03:00.000Z', action: 'plan_changed', after: { planName: 'Premium', effectiveOn: '2031-02-01' } }]),
      ),
    ).toBe('plan_changed');
  });

  it('says a quote once, and not at all when the call then changed to that plan', () => {
    const q = (at: string): RecapEntry => ({ at, action: 'plan_quoted', after: { planName: 'Premium', effectiveOn: '2031-02-01' } });
    expect(recapFacts([q('2031-01-02T08:00:00.000Z'), q('2031-01-02T08:01:00.000Z')])).toHaveLength(1);
    const changed = recapFacts([
      q('2031-01-02T08:00:00.000Z'),
      { at: '2031-01-02T08:02:00.000Z', action: 'plan_changed', after: { planName: 'Premium', effectiveOn: '2031-02-01' } },
    ]);
    expect(changed.map((f) => f.kind)).toEqual(['plan_changed']);
  });

  it('orders by time whatever order the entries come in, and an empty call drafts nothing', () => {
    expect(callRecap([...CALL].reverse(), { locale: 'en', ...UTC }).note).toBe(callRecap(CALL, { locale: 'en', ...UTC }).note);
    expect(callRecap([], { locale: 'fr' })).toEqual({ facts: [], note: '', disposition: 'no_verification' });
  });
});
