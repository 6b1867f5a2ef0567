import type { SettingsValues } from '../../src-shared/settings';
import { useOp } from './hooks';

/** The member-visible runtime settings, typed by the shared schema (absent until loaded). */
export function useRuntimeSettings(): Partial<SettingsValues> {
  const rs = useOp('runtimeSettings.get', {});
  return (rs.data ?? {}) as Partial<SettingsValues>;
}
