/** Why the engine refused its input. The code is stable data; the message is for logs only. */
export type BillingErrorCode =
  | 'invalid-date'
  | 'invalid-cycle'
  | 'invalid-amount'
  | 'invalid-input'
  | 'unknown-plan'
  | 'unknown-option'
  | 'unknown-promotion'
  | 'unknown-fee'
  | 'no-tax-rule'
  | 'currency-mismatch'
  | 'no-active-plan'
  | 'usage-without-plan';

export class BillingError extends Error {
  override readonly name = 'BillingError';
  readonly code: BillingErrorCode;
  readonly details: Readonly<Record<string, string | number | null>>;

  constructor(code: BillingErrorCode, message: string, details: Readonly<Record<string, string | number | null>> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** Key of the translated message the UI shows, e.g. "billing.error.unknown-plan". */
  get messageKey(): string {
    return `billing.error.${this.code}`;
  }
}
