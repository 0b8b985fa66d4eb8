import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
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

describe('the French and UK fast paths mask exactly like the general one', () => {
  it.each(['+33612345678', '+33142685300', '+33799887766', '+33987654321', '+447911123456', '+447240710608', '+447103484089'])('%s', (n) => {
    const general = (() => {
      // The general path: libphonenumber formatting, digit by digit.
      const parsed = parsePhoneNumberFromString(n)!;
      const cc = `+${parsed.countryCallingCode}`;
      const body = parsed.formatInternational().slice(cc.length);
      const digits = body.replace(/\D/g, '').length;
      let seen = 0;
      return cc + [...body].map((ch) => (/\d/.test(ch) ? (++seen === 1 || seen > digits - 2 ? ch : '•') : ch)).join('');
    })();
    expect(maskPhone(n)).toBe(general);
  });
});
