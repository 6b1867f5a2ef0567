import type { Db } from './connection';
import type { LedgerRow } from './ledger-store';

export interface LeaderboardRow {
  user_id: number;
  display_name: string;
  anonymous_leaderboard: number;
  value: number;
}
export interface LedgerQuery {
  /** Rows where this user paid or provided; null = every row (admin). */
  viewer: number | null;
  user: number | null;
  from: number | null;
  to: number | null;
  model: string | null;
  key: number | null;
  channel: number | null;
  status: 'ok' | 'error' | null;
  limit: number;
  offset: number;
}
export interface LedgerListRow extends LedgerRow {
  user_email: string;
  channel_name: string | null;
}

/** Read-only aggregates over the ledger for leaderboards, the ledger page and the dashboard. */
export class EconomyReportsStore {
  private readonly providerTokens;
  private readonly consumerPoints;
  private readonly pageStmt;
  private readonly countStmt;
  private readonly userSums;

  constructor(db: Db) {
    this.providerTokens = db.prepare<{ start: number; end: number; limit: number }, LeaderboardRow>(
      `SELECT u.id AS user_id, u.display_name, u.anonymous_leaderboard,
              SUM(l.input_tokens + l.cached_tokens + l.cache_write_tokens + l.output_tokens) AS value
       FROM ledger l JOIN users u ON u.id = l.provider_user_id
       WHERE l.status = 'ok' AND l.created_at >= @start AND l.created_at < @end
       GROUP BY u.id HAVING value > 0 ORDER BY value DESC, u.id LIMIT @limit`,
    );
    this.consumerPoints = db.prepare<{ start: number; end: number; limit: number }, LeaderboardRow>(
      `SELECT u.id AS user_id, u.display_name, u.anonymous_leaderboard, SUM(l.cost_micro) AS value
       FROM ledger l JOIN users u ON u.id = l.user_id
       WHERE l.status = 'ok' AND l.created_at >= @start AND l.created_at < @end
       GROUP BY u.id HAVING value > 0 ORDER BY value DESC, u.id LIMIT @limit`,
    );
    // Optional filters are written as "(@x IS NULL OR ...)" so one prepared statement serves all.
    const where = `WHERE (@viewer IS NULL OR l.user_id = @viewer OR l.provider_user_id = @viewer)
        AND (@user IS NULL OR l.user_id = @user)
        AND (@from IS NULL OR l.created_at >= @from) AND (@to IS NULL OR l.created_at < @to)
        AND (@model IS NULL OR l.model = @model) AND (@key IS NULL OR l.api_key_id = @key)
        AND (@channel IS NULL OR l.channel_id = @channel) AND (@status IS NULL OR l.status = @status)`;
    this.pageStmt = db.prepare<LedgerQuery, LedgerListRow>(
      `SELECT l.*, u.email AS user_email, c.name AS channel_name
       FROM ledger l JOIN users u ON u.id = l.user_id LEFT JOIN channels c ON c.id = l.channel_id
       ${where} ORDER BY l.created_at DESC, l.id DESC LIMIT @limit OFFSET @offset`,
    );
    this.countStmt = db.prepare<Omit<LedgerQuery, 'limit' | 'offset'>, { n: number }>(`SELECT COUNT(*) AS n FROM ledger l ${where}`);
    this.userSums = db.prepare<{ user: number; start: number; end: number }, { spent: number; earned: number; requests: number }>(
      `SELECT IFNULL(SUM(CASE WHEN user_id = @user THEN cost_micro END), 0) AS spent,
              IFNULL(SUM(CASE WHEN provider_user_id = @user THEN provider_micro END), 0) AS earned,
              COUNT(CASE WHEN user_id = @user THEN 1 END) AS requests
       FROM ledger WHERE status = 'ok' AND created_at >= @start AND created_at < @end
         AND (user_id = @user OR provider_user_id = @user)`,
    );
  }

  topProviders(start: number, end: number, limit: number): LeaderboardRow[] {
    return this.providerTokens.all({ start, end, limit });
  }
  topConsumers(start: number, end: number, limit: number): LeaderboardRow[] {
    return this.consumerPoints.all({ start, end, limit });
  }
  ledgerPage(q: LedgerQuery): { rows: LedgerListRow[]; total: number } {
    const { limit: _l, offset: _o, ...filters } = q;
    return { rows: this.pageStmt.all(q), total: this.countStmt.get(filters)!.n };
  }
  /** Spent and earned micro-points and request count of one member in [start, end). */
  userActivity(user: number, start: number, end: number): { spent: number; earned: number; requests: number } {
    return this.userSums.get({ user, start, end })!;
  }
}
