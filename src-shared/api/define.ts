import type { z } from 'zod';

/**
 * One console operation, declared once and mounted twice: as a REST route for LAN members
 * (src-main/http) and on the IPC dispatcher for the desktop window (src-main/desktop).
 *
 * `input` validates the merged path params, query string and JSON body.
 * `output` is type-only: handlers return it, clients receive it.
 */
export type Access = 'public' | 'session' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface OperationDef<I extends z.ZodType = z.ZodType, O = unknown, A extends Access = Access> {
  method: HttpMethod;
  /** Koa-router style path, e.g. `/api/api-keys/:id/rotate`. */
  path: string;
  access: A;
  input: I;
  /** Phantom field carrying the output type; never set at runtime. */
  readonly __output?: O;
  /** Responds with text/csv or another raw body instead of JSON (e.g. ledger export). */
  raw?: boolean;
}

export function op<O>() {
  return <I extends z.ZodType, A extends Access>(def: Omit<OperationDef<I, O, A>, '__output'>): OperationDef<I, O, A> => def;
}

export type OpInput<D> = D extends OperationDef<infer I, infer _O, infer _A> ? z.output<I> : never;
export type OpRawInput<D> = D extends OperationDef<infer I, infer _O, infer _A> ? z.input<I> : never;
export type OpOutput<D> = D extends OperationDef<infer _I, infer O, infer _A> ? O : never;
export type OpAccess<D> = D extends OperationDef<infer _I, infer _O, infer A> ? A : never;

/** Error body of every console API failure (API.md). */
export interface ApiErrorBody {
  error: string;
  code?: string;
}
