import type { FireSale } from '../../src-shared/api/ops/channels';
import { matchesAny } from '../../src-shared/model-pattern';
import type { WindowSpec } from './quota-window';

/** One quota window as routing sees it at request time. */
export interface RoutableWindow {
  spec: WindowSpec;
  limitMicro: number;
  /** Settled plus reserved usage inside the current period. */
  usedMicro: number;
}

/** A channel snapshot: everything selection needs, nothing about secrets or wire formats. */
export interface RoutableChannel {
  id: number;
  enabled: boolean;
  models: readonly string[];
  weight: number;
  cooldownUntil: number | null;
  /** Position 0 is the primary inventory window. */
  windows: readonly RoutableWindow[];
  fireSale: FireSale | null;
}

export interface KeyScope {
  /** Empty: every model. */
  allowedModels: readonly string[];
  /** null: the key covers the whole pool. */
  allowedChannelIds: ReadonlySet<number> | null;
}

export type Rejection = 'key-channel' | 'key-model' | 'model' | 'disabled' | 'cooling' | 'quota' | 'tried';

export interface EligibilityQuery {
  key: KeyScope;
  model: string;
  now: number;
  /** Micro-points a reservation would take on this channel (its own prices decide). */
  reserveMicro: (channel: RoutableChannel) => number;
  /** Channels already tried for this request. */
  exclude?: ReadonlySet<number>;
}

export interface EligibilityResult {
  eligible: RoutableChannel[];
  rejected: Map<number, Rejection>;
}

/** Every window can hold the reservation on top of what its current period already carries. */
export function windowsCanHold(windows: readonly RoutableWindow[], reserveMicro: number): boolean {
  return windows.every((w) => w.usedMicro + reserveMicro <= w.limitMicro);
}

function rejection(ch: RoutableChannel, q: EligibilityQuery): Rejection | null {
  if (q.exclude?.has(ch.id)) return 'tried';
  if (q.key.allowedChannelIds && !q.key.allowedChannelIds.has(ch.id)) return 'key-channel';
  if (q.key.allowedModels.length > 0 && !matchesAny(q.key.allowedModels, q.model)) return 'key-model';
  if (!matchesAny(ch.models, q.model)) return 'model';
  if (!ch.enabled) return 'disabled';
  if (ch.cooldownUntil !== null && ch.cooldownUntil > q.now) return 'cooling';
  if (!windowsCanHold(ch.windows, q.reserveMicro(ch))) return 'quota';
  return null;
}

/** Key allow-list ∩ model coverage ∩ enabled ∩ not cooling ∩ every window able to hold. */
export function filterEligible(channels: readonly RoutableChannel[], q: EligibilityQuery): EligibilityResult {
  const eligible: RoutableChannel[] = [];
  const rejected = new Map<number, Rejection>();
  for (const ch of channels) {
    const why = rejection(ch, q);
    if (why) rejected.set(ch.id, why);
    else eligible.push(ch);
  }
  return { eligible, rejected };
}
