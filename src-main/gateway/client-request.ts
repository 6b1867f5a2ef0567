import type { IncomingHttpHeaders } from 'node:http';
import type { WireProtocol } from '../protocols/adapter';
import type { IRRequest } from '../protocols/ir';
import type { JsonObject } from '../protocols/json';
import { adapters } from '../protocols/registry';
import type { StreamFormat } from '../protocols/sse';

/** A client's request as the gateway read it: raw bytes for passthrough, IR on demand for conversion. */
export class ClientRequest {
  private parsed: IRRequest | undefined;

  constructor(
    readonly protocol: WireProtocol,
    readonly raw: Buffer,
    readonly json: JsonObject,
    readonly model: string,
    readonly stream: boolean,
    /** Gemini clients that omit `?alt=sse` get one streamed JSON array. */
    readonly format: StreamFormat,
    readonly headers: IncomingHttpHeaders,
  ) {}

  /** The request in the internal representation, parsed once (image inlining edits it in place). */
  ir(): IRRequest {
    this.parsed ??= adapters[this.protocol].parseRequest(this.json, { model: this.model, stream: this.stream });
    return this.parsed;
  }

  header(name: string): string | undefined {
    const v = this.headers[name];
    return Array.isArray(v) ? v[0] : v;
  }
}
