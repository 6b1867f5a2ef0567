import type { LedgerRecord } from '../../../src-shared/api/ops/ledger';
import { formatMs, formatNumber, formatPoints, formatTime } from '../../lib/format';
import { Dialog } from '../../ui';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <th style={{ textAlign: 'left', fontWeight: 500, color: 'var(--text-2)', padding: '4px 12px 4px 0', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{label}</th>
      <td style={{ padding: '4px 0' }}>{children}</td>
    </tr>
  );
}

/** One ledger row in full: tokens, tariff, factors, and the formula that produced its points. */
export function LedgerDetails({ row, onClose }: { row: LedgerRecord | null; onClose: () => void }) {
  return (
    <Dialog open={row !== null} title="How this request was charged" onClose={onClose} testId="ledger-details">
      {row ? (
        <>
          <div className="codeblock">
            <pre data-testid="ledger-formula" style={{ whiteSpace: 'pre-wrap', paddingRight: 0 }}>
              {row.formula}
            </pre>
          </div>
          <table>
            <tbody>
              <Row label="Request">{row.request_id}</Row>
              <Row label="When">{formatTime(row.created_at)}</Row>
              <Row label="Route">
                {row.route} → {row.upstream_protocol ?? '—'} {row.stream ? '(stream)' : ''}
              </Row>
              <Row label="Model">{row.model}</Row>
              <Row label="Channel">{row.channel_name ?? '—'}</Row>
              <Row label="Tokens">
                input {formatNumber(row.input_tokens)} (cached {formatNumber(row.cached_tokens)}, cache write {formatNumber(row.cache_write_tokens)}), output {formatNumber(row.output_tokens)} (reasoning {formatNumber(row.reasoning_tokens)})
              </Row>
              <Row label="Usage from">{row.usage_source === 'upstream' ? 'the upstream’s report' : 'our own estimate'}</Row>
              {row.tokenizer_note ? <Row label="Tokenizer note">{row.tokenizer_note}</Row> : null}
              <Row label="Price / 1M">
                input {formatPoints(row.input_price_per_1m)}, output {formatPoints(row.output_price_per_1m)}, cache {formatPoints(row.cache_price_per_1m)}, cache write {formatPoints(row.cache_write_price_per_1m)}
              </Row>
              <Row label="Price from">{row.price_source ?? '—'}</Row>
              <Row label="Factors">
                surge ×{row.surge_multiplier}, fire sale ×{row.fire_sale_factor}, provider share {Math.round(row.provider_share * 100)} %
              </Row>
              <Row label="Points">
                charged {formatPoints(row.cost_points)}; channel owner {formatPoints(row.provider_points)}; pool {formatPoints(row.system_points)}
              </Row>
              <Row label="Timing">
                TTFT {formatMs(row.ttft_ms)}, total {formatMs(row.duration_ms)}
              </Row>
              {row.error ? <Row label="Error">{row.error}</Row> : null}
            </tbody>
          </table>
        </>
      ) : null}
    </Dialog>
  );
}
