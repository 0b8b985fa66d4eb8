import { describe, expect, it } from 'vitest';
import { rejectionText } from '../../../../src/renderer/src/features/shell/rejection-text';
import { errorMessage, t, tn, type Locale, type MessageKey, type MessageParams, type PluralBase } from '../../../../src/core/i18n';
import type { Translator } from '../../../../src/renderer/src/i18n/use-t';

// The screens' translator (use-t.ts's makeTranslator, whose module also reaches the browser's api).
const makeTranslator = (locale: Locale): Translator =>
  Object.assign((key: MessageKey, params?: MessageParams) => t(locale, key, params), {
    locale,
    plural: (base: PluralBase, count: number, params?: MessageParams) => tn(locale, base, count, params),
    error: (body: { readonly messageKey: string }) => errorMessage(locale, body),
  });

const rejection = (type: string, withdrawn: { ledger?: string[]; disputes?: string[]; plans?: string[] } = {}) => ({
  commandId: 'c1',
  type,
  interactionId: null,
  reasons: [],
  withdrawnLedgerEntryIds: withdrawn.ledger ?? [],
  withdrawnDisputeIds: withdrawn.disputes ?? [],
  withdrawnPaymentPlanIds: withdrawn.plans ?? [],
});

describe('what the agent is told when the hub rejects their command', () => {
  it('names the dispute or payment plan refused and says what the desk took back', () => {
    const en = makeTranslator('en');
    const say = (r: ReturnType<typeof rejection>) => {
      const { title, body } = rejectionText(r);
      return [en(title), en(body)];
    };
    expect(say(rejection('dispute.open', { disputes: ['d1'] }))).toEqual([
      'The hub refused a dispute you opened offline',
      expect.stringMatching(/^The dispute has been removed from the customer’s account/),
    ]);
    expect(say(rejection('dispute.resolve', { disputes: ['d1'] }))).toEqual([
      'The hub refused how you settled a dispute',
      expect.stringMatching(/^The dispute is open again/),
    ]);
    expect(say(rejection('paymentPlan.agree', { plans: ['p1'] }))).toEqual([
      'The hub refused a payment plan you agreed offline',
      expect.stringMatching(/^The payment plan has been removed with its instalments/),
    ]);
    expect(say(rejection('credit.grant', { ledger: ['l1'] }))[1]).toMatch(/^It has been removed from the customer’s account/);
    // Nothing taken back (the hub's row was already there): the desk says it shows what the hub has.
    expect(say(rejection('dispute.resolve'))).toEqual([
      'The hub refused how you settled a dispute',
      'What this desk recorded has been put back as the hub has it.',
    ]);
    expect(say(rejection('something.else'))[0]).toBe('The hub refused a change made at this desk');
  });

  it('says it in French with no-break spaces before the colon', () => {
    const fr = makeTranslator('fr');
    expect(fr(rejectionText(rejection('paymentPlan.agree', { plans: ['p1'] })).body)).toMatch(/^L’échéancier a été retiré avec ses échéances\u00a0: /);
    expect(fr(rejectionText(rejection('dispute.open', { disputes: ['d1'] })).title)).toBe('Le serveur a refusé une contestation ouverte hors ligne');
  });
});
