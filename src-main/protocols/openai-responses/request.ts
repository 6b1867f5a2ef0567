import type { BuildOptions, RequestLine } from '../adapter';
import { imageFromUrl, imageToUrl } from '../images';
import type { IRImage, IRMessage, IRPart, IRRequest, IRText, IRTool, IRToolChoice } from '../ir';
import { textOf } from '../ir-utils';
import { arr, bool, compact, num, obj, str, type JsonObject } from '../json';

/** OpenAI Responses request <-> IR (PROTOCOLS.md §2.1, §8.14). */

function contentParts(content: unknown): (IRText | IRImage)[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: (IRText | IRImage)[] = [];
  for (const c of arr(content)) {
    const p = obj(c);
    if (!p) continue;
    if ((p.type === 'input_text' || p.type === 'output_text' || p.type === 'text') && typeof p.text === 'string') out.push({ type: 'text', text: p.text });
    else if (p.type === 'refusal' && typeof p.refusal === 'string') out.push({ type: 'text', text: p.refusal });
    else if (p.type === 'input_image') {
      // image_url is a plain string here, not Chat's object (§8.14).
      const url = str(p.image_url) ?? str(obj(p.image_url)?.url);
      const detail = str(p.detail);
      if (url) out.push({ type: 'image', source: imageFromUrl(url), ...(detail ? { detail } : {}) });
    }
  }
  return out;
}

function parseChoice(v: unknown): IRToolChoice | undefined {
  if (v === 'auto' || v === 'none' || v === 'required') return { type: v };
  const o = obj(v);
  const name = str(o?.name);
  if (o?.type === 'function' && name) return { type: 'tool', name };
  if (o?.type === 'allowed_tools') {
    const names = arr(o.tools).map((t) => str(obj(t)?.name)).filter((n): n is string => !!n);
    return { type: o.mode === 'required' ? 'required' : 'auto', allowed: names };
  }
  return undefined;
}

export function parseResponsesRequest(body: unknown, line: RequestLine): IRRequest {
  const b = obj(body) ?? {};
  const system: string[] = [];
  const instructions = str(b.instructions);
  if (instructions) system.push(instructions);
  const messages: IRMessage[] = [];
  const append = (role: IRMessage['role'], part: IRPart) => {
    const last = messages.at(-1);
    if (last?.role === role) last.parts.push(part);
    else messages.push({ role, parts: [part] });
  };
  if (typeof b.input === 'string') messages.push({ role: 'user', parts: [{ type: 'text', text: b.input }] });
  for (const it of arr(b.input)) {
    const item = obj(it);
    if (!item) continue;
    const type = str(item.type) ?? 'message';
    if (type === 'message') {
      const parts = contentParts(item.content);
      if (item.role === 'system' || item.role === 'developer') {
        const t = textOf(parts);
        if (t) system.push(t);
      } else if (item.role === 'assistant') {
        messages.push({ role: 'assistant', parts: parts.filter((p) => p.type === 'text') });
      } else {
        messages.push({ role: 'user', parts });
      }
    } else if (type === 'function_call') {
      // Linkage is by call_id, never the item id (§8.14).
      append('assistant', { type: 'tool_call', id: str(item.call_id) ?? str(item.id) ?? '', name: str(item.name) ?? '', arguments: str(item.arguments) ?? '{}' });
    } else if (type === 'function_call_output') {
      const output = typeof item.output === 'string' ? [{ type: 'text' as const, text: item.output }] : contentParts(item.output);
      append('tool', { type: 'tool_result', callId: str(item.call_id) ?? '', content: output });
    }
    // reasoning, item_reference and hosted-tool items cannot cross protocols.
  }
  const tools: IRTool[] = [];
  for (const t of arr(b.tools)) {
    const tool = obj(t);
    const name = str(tool?.name);
    if (tool?.type !== 'function' || !name) continue;
    const description = str(tool.description);
    tools.push({ name, ...(description ? { description } : {}), parameters: obj(tool.parameters) ?? { type: 'object', properties: {} } });
  }
  const ir: IRRequest = { model: str(b.model) ?? line.model ?? '', system, messages, tools, stream: bool(b.stream) ?? false };
  const choice = parseChoice(b.tool_choice);
  if (choice) ir.toolChoice = choice;
  const parallel = bool(b.parallel_tool_calls);
  if (parallel !== undefined) ir.parallelToolCalls = parallel;
  const max = num(b.max_output_tokens);
  if (max !== undefined) ir.maxTokens = max;
  const temperature = num(b.temperature);
  if (temperature !== undefined) ir.temperature = temperature;
  const topP = num(b.top_p);
  if (topP !== undefined) ir.topP = topP;
  const format = obj(obj(b.text)?.format);
  if (format?.type === 'json_object') ir.responseFormat = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const strict = bool(format.strict);
    ir.responseFormat = { type: 'json_schema', name: str(format.name) ?? 'response', schema: obj(format.schema) ?? {}, ...(strict !== undefined ? { strict } : {}) };
  }
  const effort = str(obj(b.reasoning)?.effort);
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high') ir.reasoning = { effort };
  return ir;
}

