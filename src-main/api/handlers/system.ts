import fs from 'node:fs';
import path from 'node:path';
import { systemOps } from '../../../src-shared/api/ops/system';
import { PROJECT_ROOT } from '../../store/paths';
import { statusFromAddress } from '../../system/gateway-status';
import type { HandlerMap } from '../handler';

/** package.json sits at the app root both in a checkout and in the packaged app. */
let cachedVersion: string | null = null;
function appVersion(): string {
  if (cachedVersion === null) {
    try {
      cachedVersion = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      cachedVersion = 'unknown';
    }
  }
  return cachedVersion;
}

export const systemHandlers: HandlerMap<typeof systemOps> = {
  'system.info': (_input, { core }) => ({
    version: appVersion(),
    secrets_backend: { kind: core.secrets.backend.kind, description: core.secrets.backend.description },
    gateway: core.gatewayStatus?.status() ?? statusFromAddress(null),
    desktop: typeof process.versions.electron === 'string',
  }),
};
