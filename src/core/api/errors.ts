/**
 * Every failure that crosses the API is one of these codes with a message key for the i18n
 * layer — never a stack trace, never a raw exception message from the store.
 */
export const API_ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'NOT_FOUND',
  'VERIFICATION_REQUIRED',
  'INTERACTION_ENDED',
  'VERIFICATION_LOCKED',
  'NOTE_REFUSED',
  'POLICY_REFUSED',
  'APPROVAL_INVALID',
  'CONFLICT',
  'BAD_TOKEN',
  'BAD_ORIGIN',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  /** Key into the i18n catalogue, e.g. "error.invalidInput". */
  readonly messageKey: string;
  /** Field-level problems for INVALID_INPUT: path and a short reason, safe to show. */
  readonly issues?: readonly { path: string; message: string }[];
  /** For TOO_MANY_ATTEMPTS when the wait is known: milliseconds until a new try can succeed. */
  readonly retryAfterMs?: number;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorBody };

const MESSAGE_KEYS: Record<ApiErrorCode, string> = {
  UNKNOWN_METHOD: 'error.unknownMethod',
  INVALID_INPUT: 'error.invalidInput',
  UNAUTHENTICATED: 'error.unauthenticated',
  FORBIDDEN: 'error.forbidden',
  BAD_CREDENTIALS: 'error.badCredentials',
  TOO_MANY_ATTEMPTS: 'error.tooManyAttempts',
  NOT_FOUND: 'error.notFound',
  VERIFICATION_REQUIRED: 'error.verificationRequired',
  INTERACTION_ENDED: 'error.interactionEnded',
  VERIFICATION_LOCKED: 'error.verificationLocked',
  NOTE_REFUSED: 'error.noteContainsCardNumber',
  POLICY_REFUSED: 'error.policyRefused',
  APPROVAL_INVALID: 'error.approvalInvalid',
  CONFLICT: 'error.conflict',
  BAD_TOKEN: 'error.badToken',
  BAD_ORIGIN: 'error.badOrigin',
  PAYLOAD_TOO_LARGE: 'error.payloadTooLarge',
  INTERNAL: 'error.internal',
};

/** Thrown by services; the dispatcher turns it into an ApiErrorBody. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    readonly issues?: readonly { path: string; message: string }[],
    /** A more precise i18n key than the code's default (e.g. error.noteTooLong). */
    readonly messageKey?: string,
    /** See ApiErrorBody.retryAfterMs. */
    readonly retryAfterMs?: number,
  ) {
    super(code);
  }

  toBody(): ApiErrorBody {
    const body = apiErrorBody(this.code, this.issues);
    const withKey = this.messageKey ? { ...body, messageKey: this.messageKey } : body;
    return this.retryAfterMs === undefined ? withKey : { ...withKey, retryAfterMs: this.retryAfterMs };
  }
}

export function apiErrorBody(code: ApiErrorCode, issues?: readonly { path: string; message: string }[]): ApiErrorBody {
  return issues && issues.length > 0 ? { code, messageKey: MESSAGE_KEYS[code], issues } : { code, messageKey: MESSAGE_KEYS[code] };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes((value as { code: string }).code) &&
    typeof (value as { messageKey?: unknown }).messageKey === 'string'
  );
}
