import type { Db } from './connection';

export interface SessionRow {
  id: number;
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export class SessionsStore {
  private readonly insertStmt;
  private readonly byHash;
  private readonly deleteStmt;
  private readonly deleteForUser;
  private readonly touchStmt;
  private readonly pruneStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM sessions WHERE id = ?');
    this.deleteForUser = db.prepare<[number]>('DELETE FROM sessions WHERE user_id = ?');
    this.touchStmt = db.prepare<[number, number]>('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  }

  insert(tokenHash: string, userId: number, ttlMs: number): number {
    const now = Date.now();
    return Number(this.insertStmt.run(tokenHash, userId, now, now + ttlMs, now).lastInsertRowid);
  }
  findByHash(tokenHash: string): SessionRow | undefined {
    return this.byHash.get(tokenHash);
  }
  delete(id: number): void {
    this.deleteStmt.run(id);
  }
  deleteAllForUser(userId: number): void {
    this.deleteForUser.run(userId);
  }
  touch(id: number, now: number): void {
    this.touchStmt.run(now, id);
  }
  pruneExpired(now = Date.now()): number {
    return this.pruneStmt.run(now).changes;
  }
}
