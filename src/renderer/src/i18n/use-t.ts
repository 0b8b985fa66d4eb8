import { useMemo } from 'react';
import { errorMessage, t, tn, type Locale, type MessageKey, type MessageParams, type PluralBase } from '../../../core/i18n';
import { useLocaleState } from '../store/session';

export interface Translator {
  (key: MessageKey, params?: MessageParams): string;
  readonly locale: Locale;
  plural(base: PluralBase, count: number, params?: MessageParams): string;
  error(body: { readonly messageKey: string }): string;
}

export function makeTranslator(locale: Locale): Translator {
  const translate = (key: MessageKey, params?: MessageParams) => t(locale, key, params);
  return Object.assign(translate, {
    locale,
    plural: (base: PluralBase, count: number, params?: MessageParams) => tn(locale, base, count, params),
    error: (body: { readonly messageKey: string }) => errorMessage(locale, body),
  });
}

/** The current locale's translator; components re-render when the language changes. */
export function useT(): Translator {
  const locale = useLocaleState((s) => s.locale);
  return useMemo(() => makeTranslator(locale), [locale]);
}
