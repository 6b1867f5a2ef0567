import { SETTINGS, SETTING_KEYS, crossCheckSettings, defaultSettings, type SettingKey, type SettingsValues } from '../../src-shared/settings';
import type { SettingsStore } from '../store/settings-store';

/**
 * Settings with an in-memory copy: the gateway reads them on every request, so reads never
 * touch SQLite; writes validate, persist, then swap the copy (request-time settings apply at once).
 * `bootValues` keeps what startup-sized settings were when the process started.
 */
export class RuntimeSettings {
  private values: SettingsValues;
  readonly bootValues: SettingsValues;

  constructor(private readonly store: SettingsStore) {
    this.values = this.load();
    this.bootValues = { ...this.values };
  }

  private load(): SettingsValues {
    const stored = this.store.readAll();
    const values = defaultSettings() as Record<string, unknown>;
    for (const key of SETTING_KEYS) {
      if (!stored.has(key)) continue;
      const parsed = SETTINGS[key].schema.safeParse(stored.get(key));
      // A stored value that no longer validates (schema tightened) falls back to the default.
      if (parsed.success) values[key] = parsed.data;
    }
    return values as SettingsValues;
  }

  get<K extends SettingKey>(key: K): SettingsValues[K] {
    return this.values[key];
  }
  all(): SettingsValues {
    return this.values;
  }

  /** Validates every entry first; nothing is written unless all are valid. */
  update(entries: { key: string; value: unknown }[]): { errors: string[] } {
    const errors: string[] = [];
    const accepted: [SettingKey, unknown][] = [];
    for (const { key, value } of entries) {
      if (!(key in SETTINGS)) {
        errors.push(`unknown setting: ${key}`);
        continue;
      }
      const k = key as SettingKey;
      const parsed = SETTINGS[k].schema.safeParse(value);
      if (!parsed.success) errors.push(`${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      else accepted.push([k, parsed.data]);
    }
    if (errors.length > 0) return { errors };
    const cross = crossCheckSettings({ ...this.values, ...Object.fromEntries(accepted) } as SettingsValues);
    if (cross.length > 0) return { errors: cross };
    this.store.writeMany(accepted);
    this.values = { ...this.values, ...Object.fromEntries(accepted) } as SettingsValues;
    return { errors };
  }
}
