/** Disposition labels: the list is data (codes); the words live in the catalogue. */
import { hasMessage } from '../../../../core/i18n';
import type { Translator } from '../../i18n/use-t';

/** The label of a disposition code, or the code in readable form when the catalogue lacks it. */
export function dispositionLabel(t: Translator, code: string): string {
  const key = `disposition.${code}`;
  if (hasMessage(key)) return t(key);
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
