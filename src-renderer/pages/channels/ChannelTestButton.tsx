import type { ChannelRecord } from '../../../src-shared/api/ops/channels';
import { Button } from '../../ui';

/** Manual health test; waits for the channel-test operation to land in the contract. */
export function ChannelTestButton({ channel }: { channel: ChannelRecord }) {
  return (
    <Button small disabled title={`Testing ${channel.name} is not available on this server yet`}>
      Test
    </Button>
  );
}
