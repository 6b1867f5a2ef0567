import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Contract, OpName } from '../../src-shared/api/contract';
import type { OpOutput, OpRawInput } from '../../src-shared/api/define';
import type { Topic } from '../../src-shared/events';
import { api } from './client';
import { topicsForOp } from './op-topics';
import type { ApiError } from './transport';

export interface OpQueryMeta extends Record<string, unknown> {
  topics: readonly Topic[];
}

/** Reads one operation; refetched when any of its topics is pushed (see live.ts). */
export function useOp<N extends OpName>(
  op: N,
  input: OpRawInput<Contract[N]>,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
): UseQueryResult<OpOutput<Contract[N]>, ApiError> {
  const meta: OpQueryMeta = { topics: topicsForOp(op) };
  return useQuery<OpOutput<Contract[N]>, ApiError>({
    queryKey: [op, input],
    queryFn: () => api.call(op, input),
    meta,
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? (prev) => prev : undefined,
  });
}

/** Runs one operation; on success refetches what its topics cover without waiting for the push. */
export function useOpMutation<N extends OpName>(
  op: N,
): UseMutationResult<OpOutput<Contract[N]>, ApiError, OpRawInput<Contract[N]>> {
  const client = useQueryClient();
  return useMutation<OpOutput<Contract[N]>, ApiError, OpRawInput<Contract[N]>>({
    mutationFn: (input) => api.call(op, input),
    onSuccess: () => invalidateTopics(client, topicsForOp(op)),
  });
}

type QueryClientLike = ReturnType<typeof useQueryClient>;

export function invalidateTopics(client: QueryClientLike, topics: readonly Topic[]): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => {
      const meta = q.meta as OpQueryMeta | undefined;
      return meta?.topics?.some((t) => topics.includes(t)) ?? false;
    },
  });
}
