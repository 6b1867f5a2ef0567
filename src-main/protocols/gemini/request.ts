import type { BuildOptions, RequestLine } from '../adapter';
import type { IRImage, IRMessage, IRPart, IRRequest, IRText, IRTool, IRToolChoice } from '../ir';
import { mergeConsecutive, repairToolPairs, textOf, toolNameFor } from '../ir-utils';
import { arr, field, num, obj, parseJsonObject, str, strList, type JsonObject } from '../json';
import { fromGeminiSchema, toGeminiSchema } from './schema';
import { isSyntheticCallId, SKIP_THOUGHT_SIGNATURE, SYNTHETIC_ID_PREFIX, thoughtSignatureFor } from './thought-signatures';

/** Gemini generateContent request <-> IR (PROTOCOLS.md §4.1, §8.4-8.8, §8.16: both casings accepted). */

function resultContent(response: unknown): (IRText | IRImage)[] {
  const r = obj(response);
  const keys = r ? Object.keys(r) : [];
  // {output: "..."} (Google's recommended shape) carries plain text; anything else travels as JSON.
  if (r && keys.length === 1 && typeof r.output === 'string') return [{ type: 'text', text: r.output }];
  if (r && keys.length === 1 && typeof r.result === 'string') return [{ type: 'text', text: r.result }];
  return [{ type: 'text', text: JSON.stringify(response ?? {}) }];
}

export function parseGeminiRequest(body: unknown, line: RequestLine): IRRequest {
  const b = obj(body) ?? {};
  const system = arr(obj(field(b, 'systemInstruction', 'system_instruction'))?.parts).flatMap((p) => {
    const t = str(obj(p)?.text);
    return t ? [t] : [];
  });
  const messages: IRMessage[] = [];
  // Calls without ids get request-local ids; responses without ids take the oldest open call of that name.
  let synthetic = 0;
  const open: { id: string; name: string }[] = [];
  for (const c of arr(b.contents)) {
    const content = obj(c);
    if (!content) continue;
    const role = content.role === 'model' ? 'assistant' : 'user';
    const parts: IRPart[] = [];
    const results: IRPart[] = [];
    for (const p of arr(content.parts)) {
      const part = obj(p);
      if (!part) continue;
      const inline = obj(field(part, 'inlineData', 'inline_data'));
      const file = obj(field(part, 'fileData', 'file_data'));
      const call = obj(field(part, 'functionCall', 'function_call'));
      const response = obj(field(part, 'functionResponse', 'function_response'));
      const signature = str(field(part, 'thoughtSignature', 'thought_signature'));
      if (typeof part.text === 'string') {
        parts.push(part.thought === true ? { type: 'reasoning', text: part.text } : { type: 'text', text: part.text });
      } else if (inline) {
        const mime = str(field(inline, 'mimeType', 'mime_type')) ?? '';
        const data = str(inline.data);
        if (data && mime.startsWith('image/')) parts.push({ type: 'image', source: { kind: 'base64', mediaType: mime, data } });
      } else if (file) {
        const uri = str(field(file, 'fileUri', 'file_uri'));
        if (uri) parts.push({ type: 'image', source: { kind: 'url', url: uri } });
      } else if (call) {
        const name = str(call.name) ?? '';
        const id = str(call.id) || `${SYNTHETIC_ID_PREFIX}h${synthetic++}`;
        open.push({ id, name });
        parts.push({ type: 'tool_call', id, name, arguments: JSON.stringify(call.args ?? {}), ...(signature ? { thoughtSignature: signature } : {}) });
      } else if (response) {
        const name = str(response.name) ?? '';
        let id = str(response.id);
        const at = id ? open.findIndex((o) => o.id === id) : open.findIndex((o) => o.name === name);
        if (at >= 0) id = open.splice(at, 1)[0]?.id;
        results.push({ type: 'tool_result', callId: id ?? `${SYNTHETIC_ID_PREFIX}h${synthetic++}`, name, content: resultContent(response.response) });
      }
    }
    if (results.length) messages.push({ role: 'tool', parts: results });
    if (parts.length || !results.length) messages.push({ role, parts });
  }
  const tools: IRTool[] = [];
  for (const t of arr(b.tools)) {
    for (const d of arr(field(obj(t), 'functionDeclarations', 'function_declarations'))) {
      const decl = obj(d);
      const name = str(decl?.name);
      if (!decl || !name) continue;
      const schema = obj(field(decl, 'parametersJsonSchema', 'parameters_json_schema')) ?? obj(fromGeminiSchema(decl.parameters));
      const description = str(decl.description);
      tools.push({ name, ...(description ? { description } : {}), parameters: schema ?? { type: 'object', properties: {} } });
    }
    // googleSearch, codeExecution, urlContext... are Gemini-only: dropped when converting.
  }
  const ir: IRRequest = { model: line.model ?? '', system, messages, tools, stream: line.stream ?? false };
  const fcc = obj(field(obj(field(b, 'toolConfig', 'tool_config')), 'functionCallingConfig', 'function_calling_config'));
  const allowed = strList(field(fcc, 'allowedFunctionNames', 'allowed_function_names'));
  const mode = str(fcc?.mode);
  let choice: IRToolChoice | undefined;
  if (mode === 'NONE') choice = { type: 'none' };
  else if (mode === 'ANY') choice = allowed?.length === 1 && allowed[0] ? { type: 'tool', name: allowed[0] } : { type: 'required', ...(allowed ? { allowed } : {}) };
  else if (mode === 'AUTO' || mode === 'VALIDATED') choice = { type: 'auto' };
  if (choice) ir.toolChoice = choice;
  const g = obj(field(b, 'generationConfig', 'generation_config'));
  const set = <K extends keyof IRRequest>(k: K, v: IRRequest[K] | undefined) => {
    if (v !== undefined) ir[k] = v;
  };
  set('maxTokens', num(field(g, 'maxOutputTokens', 'max_output_tokens')));
  set('temperature', num(g?.temperature));
  set('topP', num(field(g, 'topP', 'top_p')));
  set('topK', num(field(g, 'topK', 'top_k')));
  set('stop', strList(field(g, 'stopSequences', 'stop_sequences')));
  set('seed', num(g?.seed));
  set('presencePenalty', num(field(g, 'presencePenalty', 'presence_penalty')));
  set('frequencyPenalty', num(field(g, 'frequencyPenalty', 'frequency_penalty')));
  if (str(field(g, 'responseMimeType', 'response_mime_type')) === 'application/json') {
    const schema = obj(field(g, 'responseJsonSchema', 'response_json_schema')) ?? obj(fromGeminiSchema(field(g, 'responseSchema', 'response_schema')));
    ir.responseFormat = schema ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
  }
  const budget = num(field(obj(field(g, 'thinkingConfig', 'thinking_config')), 'thinkingBudget', 'thinking_budget'));
  if (budget !== undefined && budget > 0) ir.reasoning = { budgetTokens: budget };
  return ir;
}

