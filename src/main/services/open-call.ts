/**
 * A call as the dispatcher's guard hands it to a handler: an open interaction of the acting
 * agent (OWN_INTERACTION), and with a verified caller (VERIFIED). Services take these, never a
 * session or an id read from the input: the guard has already checked whose call it is.
 */
export interface OpenCall {
  readonly id: string;
  readonly customerId: string | null;
  readonly agentId: string;
  readonly startedAt: string;
  readonly verifiedAt: string | null;
}

/** An open call whose caller passed verification: the customer is known and proven. */
export interface VerifiedCall extends OpenCall {
  readonly customerId: string;
  readonly verifiedAt: string;
}
