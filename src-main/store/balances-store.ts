import type { Db } from './connection';

export interface BookTotals {
  balances: number;
  reservations: number;
  packets: number;
  system: number;
  grants: number;
}

/**
 * Guarded balance moves for the economy. A debit succeeds only when the balance covers it,
 * so callers learn "insufficient" from the result instead of a CHECK failure; run inside the
 * caller's transaction so the matching credit and record commit with it.
 */
export class BalancesStore {
  private readonly debitStmt;
  private readonly creditStmt;
  private readonly balanceStmt;
  private readonly totalsStmt;

  constructor(db: Db) {
    this.debitStmt = db.prepare<[number, number, number, number]>(
      'UPDATE users SET balance_micro = balance_micro - ?, updated_at = ? WHERE id = ? AND balance_micro >= ?',
    );
    this.creditStmt = db.prepare<[number, number, number]>('UPDATE users SET balance_micro = balance_micro + ?, updated_at = ? WHERE id = ?');
    this.balanceStmt = db.prepare<[number], { balance_micro: number }>('SELECT balance_micro FROM users WHERE id = ?');
    // Every place points can sit: balances, open reservations (routing's holds), red packets not
    // yet claimed or refunded, the system account; and what admins put in.
    this.totalsStmt = db.prepare<[], BookTotals>(
      `SELECT (SELECT IFNULL(SUM(balance_micro), 0) FROM users) AS balances,
              (SELECT IFNULL(SUM(amount_micro), 0) FROM reservations) AS reservations,
              (SELECT IFNULL(SUM(total_micro - claimed_micro - refunded_micro), 0) FROM red_packets) AS packets,
              (SELECT balance_micro FROM system_account WHERE id = 1) AS system,
              (SELECT IFNULL(SUM(delta_micro), 0) FROM admin_grants) AS grants`,
    );
  }

  /** True when `micro` was taken; false (nothing changed) when the balance is short. */
  debit(userId: number, micro: number): boolean {
    if (!Number.isSafeInteger(micro) || micro < 0) throw new RangeError(`debit must be a non-negative integer: ${micro}`);
    return this.debitStmt.run(micro, Date.now(), userId, micro).changes === 1;
  }
  credit(userId: number, micro: number): void {
    if (!Number.isSafeInteger(micro) || micro < 0) throw new RangeError(`credit must be a non-negative integer: ${micro}`);
    if (this.creditStmt.run(micro, Date.now(), userId).changes !== 1) throw new Error(`no user ${userId}`);
  }
  balance(userId: number): number | undefined {
    return this.balanceStmt.get(userId)?.balance_micro;
  }
  /** The terms of the conservation invariant: balances + reservations + packets + system = grants. */
  totals(): BookTotals {
    return this.totalsStmt.get()!;
  }
}
