import type { BuildOptions, RequestLine } from '../adapter';
import type { IRImage, IRMessage, IRPart, IRRequest, IRText, IRTool, IRToolChoice } from '../ir';
import { mergeConsecutive, repairToolPairs } from '../ir-utils';
import { arr, bool, compact, num, obj, parseJsonObject, str, strList, type JsonObject } from '../json';
import { sanitizeAnthropicToolId } from '../tool-names';

/** Anthropic Messages request <-> IR (PROTOCOLS.md §3.1, §8.1-3, §8.9, §8.13). */

function blockMedia(b: JsonObject): IRText | IRImage | undefined {
  if (b.type === 'text' && typeof b.text === 'string') return { type: 'text', text: b.text };
  if (b.type === 'image') {
    const s = obj(b.source);
    if (s?.type === 'base64' && typeof s.data === 'string') return { type: 'image', source: { kind: 'base64', mediaType: str(s.media_type) ?? 'image/png', data: s.data } };
    if (s?.type === 'url' && typeof s.url === 'string') return { type: 'image', source: { kind: 'url', url: s.url } };
  }
  return undefined;
}

function contentBlocks(content: unknown): JsonObject[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return arr(content).flatMap((b) => (obj(b) ? [obj(b) as JsonObject] : []));
}

function parseChoice(v: unknown): { choice?: IRToolChoice; parallel?: boolean } {
  const c = obj(v);
  if (!c) return {};
  const parallel = bool(c.disable_parallel_tool_use) === true ? { parallel: false } : {};
  if (c.type === 'auto') return { choice: { type: 'auto' }, ...parallel };
  if (c.type === 'any') return { choice: { type: 'required' }, ...parallel };
  if (c.type === 'none') return { choice: { type: 'none' } };
  const name = str(c.name);
  if (c.type === 'tool' && name) return { choice: { type: 'tool', name }, ...parallel };
  return {};
}

export function parseAnthropicRequest(body: unknown, line: RequestLine): IRRequest {
  const b = obj(body) ?? {};
  const system = contentBlocks(b.system).flatMap((x) => (typeof x.text === 'string' && x.text ? [x.text] : []));
  const messages: IRMessage[] = [];
  for (const m of arr(b.messages)) {
    const msg = obj(m);
    if (!msg) continue;
    const blocks = contentBlocks(msg.content);
    if (msg.role === 'system') {
      // Mid-conversation system blocks join the single system field (§5.1).
      const t = blocks.map((x) => str(x.text) ?? '').join('');
      if (t) system.push(t);
      continue;
    }
    const role = msg.role === 'assistant' ? 'assistant' : 'user';
    const parts: IRPart[] = [];
    const results: IRPart[] = [];
    for (const block of blocks) {
      const media = blockMedia(block);
      if (media) parts.push(media);
      else if (block.type === 'tool_use' && typeof block.name === 'string') {
        parts.push({ type: 'tool_call', id: str(block.id) ?? '', name: block.name, arguments: JSON.stringify(block.input ?? {}) });
      } else if (block.type === 'tool_result') {
        const content = contentBlocks(block.content).flatMap((x) => {
          const p = blockMedia(x);
          return p ? [p] : [];
        });
        results.push({ type: 'tool_result', callId: str(block.tool_use_id) ?? '', content, ...(block.is_error === true ? { isError: true } : {}) });
      } else if (block.type === 'thinking' && typeof block.thinking === 'string') {
        parts.push({ type: 'reasoning', text: block.thinking });
      }
      // document, search_result, redacted_thinking and server-tool blocks cannot cross protocols.
    }
    if (results.length) messages.push({ role: 'tool', parts: results });
    if (parts.length || !results.length) messages.push({ role, parts });
  }
  const tools: IRTool[] = [];
  for (const t of arr(b.tools)) {
    const tool = obj(t);
    const name = str(tool?.name);
    // Server tools (web_search_*, bash_*, ...) have a versioned `type` and no input_schema.
    if (!tool || !name || !obj(tool.input_schema)) continue;
    const description = str(tool.description);
    tools.push({ name, ...(description ? { description } : {}), parameters: obj(tool.input_schema) ?? {} });
  }
  const ir: IRRequest = { model: str(b.model) ?? line.model ?? '', system, messages, tools, stream: bool(b.stream) ?? false };
  const { choice, parallel } = parseChoice(b.tool_choice);
  if (choice) ir.toolChoice = choice;
  if (parallel !== undefined) ir.parallelToolCalls = parallel;
  const max = num(b.max_tokens);
  if (max !== undefined) ir.maxTokens = max;
  const temperature = num(b.temperature);
  if (temperature !== undefined) ir.temperature = temperature;
  const topP = num(b.top_p);
  if (topP !== undefined) ir.topP = topP;
  const topK = num(b.top_k);
  if (topK !== undefined) ir.topK = topK;
  const stop = strList(b.stop_sequences);
  if (stop) ir.stop = stop;
  const thinking = obj(b.thinking);
  const budget = num(thinking?.budget_tokens);
  if (thinking?.type === 'enabled' && budget) ir.reasoning = { budgetTokens: budget };
  return ir;
}

