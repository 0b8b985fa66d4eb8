/**
 * The people who use Ardoise. The session in main holds the role; the renderer never states its own.
 *
 * ROLES is the ladder of discount authority, from least to most: the policy document gives each
 * of them limits, an approval names the lowest of them that may decide, and "at least a senior
 * agent" compares ranks on it. A `manager` is NOT on that ladder: managers read the insights
 * (which discounts keep customers) and neither take calls, grant credits nor approve them — so
 * hasAtLeast(manager, anything) is false, and the policy document needs no limits for them.
 */
export const ROLES = ['agent', 'senior_agent', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Every role a staff member may have: the ladder, and managers beside it. */
export const STAFF_ROLES = [...ROLES, 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Rank on the authority ladder; -1 for a role beside it (manager). */
export function roleRank(role: StaffRole): number {
  return (ROLES as readonly string[]).indexOf(role);
}

export function hasAtLeast(role: StaffRole, needed: Role): boolean {
  return isRole(role) && roleRank(role) >= roleRank(needed);
}

/** The lowest role on the ladder whose limit in `limits` reaches `n` (an amount, a count), or null when none does. */
export function lowestRoleFor(limits: Readonly<Record<Role, number>>, n: number): Role | null {
  for (const role of ROLES) if (limits[role] >= n) return role;
  return null;
}

/** On the authority ladder (agent, senior_agent, supervisor). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}
