import type { Dashboard, DashboardChannel } from '../../src-shared/api/ops/ledger';
import { fromMicro } from '../../src-shared/points';
import type { CoreServices } from '../core/services';
import { ChannelPool, type PoolChannel } from '../gateway/channel-pool';
import { fireSaleActive } from '../routing/fire-sale';

/** One pool snapshot per core (it listens to 'channels' to refresh), shared by every dashboard read. */
const pools = new WeakMap<CoreServices, ChannelPool>();
function poolOf(core: CoreServices): ChannelPool {
  let p = pools.get(core);
  if (!p) {
    p = new ChannelPool(core);
    pools.set(core, p);
  }
  return p;
}

/**
 * The dashboard: the caller's points and spend (leaderboard zone's day and month), the pool's
 * live capacity (primary windows, holds included) and surge state from routing. Members get the
 * pool totals and the breakdown of their own channels; admins the breakdown of every channel.
 */
export function buildDashboard(core: CoreServices, viewer: { userId: number; isAdmin: boolean }, now = Date.now()): Dashboard {
  const all = core.routing.live(poolOf(core).all(), now);
  const surge = core.routing.surge(all, now);
  let capacityLimit = 0;
  let capacityRemaining = 0;
  const channels: DashboardChannel[] = [];
  for (const c of all) {
    const primary = c.windows[0];
    const routable = c.enabled && (c.cooldownUntil === null || c.cooldownUntil <= now);
    if (primary && routable) {
      capacityLimit += primary.limitMicro;
      capacityRemaining += Math.max(0, primary.limitMicro - primary.usedMicro);
    }
    if (viewer.isAdmin || c.ownerId === viewer.userId) channels.push(channelView(c, now));
  }
  const day = core.economy.leaderboards.window('day', now);
  const month = core.economy.leaderboards.window('month', now);
  const today = core.economy.reports.userActivity(viewer.userId, day.startMs, day.endMs);
  const thisMonth = core.economy.reports.userActivity(viewer.userId, month.startMs, month.endMs);
  const d: Dashboard = {
    points_balance: fromMicro(core.stores.users.get(viewer.userId)?.balance_micro ?? 0),
    spend_today_points: fromMicro(today.spent),
    spend_month_points: fromMicro(thisMonth.spent),
    earned_today_points: fromMicro(today.earned),
    requests_today: today.requests,
    enabled_channels: all.filter((c) => c.enabled).length,
    total_channels: all.length,
    capacity_remaining_points: fromMicro(capacityRemaining),
    capacity_limit_points: fromMicro(capacityLimit),
    channels,
    surge: { level: surge.level, multiplier: surge.multiplier, ratio: surge.ratio === null || !Number.isFinite(surge.ratio) ? null : surge.ratio, enabled: core.settings.get('surge_enabled') },
    timezone: day.zone,
  };
  if (viewer.isAdmin) {
    const b = core.economy.balances.totals();
    d.system_points = fromMicro(b.system);
    d.books = {
      balances_points: fromMicro(b.balances),
      reservations_points: fromMicro(b.reservations),
      red_packets_points: fromMicro(b.packets),
      system_points: fromMicro(b.system),
      grants_points: fromMicro(b.grants),
      balanced: b.balances + b.reservations + b.packets + b.system === b.grants,
    };
  }
  return d;
}

function channelView(c: PoolChannel, now: number): DashboardChannel {
  const primary = c.windows[0];
  return {
    id: c.id,
    name: c.name,
    provider: c.provider,
    enabled: c.enabled,
    limit_points: primary ? fromMicro(primary.limitMicro) : null,
    used_points: primary ? fromMicro(primary.usedMicro) : null,
    remaining_points: primary ? fromMicro(Math.max(0, primary.limitMicro - primary.usedMicro)) : null,
    fire_sale_active: fireSaleActive(c.fireSale, primary, now),
  };
}
