import { z } from 'zod';
import { op } from '../define';

/** How the gateway is reachable right now (the desktop tray changes it at run time). */
export interface GatewayStatus {
  /** `local`: this computer only; `lan`: shared on the LAN; `paused`: not listening. */
  sharing: 'local' | 'lan' | 'paused';
  /** Base URL to give SDKs and CLIs (`http://host:port`); null while paused. */
  base_url: string | null;
  /** Every LAN base URL of this machine while shared; empty otherwise. */
  lan_urls: string[];
}

export interface SystemInfo {
  version: string;
  /** Where the secret store's master key lives: shown so it is reported, not hidden (STYLE.md). */
  secrets_backend: { kind: 'env' | 'key-file' | 'keychain'; description: string };
  gateway: GatewayStatus;
  /** True when this core runs inside the desktop app (tray, keychain, IPC console). */
  desktop: boolean;
}

export const systemOps = {
  'system.info': op<SystemInfo>()({ method: 'GET', path: '/api/system', access: 'admin', input: z.object({}) }),
};
