/**
 * The staff tokens the hub gave at sign-in (sync/hub-sign-in.ts), in memory only: each proves to
 * the hub, from this desk, that this person signed in here, for the routes a role gates
 * (insights across desks). Kept by person, so a session only ever sends its own; someone who
 * signed in while the hub was unreachable has none, and the desk says so. Forgotten when the
 * person's last session here ends (app.ts), so the next person at the desk cannot use it.
 */
export class StaffTokens {
  private readonly tokens = new Map<string, { token: string; expiresAt: string }>();

  constructor(private readonly now: () => Date) {}

  keep(userId: string, token: string, expiresAt: string): void {
    this.tokens.set(userId, { token, expiresAt });
  }

  /** Signed out: the token is not kept past the session it was given for. */
  forget(userId: string): void {
    this.tokens.delete(userId);
  }

  /** This person's token while it lasts, or null. */
  of(userId: string): string | null {
    const kept = this.tokens.get(userId);
    if (!kept) return null;
    if (Date.parse(kept.expiresAt) <= this.now().getTime()) {
      this.tokens.delete(userId);
      return null;
    }
    return kept.token;
  }
}
