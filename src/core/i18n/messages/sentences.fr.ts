/**
 * Les phrases que main écrit dans ce qu'il renvoie (avoirs, statut d'une demande pendant
 * l'appel, lignes de TVA). Merged into the fr catalogue.
 */
export const sentencesFr = {
  'sentence.ledger.recurring.one': '{label} : {amount} de remise sur {count} facture à partir de {month}',
  'sentence.ledger.recurring.other': '{label} : {amount} de remise sur {count} factures à partir de {month}',
  'sentence.ledger.feeWaiver': '{label} : {amount} de frais de retard annulés',
  'sentence.ledger.feeWaiverOnInvoice': '{label} : {amount} de frais de retard annulés (facture {invoice})',
  'sentence.ledger.creditOnInvoice': '{label} : avoir de {amount} sur la facture {invoice}',
  'sentence.ledger.creditOnAccount': '{label} : avoir de {amount} sur le compte',

  'sentence.request.monthly.one': '{amount} par mois pendant {count} mois',
  'sentence.request.monthly.other': '{amount} par mois pendant {count} mois',
  'sentence.request.aSupervisor': 'un superviseur',
  'sentence.request.comment': ' — « {comment} »',
  'sentence.request.pending': 'En attente de validation : {label}, {worth}.',
  'sentence.request.approved': 'Accordé par {who} : {amount}.{comment}',
  'sentence.request.approvedLower': 'Accordé par {who} : {amount} (au lieu de {asked}).{comment}',
  'sentence.request.refused': 'Refusé par {who}.{comment}',
  'sentence.request.cancelled': 'Demande annulée.',

  'sentence.vat': 'TVA à {rate} sur {base} : {amount}',
} as const;
