import type { Logger } from 'pino';
import { fromMicro } from '../../src-shared/points';
import type { EventBus } from '../core/event-bus';
import { HealthRecorder } from '../health/health-recorder';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { AffinityStore } from '../store/affinity-store';
import type { Db } from '../store/connection';
import { HealthStore } from '../store/health-store';
import { ReservationsStore } from '../store/reservations-store';
import { RoutingStateStore } from '../store/routing-state-store';
import { AffinityService } from './affinity-service';
import { Cooldowns } from './cooldowns';
import type { RoutableChannel } from './eligibility';
import { withLiveState } from './live-channels';
import { Reservations } from './reservations';
import { surgeState, type SurgeState } from './surge';

const SURGE_CACHE_MS = 5_000;
const HEALTH_PUBLISH_MS = 2_000;
const HOUR_MS = 3_600_000;

/**
 * Routing's share of the core: reservations, cooldowns, affinity, health and surge, built once
 * by createCore() and used by the gateway relay and the console handlers.
 */
export class RoutingServices {
  readonly state: RoutingStateStore;
  readonly reservations: Reservations;
  readonly cooldowns: Cooldowns;
  readonly affinityStore: AffinityStore;
  readonly affinity: AffinityService;
  readonly health: HealthRecorder;
  private surgeCache: { at: number; value: SurgeState } | null = null;
  private healthTimer: NodeJS.Timeout | null = null;

  private readonly log: Logger;

  constructor(
    db: Db,
    log: Logger,
    private readonly settings: RuntimeSettings,
    events: EventBus,
  ) {
    this.log = log.child({ module: 'routing' });
    this.state = new RoutingStateStore(db);
    this.reservations = new Reservations(db, new ReservationsStore(db), (id) => this.state.windowsOf(id));
    this.cooldowns = new Cooldowns(this.state, Date.now());
    this.affinityStore = new AffinityStore(db);
    this.affinity = new AffinityService(this.affinityStore, settings.get('affinity_cache_capacity'));
    this.health = new HealthRecorder(new HealthStore(db), () => {
      // Coalesce: a busy gateway records many attempts a second; the console needs one nudge.
      this.healthTimer ??= setTimeout(() => {
        this.healthTimer = null;
        events.publish(['health'], 'all');
      }, HEALTH_PUBLISH_MS).unref();
    });
  }

  /** Start-up housekeeping: nothing is in flight yet, so every reservation row is stale. */
  start(now: number): void {
    for (const r of this.reservations.releaseStale()) {
      this.log.warn(
        { reservation: r.id, request: r.request_id, user: r.user_id, key: r.api_key_id, channel: r.channel_id, points: fromMicro(r.amount_micro), since: new Date(r.created_at).toISOString() },
        'released a stale reservation left by an earlier run',
      );
    }
    const pruned = this.health.prune(now);
    const expired = this.affinity.pruneExpired(now);
    if (pruned || expired) this.log.info({ healthEvents: pruned, affinityBindings: expired }, 'pruned old routing data');
  }

  /** The snapshot channels with current window usage (holds included) and cooldowns. */
  live<T extends RoutableChannel>(channels: readonly T[], now: number): T[] {
    return withLiveState(channels, this.state.allWindows(), this.cooldowns, now);
  }

  /** Surge from the ledger's last hour against routable supply (cached a few seconds). */
  surge(channels: readonly RoutableChannel[], now: number): SurgeState {
    if (this.surgeCache && now - this.surgeCache.at < SURGE_CACHE_MS) return this.surgeCache.value;
    const s = this.settings.all();
    const value = surgeState(this.state.settledMicroSince(now - HOUR_MS), this.live(channels, now), now, s);
    this.surgeCache = { at: now, value };
    return value;
  }

  close(): void {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = null;
    this.health.flush();
  }
}
