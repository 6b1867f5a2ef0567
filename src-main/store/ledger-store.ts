import type { Db } from './connection';

/** One settled gateway request (columns of migrations/0010_init.sql `ledger`). */
export interface LedgerInsert {
  request_id: string;
  created_at: number;
  user_id: number;
  api_key_id: number | null;
  channel_id: number | null;
  provider_user_id: number | null;
  route: string;
  upstream_protocol: string | null;
  model: string;
  stream: number;
  status: 'ok' | 'error';
  http_status: number | null;
  input_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  usage_source: 'upstream' | 'estimate';
  tokenizer_note: string | null;
  input_price_micro: number;
  output_price_micro: number;
  cache_price_micro: number;
  cache_write_price_micro: number;
  price_source: string | null;
  surge_multiplier: number;
  fire_sale_factor: number;
  provider_share: number;
  cost_micro: number;
  provider_micro: number;
  system_micro: number;
  formula: string;
  duration_ms: number | null;
  ttft_ms: number | null;
  error: string | null;
}
export interface LedgerRow extends LedgerInsert {
  id: number;
}

const COLUMNS: (keyof LedgerInsert)[] = [
  'request_id', 'created_at', 'user_id', 'api_key_id', 'channel_id', 'provider_user_id', 'route', 'upstream_protocol',
  'model', 'stream', 'status', 'http_status', 'input_tokens', 'cached_tokens', 'cache_write_tokens', 'output_tokens',
  'reasoning_tokens', 'usage_source', 'tokenizer_note', 'input_price_micro', 'output_price_micro', 'cache_price_micro',
  'cache_write_price_micro', 'price_source', 'surge_multiplier', 'fire_sale_factor', 'provider_share', 'cost_micro',
  'provider_micro', 'system_micro', 'formula', 'duration_ms', 'ttft_ms', 'error',
];

export class LedgerStore {
  private readonly insertStmt;
  private readonly byRequest;
  private readonly adjustSystem;
  private readonly systemBalance;

  constructor(db: Db) {
    this.insertStmt = db.prepare<LedgerInsert>(
      `INSERT INTO ledger (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
    );
    this.byRequest = db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE request_id = ?');
    this.adjustSystem = db.prepare<[number]>('UPDATE system_account SET balance_micro = balance_micro + ? WHERE id = 1');
    this.systemBalance = db.prepare<[], { balance_micro: number }>('SELECT balance_micro FROM system_account WHERE id = 1');
  }

  insert(row: LedgerInsert): number {
    return Number(this.insertStmt.run(row).lastInsertRowid);
  }
  getByRequestId(requestId: string): LedgerRow | undefined {
    return this.byRequest.get(requestId);
  }
  creditSystem(micro: number): void {
    this.adjustSystem.run(micro);
  }
  systemBalanceMicro(): number {
    return this.systemBalance.get()!.balance_micro;
  }
}
