import type { RenderOptions, StreamDecoder, StreamEncoder } from '../adapter';
import { brokenStreamError, emptyResponseError, errorFromStreamPayload } from '../errors';
import type { IRFinishReason, IRStreamEvent } from '../ir';
import { newId } from '../ir-utils';
import { num, obj, parseObject, str } from '../json';
import type { OutFrame, UpstreamEvent } from '../sse';
import type { ToolNameMap } from '../tool-names';
import { streamErrorFrames } from '../stream-errors';
import { fromResponsesUsage, type CanonicalUsage } from '../usage';
import { functionCallItem, messageItem, responseObject, responsesFinishToIR, type ResponsesCallOut, type ResponsesMessageOut, type ResponsesOutputState } from './response';

/** OpenAI Responses SSE <-> IR stream events (PROTOCOLS.md §2.3, §6). */

export class ResponsesStreamDecoder implements StreamDecoder {
  private ended = false;
  private started = false;
  /** Function-call item id (and output_index) -> IR tool-call index. */
  private readonly callsByItem = new Map<string, number>();
  private readonly callsByOutput = new Map<number, number>();

  constructor(private readonly names: ToolNameMap) {}

  private callIndex(d: Record<string, unknown>): number | undefined {
    const byItem = str(d.item_id);
    if (byItem !== undefined && this.callsByItem.has(byItem)) return this.callsByItem.get(byItem);
    const byOutput = num(d.output_index);
    return byOutput === undefined ? undefined : this.callsByOutput.get(byOutput);
  }

  push(e: UpstreamEvent): IRStreamEvent[] {
    if (this.ended) return [];
    const d = parseObject(e.data);
    if (!d) return [];
    const type = str(d.type) ?? e.event ?? '';
    switch (type) {
      case 'response.created': {
        this.started = true;
        const r = obj(d.response);
        return [{ type: 'start', id: str(r?.id) ?? newId('resp_'), model: str(r?.model) ?? '' }];
      }
      case 'response.output_item.added': {
        const item = obj(d.item);
        if (item?.type !== 'function_call') return [];
        const index = this.callsByItem.size;
        this.callsByItem.set(str(item.id) ?? `#${index}`, index);
        const oi = num(d.output_index);
        if (oi !== undefined) this.callsByOutput.set(oi, index);
        const out: IRStreamEvent[] = [{ type: 'tool_call_start', index, id: str(item.call_id) ?? newId('call_'), name: this.names.toClient(str(item.name) ?? '') }];
        const args = str(item.arguments);
        if (args) out.push({ type: 'tool_call_delta', index, arguments: args });
        return out;
      }
      case 'response.function_call_arguments.delta': {
        const index = this.callIndex(d);
        const delta = str(d.delta);
        return index === undefined || !delta ? [] : [{ type: 'tool_call_delta', index, arguments: delta }];
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const delta = str(d.delta);
        return delta ? [{ type: 'text', text: delta }] : [];
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const delta = str(d.delta);
        return delta ? [{ type: 'reasoning', text: delta }] : [];
      }
      case 'response.completed':
      case 'response.incomplete': {
        this.ended = true;
        const r = obj(d.response);
        const out: IRStreamEvent[] = [];
        const usage = fromResponsesUsage(r?.usage);
        if (usage) out.push({ type: 'usage', usage });
        out.push({ type: 'finish', reason: responsesFinishToIR(r?.status ?? (type === 'response.incomplete' ? 'incomplete' : 'completed'), obj(r?.incomplete_details)?.reason, this.callsByItem.size > 0) });
        out.push({ type: 'end' });
        return out;
      }
      case 'response.failed': {
        this.ended = true;
        return [{ type: 'error', error: errorFromStreamPayload({ error: obj(obj(d.response)?.error) ?? { message: 'Upstream response failed' } }) }];
      }
      case 'error':
        this.ended = true;
        return [{ type: 'error', error: errorFromStreamPayload({ error: d }) }];
      default:
        return [];
    }
  }

  finish(): IRStreamEvent[] {
    if (this.ended) return [];
    this.ended = true;
    return [{ type: 'error', error: this.started ? brokenStreamError('ended before response.completed') : emptyResponseError() }];
  }
}

