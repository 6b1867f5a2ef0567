import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root in a checkout (src-main/store/../..); packaged apps pass their own paths. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
