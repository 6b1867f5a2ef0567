import type { LeaderboardEntry, LeaderboardPeriod, Leaderboards } from '../../src-shared/api/ops/economy';
import { fromMicro } from '../../src-shared/points';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { EconomyReportsStore, LeaderboardRow } from '../store/economy-reports-store';
import { leaderboardWindow, type PeriodWindow } from './leaderboard-period';

export const ANONYMOUS_NAME = 'Anonymous member';

/**
 * Day and month leaderboards (issue 5 §6): providers by tokens their channels served, consumers
 * by points spent; successful ledger rows only; members who chose anonymity are masked (no id,
 * no name) for everyone but themselves.
 */
export class LeaderboardService {
  constructor(
    private readonly reports: EconomyReportsStore,
    private readonly settings: RuntimeSettings,
    /** TOKENALTAR_LEADERBOARD_TIMEZONE, else the machine's zone. */
    private readonly envZone: string,
  ) {}

  /** The `leaderboard_timezone` setting when set, else the environment's zone. */
  zone(): string {
    return this.settings.get('leaderboard_timezone') || this.envZone;
  }

  window(period: LeaderboardPeriod, now = Date.now()): PeriodWindow {
    return leaderboardWindow(period, now, this.zone());
  }

  get(period: LeaderboardPeriod, viewerId: number, now = Date.now()): Leaderboards {
    const w = this.window(period, now);
    const size = this.settings.get('leaderboard_size');
    return {
      period,
      label: w.label,
      timezone: w.zone,
      start: new Date(w.startMs).toISOString(),
      end: new Date(w.endMs).toISOString(),
      providers: this.reports.topProviders(w.startMs, w.endMs, size).map((r, i) => entry(r, i, viewerId, r.value)),
      consumers: this.reports.topConsumers(w.startMs, w.endMs, size).map((r, i) => entry(r, i, viewerId, fromMicro(r.value))),
    };
  }
}

function entry(r: LeaderboardRow, index: number, viewerId: number, value: number): LeaderboardEntry {
  const isMe = r.user_id === viewerId;
  const anonymous = r.anonymous_leaderboard === 1;
  const masked = anonymous && !isMe;
  return {
    rank: index + 1,
    user_id: masked ? null : r.user_id,
    display_name: masked ? ANONYMOUS_NAME : r.display_name,
    anonymous,
    is_me: isMe,
    value,
  };
}
