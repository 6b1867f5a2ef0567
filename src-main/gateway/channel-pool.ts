import type { Provider } from '../../src-shared/api/ops/channels';
import type { FireSale } from '../../src-shared/api/ops/channels';
import type { CoreServices } from '../core/services';
import type { RoutableChannel } from '../routing/eligibility';

/** A channel as the gateway needs it: routing snapshot plus where and how to call it. */
export interface PoolChannel extends RoutableChannel {
  name: string;
  ownerId: number;
  provider: Provider;
  baseUrl: string;
  secretId: number | null;
  /** Own first-token timeout (ms); null: `routing_first_token_timeout_seconds`. */
  firstTokenTimeoutMs: number | null;
}

/**
 * In-memory snapshot of every channel, rebuilt lazily after any change ('channels' topic),
 * so choosing a channel costs no SQL on the hot path.
 */
export class ChannelPool {
  private snapshot: PoolChannel[] | null = null;

  constructor(private readonly core: CoreServices) {
    core.events.subscribe({
      userId: 0,
      isAdmin: true,
      send: (topics) => {
        if (topics.includes('channels') || topics.includes('users')) this.invalidate();
      },
    });
  }

  invalidate(): void {
    this.snapshot = null;
  }

  all(): PoolChannel[] {
    if (this.snapshot) return this.snapshot;
    const windows = this.core.stores.channels.windowsByChannel();
    const owners = new Map(this.core.stores.users.list().map((u) => [u.id, u.enabled === 1]));
    this.snapshot = this.core.stores.channels.list(null).map((c) => ({
      id: c.id,
      name: c.name,
      ownerId: c.owner_id,
      provider: c.provider,
      baseUrl: c.base_url,
      secretId: c.secret_id,
      // A suspended owner's channels stop routing even if someone re-enabled them.
      enabled: c.enabled === 1 && owners.get(c.owner_id) === true && c.secret_id !== null,
      models: JSON.parse(c.models) as string[],
      weight: c.weight,
      cooldownUntil: c.cooldown_until,
      fireSale: c.fire_sale === null ? null : (JSON.parse(c.fire_sale) as FireSale),
      firstTokenTimeoutMs: c.first_token_timeout_ms,
      windows: (windows.get(c.id) ?? []).map((w) => ({
        spec: { periodUnit: w.period_unit, periodCount: w.period_count, anchorAt: w.anchor_at, timezone: w.timezone },
        limitMicro: w.limit_micro,
        usedMicro: w.used_micro,
      })),
    }));
    return this.snapshot;
  }
}
