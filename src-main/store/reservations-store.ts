import type { Db } from './connection';

export interface ReservationRow {
  id: number;
  request_id: string;
  created_at: number;
  user_id: number;
  api_key_id: number | null;
  channel_id: number;
  model: string;
  amount_micro: number;
  input_tokens: number;
  max_output_tokens: number;
  tokenizer_note: string;
}
export type ReservationInsert = Omit<ReservationRow, 'id'>;

export interface ReservationWindowRow {
  reservation_id: number;
  position: number;
  period_start: number;
}

/**
 * SQL of reservations and the holds they place. Every hold is a conditional UPDATE that changes
 * nothing (0 rows) when it would break a bound; callers run them inside one transaction and
 * roll back when any hold is refused.
 */
export class ReservationsStore {
  private readonly insertStmt;
  private readonly insertWindowStmt;
  private readonly byIdStmt;
  private readonly allStmt;
  private readonly windowsStmt;
  private readonly deleteStmt;
  private readonly holdBalanceStmt;
  private readonly refundBalanceStmt;
  private readonly holdKeyStmt;
  private readonly refundKeyStmt;
  private readonly holdWindowStmt;
  private readonly releaseWindowStmt;
  private readonly addWindowUsageStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<ReservationInsert>(
      `INSERT INTO reservations (request_id, created_at, user_id, api_key_id, channel_id, model, amount_micro, input_tokens, max_output_tokens, tokenizer_note)
       VALUES (@request_id, @created_at, @user_id, @api_key_id, @channel_id, @model, @amount_micro, @input_tokens, @max_output_tokens, @tokenizer_note)`,
    );
    this.insertWindowStmt = db.prepare<ReservationWindowRow>(
      'INSERT INTO reservation_windows (reservation_id, position, period_start) VALUES (@reservation_id, @position, @period_start)',
    );
    this.byIdStmt = db.prepare<[number], ReservationRow>('SELECT * FROM reservations WHERE id = ?');
    this.allStmt = db.prepare<[], ReservationRow>('SELECT * FROM reservations ORDER BY id');
    this.windowsStmt = db.prepare<[number], ReservationWindowRow>('SELECT * FROM reservation_windows WHERE reservation_id = ? ORDER BY position');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM reservations WHERE id = ?');
    this.holdBalanceStmt = db.prepare<{ id: number; amount: number }>(
      'UPDATE users SET balance_micro = balance_micro - @amount WHERE id = @id AND balance_micro >= @amount',
    );
    this.refundBalanceStmt = db.prepare<{ id: number; amount: number }>('UPDATE users SET balance_micro = balance_micro + @amount WHERE id = @id');
    this.holdKeyStmt = db.prepare<{ id: number; amount: number }>(
      `UPDATE api_keys SET spent_micro = spent_micro + @amount
       WHERE id = @id AND (spend_limit_micro IS NULL OR spent_micro + @amount <= spend_limit_micro)`,
    );
    this.refundKeyStmt = db.prepare<{ id: number; amount: number }>('UPDATE api_keys SET spent_micro = MAX(0, spent_micro - @amount) WHERE id = @id');
    // A stored amount from an earlier period counts as zero: the first hold of a period resets it.
    this.holdWindowStmt = db.prepare<{ channel_id: number; position: number; period_start: number; amount: number }>(
      `UPDATE channel_quota_windows
       SET used_micro = (CASE WHEN period_start IS @period_start THEN used_micro ELSE 0 END) + @amount, period_start = @period_start
       WHERE channel_id = @channel_id AND position = @position
         AND (CASE WHEN period_start IS @period_start THEN used_micro ELSE 0 END) + @amount <= limit_micro`,
    );
    this.releaseWindowStmt = db.prepare<{ channel_id: number; position: number; period_start: number; amount: number }>(
      `UPDATE channel_quota_windows SET used_micro = MAX(0, used_micro - @amount)
       WHERE channel_id = @channel_id AND position = @position AND period_start = @period_start`,
    );
    this.addWindowUsageStmt = db.prepare<{ channel_id: number; position: number; period_start: number; amount: number }>(
      `UPDATE channel_quota_windows
       SET used_micro = (CASE WHEN period_start IS @period_start THEN used_micro ELSE 0 END) + @amount, period_start = @period_start
       WHERE channel_id = @channel_id AND position = @position`,
    );
  }

  insert(r: ReservationInsert): number {
    return Number(this.insertStmt.run(r).lastInsertRowid);
  }
  insertWindow(w: ReservationWindowRow): void {
    this.insertWindowStmt.run(w);
  }
  get(id: number): ReservationRow | undefined {
    return this.byIdStmt.get(id);
  }
  all(): ReservationRow[] {
    return this.allStmt.all();
  }
  windows(reservationId: number): ReservationWindowRow[] {
    return this.windowsStmt.all(reservationId);
  }
  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** False (nothing changed) when the balance cannot cover the amount. */
  holdBalance(userId: number, amount: number): boolean {
    return this.holdBalanceStmt.run({ id: userId, amount }).changes === 1;
  }
  refundBalance(userId: number, amount: number): void {
    this.refundBalanceStmt.run({ id: userId, amount });
  }
  /** False when the key's spend limit cannot take the amount. */
  holdKeySpend(keyId: number, amount: number): boolean {
    return this.holdKeyStmt.run({ id: keyId, amount }).changes === 1;
  }
  refundKeySpend(keyId: number, amount: number): void {
    this.refundKeyStmt.run({ id: keyId, amount });
  }
  /** False when the window's current period cannot take the amount. */
  holdWindow(channelId: number, position: number, periodStart: number, amount: number): boolean {
    return this.holdWindowStmt.run({ channel_id: channelId, position, period_start: periodStart, amount }).changes === 1;
  }
  releaseWindow(channelId: number, position: number, periodStart: number, amount: number): void {
    this.releaseWindowStmt.run({ channel_id: channelId, position, period_start: periodStart, amount });
  }
  /** Settled usage: recorded even past the limit (it happened), never refused. */
  addWindowUsage(channelId: number, position: number, periodStart: number, amount: number): void {
    this.addWindowUsageStmt.run({ channel_id: channelId, position, period_start: periodStart, amount });
  }
}
