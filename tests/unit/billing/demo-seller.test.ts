import { describe, expect, it } from 'vitest';
import { frenchVatNumber, parseSeller, sirenValid } from '../../../src/core/billing';
import { luhnCheckDigit } from '../../../src/core/notes/luhn';
import { DEMO_SELLER } from '../../../src/main/demo/seller';

describe('the demo seller', () => {
  it('has a SIREN whose last digit is its Luhn check digit, and the VAT number of that SIREN', () => {
    expect(DEMO_SELLER.siren.slice(-1)).toBe(luhnCheckDigit(DEMO_SELLER.siren.slice(0, 8)));
    expect(sirenValid(DEMO_SELLER.siren)).toBe(true);
    expect(DEMO_SELLER.vatNumber).toBe(frenchVatNumber(DEMO_SELLER.siren));
    expect(parseSeller(JSON.stringify(DEMO_SELLER))).toEqual(DEMO_SELLER);
  });
});
