/**
 * Every string the contract accepts is an identifier or code with a format, free text screened
 * by the one freeText schema, a phone number, or something never stored — walked from the
 * contract itself, so a new field without a rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { CONTRACT, METHOD_NAMES } from '../../../src/core/api';
import { stringFields } from '../../fixtures/contract-walk';

describe('text that reaches the store is screened by the contract', () => {
  it('no string field of any method is unchecked', () => {
    const unchecked = METHOD_NAMES.flatMap((m) =>
      stringFields(CONTRACT[m].input)
        .filter((f) => f.kind === 'unchecked')
        .map((f) => `${m}: ${f.path}`),
    );
    expect(unchecked).toEqual([]);
  });

  it('the free-text fields are the ones a person types (and nothing else slips into "not stored")', () => {
    const byKind = (kind: string) =>
      METHOD_NAMES.flatMap((m) =>
        stringFields(CONTRACT[m].input)
          .filter((f) => f.kind === kind)
          .map((f) => `${m}: ${f.path}`),
      );
    expect(byKind('free').sort()).toEqual(
      [
        'approvals.decide: comment',
        'approvals.decide: comment',
        'approvals.decideHere: comment',
        'approvals.decideHere: comment',
        'approvals.decideHere: username',
        'approvals.decideHere: username',
        'calls.incoming: from',
        'discounts.grant: note',
        'disputes.open: customerSaid',
        'disputes.resolve: resolution.reason',
        'discounts.reverse: reason',
        'interaction.wrapUp: followUp.text',
        'interaction.wrapUp: note',
        'lookup.search: query',
        'notes.add: text',
        'receivables.refund: note',
        'session.signIn: username',
        'verification.unlock: reason',
      ].sort(),
    );
    expect(byKind('not_stored').sort()).toEqual(
      [
        'approvals.decideHere: password',
        'approvals.decideHere: password',
        'session.signIn: password',
        'verification.attempt: answers.account_pin',
        'verification.attempt: answers.date_of_birth',
        'verification.attempt: answers.last_invoice_amount',
        'verification.attempt: answers.postcode',
      ].sort(),
    );
    expect(byKind('phone')).toEqual(['interaction.start: callerNumber']);
  });
});
