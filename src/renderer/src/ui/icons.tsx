/** A handful of stroke icons (no icon package is installed). Decorative: hidden from screen readers. */
import type { ReactElement, ReactNode } from 'react';

function Icon({ size = 18, children }: { size?: number | undefined; children: ReactNode }): ReactElement {
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
      {children}
    </svg>
  );
}

interface IconProps {
  size?: number;
}

export function IconSearch({ size }: IconProps): ReactElement {
  return (
    <Icon size={size}>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </Icon>
  );
}

export function IconPhoneIncoming({ size }: IconProps): ReactElement {
  return (
    <Icon size={size}>
      <path d="M16 2v6h6" />
      <path d="m22 2-6 6" />
      <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2Z" />
    </Icon>
  );
}

export function IconShieldAlert({ size }: IconProps): ReactElement {
  return (
    <Icon size={size}>
      <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10Z" />
      <path d="M12 8v4" />
      <path d="M12 16h.01" />
    </Icon>
  );
}

export function IconAlert({ size }: IconProps): ReactElement {
  return (
    <Icon size={size}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 8v4" />
      <path d="M12 16h.01" />
    </Icon>
  );
}

export function IconLogout({ size }: IconProps): ReactElement {
  return (
    <Icon size={size}>
      <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
      <path d="m16 17 5-5-5-5" />
      <path d="M21 12H9" />
    </Icon>
  );
}

export function IconUserSearch({ size }: IconProps): ReactElement {
  return (
    <Icon size={size}>
      <circle cx="10" cy="8" r="4" />
      <path d="M2 21a8 8 0 0 1 10.4-7.6" />
      <circle cx="17.5" cy="17.5" r="2.5" />
      <path d="m21 21-1.5-1.5" />
    </Icon>
  );
}
