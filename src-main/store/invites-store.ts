import type { Db } from './connection';

export interface InviteRow {
  id: number;
  code: string;
  max_uses: number | null;
  used_count: number;
  enabled: number;
  expires_at: number | null;
  created_by: number | null;
  created_at: number;
}

export class InvitesStore {
  private readonly all;
  private readonly byId;
  private readonly byCode;
  private readonly insertStmt;
  private readonly consumeStmt;
  private readonly deleteStmt;

  constructor(private readonly db: Db) {
    this.all = db.prepare<[], InviteRow>('SELECT * FROM invite_codes ORDER BY id DESC');
    this.byId = db.prepare<[number], InviteRow>('SELECT * FROM invite_codes WHERE id = ?');
    this.byCode = db.prepare<[string], InviteRow>('SELECT * FROM invite_codes WHERE code = ?');
    this.insertStmt = db.prepare(
      'INSERT INTO invite_codes (code, max_uses, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    // Guarded increment: succeeds only while the code is usable, so two registrations cannot overuse it.
    this.consumeStmt = db.prepare<{ code: string; now: number }>(
      `UPDATE invite_codes SET used_count = used_count + 1
       WHERE code = @code AND enabled = 1 AND (max_uses IS NULL OR used_count < max_uses)
         AND (expires_at IS NULL OR expires_at > @now)`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM invite_codes WHERE id = ?');
  }

  list(): InviteRow[] {
    return this.all.all();
  }
  get(id: number): InviteRow | undefined {
    return this.byId.get(id);
  }
  getByCode(code: string): InviteRow | undefined {
    return this.byCode.get(code);
  }
  insert(code: string, maxUses: number | null, expiresAt: number | null, createdBy: number | null): number {
    return Number(this.insertStmt.run(code, maxUses, expiresAt, createdBy, Date.now()).lastInsertRowid);
  }
  /** True when the code was valid and one use was taken. */
  consume(code: string, now = Date.now()): boolean {
    return this.consumeStmt.run({ code, now }).changes === 1;
  }
  update(id: number, fields: Partial<Pick<InviteRow, 'max_uses' | 'enabled' | 'expires_at'>>): void {
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE invite_codes SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
  }
  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes === 1;
  }
}
