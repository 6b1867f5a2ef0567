import type { Db } from './connection';
import type { QuotaWindowRow } from './channels-store';

/** Request-time routing state kept on the channel tables: cooldowns and window usage. */
export class RoutingStateStore {
  private readonly setCooldownStmt;
  private readonly cooldownsStmt;
  private readonly windowsStmt;
  private readonly windowsOfStmt;
  private readonly settledSinceStmt;

  constructor(db: Db) {
    this.setCooldownStmt = db.prepare<[number | null, number]>('UPDATE channels SET cooldown_until = ? WHERE id = ?');
    this.cooldownsStmt = db.prepare<[number], { id: number; cooldown_until: number }>(
      'SELECT id, cooldown_until FROM channels WHERE cooldown_until IS NOT NULL AND cooldown_until > ? AND deleted_at IS NULL',
    );
    this.windowsStmt = db.prepare<[], QuotaWindowRow>('SELECT * FROM channel_quota_windows ORDER BY channel_id, position');
    this.windowsOfStmt = db.prepare<[number], QuotaWindowRow>('SELECT * FROM channel_quota_windows WHERE channel_id = ? ORDER BY position');
    this.settledSinceStmt = db.prepare<[number], { total: number }>("SELECT COALESCE(SUM(cost_micro), 0) AS total FROM ledger WHERE status = 'ok' AND created_at >= ?");
  }

  setCooldown(channelId: number, until: number | null): void {
    this.setCooldownStmt.run(until, channelId);
  }
  /** Cooldowns still running at `now`. */
  activeCooldowns(now: number): Map<number, number> {
    return new Map(this.cooldownsStmt.all(now).map((r) => [r.id, r.cooldown_until]));
  }
  allWindows(): QuotaWindowRow[] {
    return this.windowsStmt.all();
  }
  windowsOf(channelId: number): QuotaWindowRow[] {
    return this.windowsOfStmt.all(channelId);
  }
  /** Points settled by successful requests since `from` (surge demand). */
  settledMicroSince(from: number): number {
    return this.settledSinceStmt.get(from)?.total ?? 0;
  }
}
