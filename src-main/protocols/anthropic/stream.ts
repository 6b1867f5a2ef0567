import type { RenderOptions, StreamDecoder, StreamEncoder } from '../adapter';
import { brokenStreamError, emptyResponseError, errorFromStreamPayload } from '../errors';
import type { IRFinishReason, IRStreamEvent } from '../ir';
import { newId } from '../ir-utils';
import { num, obj, parseObject, str } from '../json';
import type { OutFrame, UpstreamEvent } from '../sse';
import { sanitizeAnthropicToolId, type ToolNameMap } from '../tool-names';
import { mergeAnthropicUsage, toAnthropicUsage, ZERO_USAGE, type CanonicalUsage } from '../usage';
import { streamErrorFrames } from '../stream-errors';
import { anthropicStopToIR, irFinishToAnthropic } from './response';

/** Anthropic Messages SSE <-> IR stream events (PROTOCOLS.md §3.3, §6.2-6.4). */

export class AnthropicStreamDecoder implements StreamDecoder {
  private startUsage: unknown;
  private ended = false;
  private started = false;
  private stopped = false;
  /** Content-block index -> IR tool-call index (tool blocks only). */
  private readonly toolBlocks = new Map<number, number>();

  constructor(private readonly names: ToolNameMap) {}

  push(e: UpstreamEvent): IRStreamEvent[] {
    if (this.ended) return [];
    const d = parseObject(e.data);
    if (!d) return [];
    const type = str(d.type) ?? e.event;
    switch (type) {
      case 'message_start': {
        const m = obj(d.message);
        this.started = true;
        this.startUsage = m?.usage;
        return [{ type: 'start', id: str(m?.id) ?? newId('msg_'), model: str(m?.model) ?? '' }];
      }
      case 'content_block_start': {
        const block = obj(d.content_block);
        const index = num(d.index) ?? 0;
        if (block?.type === 'tool_use') {
          const irIndex = this.toolBlocks.size;
          this.toolBlocks.set(index, irIndex);
          return [{ type: 'tool_call_start', index: irIndex, id: str(block.id) ?? newId('toolu_'), name: this.names.toClient(str(block.name) ?? '') }];
        }
        if (block?.type === 'text' && typeof block.text === 'string' && block.text) return [{ type: 'text', text: block.text }];
        return [];
      }
      case 'content_block_delta': {
        const delta = obj(d.delta);
        if (delta?.type === 'text_delta' && typeof delta.text === 'string' && delta.text) return [{ type: 'text', text: delta.text }];
        if (delta?.type === 'thinking_delta' && typeof delta.thinking === 'string') return [{ type: 'reasoning', text: delta.thinking }];
        if (delta?.type === 'input_json_delta' && typeof delta.partial_json === 'string' && delta.partial_json) {
          const irIndex = this.toolBlocks.get(num(d.index) ?? -1);
          return irIndex === undefined ? [] : [{ type: 'tool_call_delta', index: irIndex, arguments: delta.partial_json }];
        }
        return [];
      }
      case 'message_delta': {
        const delta = obj(d.delta);
        const out: IRStreamEvent[] = [];
        const usage = mergeAnthropicUsage(this.startUsage, d.usage);
        if (usage) out.push({ type: 'usage', usage });
        if (delta?.stop_reason) {
          this.stopped = true;
          const stopSequence = str(delta.stop_sequence);
          out.push({ type: 'finish', reason: anthropicStopToIR(delta.stop_reason), ...(stopSequence ? { stopSequence } : {}) });
        }
        return out;
      }
      case 'message_stop':
        this.ended = true;
        return [{ type: 'end' }];
      case 'error':
        this.ended = true;
        return [{ type: 'error', error: errorFromStreamPayload(d) }];
      default:
        return []; // ping, content_block_stop, unknown future events
    }
  }

  finish(): IRStreamEvent[] {
    if (this.ended) return [];
    this.ended = true;
    if (this.stopped) return [{ type: 'end' }];
    return [{ type: 'error', error: this.started ? brokenStreamError('ended before message_stop') : emptyResponseError() }];
  }
}

interface PendingTool {
  id: string;
  name: string;
  args: string;
}

