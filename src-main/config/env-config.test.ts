import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, parseBind } from './env-config';

describe('configuration from the environment', () => {
  it('defaults to 127.0.0.1:8080 and tokenaltar.sqlite3 in the working dir', () => {
    const c = configFromEnv({}, '/srv/ta');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, databaseFile: '/srv/ta/tokenaltar.sqlite3', dataDir: '/srv/ta', adminEmail: null });
  });
  it('reads every MISSION.md variable', () => {
    const c = configFromEnv(
      {
        TOKENALTAR_BIND: '0.0.0.0:9000',
        TOKENALTAR_DATABASE_URL: 'sqlite:///var/lib/ta/db.sqlite3',
        TOKENALTAR_ADMIN_EMAIL: 'boss@example.test',
        TOKENALTAR_ADMIN_PASSWORD: 'pw-123456',
        TOKENALTAR_LEADERBOARD_TIMEZONE: 'Asia/Shanghai',
      },
      '/x',
    );
    expect(c).toMatchObject({ host: '0.0.0.0', port: 9000, databaseFile: path.resolve('/var/lib/ta/db.sqlite3'), adminEmail: 'boss@example.test', leaderboardTimeZone: 'Asia/Shanghai' });
  });
  it('parses IPv6 binds and rejects junk', () => {
    expect(parseBind('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(() => parseBind('8080')).toThrow(/host:port/);
    expect(() => parseBind('x:99999')).toThrow(/range/);
  });
});