function buildParts(parts: IRPart[], opts: BuildOptions): JsonObject[] {
  const out: JsonObject[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        // Anthropic rejects empty text blocks (§8.2).
        if (p.text !== '') out.push({ type: 'text', text: p.text });
        break;
      case 'image':
        out.push({
          type: 'image',
          source: p.source.kind === 'base64' ? { type: 'base64', media_type: p.source.mediaType, data: p.source.data } : { type: 'url', url: p.source.url },
        });
        break;
      case 'tool_call':
        out.push({ type: 'tool_use', id: sanitizeAnthropicToolId(p.id), name: opts.toolNames.toUpstream(p.name), input: parseJsonObject(p.arguments) });
        break;
      case 'tool_result': {
        const content = buildParts(p.content, opts);
        out.push(compact({ type: 'tool_result', tool_use_id: sanitizeAnthropicToolId(p.callId), content: content.length ? content : undefined, is_error: p.isError }));
        break;
      }
      case 'reasoning':
        break; // thinking blocks need Anthropic's own signature: never forwarded from elsewhere
      default: {
        const never: never = p;
        return never;
      }
    }
  }
  return out;
}

export function buildAnthropicRequest(ir: IRRequest, opts: BuildOptions): JsonObject {
  const turns = repairToolPairs(ir.messages)
    .map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', parts: buildParts(m.parts, opts) }))
    .filter((m) => m.parts.length > 0);
  // Tool results go first in their user turn: a 'tool' message merged with the following user text keeps that order.
  const messages = mergeConsecutive(turns).map((m) => ({ role: m.role, content: m.parts }));
  const out: JsonObject = { model: opts.upstreamModel, messages, max_tokens: ir.maxTokens ?? opts.defaultMaxTokens };
  const system = ir.system.filter((s) => s !== '');
  if (system.length) out.system = system.map((text) => ({ type: 'text', text }));
  let tools = ir.tools;
  const choice = ir.toolChoice;
  if (choice && choice.type !== 'tool' && choice.allowed?.length) tools = tools.filter((t) => choice.allowed?.includes(t.name));
  if (tools.length) {
    out.tools = tools.map((t) => compact({ name: opts.toolNames.toUpstream(t.name), description: t.description, input_schema: { type: 'object', ...t.parameters } }));
    const noParallel = ir.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
    if (choice?.type === 'tool') out.tool_choice = { type: 'tool', name: opts.toolNames.toUpstream(choice.name), ...noParallel };
    else if (choice?.type === 'required') out.tool_choice = { type: 'any', ...noParallel };
    else if (choice?.type === 'none') out.tool_choice = { type: 'none' };
    else if (ir.parallelToolCalls === false) out.tool_choice = { type: 'auto', ...noParallel };
  }
  // Newer Claude models reject temperature and top_p together, and temperature above 1 (§8.13).
  if (ir.temperature !== undefined) out.temperature = Math.min(1, Math.max(0, ir.temperature));
  else if (ir.topP !== undefined) out.top_p = ir.topP;
  if (ir.topK !== undefined) out.top_k = ir.topK;
  if (ir.stop?.length) out.stop_sequences = ir.stop;
  if (ir.reasoning?.budgetTokens && ir.reasoning.budgetTokens >= 1024) {
    out.thinking = { type: 'enabled', budget_tokens: ir.reasoning.budgetTokens };
    // The thinking budget counts against max_tokens.
    if ((out.max_tokens as number) <= ir.reasoning.budgetTokens) out.max_tokens = ir.reasoning.budgetTokens + opts.defaultMaxTokens;
    delete out.temperature;
    delete out.top_p;
    delete out.top_k;
  }
  if (ir.stream) out.stream = true;
  return out;
}
