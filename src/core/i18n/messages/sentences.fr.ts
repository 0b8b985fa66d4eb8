/**
 * Les phrases que main écrit dans ce qu'il renvoie (avoirs, statut d'une demande pendant
 * l'appel, lignes de TVA). Merged into the fr catalogue.
 */
export const sentencesFr = {
  'sentence.ledger.recurring.one': '{label}\u00a0: {amount} de remise sur {count} facture, dès {month}',
  'sentence.ledger.recurring.other': '{label}\u00a0: {amount} de remise sur {count} factures, dès {month}',
  'sentence.ledger.feeWaiver': '{label}\u00a0: {amount} de frais de retard annulés',
  'sentence.ledger.feeWaiverOnInvoice': '{label}\u00a0: {amount} de frais de retard annulés (facture {invoice})',
  'sentence.ledger.creditOnInvoice': '{label}\u00a0: avoir de {amount} sur la facture {invoice}',
  'sentence.ledger.creditOnAccount': '{label}\u00a0: avoir de {amount} sur le compte',

  'sentence.request.monthly.one': '{amount} par mois pendant {count} mois',
  'sentence.request.monthly.other': '{amount} par mois pendant {count} mois',
  'sentence.request.aSupervisor': 'un superviseur',
  'sentence.request.comment': ' — «\u00a0{comment}\u00a0»',
  'sentence.request.pending': 'En attente de validation\u00a0: {label}, {worth}.',
  'sentence.request.approved': 'Accordé par {who}\u00a0: {amount}.{comment}',
  'sentence.request.approvedLower': 'Accordé par {who}\u00a0: {amount} (au lieu de {asked}).{comment}',
  'sentence.request.refused': 'Refusé par {who}.{comment}',
  'sentence.request.cancelled': 'Demande annulée.',

  'sentence.vat': 'TVA à {rate} sur {base}\u00a0: {amount}',
} as const;