/**
 * Anthropic blocks cannot interleave: the first tool call streams live, later parallel calls
 * are held and emitted whole when the open block closes (their fragments may still be arriving).
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private id = newId('msg_');
  private started = false;
  private blockIndex = -1;
  private open: { kind: 'text' } | { kind: 'tool'; irIndex: number } | undefined;
  private readonly queued = new Map<number, PendingTool>();
  private finish: { reason: IRFinishReason; stopSequence?: string } | undefined;
  private usage: CanonicalUsage | undefined;

  constructor(private readonly opts: RenderOptions) {}

  private frame(type: string, payload: object): OutFrame {
    return { event: type, data: { type, ...payload } };
  }

  private ensureStarted(out: OutFrame[]) {
    if (this.started) return;
    this.started = true;
    // Input usage is only known at the end for other upstreams: a placeholder here, full numbers in message_delta (§6.3).
    out.push(
      this.frame('message_start', {
        message: { id: this.id, type: 'message', role: 'assistant', model: this.opts.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 } },
      }),
    );
  }

  private closeOpen(out: OutFrame[]) {
    if (!this.open) return;
    out.push(this.frame('content_block_stop', { index: this.blockIndex }));
    this.open = undefined;
    for (const [irIndex, t] of [...this.queued]) {
      this.queued.delete(irIndex);
      this.blockIndex++;
      out.push(this.frame('content_block_start', { index: this.blockIndex, content_block: { type: 'tool_use', id: sanitizeAnthropicToolId(t.id), name: t.name, input: {} } }));
      if (t.args) out.push(this.frame('content_block_delta', { index: this.blockIndex, delta: { type: 'input_json_delta', partial_json: t.args } }));
      out.push(this.frame('content_block_stop', { index: this.blockIndex }));
    }
  }

  push(e: IRStreamEvent): OutFrame[] {
    const out: OutFrame[] = [];
    switch (e.type) {
      case 'start':
        if (e.id.startsWith('msg_')) this.id = e.id;
        this.ensureStarted(out);
        break;
      case 'text':
        this.ensureStarted(out);
        if (this.open?.kind !== 'text') {
          this.closeOpen(out);
          this.blockIndex++;
          this.open = { kind: 'text' };
          out.push(this.frame('content_block_start', { index: this.blockIndex, content_block: { type: 'text', text: '', citations: null } }));
        }
        out.push(this.frame('content_block_delta', { index: this.blockIndex, delta: { type: 'text_delta', text: e.text } }));
        break;
      case 'reasoning':
        break; // thinking blocks need a signature only Anthropic can mint
      case 'tool_call_start':
        this.ensureStarted(out);
        if (this.open?.kind === 'tool') {
          this.queued.set(e.index, { id: e.id, name: e.name, args: '' });
          break;
        }
        this.closeOpen(out);
        this.blockIndex++;
        this.open = { kind: 'tool', irIndex: e.index };
        out.push(this.frame('content_block_start', { index: this.blockIndex, content_block: { type: 'tool_use', id: sanitizeAnthropicToolId(e.id), name: e.name, input: {} } }));
        break;
      case 'tool_call_delta': {
        const q = this.queued.get(e.index);
        if (q) q.args += e.arguments;
        else if (this.open?.kind === 'tool' && this.open.irIndex === e.index) {
          out.push(this.frame('content_block_delta', { index: this.blockIndex, delta: { type: 'input_json_delta', partial_json: e.arguments } }));
        }
        break;
      }
      case 'usage':
        this.usage = e.usage;
        break;
      case 'finish':
        this.finish = e.stopSequence ? { reason: e.reason, stopSequence: e.stopSequence } : { reason: e.reason };
        break;
      case 'end': {
        this.ensureStarted(out);
        this.closeOpen(out);
        const reason = this.finish?.reason ?? 'stop';
        out.push(
          this.frame('message_delta', {
            delta: { stop_reason: irFinishToAnthropic(reason, this.finish?.stopSequence), stop_sequence: this.finish?.stopSequence ?? null },
            usage: toAnthropicUsage(this.usage ?? ZERO_USAGE),
          }),
        );
        out.push(this.frame('message_stop', {}));
        break;
      }
      case 'error':
        out.push(...streamErrorFrames('anthropic', e.error));
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
    return out;
  }
}
