import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '../state/session';
import { api } from './client';
import { invalidateTopics } from './hooks';
import { TopicCoalescer } from './topic-coalescer';

/** While signed in, turns pushed `{topics}` into refetches of exactly the affected queries. */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  const userId = useSession((s) => s.user?.id ?? null);
  const setLive = useSession((s) => s.setLive);

  useEffect(() => {
    if (userId === null) return;
    const coalescer = new TopicCoalescer((topics) => void invalidateTopics(client, topics));
    const unsubscribe = api.subscribe({
      onTopics: (event) => coalescer.push(event.topics),
      onStatus: (status, resync) => {
        setLive(status);
        // Events may have been missed while the stream was down: refresh everything once.
        if (resync) void client.invalidateQueries();
      },
    });
    return () => {
      unsubscribe();
      coalescer.dispose();
    };
  }, [client, userId, setLive]);
}
