import type { BuildOptions, RequestLine } from '../adapter';
import { imageFromUrl, imageToUrl } from '../images';
import type { IRImage, IRMessage, IRPart, IRRequest, IRText, IRTool, IRToolChoice } from '../ir';
import { textOf } from '../ir-utils';
import { arr, bool, compact, isObject, num, obj, str, strList, type JsonObject } from '../json';
import { openaiToolName } from '../tool-names';

/** OpenAI Chat Completions request <-> IR (PROTOCOLS.md §1.1). */

function userParts(content: unknown): (IRText | IRImage)[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: (IRText | IRImage)[] = [];
  for (const p of arr(content)) {
    const part = obj(p);
    if (part?.type === 'text' && typeof part.text === 'string') out.push({ type: 'text', text: part.text });
    else if (part?.type === 'refusal' && typeof part.refusal === 'string') out.push({ type: 'text', text: part.refusal });
    else if (part?.type === 'image_url') {
      const iu = obj(part.image_url);
      const url = str(iu?.url) ?? str(part.image_url);
      const detail = str(iu?.detail);
      if (url) out.push({ type: 'image', source: imageFromUrl(url), ...(detail ? { detail } : {}) });
    }
    // input_audio and file parts have no counterpart in the other protocols: dropped.
  }
  return out;
}

function parseChoice(v: unknown): IRToolChoice | undefined {
  if (v === 'auto' || v === 'none' || v === 'required') return { type: v };
  const o = obj(v);
  if (o?.type === 'function') {
    const name = str(obj(o.function)?.name);
    return name ? { type: 'tool', name } : undefined;
  }
  if (o?.type === 'allowed_tools') {
    const at = obj(o.allowed_tools);
    const names = arr(at?.tools).map((t) => str(obj(obj(t)?.function)?.name) ?? str(obj(t)?.name)).filter((n): n is string => !!n);
    return { type: at?.mode === 'required' ? 'required' : 'auto', allowed: names };
  }
  return undefined;
}

export function parseChatRequest(body: unknown, line: RequestLine): IRRequest {
  const b = obj(body) ?? {};
  const system: string[] = [];
  const messages: IRMessage[] = [];
  for (const m of arr(b.messages)) {
    const msg = obj(m);
    if (!msg) continue;
    const role = msg.role;
    if (role === 'system' || role === 'developer') {
      const t = textOf(userParts(msg.content));
      if (t) system.push(t);
    } else if (role === 'user') {
      messages.push({ role: 'user', parts: userParts(msg.content) });
    } else if (role === 'assistant') {
      const parts: IRPart[] = userParts(msg.content).filter((p): p is IRText => p.type === 'text');
      for (const tc of arr(msg.tool_calls)) {
        const c = obj(tc);
        const fn = obj(c?.function);
        const name = str(fn?.name);
        if (!c || !name) continue;
        parts.push({ type: 'tool_call', id: str(c.id) ?? '', name, arguments: str(fn?.arguments) ?? '{}' });
      }
      messages.push({ role: 'assistant', parts });
    } else if (role === 'tool') {
      const content = userParts(msg.content);
      messages.push({ role: 'tool', parts: [{ type: 'tool_result', callId: str(msg.tool_call_id) ?? '', content }] });
    }
  }
  const tools: IRTool[] = [];
  for (const t of arr(b.tools)) {
    const fn = obj(obj(t)?.function);
    const name = str(fn?.name);
    if (obj(t)?.type !== 'function' || !name) continue; // custom tools: dropped
    const description = str(fn?.description);
    tools.push({ name, ...(description ? { description } : {}), parameters: obj(fn?.parameters) ?? { type: 'object', properties: {} } });
  }
  const rf = obj(b.response_format);
  const js = obj(rf?.json_schema);
  const effort = str(b.reasoning_effort);
  const ir: IRRequest = {
    model: str(b.model) ?? line.model ?? '',
    system,
    messages,
    tools,
    stream: bool(b.stream) ?? false,
    includeUsage: bool(obj(b.stream_options)?.include_usage) ?? false,
  };
  const choice = parseChoice(b.tool_choice);
  if (choice) ir.toolChoice = choice;
  const parallel = bool(b.parallel_tool_calls);
  if (parallel !== undefined) ir.parallelToolCalls = parallel;
  const max = num(b.max_completion_tokens) ?? num(b.max_tokens);
  if (max !== undefined) ir.maxTokens = max;
  const assign = <K extends keyof IRRequest>(k: K, v: IRRequest[K] | undefined) => {
    if (v !== undefined) ir[k] = v;
  };
  assign('temperature', num(b.temperature));
  assign('topP', num(b.top_p));
  assign('stop', strList(b.stop));
  assign('seed', num(b.seed));
  assign('presencePenalty', num(b.presence_penalty));
  assign('frequencyPenalty', num(b.frequency_penalty));
  if (rf?.type === 'json_object') ir.responseFormat = { type: 'json_object' };
  if (rf?.type === 'json_schema' && js) {
    const strict = bool(js.strict);
    ir.responseFormat = { type: 'json_schema', name: str(js.name) ?? 'response', schema: obj(js.schema) ?? {}, ...(strict !== undefined ? { strict } : {}) };
  }
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high') ir.reasoning = { effort };
  return ir;
}

