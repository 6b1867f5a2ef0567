import type { IRStreamEvent } from './ir';

/**
 * Semantic content (issue 3 point 6, MISSION.md "Routing"): only real text or a tool call counts.
 * Pings, comments, role-only deltas, usage-only frames, whitespace-only deltas, reasoning and
 * terminal markers do not; the retry layer may still switch channels until the first one appears.
 */
export function isSemanticEvent(e: IRStreamEvent): boolean {
  switch (e.type) {
    case 'text':
      return e.text.trim() !== '';
    case 'tool_call_start':
      return true;
    case 'tool_call_delta':
      return e.arguments.trim() !== '';
    case 'start':
    case 'reasoning':
    case 'usage':
    case 'finish':
    case 'end':
    case 'error':
      return false;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** Watches a stream's IR events; reports the first semantic one and whether any appeared. */
export class SemanticObserver {
  private seen = false;
  firstContentAt: number | undefined;

  /** Returns true exactly once: for the event that carries the first semantic content. */
  observe(e: IRStreamEvent): boolean {
    if (this.seen || !isSemanticEvent(e)) return false;
    this.seen = true;
    this.firstContentAt = Date.now();
    return true;
  }

  get hasContent(): boolean {
    return this.seen;
  }
}
