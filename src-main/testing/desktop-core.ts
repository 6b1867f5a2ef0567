import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../config/env-config';
import { createCore, type Core } from '../core/create-core';
import { EnvMasterKey } from '../secrets/master-key-file';

export interface DesktopTestCore {
  core: Core;
  config: AppConfig;
  dataDir: string;
  cleanup(): Promise<void>;
}

/** A config for the desktop shell's tests: temp data dir, port 0, no admin (the shell makes the owner). */
export function desktopTestConfig(dataDir: string): AppConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseFile: path.join(dataDir, 'tokenaltar.sqlite3'),
    adminEmail: null,
    adminPassword: null,
    secretKey: null,
    leaderboardTimeZone: 'UTC',
  };
}

export function makeTempDir(prefix = 'ta-desktop-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The real core as the desktop shell gets it: created but not listening (the tray's sharing
 * choice decides where it binds).
 */
export async function createDesktopTestCore(): Promise<DesktopTestCore> {
  const dataDir = makeTempDir();
  const config = desktopTestConfig(dataDir);
  const core = await createCore({ config, masterKey: new EnvMasterKey('desktop-test-master-key') });
  return {
    core,
    config,
    dataDir,
    async cleanup() {
      await core.close(1_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
