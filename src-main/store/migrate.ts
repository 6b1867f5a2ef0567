import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** `0010_init.sql` -> version 10. Files that do not follow the pattern are ignored. */
export function loadMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir)
    .map((file) => ({ file, m: /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
    .map(({ file, m }) => ({ version: Number(m[1]), name: m[2]!, sql: fs.readFileSync(path.join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

export class DatabaseTooNewError extends Error {
  constructor(readonly dbVersion: number, readonly appVersion: number) {
    super(`database schema version ${dbVersion} is newer than this app knows (${appVersion}); upgrade TokenAltar`);
  }
}

/**
 * Applies every pending migration in one transaction and records the version in
 * `PRAGMA user_version`. A database newer than the app is refused, never touched.
 */
export function migrate(db: Database, migrations: Migration[]): { from: number; to: number; applied: string[] } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest, applied: pending.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`) };
}
