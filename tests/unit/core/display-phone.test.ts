import { describe, expect, it } from 'vitest';
import { displayPhone } from '../../../src/core/identity';

describe('displayPhone: caller ID as the desk reads it', () => {
  it.each([
    ['+33612345678', '06 12 34 56 78'], // national mobile
    ['+33142685300', '01 42 68 53 00'], // national landline
    ['+447911123456', '+44 7911 123456'], // foreign: international format
    ['+32470123456', '+32 470 12 34 56'],
  ])('%s → %s', (e164, shown) => expect(displayPhone(e164)).toBe(shown));

  it('another home country makes its own numbers national', () => {
    expect(displayPhone('+447911123456', 'GB')).toBe('07911 123456');
    expect(displayPhone('+33612345678', 'GB')).toBe('+33 6 12 34 56 78');
  });

  it('text that is not a number is not shown as one', () => {
    expect(displayPhone('anonymous')).toBeNull();
    expect(displayPhone('')).toBeNull();
  });
});