function buildChoice(c: IRToolChoice, opts: BuildOptions): unknown {
  if (c.type === 'tool') return { type: 'function', function: { name: opts.toolNames.toUpstream(c.name) } };
  if (c.allowed?.length) {
    return { type: 'allowed_tools', allowed_tools: { mode: c.type === 'required' ? 'required' : 'auto', tools: c.allowed.map((n) => ({ type: 'function', function: { name: opts.toolNames.toUpstream(n) } })) } };
  }
  return c.type;
}

function contentParts(parts: IRPart[]): string | JsonObject[] {
  const media = parts.filter((p): p is IRText | IRImage => p.type === 'text' || p.type === 'image');
  if (media.every((p) => p.type === 'text')) return textOf(media);
  return media.map((p) =>
    p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: compact({ url: imageToUrl(p.source), detail: p.detail }) },
  );
}

export function buildChatRequest(ir: IRRequest, opts: BuildOptions): JsonObject {
  const messages: JsonObject[] = ir.system.map((t) => ({ role: 'system', content: t }));
  for (const m of ir.messages) {
    if (m.role === 'user') {
      messages.push({ role: 'user', content: contentParts(m.parts) });
    } else if (m.role === 'assistant') {
      const text = textOf(m.parts);
      const calls = m.parts.flatMap((p) => (p.type === 'tool_call' ? [{ id: p.id, type: 'function', function: { name: opts.toolNames.toUpstream(p.name), arguments: p.arguments } }] : []));
      messages.push({ role: 'assistant', content: text === '' && calls.length ? null : text, ...(calls.length ? { tool_calls: calls } : {}) });
    } else {
      // One tool message per result, directly after the assistant turn (PROTOCOLS.md §5.3).
      for (const p of m.parts) if (p.type === 'tool_result') messages.push({ role: 'tool', tool_call_id: p.callId, content: textOf(p.content) });
    }
  }
  const out: JsonObject = { model: opts.upstreamModel, messages };
  if (ir.tools.length) {
    out.tools = ir.tools.map((t) => ({ type: 'function', function: compact({ name: opts.toolNames.toUpstream(t.name), description: t.description, parameters: t.parameters }) }));
    if (ir.toolChoice) out.tool_choice = buildChoice(ir.toolChoice, opts);
    if (ir.parallelToolCalls !== undefined) out.parallel_tool_calls = ir.parallelToolCalls;
  } else if (ir.toolChoice?.type === 'none') {
    // no tools, nothing to choose from
  }
  if (ir.maxTokens !== undefined) out[opts.openaiCompatible ? 'max_tokens' : 'max_completion_tokens'] = ir.maxTokens;
  Object.assign(out, compact({ temperature: ir.temperature, top_p: ir.topP, seed: ir.seed, presence_penalty: ir.presencePenalty, frequency_penalty: ir.frequencyPenalty }));
  if (ir.stop?.length) out.stop = ir.stop.slice(0, 4);
  if (ir.responseFormat?.type === 'json_object') out.response_format = { type: 'json_object' };
  if (ir.responseFormat?.type === 'json_schema') {
    out.response_format = { type: 'json_schema', json_schema: compact({ name: ir.responseFormat.name, schema: ir.responseFormat.schema, strict: ir.responseFormat.strict }) };
  }
  if (ir.reasoning?.effort && !opts.openaiCompatible) out.reasoning_effort = ir.reasoning.effort;
  if (ir.stream) {
    out.stream = true;
    // Always ask for usage upstream; the encoder hides the chunk from clients that did not ask (§6.3).
    out.stream_options = { include_usage: true };
  }
  return out;
}

export const isChatBody = (v: unknown): boolean => isObject(v) && Array.isArray(v.messages);
