/**
 * Ce que le client a en main : intitulés, mentions légales et libellés de la vue imprimable et
 * du PDF (core/billing/invoice-document.ts). Fusionné dans le catalogue fr.
 */
import type { documentEn } from './document.en';

export const documentFr: { readonly [K in keyof typeof documentEn]: string } = {
  'doc.title.invoice': 'Facture n°\u00a0{number}',
  'doc.title.creditNote': 'Avoir n°\u00a0{number}',
  'doc.seller.heading': 'Émetteur',
  'doc.seller.capital': '{legalForm} au capital de {capital}',
  'doc.seller.siren': 'SIREN {siren}',
  'doc.seller.registry': '{registry} {siren}',
  'doc.seller.vat': 'N° de TVA intracommunautaire\u00a0: {vat}',
  'doc.customer.heading': 'Client',
  'doc.customer.noAddress': 'Aucune adresse de facturation enregistrée',
  'doc.fact.invoiceNumber': 'Numéro de facture',
  'doc.fact.creditNoteNumber': 'Numéro d’avoir',
  'doc.fact.issuedOn': 'Date d’émission',
  'doc.fact.period': 'Période de service',
  'doc.fact.periodValue': 'du {from} au {to}',
  'doc.fact.dueOn': 'Date d’échéance',
  'doc.fact.account': 'Compte client',
  'doc.fact.corrects': 'Facture rectifiée',
  'doc.col.description': 'Désignation',
  'doc.col.net': 'Montant HT',
  'doc.col.vatRate': 'Taux de TVA',
  'doc.col.total': 'Montant TTC',
  'doc.vat.heading': 'TVA par taux',
  'doc.vat.rate': 'TVA à {rate}',
  'doc.vat.outside': 'Hors champ de TVA',
  'doc.vat.base': 'Base HT',
  'doc.vat.amount': 'TVA',
  'doc.total.net': 'Total HT',
  'doc.total.vat': 'Total TVA',
  'doc.total.gross': 'Total TTC',
  'doc.total.previous': 'Solde précédent',
  'doc.total.payments': 'Paiements reçus',
  'doc.total.due': 'Montant à payer avant le {date}',
  'doc.total.inFavour': 'Solde en votre faveur',
  'doc.mention.latePenalty': 'En cas de retard de paiement, des pénalités au taux annuel de {rate} sont exigibles dès le lendemain de la date d’échéance.',
  'doc.mention.indemnity':
    'Tout client professionnel en retard de paiement est de plein droit débiteur d’une indemnité forfaitaire pour frais de recouvrement de {amount} (Code de commerce, art.\u00a0L441-10 et D441-5).',
  'doc.mention.noDiscount': 'Pas d’escompte pour paiement anticipé.',
  'doc.mention.creditNote': 'Cet avoir se rapporte à la facture n°\u00a0{number} du {date}.',
  'doc.page': 'Page {page} sur {pages}',
};
