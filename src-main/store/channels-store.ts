import type { Db } from './connection';
import type { PeriodUnit, Provider } from '../../src-shared/api/ops/channels';

export interface ChannelRow {
  id: number;
  owner_id: number;
  name: string;
  provider: Provider;
  base_url: string;
  secret_id: number | null;
  secret_hint: string | null;
  models: string;
  enabled: number;
  weight: number;
  fire_sale: string | null;
  cooldown_until: number | null;
  /** Routing: this channel's own first-token timeout; null = the runtime default. */
  first_token_timeout_ms: number | null;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface QuotaWindowRow {
  id: number;
  channel_id: number;
  position: number;
  name: string;
  limit_micro: number;
  used_micro: number;
  period_unit: PeriodUnit;
  period_count: number;
  anchor_at: number;
  timezone: string;
  period_start: number | null;
}

export type QuotaWindowInsert = Omit<QuotaWindowRow, 'id' | 'channel_id' | 'position'>;

export class ChannelsStore {
  private readonly byId;
  private readonly listAllStmt;
  private readonly listForOwner;
  private readonly insertStmt;
  private readonly windowsOf;
  private readonly allWindows;
  private readonly clearWindows;
  private readonly insertWindow;
  private readonly disableForOwner;
  private readonly idsStmt;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[number], ChannelRow>('SELECT * FROM channels WHERE id = ? AND deleted_at IS NULL');
    this.listAllStmt = db.prepare<[], ChannelRow>('SELECT * FROM channels WHERE deleted_at IS NULL ORDER BY id');
    this.listForOwner = db.prepare<[number], ChannelRow>('SELECT * FROM channels WHERE owner_id = ? AND deleted_at IS NULL ORDER BY id');
    this.insertStmt = db.prepare(
      `INSERT INTO channels (owner_id, name, provider, base_url, secret_id, secret_hint, models, enabled, weight, fire_sale, first_token_timeout_ms, created_at, updated_at)
       VALUES (@owner_id, @name, @provider, @base_url, @secret_id, @secret_hint, @models, @enabled, @weight, @fire_sale, @first_token_timeout_ms, @now, @now)`,
    );
    this.windowsOf = db.prepare<[number], QuotaWindowRow>('SELECT * FROM channel_quota_windows WHERE channel_id = ? ORDER BY position');
    this.allWindows = db.prepare<[], QuotaWindowRow>('SELECT * FROM channel_quota_windows ORDER BY channel_id, position');
    this.clearWindows = db.prepare<[number]>('DELETE FROM channel_quota_windows WHERE channel_id = ?');
    this.insertWindow = db.prepare(
      `INSERT INTO channel_quota_windows (channel_id, position, name, limit_micro, used_micro, period_unit, period_count, anchor_at, timezone, period_start)
       VALUES (@channel_id, @position, @name, @limit_micro, @used_micro, @period_unit, @period_count, @anchor_at, @timezone, @period_start)`,
    );
    this.disableForOwner = db.prepare<[number, number]>('UPDATE channels SET enabled = 0, updated_at = ? WHERE owner_id = ? AND deleted_at IS NULL');
    this.idsStmt = db.prepare<[], { id: number }>('SELECT id FROM channels WHERE deleted_at IS NULL ORDER BY id');
  }

  get(id: number): ChannelRow | undefined {
    return this.byId.get(id);
  }
  list(ownerId: number | null): ChannelRow[] {
    return ownerId === null ? this.listAllStmt.all() : this.listForOwner.all(ownerId);
  }
  allIds(): number[] {
    return this.idsStmt.all().map((r) => r.id);
  }
  windows(channelId: number): QuotaWindowRow[] {
    return this.windowsOf.all(channelId);
  }
  windowsByChannel(): Map<number, QuotaWindowRow[]> {
    const out = new Map<number, QuotaWindowRow[]>();
    for (const w of this.allWindows.all()) {
      const list = out.get(w.channel_id) ?? [];
      list.push(w);
      out.set(w.channel_id, list);
    }
    return out;
  }
  insert(
    c: Omit<ChannelRow, 'id' | 'cooldown_until' | 'deleted_at' | 'created_at' | 'updated_at' | 'first_token_timeout_ms'> & { first_token_timeout_ms?: number | null },
    windows: QuotaWindowInsert[],
  ): number {
    return this.db.transaction(() => {
      const id = Number(this.insertStmt.run({ first_token_timeout_ms: null, ...c, now: Date.now() }).lastInsertRowid);
      this.replaceWindows(id, windows);
      return id;
    })();
  }
  update(id: number, fields: Partial<Omit<ChannelRow, 'id' | 'owner_id' | 'created_at' | 'updated_at'>>): void {
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE channels SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @now WHERE id = @id`).run({ ...fields, now: Date.now(), id });
  }
  replaceWindows(channelId: number, windows: QuotaWindowInsert[]): void {
    this.clearWindows.run(channelId);
    windows.forEach((w, position) => this.insertWindow.run({ ...w, channel_id: channelId, position }));
  }
  disableAllForOwner(ownerId: number): void {
    this.disableForOwner.run(Date.now(), ownerId);
  }
}
