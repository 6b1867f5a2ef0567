import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { DatabaseTooNewError, loadMigrations, migrate } from './migrate';
import { DEFAULT_MIGRATIONS_DIR } from './paths';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-migrate-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration runner', () => {
  it('applies every shipped migration in order and records the version', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'a.sqlite3') });
    const all = loadMigrations(DEFAULT_MIGRATIONS_DIR);
    expect(db.pragma('user_version', { simple: true })).toBe(all.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('is idempotent: reopening applies nothing', () => {
    const file = path.join(tempDir(), 'b.sqlite3');
    openDatabase({ file }).close();
    const db = new Database(file);
    expect(migrate(db, loadMigrations(DEFAULT_MIGRATIONS_DIR)).applied).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the app and leaves it untouched', () => {
    const file = path.join(tempDir(), 'c.sqlite3');
    const db = new Database(file);
    db.pragma('user_version = 9999');
    expect(() => migrate(db, loadMigrations(DEFAULT_MIGRATIONS_DIR))).toThrow(DatabaseTooNewError);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('applies pending migrations in one transaction: a failing one rolls back all', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '0010_a.sql'), 'CREATE TABLE a (x INTEGER) STRICT;');
    fs.writeFileSync(path.join(dir, '0020_b.sql'), 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nope VALUES (1);');
    const db = new Database(':memory:');
    expect(() => migrate(db, loadMigrations(dir))).toThrow(/nope/);
    expect(tables(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  it('ignores files that are not numbered migrations', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'README.md'), '# notes');
    fs.writeFileSync(path.join(dir, '0010_ok.sql'), 'SELECT 1;');
    expect(loadMigrations(dir).map((m) => m.version)).toEqual([10]);
  });
});

describe('0010_init', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations(DEFAULT_MIGRATIONS_DIR).filter((m) => m.version === 10));

  it('creates the foundation tables as STRICT tables', () => {
    for (const t of ['users', 'sessions', 'invite_codes', 'secrets', 'channels', 'channel_quota_windows', 'api_keys', 'api_key_channels', 'settings', 'system_account', 'ledger', 'admin_grants']) {
      const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t) as { sql: string } | undefined)?.sql;
      expect(sql, t).toMatch(/STRICT/);
    }
  });

  it('enforces non-negative balances, role values and unique request ids', () => {
    const now = Date.now();
    db.prepare("INSERT INTO users (id, email, password_hash, display_name, role, created_at, updated_at) VALUES (1, 'a@x', 'h', 'a', 'member', ?, ?)").run(now, now);
    expect(() => db.prepare('UPDATE users SET balance_micro = -1 WHERE id = 1').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE users SET role = 'root' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE users SET balance_micro = 1.5 WHERE id = 1").run()).toThrow(/cannot store REAL/);
    const row = "INSERT INTO ledger (request_id, created_at, user_id, route, model, status) VALUES ('r1', 0, 1, 'openai-chat', 'm', 'ok')";
    db.prepare(row).run();
    expect(() => db.prepare(row).run()).toThrow(/UNIQUE/);
  });

  it('starts the system account at zero', () => {
    expect(db.prepare('SELECT balance_micro FROM system_account').get()).toEqual({ balance_micro: 0 });
  });
});
