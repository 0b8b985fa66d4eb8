/**
 * A handful of stroke icons (no icon package is installed), kept as data: each icon is the list
 * of its parts, drawn by one component in one 24×24 stroke frame. Decorative: hidden from screen
 * readers.
 */
import type { ReactElement } from 'react';

/** A path (its `d`), a circle (cx, cy, r) or a rounded rectangle (x, y, width, height, rx). */
export type IconPart = string | { readonly circle: readonly [number, number, number] } | { readonly rect: readonly [number, number, number, number, number] };

function drawPart(part: IconPart, key: number): ReactElement {
  if (typeof part === 'string') return <path key={key} d={part} />;
  if ('circle' in part) {
    const [cx, cy, r] = part.circle;
    return <circle key={key} cx={cx} cy={cy} r={r} />;
  }
  const [x, y, width, height, rx] = part.rect;
  return <rect key={key} x={x} y={y} width={width} height={height} rx={rx} />;
}

export function StrokeIcon({ parts, size = 18 }: { parts: readonly IconPart[]; size?: number | undefined }): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {parts.map(drawPart)}
    </svg>
  );
}

interface IconProps {
  size?: number;
}

function icon(parts: readonly IconPart[]): (props: IconProps) => ReactElement {
  return function DataIcon({ size }) {
    return <StrokeIcon parts={parts} size={size} />;
  };
}

const HANDSET =
  'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2Z';
const SHIELD = 'M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10Z';
const EXCLAMATION = ['M12 8v4', 'M12 16h.01'];
const EYE: readonly IconPart[] = ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z', { circle: [12, 12, 3] }];
const LOCK_BODY: IconPart = { rect: [4, 11, 16, 10, 2] };

export const IconSearch = icon([{ circle: [11, 11, 7] }, 'm20 20-3.5-3.5']);
export const IconPhoneIncoming = icon(['M16 2v6h6', 'm22 2-6 6', HANDSET]);
export const IconShieldAlert = icon([SHIELD, ...EXCLAMATION]);
export const IconAlert = icon([{ circle: [12, 12, 9] }, ...EXCLAMATION]);
export const IconLogout = icon(['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'm16 17 5-5-5-5', 'M21 12H9']);
export const IconUserSearch = icon([{ circle: [10, 8, 4] }, 'M2 21a8 8 0 0 1 10.4-7.6', { circle: [17.5, 17.5, 2.5] }, 'm21 21-1.5-1.5']);
export const IconShieldCheck = icon([SHIELD, 'm9 12 2 2 4-4']);
export const IconLock = icon([LOCK_BODY, 'M8 11V7a4 4 0 0 1 8 0v4']);
export const IconClock = icon([{ circle: [12, 12, 9] }, 'M12 7v5l3 2']);
export const IconPhone = icon([HANDSET]);
export const IconPhoneOff = icon([
  'M10.7 13.3a16 16 0 0 0 3.3 2.6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-3.3-2.7',
  'M6.2 14.4A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9',
  'M22 2 2 22',
]);
export const IconCheck = icon(['m5 12 5 5L20 7']);
export const IconX = icon(['M18 6 6 18', 'm6 6 12 12']);
export const IconHistory = icon(['M3 12a9 9 0 1 0 3-6.7L3 8', 'M3 3v5h5', 'M12 7v5l4 2']);
export const IconRefresh = icon(['M21 12a9 9 0 0 1-15.5 6.2L3 16', 'M3 12a9 9 0 0 1 15.5-6.2L21 8', 'M21 3v5h-5', 'M3 21v-5h5']);
export const IconUnlock = icon([LOCK_BODY, 'M8 11V7a4 4 0 0 1 7.8-1.2']);
export const IconSpeak = icon(['M11 5 6 9H2v6h4l5 4V5Z', 'M15.5 8.5a5 5 0 0 1 0 7', 'M19 5a10 10 0 0 1 0 14']);
/** The eye of "show the answer" (crossed out while it is hidden). */
export const IconEye = icon(EYE);
export const IconEyeOff = icon([...EYE, 'M3 3l18 18']);
