import type { Db } from './connection';

export interface HealthEventRow {
  id: number;
  channel_id: number;
  at: number;
  status: 'available' | 'empty' | 'degraded' | 'down';
  http_status: number | null;
  ttft_ms: number | null;
  total_ms: number | null;
  source: 'gateway' | 'test';
  error: string | null;
}
export type HealthEventInsert = Omit<HealthEventRow, 'id'>;

export class HealthStore {
  private readonly insertStmt;
  private readonly sinceStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<HealthEventInsert>(
      `INSERT INTO health_events (channel_id, at, status, http_status, ttft_ms, total_ms, source, error)
       VALUES (@channel_id, @at, @status, @http_status, @ttft_ms, @total_ms, @source, @error)`,
    );
    this.sinceStmt = db.prepare<[number, number], HealthEventRow>('SELECT * FROM health_events WHERE channel_id = ? AND at >= ? ORDER BY at');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM health_events WHERE at < ?');
  }

  insert(e: HealthEventInsert): void {
    this.insertStmt.run(e);
  }
  /** Many events in one transaction (one WAL commit instead of one per event). */
  insertMany(events: readonly HealthEventInsert[]): void {
    this.db.transaction(() => {
      for (const e of events) this.insertStmt.run(e);
    })();
  }
  since(channelId: number, from: number): HealthEventRow[] {
    return this.sinceStmt.all(channelId, from);
  }
  /** Deletes events older than `before`; returns how many. */
  prune(before: number): number {
    return this.pruneStmt.run(before).changes;
  }
}
