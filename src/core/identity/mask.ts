/**
 * Masking for the unverified view: enough for the agent to recognise the right caller among
 * namesakes, not enough to read someone's details back to a fraudster.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

const DOT = '•';

const FRENCH = /^\+33([1-9])\d{6}(\d{2})$/;
const UK_MOBILE = /^\+447\d{7}(\d{2})$/;

/** "+33612345678" → "+33 6 •• •• •• 78": country code and the last two digits stay. */
export function maskPhone(e164: string): string {
  // Most callers are French: their grouping is fixed, and skipping the metadata parse keeps
  // a page of results cheap (lookup is on the hot path of every call).
  const fr = FRENCH.exec(e164);
  if (fr) return `+33 ${fr[1]} ${DOT}${DOT} ${DOT}${DOT} ${DOT}${DOT} ${fr[2]}`;
  // libphonenumber takes ~100 µs on a UK number: it set the lookup's p99 on its own.
  const uk = UK_MOBILE.exec(e164);
  if (uk) return `+44 7${DOT}${DOT}${DOT} ${DOT}${DOT}${DOT}${DOT}${uk[1]}`;
  const parsed = parsePhoneNumberFromString(e164);
  const pretty = parsed ? parsed.formatInternational() : e164;
  const cc = parsed ? `+${parsed.countryCallingCode}` : '';
  const body = pretty.slice(cc.length);
  const totalDigits = body.replace(/\D/g, '').length;
  let seen = 0;
  let out = '';
  for (const ch of body) {
    if (/\d/.test(ch)) {
      seen++;
      out += seen === 1 || seen > totalDigits - 2 ? ch : DOT;
    } else out += ch;
  }
  return cc + out;
}

/** "helene.dupre@orange.fr" → "h•••e@o•••.fr". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return DOT.repeat(3);
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const maskedLocal = local.length <= 2 ? local[0] + DOT.repeat(3) : local[0] + DOT.repeat(3) + local[local.length - 1];
  return `${maskedLocal}@${host[0] ?? ''}${DOT.repeat(3)}${tld}`;
}

/** "AR-00012345" → "AR-••••2345". */
export function maskAccountNumber(number: string): string {
  const keep = 4;
  let digitsLeft = number.replace(/\D/g, '').length;
  let out = '';
  let dots = 0;
  for (const ch of number) {
    if (/\d/.test(ch)) {
      if (digitsLeft <= keep) out += ch;
      else if (dots++ < 4) out += DOT;
      digitsLeft--;
    } else out += ch;
  }
  return out;
}