export function buildResponsesRequest(ir: IRRequest, opts: BuildOptions): JsonObject {
  const input: JsonObject[] = [];
  for (const m of ir.messages) {
    if (m.role === 'user') {
      const content = m.parts.flatMap((p): JsonObject[] =>
        p.type === 'text' ? [{ type: 'input_text', text: p.text }]
        : p.type === 'image' ? [compact({ type: 'input_image', image_url: imageToUrl(p.source), detail: p.detail ?? 'auto' })]
        : [],
      );
      if (content.length) input.push({ role: 'user', content });
    } else if (m.role === 'assistant') {
      const text = textOf(m.parts);
      if (text) input.push({ role: 'assistant', content: [{ type: 'output_text', text }] });
      for (const p of m.parts) {
        if (p.type === 'tool_call') input.push({ type: 'function_call', call_id: p.id, name: opts.toolNames.toUpstream(p.name), arguments: p.arguments });
      }
    } else {
      for (const p of m.parts) if (p.type === 'tool_result') input.push({ type: 'function_call_output', call_id: p.callId, output: textOf(p.content) });
    }
  }
  const out: JsonObject = { model: opts.upstreamModel, input };
  if (ir.system.length) out.instructions = ir.system.join('\n\n');
  if (ir.tools.length) {
    // Responses tools are flat; `strict` must be stated when it comes from elsewhere (§2.1).
    out.tools = ir.tools.map((t) => compact({ type: 'function', name: opts.toolNames.toUpstream(t.name), description: t.description, parameters: t.parameters, strict: false }));
    const c = ir.toolChoice;
    if (c?.type === 'tool') out.tool_choice = { type: 'function', name: opts.toolNames.toUpstream(c.name) };
    else if (c?.allowed?.length) out.tool_choice = { type: 'allowed_tools', mode: c.type === 'required' ? 'required' : 'auto', tools: c.allowed.map((n) => ({ type: 'function', name: opts.toolNames.toUpstream(n) })) };
    else if (c) out.tool_choice = c.type;
    if (ir.parallelToolCalls !== undefined) out.parallel_tool_calls = ir.parallelToolCalls;
  }
  if (ir.maxTokens !== undefined) out.max_output_tokens = Math.max(16, ir.maxTokens);
  Object.assign(out, compact({ temperature: ir.temperature, top_p: ir.topP }));
  // Responses has no stop parameter: stop sequences cannot be passed on (§2.1).
  if (ir.responseFormat?.type === 'json_object') out.text = { format: { type: 'json_object' } };
  if (ir.responseFormat?.type === 'json_schema') out.text = { format: compact({ type: 'json_schema', name: ir.responseFormat.name, schema: ir.responseFormat.schema, strict: ir.responseFormat.strict }) };
  if (ir.reasoning?.effort) out.reasoning = { effort: ir.reasoning.effort };
  if (ir.stream) out.stream = true;
  return out;
}
