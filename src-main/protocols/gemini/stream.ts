import type { RenderOptions, StreamDecoder, StreamEncoder } from '../adapter';
import { brokenStreamError, emptyResponseError, errorFromStreamPayload } from '../errors';
import type { IRFinishReason, IRStreamEvent, IRToolCall } from '../ir';
import { newId } from '../ir-utils';
import { arr, obj, parseObject, str } from '../json';
import type { OutFrame, UpstreamEvent } from '../sse';
import type { ToolNameMap } from '../tool-names';
import { fromGeminiUsage, toGeminiUsage, ZERO_USAGE, type CanonicalUsage } from '../usage';
import { streamErrorFrames } from '../stream-errors';
import { geminiFinishToIR, geminiParts, irFinishToGemini, renderGeminiParts } from './response';

/** Gemini streamGenerateContent (SSE) <-> IR stream events (PROTOCOLS.md §4.3, §6). */

export class GeminiStreamDecoder implements StreamDecoder {
  private started = false;
  private ended = false;
  private finished = false;
  private calls = 0;

  constructor(private readonly names: ToolNameMap) {}

  push(e: UpstreamEvent): IRStreamEvent[] {
    if (this.ended) return [];
    const c = parseObject(e.data);
    if (!c) return [];
    if (c.error !== undefined) {
      this.ended = true;
      return [{ type: 'error', error: errorFromStreamPayload(c) }];
    }
    const out: IRStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      out.push({ type: 'start', id: str(c.responseId) ?? newId('gem-'), model: str(c.modelVersion) ?? '' });
    }
    const cand = obj(arr(c.candidates)[0]);
    for (const p of geminiParts(obj(cand?.content)?.parts, this.names)) {
      if (p.type === 'text') out.push({ type: 'text', text: p.text });
      else if (p.type === 'reasoning') out.push({ type: 'reasoning', text: p.text });
      else {
        // Calls arrive whole: one opening event plus the full arguments (§6.2), each with its own index.
        const index = this.calls++;
        out.push({ type: 'tool_call_start', index, id: p.id, name: p.name, ...(p.thoughtSignature ? { thoughtSignature: p.thoughtSignature } : {}) });
        out.push({ type: 'tool_call_delta', index, arguments: p.arguments });
      }
    }
    const usage = fromGeminiUsage(c.usageMetadata);
    if (usage) out.push({ type: 'usage', usage });
    const reason = str(cand?.finishReason);
    const blocked = str(obj(c.promptFeedback)?.blockReason);
    if ((reason || (blocked && !cand)) && !this.finished) {
      this.finished = true;
      out.push({ type: 'finish', reason: blocked && !cand ? 'content_filter' : geminiFinishToIR(reason, this.calls > 0) });
    }
    return out;
  }

  /** Gemini has no terminator: the connection closes after the chunk with finishReason. */
  finish(): IRStreamEvent[] {
    if (this.ended) return [];
    this.ended = true;
    if (this.finished) return [{ type: 'end' }];
    return [{ type: 'error', error: this.started ? brokenStreamError('ended without a finishReason') : emptyResponseError() }];
  }
}

/** Text streams chunk by chunk; tool calls are whole in Gemini, so they go out once complete. */
export class GeminiStreamEncoder implements StreamEncoder {
  private readonly id = newId('gem-');
  private readonly calls = new Map<number, IRToolCall>();
  private finish: IRFinishReason | undefined;
  private usage: CanonicalUsage | undefined;

  constructor(private readonly opts: RenderOptions) {}

  private chunk(parts: object[], extra: { finishReason?: string; usage?: CanonicalUsage } = {}): OutFrame {
    return {
      data: {
        candidates: [{ content: { role: 'model', parts }, index: 0, ...(extra.finishReason ? { finishReason: extra.finishReason } : {}) }],
        ...(extra.usage ? { usageMetadata: toGeminiUsage(extra.usage) } : {}),
        modelVersion: this.opts.model,
        responseId: this.id,
      },
    };
  }

  push(e: IRStreamEvent): OutFrame[] {
    switch (e.type) {
      case 'text':
        return e.text ? [this.chunk([{ text: e.text }])] : [];
      case 'tool_call_start':
        this.calls.set(e.index, { type: 'tool_call', id: e.id, name: e.name, arguments: '', ...(e.thoughtSignature ? { thoughtSignature: e.thoughtSignature } : {}) });
        return [];
      case 'tool_call_delta': {
        const c = this.calls.get(e.index);
        if (c) c.arguments += e.arguments;
        return [];
      }
      case 'usage':
        this.usage = e.usage;
        return [];
      case 'finish':
        this.finish = e.reason;
        return [];
      case 'end': {
        const out: OutFrame[] = [];
        const calls = renderGeminiParts([...this.calls.values()]);
        if (calls.length) out.push(this.chunk(calls));
        out.push(this.chunk([{ text: '' }], { finishReason: irFinishToGemini(this.finish ?? 'stop'), usage: this.usage ?? ZERO_USAGE }));
        return out;
      }
      case 'error':
        return streamErrorFrames('gemini', e.error);
      case 'start':
      case 'reasoning':
        return [];
      default: {
        const never: never = e;
        return never;
      }
    }
  }
}
