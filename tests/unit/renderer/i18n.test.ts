import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, apiErrorBody, type AgentProfile } from '../../../src/core/api';
import {
  CATALOGUES,
  errorMessage,
  formatAmount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  hasMessage,
  isLocale,
  LOCALES,
  placeholders,
  t,
  tn,
  type Locale,
  type MessageKey,
} from '../../../src/core/i18n';
import { en } from '../../../src/core/i18n/messages/en';

// Type-level: the i18n Locale and the contract's AgentProfile locale are the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const localesMatch: Same<Locale, AgentProfile['locale']> = true;

const NBSP = /[\u00a0\u202f]/g;
const plain = (s: string) => s.replace(NBSP, ' ');

describe('catalogues', () => {
  const enKeys = Object.keys(en).sort();

  it('locale types agree with the contract', () => {
    expect(localesMatch).toBe(true);
  });

  it.each(LOCALES)('%s has exactly the English keys, all non-empty', (locale) => {
    const catalogue = CATALOGUES[locale] as Record<string, string>;
    expect(Object.keys(catalogue).sort()).toEqual(enKeys);
    for (const key of enKeys) expect(catalogue[key]?.trim(), key).not.toBe('');
  });

  it.each(LOCALES)('%s uses the same placeholders as English in every message', (locale) => {
    const catalogue = CATALOGUES[locale] as Record<string, string>;
    for (const key of enKeys) expect(placeholders(catalogue[key] ?? ''), key).toEqual(placeholders(en[key as MessageKey]));
  });

  it('has a message for every API error code, in every language', () => {
    for (const code of API_ERROR_CODES) {
      const { messageKey } = apiErrorBody(code);
      expect(hasMessage(messageKey), messageKey).toBe(true);
      for (const locale of LOCALES) expect(errorMessage(locale, { messageKey })).not.toBe(messageKey);
    }
  });

  it('lists every key of src/core/api/errors.ts named in the brief', () => {
    for (const key of [
      'error.unknownMethod',
      'error.invalidInput',
      'error.unauthenticated',
      'error.forbidden',
      'error.badCredentials',
      'error.notFound',
      'error.verificationRequired',
      'error.badToken',
      'error.badOrigin',
      'error.payloadTooLarge',
      'error.internal',
      'error.unreachable',
    ]) {
      expect(hasMessage(key), key).toBe(true);
    }
  });

  it('has every role of the contract', () => {
    for (const role of ['agent', 'senior_agent', 'supervisor'] as const) expect(hasMessage(`role.${role}`)).toBe(true);
  });

  it('French is actually French (spot checks)', () => {
    expect(t('fr', 'error.badCredentials')).toBe('Identifiant ou mot de passe incorrect.');
    expect(t('fr', 'caller.unverified')).toBe('Identité non vérifiée');
    expect(t('en', 'caller.unverified')).toBe('Identity not verified');
  });
});

describe('t', () => {
  it('interpolates params and formats numbers for the locale', () => {
    expect(t('en', 'pop.incoming', { number: '+33 6 12 34 56 78' })).toBe('Incoming call from +33 6 12 34 56 78');
    expect(t('fr', 'pop.incoming', { number: '+33 6 12 34 56 78' })).toBe('Appel entrant du +33 6 12 34 56 78');
    expect(plain(t('fr', 'pop.many', { count: 1200 }))).toMatch(/^1 200 clients/);
    expect(t('en', 'pop.many', { count: 1200 })).toMatch(/^1,200 customers/);
  });

  it('leaves a missing placeholder visible instead of inventing a value', () => {
    expect(t('en', 'pop.incoming')).toBe('Incoming call from {number}');
  });

  it('falls back to the generic error for an unknown message key', () => {
    expect(errorMessage('en', { messageKey: 'error.fromTheFuture' })).toBe(t('en', 'error.internal'));
  });

  it('chooses plural forms by locale rules (French 0 and 1 are singular)', () => {
    expect(tn('en', 'lookup.count', 0)).toBe('0 callers found');
    expect(tn('en', 'lookup.count', 1)).toBe('1 caller found');
    expect(tn('en', 'lookup.count', 2)).toBe('2 callers found');
    expect(tn('fr', 'lookup.count', 0)).toBe('0 appelant trouvé');
    expect(tn('fr', 'lookup.count', 1)).toBe('1 appelant trouvé');
    expect(tn('fr', 'lookup.count', 2)).toBe('2 appelants trouvés');
  });

  it('recognises locales', () => {
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe('formatting', () => {
  it('formats amounts in minor units by locale', () => {
    expect(plain(formatAmount('fr', 1935, 'EUR'))).toBe('19,35 €');
    expect(formatAmount('en', 1935, 'EUR')).toBe('€19.35');
    expect(plain(formatAmount('fr', -250, 'EUR', { signed: true }))).toBe('-2,50 €');
  });

  it('formats numbers by locale', () => {
    expect(plain(formatNumber('fr', 1234567.5))).toBe('1 234 567,5');
    expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
  });

  it('formats UTC instants as dates and times of the given zone', () => {
    const instant = '2025-03-09T13:05:00Z';
    expect(formatDate('fr', instant, 'date', 'Europe/Paris')).toBe('09/03/2025');
    expect(formatDate('en', instant, 'date', 'Europe/Paris')).toBe('09/03/2025');
    expect(formatDate('fr', instant, 'longDate', 'Europe/Paris')).toBe('9 mars 2025');
    expect(formatDate('en', instant, 'longDate', 'Europe/Paris')).toBe('9 March 2025');
    expect(formatTime('fr', instant, 'Europe/Paris')).toBe('14:05');
    expect(formatTime('en', instant, 'UTC')).toBe('13:05');
    expect(plain(formatDateTime('fr', instant, 'Europe/Paris'))).toBe('09/03/2025 14:05');
    expect(formatDate('fr', 'not a date')).toBe('');
  });
});
