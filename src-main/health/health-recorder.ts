import type { HealthEventInsert, HealthStore } from '../store/health-store';
import { healthWindows, WINDOW_COUNT, WINDOW_MS, type HealthWindow } from './health-windows';

export const HEALTH_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** How long health events may wait in memory before they are written together. */
export const HEALTH_FLUSH_MS = 200;

/**
 * Records one health event per gateway attempt or manual test and prunes the week-old tail.
 * Events are buffered and written in one transaction per flush: a commit per attempt was a
 * measurable share of the gateway's CPU (see the README's Benchmark section). Health is not money,
 * so a crash may lose at most one flush interval of events; every read flushes first.
 */
export class HealthRecorder {
  private lastPrune = 0;
  private pending: HealthEventInsert[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: HealthStore,
    /** Told after each record (the console's 'health' topic); may throttle itself. */
    private readonly onRecorded: () => void = () => {},
  ) {}

  record(e: HealthEventInsert): void {
    this.pending.push(e);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), HEALTH_FLUSH_MS);
      this.timer.unref();
    }
    if (e.at - this.lastPrune > PRUNE_EVERY_MS) this.prune(e.at);
    this.onRecorded();
  }

  /** Writes what is buffered; called by the timer, before every read, and at shutdown. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.store.insertMany(batch);
  }

  prune(now: number): number {
    this.flush();
    this.lastPrune = now;
    return this.store.prune(now - HEALTH_RETENTION_MS);
  }

  windows(channelId: number, now: number): HealthWindow[] {
    this.flush();
    const from = (Math.floor(now / WINDOW_MS) - (WINDOW_COUNT - 1)) * WINDOW_MS;
    const samples = this.store.since(channelId, from).map((r) => ({ at: r.at, status: r.status, httpStatus: r.http_status, ttftMs: r.ttft_ms, totalMs: r.total_ms }));
    return healthWindows(samples, now);
  }
}
