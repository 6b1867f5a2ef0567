import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_MIGRATIONS_DIR } from './paths';
import { loadMigrations, migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  file: string;
  migrationsDir?: string;
}

/** Opens (creating if needed) the SQLite file with the pragmas the whole app relies on. */
export function openDatabase({ file, migrationsDir = DEFAULT_MIGRATIONS_DIR }: OpenOptions): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode is durable against process crashes (the case we promise); FULL costs ~9x.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, loadMigrations(migrationsDir));
  return db;
}

