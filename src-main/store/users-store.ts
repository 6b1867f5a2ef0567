import type { Db } from './connection';

export interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  display_name: string;
  role: 'admin' | 'member';
  enabled: number;
  balance_micro: number;
  anonymous_leaderboard: number;
  created_at: number;
  updated_at: number;
}

export class UsersStore {
  private readonly byId;
  private readonly byEmail;
  private readonly all;
  private readonly insertStmt;
  private readonly countEnabledAdmins;
  private readonly adjustBalanceStmt;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
    this.all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id');
    this.insertStmt = db.prepare(
      `INSERT INTO users (email, password_hash, display_name, role, balance_micro, created_at, updated_at)
       VALUES (@email, @password_hash, @display_name, @role, @balance_micro, @now, @now)`,
    );
    this.countEnabledAdmins = db.prepare<[], { n: number }>(
      "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND enabled = 1",
    );
    // The CHECK (balance_micro >= 0) makes an overdraft fail inside the caller's transaction.
    this.adjustBalanceStmt = db.prepare<[number, number, number]>(
      'UPDATE users SET balance_micro = balance_micro + ?, updated_at = ? WHERE id = ?',
    );
  }

  get(id: number): UserRow | undefined {
    return this.byId.get(id);
  }
  getByEmail(email: string): UserRow | undefined {
    return this.byEmail.get(email);
  }
  list(): UserRow[] {
    return this.all.all();
  }
  enabledAdminCount(): number {
    return this.countEnabledAdmins.get()!.n;
  }
  insert(u: { email: string; password_hash: string; display_name: string; role: 'admin' | 'member'; balance_micro: number }): number {
    return Number(this.insertStmt.run({ ...u, now: Date.now() }).lastInsertRowid);
  }
  update(id: number, fields: Partial<Pick<UserRow, 'display_name' | 'role' | 'enabled' | 'password_hash' | 'anonymous_leaderboard' | 'balance_micro'>>): void {
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (keys.length === 0) return;
    // Column names come from the typed key list above, never from input.
    const sets = keys.map((k) => `${k} = @${k}`).join(', ');
    this.db.prepare(`UPDATE users SET ${sets}, updated_at = @now WHERE id = @id`).run({ ...fields, now: Date.now(), id });
  }
  adjustBalance(id: number, deltaMicro: number): void {
    const r = this.adjustBalanceStmt.run(deltaMicro, Date.now(), id);
    if (r.changes !== 1) throw new Error(`no user ${id}`);
  }
}
