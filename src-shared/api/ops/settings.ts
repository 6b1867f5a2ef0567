import { z } from 'zod';
import { op } from '../define';
import type { SettingKey, SettingSpec } from '../../settings';

export interface SettingEntry {
  key: SettingKey;
  value: unknown;
  default: unknown;
  group: SettingSpec['group'];
  label: string;
  member_visible: boolean;
  /** Startup-sized: a change is stored now and applies at the next start. */
  restart_required: boolean;
  /** For restart-required keys: the value the running process started with. */
  active_value?: unknown;
}

export const settingsOps = {
  'settings.list': op<SettingEntry[]>()({ method: 'GET', path: '/api/settings', access: 'admin', input: z.object({}) }),
  /** Body `[{key, value}]` (HTTP hands a JSON array body over as `{items}`); all valid or nothing is stored. */
  'settings.update': op<SettingEntry[]>()({
    method: 'POST',
    path: '/api/settings',
    access: 'admin',
    input: z.preprocess(
      (raw) => (Array.isArray(raw) ? { items: raw } : raw),
      z.object({
        items: z.array(z.object({ key: z.string().min(1).max(100), value: z.unknown() })).min(1).max(200),
      }),
    ),
  }),
  'runtimeSettings.get': op<Record<string, unknown>>()({ method: 'GET', path: '/api/runtime-settings', access: 'session', input: z.object({}) }),
};
