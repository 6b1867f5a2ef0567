import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** The raw request bytes, bounded: the gateway relays them unchanged when no conversion is needed. */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit });
  } catch (err) {
    if ((err as { type?: string }).type === 'entity.too.large') throw new BodyTooLargeError(limit);
    throw err;
  }
}
