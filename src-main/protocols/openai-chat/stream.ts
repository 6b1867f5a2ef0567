import type { RenderOptions, StreamDecoder, StreamEncoder } from '../adapter';
import { brokenStreamError, emptyResponseError, errorFromStreamPayload } from '../errors';
import type { IRStreamEvent } from '../ir';
import { newId } from '../ir-utils';
import { arr, num, obj, parseObject, str } from '../json';
import type { OutFrame, UpstreamEvent } from '../sse';
import type { ToolNameMap } from '../tool-names';
import { fromChatUsage, toChatUsage, type CanonicalUsage } from '../usage';
import { chatFinishToIR, irFinishToChat } from './response';
import { streamErrorFrames } from '../stream-errors';

/** OpenAI Chat SSE <-> IR stream events (PROTOCOLS.md §1.3, §6). */

export class ChatStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private ended = false;
  /** Upstream tool-call `index` -> IR index; a fragment never goes to "the last call" (§8.10). */
  private readonly calls = new Map<number, number>();
  private sawToolCall = false;

  constructor(private readonly names: ToolNameMap) {}

  push(e: UpstreamEvent): IRStreamEvent[] {
    if (this.ended) return [];
    if (e.data.trim() === '[DONE]') {
      this.ended = true;
      return [{ type: 'end' }];
    }
    const c = parseObject(e.data);
    if (!c) return [];
    if (c.error !== undefined || e.event === 'error') {
      this.ended = true;
      return [{ type: 'error', error: errorFromStreamPayload(c) }];
    }
    const out: IRStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      out.push({ type: 'start', id: str(c.id) ?? newId('chatcmpl-'), model: str(c.model) ?? '' });
    }
    for (const ch of arr(c.choices)) {
      const choice = obj(ch);
      const delta = obj(choice?.delta);
      const reasoning = str(delta?.reasoning_content);
      if (reasoning) out.push({ type: 'reasoning', text: reasoning });
      const text = str(delta?.content) ?? str(delta?.refusal);
      if (text) out.push({ type: 'text', text });
      for (const tc of arr(delta?.tool_calls)) {
        const t = obj(tc);
        const fn = obj(t?.function);
        const upstreamIndex = num(t?.index) ?? 0;
        let index = this.calls.get(upstreamIndex);
        const name = str(fn?.name);
        if (index === undefined && name) {
          index = this.calls.size;
          this.calls.set(upstreamIndex, index);
          this.sawToolCall = true;
          out.push({ type: 'tool_call_start', index, id: str(t?.id) || newId('call_'), name: this.names.toClient(name) });
        }
        const args = str(fn?.arguments);
        if (index !== undefined && args) out.push({ type: 'tool_call_delta', index, arguments: args });
      }
      const finish = choice?.finish_reason;
      if (typeof finish === 'string') {
        this.finished = true;
        out.push({ type: 'finish', reason: this.sawToolCall ? 'tool_calls' : chatFinishToIR(finish) });
      }
    }
    const usage = fromChatUsage(c.usage);
    if (usage) out.push({ type: 'usage', usage });
    return out;
  }

  finish(): IRStreamEvent[] {
    if (this.ended) return [];
    this.ended = true;
    // Compatible servers sometimes close without [DONE]; a finish_reason is enough to call it complete.
    if (this.finished) return [{ type: 'end' }];
    return [{ type: 'error', error: this.started ? brokenStreamError('ended before it was complete') : emptyResponseError() }];
  }
}

export class ChatStreamEncoder implements StreamEncoder {
  private id = newId('chatcmpl-');
  private readonly created = Math.floor(Date.now() / 1000);
  private usage: CanonicalUsage | undefined;
  private started = false;

  constructor(private readonly opts: RenderOptions) {}

  private chunk(delta: object, finish: string | null = null): OutFrame {
    return {
      data: { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.opts.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] },
    };
  }

  private ensureStarted(out: OutFrame[]) {
    if (this.started) return;
    this.started = true;
    out.push(this.chunk({ role: 'assistant', content: '' }));
  }

  push(e: IRStreamEvent): OutFrame[] {
    const out: OutFrame[] = [];
    switch (e.type) {
      case 'start':
        if (e.id.startsWith('chatcmpl')) this.id = e.id;
        this.ensureStarted(out);
        break;
      case 'text':
        this.ensureStarted(out);
        out.push(this.chunk({ content: e.text }));
        break;
      case 'reasoning':
        break; // Chat has no standard reasoning field
      case 'tool_call_start':
        this.ensureStarted(out);
        out.push(this.chunk({ tool_calls: [{ index: e.index, id: e.id, type: 'function', function: { name: e.name, arguments: '' } }] }));
        break;
      case 'tool_call_delta':
        out.push(this.chunk({ tool_calls: [{ index: e.index, function: { arguments: e.arguments } }] }));
        break;
      case 'usage':
        this.usage = e.usage;
        break;
      case 'finish':
        this.ensureStarted(out);
        out.push(this.chunk({}, irFinishToChat(e.reason)));
        break;
      case 'end':
        if (this.opts.includeUsage && this.usage) {
          out.push({ data: { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.opts.model, choices: [], usage: toChatUsage(this.usage) } });
        }
        out.push({ data: '[DONE]' });
        break;
      case 'error':
        out.push(...streamErrorFrames('openai-chat', e.error));
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
    return out;
  }
}
