/**
 * The bill as the customer holds it, end to end: on a verified call, the bills screen opens the
 * print-ready view of the latest invoice (legal mentions, in English then in French), prints the
 * document alone (@media print), downloads the PDF made in main — a real PDF whose title is the
 * invoice — and sends a copy by post: one command in the outbox and one audit entry, however
 * often the agent clicks.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { expect, keepScreenshot, test } from './fixtures';
import { pickCustomers, verifiedCall } from './call-steps';

test('print view, PDF download and a copy sent by post from the bills screen', async ({ signedIn: page, ardoise }) => {
  const [known] = pickCustomers(ardoise, 1);
  if (!known) throw new Error('no suitable demo customer');
  await verifiedCall(page, known);
  await page.getByTestId('call-tab-bills').click();
  const number = (await page.getByTestId('invoice-number').innerText()).trim();
  expect(number.length).toBeGreaterThan(5);

  await page.getByTestId('invoice-document-open').click();
  const title = page.getByTestId('invoice-document-title');
  // The agent (agent2) works in English: the document opens in English.
  await expect(title).toHaveText(`Invoice ${number}`);
  await expect(page.getByTestId('invoice-document-seller')).toContainText(['Ardoise Télécom', 'RCS Paris 842719353', 'VAT number: FR26842719353']);
  await expect(page.getByTestId('invoice-document-customer').first()).toHaveText(`${known.givenName} ${known.familyName}`);
  await expect(page.locator('[data-mention="late-penalty"]')).toContainText('12.15%');
  await expect(page.locator('[data-mention="no-early-payment-discount"]')).toBeVisible();
  expect(await page.getByTestId('invoice-document-line').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('invoice-document-vat').count()).toBeGreaterThan(0);

  // In French for the customer: same invoice, French mentions and formats.
  await page.getByTestId('invoice-document-locale').getByText('Français').click();
  await expect(title).toHaveText(`Facture n°\u00a0${number}`);
  await expect(page.locator('[data-mention="late-penalty"]')).toContainText('12,15');
  await expect(page.getByTestId('invoice-document-body')).toHaveAttribute('lang', 'fr');
  await keepScreenshot(page, 'invoice-document');
  // The print view passes axe (no serious or critical violation).
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`),
  ).toEqual([]);

  // Printed, the page shows the document and nothing of the screen around it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('invoice-document-body')).toBeVisible();
  await expect(page.getByTestId('invoice-document-pdf')).toBeHidden();
  await expect(page.getByTestId('invoice-panel')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The PDF, made in main: a real PDF whose title is the invoice's, in French.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('invoice-document-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/^Facture-.*\.pdf$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
  expect(pdf.getTitle()).toBe(`Facture n°\u00a0${number}`);

  // A copy by post: one command and one audit entry, even clicked twice.
  const copies = () => ({
    outbox: ardoise.db.prepare(`SELECT count(*) FROM command_outbox WHERE type = 'invoice.sendCopy'`).pluck().get(),
    audit: ardoise.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'invoice_copy_sent'`).pluck().get(),
  });
  const before = copies();
  await page.getByTestId('invoice-send-channel').getByText('By post').click();
  await page.getByTestId('invoice-send').dblclick();
  await expect(page.getByTestId('invoice-send-done')).toContainText(`Copy of ${number} sent by post`);
  await expect(page.getByTestId('invoice-send')).toBeDisabled();
  expect(copies()).toEqual({ outbox: Number(before.outbox) + 1, audit: Number(before.audit) + 1 });
});
