import path from 'node:path';
import { configFromEnv, type AppConfig } from '../config/env-config';

/**
 * The core's config on the desktop: MISSION.md's variables still apply, but the data (SQLite file,
 * key file, tray choice) defaults to the app's userData dir instead of the working directory,
 * which for an installed app is wherever it was launched from.
 */
export function desktopConfig(userData: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const withDefaults: NodeJS.ProcessEnv = {
    ...env,
    TOKENALTAR_DATABASE_URL: env.TOKENALTAR_DATABASE_URL ?? `sqlite://${path.join(userData, 'tokenaltar.sqlite3')}`,
    TOKENALTAR_DATA_DIR: env.TOKENALTAR_DATA_DIR ?? userData,
  };
  return configFromEnv(withDefaults, userData);
}
