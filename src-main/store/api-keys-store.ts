import type { Db } from './connection';

export interface ApiKeyRow {
  id: number;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  enabled: number;
  expires_at: number | null;
  allowed_models: string;
  spend_limit_micro: number | null;
  spent_micro: number;
  channel_scope: 'all' | 'explicit';
  last_used_at: number | null;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

/** What the gateway needs to authorize a request, loaded by token hash in one query. */
export interface GatewayKey extends ApiKeyRow {
  user_enabled: number;
  user_role: 'admin' | 'member';
  user_balance_micro: number;
}

export class ApiKeysStore {
  private readonly byId;
  private readonly listForUser;
  private readonly listAll;
  private readonly byHash;
  private readonly insertStmt;
  private readonly channelsOf;
  private readonly clearChannels;
  private readonly addChannel;
  private readonly addSpentStmt;
  private readonly touchStmt;
  private readonly disableForUser;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[number], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ? AND deleted_at IS NULL');
    this.listForUser = db.prepare<[number], ApiKeyRow>('SELECT * FROM api_keys WHERE user_id = ? AND deleted_at IS NULL ORDER BY id DESC');
    this.listAll = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys WHERE deleted_at IS NULL ORDER BY id DESC');
    this.byHash = db.prepare<[string], GatewayKey>(
      `SELECT k.*, u.enabled AS user_enabled, u.role AS user_role, u.balance_micro AS user_balance_micro
       FROM api_keys k JOIN users u ON u.id = k.user_id
       WHERE k.token_hash = ? AND k.deleted_at IS NULL`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO api_keys (user_id, name, token_hash, prefix, enabled, expires_at, allowed_models, spend_limit_micro, channel_scope, created_at, updated_at)
       VALUES (@user_id, @name, @token_hash, @prefix, @enabled, @expires_at, @allowed_models, @spend_limit_micro, @channel_scope, @now, @now)`,
    );
    this.channelsOf = db.prepare<[number], { channel_id: number }>('SELECT channel_id FROM api_key_channels WHERE api_key_id = ? ORDER BY channel_id');
    this.clearChannels = db.prepare<[number]>('DELETE FROM api_key_channels WHERE api_key_id = ?');
    this.addChannel = db.prepare<[number, number]>('INSERT OR IGNORE INTO api_key_channels (api_key_id, channel_id) VALUES (?, ?)');
    this.addSpentStmt = db.prepare<[number, number, number]>('UPDATE api_keys SET spent_micro = spent_micro + ?, last_used_at = ? WHERE id = ?');
    this.touchStmt = db.prepare<[number, number]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
    this.disableForUser = db.prepare<[number, number]>('UPDATE api_keys SET enabled = 0, updated_at = ? WHERE user_id = ? AND deleted_at IS NULL');
  }

  get(id: number): ApiKeyRow | undefined {
    return this.byId.get(id);
  }
  list(userId: number | null): ApiKeyRow[] {
    return userId === null ? this.listAll.all() : this.listForUser.all(userId);
  }
  findForGateway(tokenHash: string): GatewayKey | undefined {
    return this.byHash.get(tokenHash);
  }
  explicitChannelIds(keyId: number): number[] {
    return this.channelsOf.all(keyId).map((r) => r.channel_id);
  }
  insert(k: {
    user_id: number;
    name: string;
    token_hash: string;
    prefix: string;
    enabled: boolean;
    expires_at: number | null;
    allowed_models: string[];
    spend_limit_micro: number | null;
    channel_ids: number[] | null;
  }): number {
    return this.db.transaction(() => {
      const id = Number(
        this.insertStmt.run({
          ...k,
          enabled: k.enabled ? 1 : 0,
          allowed_models: JSON.stringify(k.allowed_models),
          channel_scope: k.channel_ids === null ? 'all' : 'explicit',
          now: Date.now(),
        }).lastInsertRowid,
      );
      if (k.channel_ids) for (const c of k.channel_ids) this.addChannel.run(id, c);
      return id;
    })();
  }
  update(id: number, fields: Partial<Pick<ApiKeyRow, 'name' | 'enabled' | 'expires_at' | 'allowed_models' | 'spend_limit_micro' | 'token_hash' | 'prefix' | 'deleted_at'>>): void {
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE api_keys SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @now WHERE id = @id`).run({ ...fields, now: Date.now(), id });
  }
  /** `null` widens the key to the whole pool (now and later); a list narrows it. */
  setChannels(id: number, channelIds: number[] | null): void {
    this.db.transaction(() => {
      this.clearChannels.run(id);
      this.db.prepare('UPDATE api_keys SET channel_scope = ?, updated_at = ? WHERE id = ?').run(channelIds === null ? 'all' : 'explicit', Date.now(), id);
      if (channelIds) for (const c of channelIds) this.addChannel.run(id, c);
    })();
  }
  addSpent(id: number, micro: number, now = Date.now()): void {
    this.addSpentStmt.run(micro, now, id);
  }
  touch(id: number, now = Date.now()): void {
    this.touchStmt.run(now, id);
  }
  disableAllForUser(userId: number): void {
    this.disableForUser.run(Date.now(), userId);
  }
}
