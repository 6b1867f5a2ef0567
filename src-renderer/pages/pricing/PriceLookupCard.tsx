import { useState } from 'react';
import type { ChannelRecord } from '../../../src-shared/api/ops/channels';
import type { PriceRecord } from '../../../src-shared/api/ops/prices';
import { useOp } from '../../api/hooks';
import { formatPoints } from '../../lib/format';
import { Card, Field, Select, TextInput } from '../../ui';

/** "What does model X cost on channel Y, and why": the resolver's answer plus the live factors. */
export function PriceLookupCard({ channels }: { prices: PriceRecord[]; channels: ChannelRecord[] }) {
  const dash = useOp('dashboard.get', {});
  const [model, setModel] = useState('gpt-5.1');
  const [channelId, setChannelId] = useState('');
  const channel = channels.find((c) => String(c.id) === channelId) ?? null;
  // Asked of the server: it resolves with the same code that settles requests.
  const lookup = useOp('prices.lookup', { model: model.trim() || '-', ...(channel && { channel_id: channel.id }) }, { keepPrevious: true });
  const answer = model.trim() ? lookup.data : undefined;
  const surge = dash.data?.surge;
  return (
    <Card title="Price lookup" testId="price-lookup">
      <div className="form-grid">
        <Field label="Model">
          <TextInput name="lookup-model" value={model} onChange={(e) => setModel(e.target.value)} />
        </Field>
        <Field label="Channel">
          <Select value={channelId} onChange={setChannelId} options={[{ value: '', label: 'no particular channel (global prices)' }, ...channels.map((c) => ({ value: String(c.id), label: c.name }))]} />
        </Field>
      </div>
      {answer ? (
        <div className="stack" style={{ marginTop: 12 }} data-testid="lookup-answer">
          <div className="grid">
            <div>
              <div className="stat-label">Input / 1M</div>
              <div className="stat-value">{formatPoints(answer.input_price_per_1m)}</div>
            </div>
            <div>
              <div className="stat-label">Output / 1M</div>
              <div className="stat-value">{formatPoints(answer.output_price_per_1m)}</div>
            </div>
            <div>
              <div className="stat-label">Cached input / 1M</div>
              <div className="stat-value">{formatPoints(answer.cache_price_per_1m)}</div>
            </div>
            <div>
              <div className="stat-label">Cache write / 1M</div>
              <div className="stat-value">{formatPoints(answer.cache_write_price_per_1m)}</div>
            </div>
          </div>
          <p>
            <strong>Source: {answer.source}.</strong> {answer.why}
          </p>
          <p className="muted">
            At settlement the tariff is multiplied by the surge factor
            {surge ? ` (now ${surge.level}, ×${surge.enabled ? surge.multiplier : 1})` : ''}
            {channel?.fire_sale_active ? ` and this channel's fire-sale factor (×${channel.fire_sale?.discount})` : channel?.fire_sale ? ' and, while a fire sale runs on this channel, its discount' : ''}; the channel owner receives the provider share.
          </p>
        </div>
      ) : null}
    </Card>
  );
}
