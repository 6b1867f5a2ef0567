import type { RoutingStateStore } from '../store/routing-state-store';

/**
 * Channels resting after a retryable failure. Read on every request, so kept in memory; written
 * through to `channels.cooldown_until` so a restart does not send traffic straight back.
 */
export class Cooldowns {
  private readonly until: Map<number, number>;

  constructor(private readonly store: RoutingStateStore, now: number) {
    this.until = store.activeCooldowns(now);
  }

  /** Extends (never shortens) the channel's rest to `until`. Returns the cooldown in force. */
  coolDown(channelId: number, until: number): number {
    const current = this.until.get(channelId) ?? 0;
    if (until <= current) return current;
    this.until.set(channelId, until);
    this.store.setCooldown(channelId, until);
    return until;
  }

  /** Ends a cooldown early (e.g. a manual test succeeded). */
  clear(channelId: number): void {
    if (!this.until.delete(channelId)) return;
    this.store.setCooldown(channelId, null);
  }

  activeUntil(channelId: number, now: number): number | null {
    const u = this.until.get(channelId);
    if (u === undefined) return null;
    if (u <= now) {
      this.until.delete(channelId);
      return null;
    }
    return u;
  }
}
