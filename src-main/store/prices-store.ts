import type { Db } from './connection';

export interface PriceDbRow {
  id: number;
  channel_id: number | null;
  model_pattern: string;
  input_micro: number;
  output_micro: number;
  cache_micro: number;
  cache_write_micro: number | null;
  preset: number;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}
export type PriceFields = Pick<PriceDbRow, 'channel_id' | 'model_pattern' | 'input_micro' | 'output_micro' | 'cache_micro' | 'cache_write_micro'>;

export class PricesStore {
  private readonly allStmt;
  private readonly byId;
  private readonly byScopePattern;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly markSeed;

  constructor(private readonly db: Db) {
    this.allStmt = db.prepare<[], PriceDbRow>('SELECT * FROM prices ORDER BY IFNULL(channel_id, 0), id');
    this.byId = db.prepare<[number], PriceDbRow>('SELECT * FROM prices WHERE id = ?');
    this.byScopePattern = db.prepare<[number, string], PriceDbRow>('SELECT * FROM prices WHERE IFNULL(channel_id, 0) = ? AND model_pattern = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO prices (channel_id, model_pattern, input_micro, output_micro, cache_micro, cache_write_micro, preset, created_by, created_at, updated_at)
       VALUES (@channel_id, @model_pattern, @input_micro, @output_micro, @cache_micro, @cache_write_micro, @preset, @created_by, @now, @now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE prices SET channel_id = @channel_id, model_pattern = @model_pattern, input_micro = @input_micro, output_micro = @output_micro,
         cache_micro = @cache_micro, cache_write_micro = @cache_write_micro, updated_at = @now WHERE id = @id`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM prices WHERE id = ?');
    this.markSeed = db.prepare<[string, number]>('INSERT OR IGNORE INTO seed_markers (name, seeded_at) VALUES (?, ?)');
  }

  list(): PriceDbRow[] {
    return this.allStmt.all();
  }
  get(id: number): PriceDbRow | undefined {
    return this.byId.get(id);
  }
  findByScope(channelId: number | null, pattern: string): PriceDbRow | undefined {
    return this.byScopePattern.get(channelId ?? 0, pattern);
  }
  insert(fields: PriceFields, createdBy: number | null, preset = false): number {
    return Number(this.insertStmt.run({ ...fields, preset: preset ? 1 : 0, created_by: createdBy, now: Date.now() }).lastInsertRowid);
  }
  update(id: number, fields: PriceFields): void {
    this.updateStmt.run({ ...fields, id, now: Date.now() });
  }
  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes === 1;
  }

  /**
   * Inserts `rows` the first time `seedName` is seen, never again (an admin's later edits or
   * deletions stay). A pattern the admin already priced is left alone. Returns rows inserted.
   */
  seedOnce(seedName: string, rows: PriceFields[]): number {
    return this.db.transaction(() => {
      if (this.markSeed.run(seedName, Date.now()).changes === 0) return 0;
      let n = 0;
      for (const r of rows) {
        if (this.findByScope(r.channel_id, r.model_pattern)) continue;
        this.insert(r, null, true);
        n++;
      }
      return n;
    })();
  }
}
