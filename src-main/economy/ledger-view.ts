import type { LedgerRecord } from '../../src-shared/api/ops/ledger';
import { fromMicro, formatMicro } from '../../src-shared/points';
import type { LedgerListRow } from '../store/economy-reports-store';

/** A ledger row as the console shows it; the consumer's email only for admins. */
export function ledgerRecord(r: LedgerListRow, viewer: { userId: number; isAdmin: boolean }): LedgerRecord {
  const consumer = r.user_id === viewer.userId;
  const provider = r.provider_user_id === viewer.userId;
  const rec: LedgerRecord = {
    id: r.id,
    request_id: r.request_id,
    created_at: new Date(r.created_at).toISOString(),
    user_id: r.user_id,
    api_key_id: consumer || viewer.isAdmin ? r.api_key_id : null,
    channel_id: r.channel_id,
    channel_name: r.channel_name,
    provider_user_id: r.provider_user_id,
    route: r.route,
    upstream_protocol: r.upstream_protocol,
    model: r.model,
    stream: r.stream === 1,
    status: r.status,
    http_status: r.http_status,
    input_tokens: r.input_tokens,
    cached_tokens: r.cached_tokens,
    cache_write_tokens: r.cache_write_tokens,
    output_tokens: r.output_tokens,
    reasoning_tokens: r.reasoning_tokens,
    usage_source: r.usage_source,
    tokenizer_note: r.tokenizer_note,
    input_price_per_1m: fromMicro(r.input_price_micro),
    output_price_per_1m: fromMicro(r.output_price_micro),
    cache_price_per_1m: fromMicro(r.cache_price_micro),
    cache_write_price_per_1m: fromMicro(r.cache_write_price_micro),
    price_source: r.price_source,
    surge_multiplier: r.surge_multiplier,
    fire_sale_factor: r.fire_sale_factor,
    provider_share: r.provider_share,
    cost_points: fromMicro(r.cost_micro),
    provider_points: fromMicro(r.provider_micro),
    system_points: fromMicro(r.system_micro),
    formula: r.formula,
    duration_ms: r.duration_ms,
    ttft_ms: r.ttft_ms,
    error: r.error,
    relation: consumer && provider ? 'both' : consumer ? 'consumer' : provider ? 'provider' : 'admin',
  };
  if (viewer.isAdmin) rec.user_email = r.user_email;
  return rec;
}

const CSV_COLUMNS: [string, (r: LedgerListRow, admin: boolean) => string | number | null][] = [
  ['created_at', (r) => new Date(r.created_at).toISOString()],
  ['request_id', (r) => r.request_id],
  ['user', (r, admin) => (admin ? r.user_email : r.user_id)],
  ['api_key_id', (r) => r.api_key_id],
  ['channel', (r) => r.channel_name ?? r.channel_id],
  ['route', (r) => r.route],
  ['model', (r) => r.model],
  ['status', (r) => r.status],
  ['http_status', (r) => r.http_status],
  ['input_tokens', (r) => r.input_tokens],
  ['cached_tokens', (r) => r.cached_tokens],
  ['cache_write_tokens', (r) => r.cache_write_tokens],
  ['output_tokens', (r) => r.output_tokens],
  ['reasoning_tokens', (r) => r.reasoning_tokens],
  ['usage_source', (r) => r.usage_source],
  ['tokenizer_note', (r) => r.tokenizer_note],
  ['input_price_per_1m', (r) => formatMicro(r.input_price_micro)],
  ['output_price_per_1m', (r) => formatMicro(r.output_price_micro)],
  ['cache_price_per_1m', (r) => formatMicro(r.cache_price_micro)],
  ['cache_write_price_per_1m', (r) => formatMicro(r.cache_write_price_micro)],
  ['price_source', (r) => r.price_source],
  ['surge_multiplier', (r) => r.surge_multiplier],
  ['fire_sale_factor', (r) => r.fire_sale_factor],
  ['provider_share', (r) => r.provider_share],
  ['cost_points', (r) => formatMicro(r.cost_micro)],
  ['provider_points', (r) => formatMicro(r.provider_micro)],
  ['system_points', (r) => formatMicro(r.system_micro)],
  ['formula', (r) => r.formula],
];

/** RFC 4180 CSV; a leading = + - @ is quoted with a ' so spreadsheets do not run it as a formula. */
export function ledgerCsv(rows: readonly LedgerListRow[], isAdmin: boolean): string {
  const lines = [CSV_COLUMNS.map(([h]) => h).join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(r, isAdmin))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const guarded = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
