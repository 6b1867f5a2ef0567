import { SETTINGS, SETTING_KEYS, defaultSettings, type SettingKey } from '../../../src-shared/settings';
import { settingsOps, type SettingEntry } from '../../../src-shared/api/ops/settings';
import type { CoreServices } from '../../core/services';
import { ApiError } from '../errors';
import type { HandlerMap } from '../handler';

function entries(core: CoreServices): SettingEntry[] {
  const values = core.settings.all();
  const defaults = defaultSettings();
  return SETTING_KEYS.map((key: SettingKey) => {
    const spec = SETTINGS[key];
    const entry: SettingEntry = {
      key,
      value: values[key],
      default: defaults[key],
      group: spec.group,
      label: spec.label,
      member_visible: spec.memberVisible,
      restart_required: spec.restartRequired,
    };
    if (spec.restartRequired) entry.active_value = core.settings.bootValues[key];
    return entry;
  });
}

export const settingsHandlers: HandlerMap<typeof settingsOps> = {
  'settings.list': (_input, { core }) => entries(core),
  'settings.update': (input, { core }) => {
    const { errors } = core.settings.update(input.items);
    if (errors.length > 0) throw new ApiError(400, errors.join('; '), 'invalid_settings');
    core.events.publish(['settings'], 'all');
    // Prices fall back to settings and surge/leaderboards read them: their views are stale too.
    core.events.publish(['prices', 'leaderboards'], 'all');
    return entries(core);
  },
  'runtimeSettings.get': (_input, { core }) => {
    const values = core.settings.all();
    const out: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) if (SETTINGS[key].memberVisible) out[key] = values[key];
    // The zone leaderboards actually use (setting, else TOKENALTAR_LEADERBOARD_TIMEZONE, else local).
    out.leaderboard_timezone_effective = core.economy.leaderboards.zone();
    return out;
  },
};
