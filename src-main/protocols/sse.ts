import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * SSE in one place: every client-facing frame is serialised here, every upstream stream is
 * parsed here (eventsource-parser). Gemini clients that omit `alt=sse` get the same frames as
 * one streamed JSON array instead.
 */

/** One outgoing frame: `data` is JSON-encoded unless it is a raw string such as "[DONE]". */
export interface OutFrame {
  event?: string;
  data: unknown;
}

export interface UpstreamEvent {
  event?: string;
  data: string;
}

export type StreamFormat = 'sse' | 'json-array';

export function encodeSseFrame(frame: OutFrame): string {
  const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
  const lines = data.split('\n').map((l) => `data: ${l}`).join('\n');
  return `${frame.event ? `event: ${frame.event}\n` : ''}${lines}\n\n`;
}

/** Serialises frames for one client response, in SSE or as a streamed JSON array. */
export class FrameWriter {
  private count = 0;
  constructor(readonly format: StreamFormat) {}

  get contentType(): string {
    return this.format === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/json; charset=utf-8';
  }

  write(frame: OutFrame): string {
    if (this.format === 'sse') return encodeSseFrame(frame);
    // The JSON-array form has no sentinel frames ("[DONE]") and no event names.
    if (typeof frame.data === 'string') return '';
    const prefix = this.count++ === 0 ? '[' : ',\r\n';
    return prefix + JSON.stringify(frame.data);
  }

  /** Text that closes the stream (the JSON array's bracket). */
  end(): string {
    if (this.format === 'sse') return '';
    return this.count === 0 ? '[]' : ']';
  }
}

/** Incremental SSE parser: feed decoded text chunks, receive complete events. */
export function createSseReader(onEvent: (e: UpstreamEvent) => void): { feed(text: string): void; end(): void } {
  const parser = createParser({
    onEvent(m: EventSourceMessage) {
      onEvent(m.event !== undefined ? { event: m.event, data: m.data } : { data: m.data });
    },
  });
  return {
    feed: (text) => parser.feed(text),
    end: () => parser.reset({ consume: true }),
  };
}
