import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '../state/session';
import { api } from './client';
import { invalidateTopics } from './hooks';

/** While signed in, turns pushed `{topics}` into refetches of exactly the affected queries. */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  const userId = useSession((s) => s.user?.id ?? null);
  const setLive = useSession((s) => s.setLive);

  useEffect(() => {
    if (userId === null) return;
    return api.subscribe({
      onTopics: (event) => {
        void invalidateTopics(client, event.topics);
      },
      onStatus: (status, resync) => {
        setLive(status);
        // Events may have been missed while the stream was down: refresh everything once.
        if (resync) void client.invalidateQueries();
      },
    });
  }, [client, userId, setLive]);
}
