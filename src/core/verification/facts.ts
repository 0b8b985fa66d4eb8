/**
 * KnownFacts: the correct answers for one customer, in canonical form. They are built and held
 * in main only — never sent to the renderer, never put in an outcome or an audit entry.
 */
import { isMinor, minorDigits, type CurrencyCode, type Minor } from '../money';
import { normalisePin, normalisePostcode, parseIsoDate } from './normalise';
import { QUESTION_KINDS, type QuestionKind } from './policy';

export type KnownFacts = {
  /** The account's billing currency: how an amount the caller says is read. */
  readonly currency: CurrencyCode;
  /**
   * Kinds whose answer on file is a keyed digest of the canonical answer, not the answer itself
   * (the account PIN): a typed answer is digested the same way before it is compared.
   */
  readonly keyed?: readonly QuestionKind[];
} & {
  /** The canonical answer (see normalise.ts); absent, null or '' means "not on file". */
  readonly [K in QuestionKind]?: string | null;
};

/** What the store holds for a customer, as main reads it. */
export interface FactsOnRecord {
  readonly currency: CurrencyCode;
  /** 'YYYY-MM-DD'. */
  readonly dateOfBirth?: string | null;
  readonly postcode?: string | null;
  /** The last invoice's total, in minor units (null for a customer who has not been billed yet). */
  readonly lastInvoiceAmount?: Minor | null;
  /** A PIN as typed on file (stores before PINs were keyed; main converts them at start). */
  readonly accountPin?: string | null;
  /** The keyed digest of the canonical PIN (see main/security/pins.ts). */
  readonly accountPinDigest?: string | null;
}

/**
 * Builds KnownFacts from stored values with the same normalisers used on typed answers, so
 * the two sides of a comparison are always in the same form ("sw1a 1aa" on file matches
 * "SW1A 1AA" typed). A stored value that cannot be read is treated as not on file: that
 * question is then never asked, rather than failing every honest caller.
 */
export function knownFactsFromRecord(record: FactsOnRecord): KnownFacts {
  let currencyOk = true;
  try {
    minorDigits(record.currency);
  } catch {
    currencyOk = false;
  }
  const dob = record.dateOfBirth && parseIsoDate(record.dateOfBirth) ? record.dateOfBirth : null;
  const amount = currencyOk && isMinor(record.lastInvoiceAmount) ? String(record.lastInvoiceAmount) : null;
  const pinDigest = record.accountPinDigest ? record.accountPinDigest : null;
  return {
    currency: record.currency,
    date_of_birth: dob,
    postcode: record.postcode ? normalisePostcode(record.postcode) : null,
    last_invoice_amount: amount,
    account_pin: pinDigest ?? (record.accountPin ? normalisePin(record.accountPin) : null),
    ...(pinDigest ? { keyed: ['account_pin'] as const } : {}),
  };
}

/** The question kinds this customer has an answer on file for, in QUESTION_KINDS order. */
export function kindsOnFile(facts: KnownFacts): QuestionKind[] {
  return QUESTION_KINDS.filter((kind) => {
    const value = facts[kind];
    return typeof value === 'string' && value !== '';
  });
}
