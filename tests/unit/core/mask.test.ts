import { describe, expect, it } from 'vitest';
import { maskAccountNumber, maskEmail, maskPhone } from '../../../src/core/identity';

describe('masking for the unverified view', () => {
  it('keeps the country code and the last two digits of a phone number', () => {
    expect(maskPhone('+33612345678')).toBe('+33 6 •• •• •• 78');
    expect(maskPhone('+447911123456')).toBe('+44 7••• ••••56');
  });
  it('keeps only the first and last letters of the mailbox and the domain suffix', () => {
    expect(maskEmail('helene.dupre@orange.fr')).toBe('h•••e@o•••.fr');
    expect(maskEmail('jo@free.fr')).toBe('j•••@f•••.fr');
    expect(maskEmail('not-an-email')).toBe('•••');
  });
  it('shows only the last four digits of an account number', () => {
    expect(maskAccountNumber('AR-00012345')).toBe('AR-••••2345');
  });
  it('never leaves more than the allowed digits visible', () => {
    for (const n of ['+33612345678', '+33142685300', '+447911123456']) {
      const visible = maskPhone(n).replace(/\D/g, '');
      const cc = n.startsWith('+44') ? '44' : '33';
      expect(visible.length).toBeLessThanOrEqual(cc.length + 3);
    }
  });
});
