/**
 * The seeded demo users (scripts/seed.ts), shown as a discreet hint on the sign-in screen of
 * demo builds. They are real accounts of the seeded database, not renderer data: main checks
 * them like any other. Set SHOW_DEMO_ACCOUNTS to false for a production build.
 */
import type { MessageKey } from '../../../../core/i18n';

export const SHOW_DEMO_ACCOUNTS = true;

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly roleKey: MessageKey;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'agent', password: 'ardoise-agent', roleKey: 'role.agent' },
  { username: 'agent2', password: 'ardoise-agent', roleKey: 'role.agent' },
  { username: 'senior', password: 'ardoise-senior', roleKey: 'role.senior_agent' },
  { username: 'supervisor', password: 'ardoise-supervisor', roleKey: 'role.supervisor' },
  { username: 'manager', password: 'ardoise-manager', roleKey: 'role.manager' },
];
