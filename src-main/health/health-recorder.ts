import type { HealthEventInsert, HealthStore } from '../store/health-store';
import { healthWindows, WINDOW_COUNT, WINDOW_MS, type HealthWindow } from './health-windows';

export const HEALTH_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Writes one health event per gateway attempt or manual test; prunes the week-old tail. */
export class HealthRecorder {
  private lastPrune = 0;

  constructor(
    private readonly store: HealthStore,
    /** Told after each record (the console's 'health' topic); may throttle itself. */
    private readonly onRecorded: () => void = () => {},
  ) {}

  record(e: HealthEventInsert): void {
    this.store.insert(e);
    if (e.at - this.lastPrune > PRUNE_EVERY_MS) this.prune(e.at);
    this.onRecorded();
  }

  prune(now: number): number {
    this.lastPrune = now;
    return this.store.prune(now - HEALTH_RETENTION_MS);
  }

  windows(channelId: number, now: number): HealthWindow[] {
    const from = (Math.floor(now / WINDOW_MS) - (WINDOW_COUNT - 1)) * WINDOW_MS;
    const samples = this.store.since(channelId, from).map((r) => ({ at: r.at, status: r.status, httpStatus: r.http_status, ttftMs: r.ttft_ms, totalMs: r.total_ms }));
    return healthWindows(samples, now);
  }
}
