/** The people who use Ardoise, from least to most authority. The session in main holds the
 * role; the renderer never states its own. */
export const ROLES = ['agent', 'senior_agent', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function hasAtLeast(role: Role, needed: Role): boolean {
  return roleRank(role) >= roleRank(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
