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
  readonly accountPin?: string | null;
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
  return {
    currency: record.currency,
    date_of_birth: dob,
    postcode: record.postcode ? normalisePostcode(record.postcode) : null,
    last_invoice_amount: amount,
    account_pin: record.accountPin ? normalisePin(record.accountPin) : null,
  };
}

/** The question kinds this customer has an answer on file for, in QUESTION_KINDS order. */
export function kindsOnFile(facts: KnownFacts): QuestionKind[] {
  return QUESTION_KINDS.filter((kind) => {
    const value = facts[kind];
    return typeof value === 'string' && value !== '';
  });
}
