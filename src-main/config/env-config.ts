import os from 'node:os';
import path from 'node:path';

export interface AppConfig {
  host: string;
  port: number;
  /** Directory for the key file and other state; the SQLite file defaults inside it. */
  dataDir: string;
  databaseFile: string;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Base64/hex 32-byte master key for upstream secrets (else a 0600 key file in dataDir). */
  secretKey: string | null;
  leaderboardTimeZone: string;
}

export function parseBind(bind: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(bind.trim());
  if (!m) throw new Error(`TOKENALTAR_BIND must look like host:port, got "${bind}"`);
  const port = Number(m[3]);
  if (port > 65535) throw new Error(`TOKENALTAR_BIND port out of range: ${port}`);
  return { host: (m[1] ?? m[2])!, port };
}

/** Reads MISSION.md's variables. Relative database paths resolve against the working dir. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const { host, port } = parseBind(env.TOKENALTAR_BIND ?? '127.0.0.1:8080');
  const dbUrl = env.TOKENALTAR_DATABASE_URL ?? 'sqlite://tokenaltar.sqlite3';
  const stripped = dbUrl.replace(/^sqlite:(\/\/)?/, '');
  const databaseFile = stripped === ':memory:' ? stripped : path.resolve(cwd, stripped);
  const dataDir = env.TOKENALTAR_DATA_DIR
    ? path.resolve(cwd, env.TOKENALTAR_DATA_DIR)
    : databaseFile === ':memory:'
      ? path.join(os.tmpdir(), 'tokenaltar')
      : path.dirname(databaseFile);
  return {
    host,
    port,
    dataDir,
    databaseFile,
    adminEmail: env.TOKENALTAR_ADMIN_EMAIL?.trim() || null,
    adminPassword: env.TOKENALTAR_ADMIN_PASSWORD || null,
    secretKey: env.TOKENALTAR_SECRET_KEY || null,
    leaderboardTimeZone: env.TOKENALTAR_LEADERBOARD_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}