function buildParts(m: IRMessage, all: IRMessage[], opts: BuildOptions): JsonObject[] {
  const out: JsonObject[] = [];
  let firstCall = true;
  for (const p of m.parts) {
    switch (p.type) {
      case 'text':
        if (p.text !== '') out.push({ text: p.text }); // Gemini rejects empty text parts (§8.2)
        break;
      case 'image':
        out.push(
          p.source.kind === 'base64'
            ? { inlineData: { mimeType: p.source.mediaType, data: p.source.data } }
            : { fileData: { mimeType: guessImageMime(p.source.url), fileUri: p.source.url } },
        );
        break;
      case 'tool_call': {
        const signature = p.thoughtSignature ?? thoughtSignatureFor(p.id) ?? (firstCall ? SKIP_THOUGHT_SIGNATURE : undefined);
        firstCall = false;
        out.push({
          functionCall: { name: opts.toolNames.toUpstream(p.name), args: parseJsonObject(p.arguments), ...(isSyntheticCallId(p.id) ? {} : { id: p.id }) },
          ...(signature ? { thoughtSignature: signature } : {}),
        });
        break;
      }
      case 'tool_result': {
        // functionResponse needs the name: find it from the call (§8.5); the response must be an object.
        const name = p.name || toolNameFor(all, p.callId) || 'unknown_tool';
        const text = textOf(p.content);
        out.push({
          functionResponse: { name: opts.toolNames.toUpstream(name), response: p.isError ? { error: text } : { output: text }, ...(isSyntheticCallId(p.callId) ? {} : { id: p.callId }) },
        });
        break;
      }
      case 'reasoning':
        break;
      default: {
        const never: never = p;
        return never;
      }
    }
  }
  return out;
}

export function guessImageMime(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : ext === 'gif' ? 'image/gif' : ext === 'heic' ? 'image/heic' : 'image/jpeg';
}

export function buildGeminiRequest(ir: IRRequest, opts: BuildOptions): JsonObject {
  const messages = repairToolPairs(ir.messages);
  const turns = messages
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: buildParts(m, messages, opts) }))
    .filter((t) => t.parts.length > 0); // never an empty parts array (§8.2)
  const contents = mergeConsecutive(turns);
  // A model turn cannot open the conversation (§8.4).
  if (contents[0]?.role === 'model') contents.unshift({ role: 'user', parts: [{ text: '.' }] });
  const out: JsonObject = { contents };
  const system = ir.system.filter((s) => s !== '');
  if (system.length) out.systemInstruction = { parts: [{ text: system.join('\n\n') }] };
  if (ir.tools.length) {
    out.tools = [{ functionDeclarations: ir.tools.map((t) => ({ name: opts.toolNames.toUpstream(t.name), ...(t.description ? { description: t.description } : {}), parameters: toGeminiSchema(t.parameters) })) }];
    const c = ir.toolChoice;
    const config =
      c?.type === 'tool' ? { mode: 'ANY', allowedFunctionNames: [opts.toolNames.toUpstream(c.name)] }
      : c?.type === 'required' ? { mode: 'ANY', ...(c.allowed?.length ? { allowedFunctionNames: c.allowed.map((n) => opts.toolNames.toUpstream(n)) } : {}) }
      : c?.type === 'none' ? { mode: 'NONE' }
      : c?.type === 'auto' ? { mode: 'AUTO' }
      : undefined;
    if (config) out.toolConfig = { functionCallingConfig: config };
  }
  const g: JsonObject = {};
  if (ir.maxTokens !== undefined) g.maxOutputTokens = ir.maxTokens;
  if (ir.temperature !== undefined) g.temperature = ir.temperature;
  if (ir.topP !== undefined) g.topP = ir.topP;
  if (ir.topK !== undefined) g.topK = ir.topK;
  if (ir.stop?.length) g.stopSequences = ir.stop.slice(0, 5);
  if (ir.seed !== undefined) g.seed = ir.seed;
  if (ir.presencePenalty !== undefined) g.presencePenalty = ir.presencePenalty;
  if (ir.frequencyPenalty !== undefined) g.frequencyPenalty = ir.frequencyPenalty;
  if (ir.responseFormat) {
    g.responseMimeType = 'application/json';
    if (ir.responseFormat.type === 'json_schema') g.responseJsonSchema = ir.responseFormat.schema;
  }
  if (ir.reasoning?.budgetTokens) g.thinkingConfig = { thinkingBudget: ir.reasoning.budgetTokens };
  if (Object.keys(g).length) out.generationConfig = g;
  return out;
}
