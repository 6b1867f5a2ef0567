/**
 * Splits an SSE byte stream into whole frames without re-encoding them, so a same-protocol relay
 * forwards exactly the bytes it received. Frames end at a blank line (`\n\n` or `\r\n\r\n`).
 */
export class SseFrameSplitter {
  private buffer = '';

  /** Returns the complete frames in this chunk (each with its trailing blank line). */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const frames: string[] = [];
    for (;;) {
      const m = /\r?\n\r?\n/.exec(this.buffer);
      if (!m) break;
      const end = m.index + m[0].length;
      frames.push(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end);
    }
    return frames;
  }

  /** Whatever is left when the stream ends (a last frame without its blank line). */
  flush(): string {
    const rest = this.buffer;
    this.buffer = '';
    return rest;
  }
}

export interface SseFrame {
  event: string | null;
  data: string;
}

/** Parses one raw frame's `event:` and (joined) `data:` lines; comments are ignored. */
export function parseSseFrame(raw: string): SseFrame {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  return { event, data: data.join('\n') };
}
