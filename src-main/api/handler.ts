import type { Role } from '../../src-shared/api/ops/accounts';
import type { OpAccess, OpInput, OpOutput, OperationDef } from '../../src-shared/api/define';
import type { CoreServices } from '../core/services';

/** Who is calling: a console session over HTTP, or the desktop window's owner over IPC. */
export interface Identity {
  userId: number;
  role: Role;
  sessionId: number | null;
  via: 'http' | 'ipc';
}

export interface HandlerContext<A = 'session'> {
  identity: A extends 'public' ? Identity | null : Identity;
  core: CoreServices;
}

export type HandlerFor<D> = (input: OpInput<D>, ctx: HandlerContext<OpAccess<D>>) => OpOutput<D> | Promise<OpOutput<D>>;

/** A domain's handlers: one per operation of its contract file, checked by the compiler. */
export type HandlerMap<M extends Record<string, OperationDef>> = { [K in keyof M]: HandlerFor<M[K]> };
