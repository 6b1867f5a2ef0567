import { useState } from 'react';
import type { ChannelRecord, ChannelTestResult } from '../../../src-shared/api/ops/channels';
import { useOpMutation } from '../../api/hooks';
import { formatMs } from '../../lib/format';
import { Badge, Button, Dialog, Field, TextInput } from '../../ui';

/** Manual health test: one small real request to the upstream, result shown in place. */
export function ChannelTestButton({ channel }: { channel: ChannelRecord }) {
  const test = useOpMutation('channels.test');
  const [open, setOpen] = useState(false);
  const firstExact = channel.models.find((m) => !m.includes('*') && !m.startsWith('/')) ?? '';
  const [model, setModel] = useState(firstExact);
  const [result, setResult] = useState<ChannelTestResult | { error: string } | null>(null);
  const run = () => {
    setResult(null);
    test.mutate({ id: channel.id, model: model.trim() || undefined }, { onSuccess: setResult, onError: (err) => setResult({ error: err.message }) });
  };
  return (
    <>
      <Button small onClick={() => { setOpen(true); setResult(null); }}>
        Test
      </Button>
      <Dialog
        open={open}
        title={`Test ${channel.name}`}
        onClose={() => setOpen(false)}
        testId="channel-test-dialog"
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Close</Button>
            <Button variant="primary" busy={test.isPending} onClick={run} data-testid="run-channel-test">
              Run test
            </Button>
          </>
        }
      >
        <p className="muted">Sends one small real request through this channel. It is recorded in health like any request.</p>
        <Field label="Model" hint="Empty: the first model the channel lists.">
          <TextInput name="test-model" value={model} onChange={(e) => setModel(e.target.value)} />
        </Field>
        {result ? (
          <div className={`notice ${'error' in result || !result.ok ? 'notice-bad' : ''}`} data-testid="channel-test-result">
            {'error' in result ? (
              <span>Failed: {result.error}</span>
            ) : (
              <div className="stack" style={{ gap: 4 }}>
                <div className="row">
                  {result.ok ? <Badge tone="ok">works</Badge> : <Badge tone="bad">failed</Badge>}
                  <span>
                    {result.model} · HTTP {result.status ?? '—'} · TTFT {formatMs(result.ttft_ms)} · total {formatMs(result.latency_ms)}
                  </span>
                </div>
                <span className="muted">{result.message}</span>
              </div>
            )}
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
