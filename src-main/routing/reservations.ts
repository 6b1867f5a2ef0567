import type { Db } from '../store/connection';
import type { QuotaWindowRow } from '../store/channels-store';
import type { ReservationRow, ReservationsStore } from '../store/reservations-store';
import { periodAt } from './quota-window';

export interface ReserveRequest {
  requestId: string;
  userId: number;
  apiKeyId: number | null;
  channelId: number;
  model: string;
  amountMicro: number;
  inputTokens: number;
  maxOutputTokens: number;
  tokenizerNote: string;
  now: number;
}

export type ReserveRefusal = 'balance' | 'key-spend' | 'quota';
export type ReserveResult = { ok: true; id: number } | { ok: false; refusal: ReserveRefusal };

class Refused extends Error {
  constructor(readonly refusal: ReserveRefusal) {
    super(refusal);
  }
}

function windowPeriodStart(w: QuotaWindowRow, now: number): number {
  return periodAt({ periodUnit: w.period_unit, periodCount: w.period_count, anchorAt: w.anchor_at, timezone: w.timezone }, now).start;
}

/**
 * Holds on points, key spend and channel quota, taken before an upstream attempt and undone or
 * converted to real usage afterwards. Each operation is one SQLite transaction; with one
 * connection those serialize, so no bound can be passed by requests racing each other.
 */
export class Reservations {
  constructor(
    private readonly db: Db,
    private readonly store: ReservationsStore,
    private readonly windowsOf: (channelId: number) => QuotaWindowRow[],
  ) {}

  /** All holds or none: a refused hold rolls the whole reservation back. */
  reserve(r: ReserveRequest): ReserveResult {
    try {
      const id = this.db.transaction(() => {
        if (!this.store.holdBalance(r.userId, r.amountMicro)) throw new Refused('balance');
        if (r.apiKeyId !== null && !this.store.holdKeySpend(r.apiKeyId, r.amountMicro)) throw new Refused('key-spend');
        const id = this.store.insert({
          request_id: r.requestId,
          created_at: r.now,
          user_id: r.userId,
          api_key_id: r.apiKeyId,
          channel_id: r.channelId,
          model: r.model,
          amount_micro: r.amountMicro,
          input_tokens: r.inputTokens,
          max_output_tokens: r.maxOutputTokens,
          tokenizer_note: r.tokenizerNote,
        });
        for (const w of this.windowsOf(r.channelId)) {
          const periodStart = windowPeriodStart(w, r.now);
          if (!this.store.holdWindow(r.channelId, w.position, periodStart, r.amountMicro)) throw new Refused('quota');
          this.store.insertWindow({ reservation_id: id, position: w.position, period_start: periodStart });
        }
        return id;
      })();
      return { ok: true, id };
    } catch (err) {
      if (err instanceof Refused) return { ok: false, refusal: err.refusal };
      throw err;
    }
  }

  private undo(res: ReservationRow): void {
    this.store.refundBalance(res.user_id, res.amount_micro);
    if (res.api_key_id !== null) this.store.refundKeySpend(res.api_key_id, res.amount_micro);
    for (const w of this.store.windows(res.id)) this.store.releaseWindow(res.channel_id, w.position, w.period_start, res.amount_micro);
    this.store.delete(res.id);
  }

  /** Gives every hold back. Idempotent: an unknown or already settled id does nothing. */
  release(id: number): boolean {
    return this.db.transaction(() => {
      const res = this.store.get(id);
      if (!res) return false;
      this.undo(res);
      return true;
    })();
  }

  /**
   * Replaces the holds with the real charge in ONE transaction: undo the holds, run `charge`
   * (the economy's settlement: debit, credit, ledger row) and book what it charged against the
   * channel's windows in their current periods.
   */
  settle<T>(id: number, now: number, charge: () => { result: T; chargedMicro: number }): T {
    return this.db.transaction(() => {
      const res = this.store.get(id);
      if (!res) throw new Error(`reservation ${id} is not open`);
      this.undo(res);
      const { result, chargedMicro } = charge();
      if (chargedMicro > 0) {
        for (const w of this.windowsOf(res.channel_id)) this.store.addWindowUsage(res.channel_id, w.position, windowPeriodStart(w, now), chargedMicro);
      }
      return result;
    })();
  }

  /** At start nothing is in flight: every row left is from a crashed run. Returns what it released. */
  releaseStale(): ReservationRow[] {
    return this.db.transaction(() => {
      const stale = this.store.all();
      for (const res of stale) this.undo(res);
      return stale;
    })();
  }
}