/** Builds a consistent Responses event sequence: item ids, output/content indices, sequence numbers. */
export class ResponsesStreamEncoder implements StreamEncoder {
  private seq = 0;
  private started = false;
  private outputIndex = 0;
  private textOpen: { outputIndex: number; item: ResponsesMessageOut } | undefined;
  private readonly calls = new Map<number, { outputIndex: number; call: ResponsesCallOut; done: boolean }>();
  private readonly state: ResponsesOutputState = { id: newId('resp_'), items: [] };
  private finish: IRFinishReason | undefined;
  private usage: CanonicalUsage | undefined;

  constructor(private readonly opts: RenderOptions) {}

  private frame(type: string, payload: object): OutFrame {
    return { event: type, data: { type, sequence_number: this.seq++, ...payload } };
  }

  private ensureStarted(out: OutFrame[]) {
    if (this.started) return;
    this.started = true;
    out.push(this.frame('response.created', { response: responseObject(this.state, this.opts.model, { status: 'in_progress' }) }));
    out.push(this.frame('response.in_progress', { response: responseObject(this.state, this.opts.model, { status: 'in_progress' }) }));
  }

  private closeText(out: OutFrame[]) {
    if (!this.textOpen) return;
    const { item, outputIndex } = this.textOpen;
    const base = { item_id: item.id, output_index: outputIndex, content_index: 0 };
    out.push(this.frame('response.output_text.done', { ...base, text: item.text, logprobs: [] }));
    out.push(this.frame('response.content_part.done', { ...base, part: { type: 'output_text', text: item.text, annotations: [], logprobs: [] } }));
    out.push(this.frame('response.output_item.done', { output_index: outputIndex, item: messageItem(item.id, item.text, 'completed') }));
    this.textOpen = undefined;
  }

  private closeCalls(out: OutFrame[]) {
    for (const c of this.calls.values()) {
      if (c.done) continue;
      c.done = true;
      out.push(this.frame('response.function_call_arguments.done', { item_id: c.call.itemId, output_index: c.outputIndex, name: c.call.name, arguments: c.call.arguments }));
      out.push(this.frame('response.output_item.done', { output_index: c.outputIndex, item: functionCallItem(c.call, 'completed') }));
    }
  }

  push(e: IRStreamEvent): OutFrame[] {
    const out: OutFrame[] = [];
    switch (e.type) {
      case 'start':
        this.ensureStarted(out);
        break;
      case 'text':
        this.ensureStarted(out);
        if (!this.textOpen) {
          // Each run of text is one message item (text after tool calls opens a new one).
          const item: ResponsesMessageOut = { kind: 'message', id: newId('msg_'), text: '' };
          this.textOpen = { outputIndex: this.outputIndex++, item };
          this.state.items.push(item);
          out.push(this.frame('response.output_item.added', { output_index: this.textOpen.outputIndex, item: { type: 'message', id: item.id, status: 'in_progress', role: 'assistant', content: [] } }));
          out.push(this.frame('response.content_part.added', { item_id: item.id, output_index: this.textOpen.outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }));
        }
        this.textOpen.item.text += e.text;
        out.push(this.frame('response.output_text.delta', { item_id: this.textOpen.item.id, output_index: this.textOpen.outputIndex, content_index: 0, delta: e.text, logprobs: [] }));
        break;
      case 'reasoning':
        break;
      case 'tool_call_start': {
        this.ensureStarted(out);
        this.closeText(out);
        const call: ResponsesCallOut = { kind: 'call', itemId: newId('fc_'), callId: e.id, name: e.name, arguments: '' };
        const outputIndex = this.outputIndex++;
        this.state.items.push(call);
        this.calls.set(e.index, { outputIndex, call, done: false });
        out.push(this.frame('response.output_item.added', { output_index: outputIndex, item: functionCallItem(call, 'in_progress') }));
        break;
      }
      case 'tool_call_delta': {
        const c = this.calls.get(e.index);
        if (!c) break;
        c.call.arguments += e.arguments;
        out.push(this.frame('response.function_call_arguments.delta', { item_id: c.call.itemId, output_index: c.outputIndex, delta: e.arguments }));
        break;
      }
      case 'usage':
        this.usage = e.usage;
        break;
      case 'finish':
        this.finish = e.reason;
        break;
      case 'end': {
        this.ensureStarted(out);
        this.closeText(out);
        this.closeCalls(out);
        const response = responseObject(this.state, this.opts.model, { status: 'completed', finish: this.finish ?? 'stop', ...(this.usage ? { usage: this.usage } : {}) });
        out.push(this.frame(response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response }));
        break;
      }
      case 'error':
        out.push(...streamErrorFrames('openai-responses', e.error, this.seq++));
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
    return out;
  }
}
