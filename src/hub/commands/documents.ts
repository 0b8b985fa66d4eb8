/**
 * 'invoice.sendCopy': an agent asked for a copy of an issued invoice to go to the customer (by
 * email to the address on file, or by post). The desk wrote the command and its audit entry; the
 * hub decides again from its own data: the call is the actor's, about this customer, and was
 * verified (on the hub) before the command was made; the invoice is that customer's and has
 * the number the desk read; an email copy needs an email address on file. Accepted, the receipt
 * (stored with the command) is the hub's record of the copy to send — what it names is all a
 * mailroom needs. A refusal is a rejected receipt with the reason.
 */
import { z } from 'zod';
import type { CommandContext, Outcome } from './push';
import { payloadId as id, payloadOf, Rejection } from './push';

const copyPayload = z
  .object({ invoiceId: id, customerId: id, number: z.string().min(1).max(64), channel: z.enum(['email', 'post']), locale: z.enum(['en', 'fr']) })
  .strict();

type Row = Record<string, unknown>;

export async function invoiceCopySent(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(copyPayload, ctx);
  const [call] = await ctx.sql.query<Row>(`SELECT agent_id, customer_id, verified_at FROM interactions WHERE id = $1`, [ctx.command.interactionId ?? '']);
  if (!call || call['agent_id'] !== ctx.actor.userId || call['customer_id'] !== p.customerId) {
    throw new Rejection([{ code: 'not_your_call', message: 'This copy was not asked for on one of this agent’s calls with this customer.' }]);
  }
  const verifiedAt = call['verified_at'];
  if (typeof verifiedAt !== 'string' || verifiedAt > ctx.command.createdAt) {
    throw new Rejection([{ code: 'not_verified', message: 'The caller had not passed verification when the copy was asked for.' }]);
  }
  const [invoice] = await ctx.sql.query<Row>(`SELECT i.number FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.id = $1 AND a.customer_id = $2`, [
    p.invoiceId,
    p.customerId,
  ]);
  if (!invoice) throw new Rejection([{ code: 'unknown_invoice', message: 'The hub knows no such invoice of this customer.' }]);
  if (invoice['number'] !== p.number) throw new Rejection([{ code: 'bad_payload', message: 'The invoice number does not match the hub’s.' }]);
  if (p.channel === 'email') {
    const [email] = await ctx.sql.query(`SELECT 1 FROM customer_emails WHERE customer_id = $1 LIMIT 1`, [p.customerId]);
    if (!email) throw new Rejection([{ code: 'no_email', message: 'The customer has no email address on file.' }]);
  } else {
    const [address] = await ctx.sql.query(`SELECT 1 FROM addresses WHERE customer_id = $1 LIMIT 1`, [p.customerId]);
    if (!address) throw new Rejection([{ code: 'no_address', message: 'The customer has no postal address on file.' }]);
  }
  return { status: 'accepted', result: { invoiceId: p.invoiceId, number: p.number, customerId: p.customerId, channel: p.channel, locale: p.locale } };
}
