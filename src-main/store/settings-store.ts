import type { Db } from './connection';

export class SettingsStore {
  private readonly all;
  private readonly upsert;

  constructor(private readonly db: Db) {
    this.all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string, number]>(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  readAll(): Map<string, unknown> {
    return new Map(this.all.all().map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }
  writeMany(entries: [string, unknown][]): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const [k, v] of entries) this.upsert.run(k, JSON.stringify(v), now);
    })();
  }
}
