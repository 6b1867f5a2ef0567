import { z } from 'zod';
import { contract, type OpName } from '../../src-shared/api/contract';
import type { CoreServices } from '../core/services';
import { ApiError } from './errors';
import type { Identity } from './handler';
import { handlers } from './handlers';

/**
 * The one entry for console operations, shared by the Koa routes (LAN members) and the IPC
 * dispatcher (desktop window): checks access, validates input with the op's schema, runs the handler.
 */
export class ApiDispatcher {
  constructor(private readonly core: CoreServices) {}

  has(name: string): name is OpName {
    return Object.hasOwn(contract, name);
  }

  async dispatch(name: string, rawInput: unknown, identity: Identity | null): Promise<unknown> {
    if (!this.has(name)) throw new ApiError(404, `unknown operation: ${name}`, 'unknown_operation');
    const def = contract[name];
    if (def.access !== 'public') {
      if (!identity) throw new ApiError(401, 'sign in first', 'unauthenticated');
      if (def.access === 'admin' && identity.role !== 'admin') throw new ApiError(403, 'admins only', 'forbidden');
    }
    const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) throw new ApiError(400, formatZodError(parsed.error), 'invalid_input');
    const handler = handlers[name] as (input: unknown, ctx: { identity: Identity | null; core: CoreServices }) => unknown;
    return await handler(parsed.data, { identity, core: this.core });
  }
}

export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
