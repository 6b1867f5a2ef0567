import { useOpMutation } from '../../api/hooks';
import { formatPoints } from '../../lib/format';
import { useSession } from '../../state/session';
import { Card, Checkbox, PageHead, toast } from '../../ui';
import { ClaimPacketCard, CreatePacketCard, RedPacketsCard } from './RedPacketsCard';
import { TransferCard, TransfersHistoryCard } from './TransferCard';

function AnonymityCard() {
  const user = useSession((s) => s.user);
  const update = useOpMutation('me.update');
  return (
    <Card title="Leaderboard privacy">
      <Checkbox
        label="Show me as anonymous on leaderboards"
        checked={user?.anonymous_leaderboard ?? false}
        disabled={update.isPending}
        onChange={(v) => update.mutate({ anonymous_leaderboard: v }, { onSuccess: () => toast.success(v ? 'You are anonymous on leaderboards' : 'Your name shows on leaderboards'), onError: toast.error })}
      />
    </Card>
  );
}

export function EconomyPage() {
  const balance = useSession((s) => s.user?.points_balance);
  return (
    <>
      <PageHead title="Economy" subtitle={`You have ${formatPoints(balance)} points. Send them to teammates or drop a red packet.`} />
      <div className="grid-2">
        <ClaimPacketCard />
        <AnonymityCard />
      </div>
      <div className="grid-2">
        <TransferCard />
        <CreatePacketCard />
      </div>
      <RedPacketsCard />
      <TransfersHistoryCard />
    </>
  );
}
