/** A wait in seconds as the screens say it: "45 s", "2 min 05 s", in the locale's digits. */
import { formatNumber } from './index';
import type { Locale } from './locale';

export function formatDuration(locale: Locale, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  const n = (x: number, min = 1) => formatNumber(locale, x, { minimumIntegerDigits: min, maximumFractionDigits: 0 });
  return m === 0 ? `${n(rest)} s` : `${n(m)} min ${n(rest, 2)} s`;
}
