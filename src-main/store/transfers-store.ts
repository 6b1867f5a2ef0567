import type { Db } from './connection';

export interface TransferRow {
  id: number;
  created_at: number;
  from_user_id: number;
  to_user_id: number;
  amount_micro: number;
  memo: string;
  from_email: string;
  from_name: string;
  to_email: string;
  to_name: string;
}

export class TransfersStore {
  private readonly insertStmt;
  private readonly forUser;
  private readonly byId;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[number, number, number, number, string]>(
      'INSERT INTO transfers (created_at, from_user_id, to_user_id, amount_micro, memo) VALUES (?, ?, ?, ?, ?)',
    );
    const select = `SELECT t.*, f.email AS from_email, f.display_name AS from_name, r.email AS to_email, r.display_name AS to_name
      FROM transfers t JOIN users f ON f.id = t.from_user_id JOIN users r ON r.id = t.to_user_id`;
    this.forUser = db.prepare<[number, number, number], TransferRow>(
      `${select} WHERE t.from_user_id = ? OR t.to_user_id = ? ORDER BY t.id DESC LIMIT ?`,
    );
    this.byId = db.prepare<[number], TransferRow>(`${select} WHERE t.id = ?`);
  }

  insert(fromUserId: number, toUserId: number, amountMicro: number, memo: string, now = Date.now()): number {
    return Number(this.insertStmt.run(now, fromUserId, toUserId, amountMicro, memo).lastInsertRowid);
  }
  listForUser(userId: number, limit = 200): TransferRow[] {
    return this.forUser.all(userId, userId, limit);
  }
  get(id: number): TransferRow | undefined {
    return this.byId.get(id);
  }
}
