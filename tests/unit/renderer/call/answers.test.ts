import { describe, expect, it } from 'vitest';
import { answersToSend, completeness, localIsoDate, offeredKinds, readAnswer } from '../../../../src/renderer/src/features/verify/answers';
import { questions } from './fixtures';

const ctx = { today: '2026-11-15', currency: 'EUR' };

describe('completeness (same counting as main, before anything is sent)', () => {
  const q = questions();

  it('needs requiredPasses answers, one of them non-public', () => {
    expect(completeness(q, {})).toEqual({ complete: false, answersNeeded: 2, nonPublicNeeded: true });
    expect(completeness(q, { date_of_birth: '12/03/1985' })).toEqual({ complete: false, answersNeeded: 1, nonPublicNeeded: true });
    expect(completeness(q, { date_of_birth: '12/03/1985', postcode: '75011' })).toEqual({ complete: false, answersNeeded: 1, nonPublicNeeded: true });
    expect(completeness(q, { date_of_birth: '12/03/1985', account_pin: '1234' })).toEqual({ complete: true, answersNeeded: 0, nonPublicNeeded: false });
  });

  it('an alternative counts like an asked question; blanks do not count', () => {
    expect(completeness(q, { postcode: '75011', last_invoice_amount: '42,50' }).complete).toBe(true);
    expect(completeness(q, { date_of_birth: '   ', account_pin: '1234' })).toEqual({ complete: false, answersNeeded: 1, nonPublicNeeded: false });
  });

  it('a policy without the non-public rule only counts', () => {
    const loose = questions({ requireNonPublic: false, requiredPasses: 1 });
    expect(completeness(loose, { postcode: '75011' }).complete).toBe(true);
  });

  it('sends only offered, non-blank answers, trimmed', () => {
    const only = questions({ ask: ['date_of_birth', 'account_pin'], alternatives: [] });
    expect(offeredKinds(only)).toEqual(['date_of_birth', 'account_pin']);
    expect(answersToSend(only, { date_of_birth: ' 12/03/1985 ', account_pin: '', postcode: '75011' })).toEqual({ date_of_birth: '12/03/1985' });
  });
});

describe('readAnswer (how Ardoise reads what was typed)', () => {
  it('reads a date of birth written either way', () => {
    expect(readAnswer('date_of_birth', '12/03/1985', ctx)).toEqual({ state: 'read', kind: 'date', isoDate: '1985-03-12' });
    expect(readAnswer('date_of_birth', '12 mars 1985', ctx)).toEqual({ state: 'read', kind: 'date', isoDate: '1985-03-12' });
    expect(readAnswer('date_of_birth', 'March 12, 1985', ctx)).toEqual({ state: 'read', kind: 'date', isoDate: '1985-03-12' });
    expect(readAnswer('date_of_birth', '31/02/1985', ctx)).toEqual({ state: 'unreadable' });
    expect(readAnswer('date_of_birth', '', ctx)).toEqual({ state: 'empty' });
  });

  it('reads postcodes and amounts in the account currency', () => {
    expect(readAnswer('postcode', '75 011', ctx)).toEqual({ state: 'read', kind: 'postcode', postcode: '75011' });
    expect(readAnswer('postcode', 'Paris', ctx)).toEqual({ state: 'unreadable' });
    expect(readAnswer('last_invoice_amount', '42,50 €', ctx)).toEqual({ state: 'read', kind: 'amount', minor: 4250, currency: 'EUR' });
    expect(readAnswer('last_invoice_amount', '42€50', ctx)).toEqual({ state: 'read', kind: 'amount', minor: 4250, currency: 'EUR' });
    expect(readAnswer('last_invoice_amount', 'forty', ctx)).toEqual({ state: 'unreadable' });
  });

  it('never echoes a PIN: only whether it is readable', () => {
    const read = readAnswer('account_pin', '12 34', ctx);
    expect(read).toEqual({ state: 'read', kind: 'pin' });
    expect(JSON.stringify(read)).not.toContain('1234');
    expect(readAnswer('account_pin', '12', ctx)).toEqual({ state: 'unreadable' });
  });

  it('localIsoDate is the desk’s calendar day', () => {
    expect(localIsoDate(new Date(2026, 10, 15, 23, 59).getTime())).toBe('2026-11-15');
  });
});
