import type { RenderOptions } from '../adapter';
import type { IRFinishReason, IRResponse } from '../ir';
import { newId } from '../ir-utils';
import { arr, field, obj, parseJsonObject, str, type JsonObject } from '../json';
import type { ToolNameMap } from '../tool-names';
import { fromGeminiUsage, toGeminiUsage, ZERO_USAGE } from '../usage';
import { rememberThoughtSignature, syntheticCallId } from './thought-signatures';

/** Gemini GenerateContentResponse <-> IR (PROTOCOLS.md §4.2, §5.4). */

const SAFETY = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);

/** "STOP" with functionCall parts means a tool call: the content decides, not the reason (§5.4). */
export function geminiFinishToIR(reason: string | undefined, hasCalls: boolean): IRFinishReason {
  if (hasCalls && (reason === undefined || reason === 'STOP')) return 'tool_calls';
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== undefined && SAFETY.has(reason)) return 'content_filter';
  return reason === undefined ? 'stop' : 'other';
}

export function irFinishToGemini(r: IRFinishReason): string {
  switch (r) {
    case 'stop':
    case 'tool_calls':
    case 'other':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content_filter':
      return 'SAFETY';
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** One candidate's parts as IR parts; ids minted where Gemini sent none, signatures remembered. */
export function geminiParts(parts: unknown, names: ToolNameMap): IRResponse['parts'] {
  const out: IRResponse['parts'] = [];
  for (const p of arr(parts)) {
    const part = obj(p);
    if (!part) continue;
    const call = obj(field(part, 'functionCall', 'function_call'));
    const signature = str(field(part, 'thoughtSignature', 'thought_signature'));
    if (typeof part.text === 'string' && part.text !== '') out.push(part.thought === true ? { type: 'reasoning', text: part.text } : { type: 'text', text: part.text });
    else if (call) {
      const id = str(call.id) || syntheticCallId();
      if (signature) rememberThoughtSignature(id, signature);
      out.push({ type: 'tool_call', id, name: names.toClient(str(call.name) ?? ''), arguments: JSON.stringify(call.args ?? {}), ...(signature ? { thoughtSignature: signature } : {}) });
    }
  }
  return out;
}

export function parseGeminiResponse(body: unknown, names: ToolNameMap): IRResponse {
  const b = obj(body) ?? {};
  const cand = obj(arr(b.candidates)[0]);
  const parts = geminiParts(obj(cand?.content)?.parts, names);
  const blocked = str(obj(b.promptFeedback)?.blockReason);
  const usage = fromGeminiUsage(b.usageMetadata);
  const finish = blocked && !cand ? 'content_filter' : geminiFinishToIR(str(cand?.finishReason), parts.some((p) => p.type === 'tool_call'));
  return { id: str(b.responseId) ?? newId('gem-'), model: str(b.modelVersion) ?? '', parts, finish, ...(usage ? { usage } : {}) };
}

export function renderGeminiParts(parts: IRResponse['parts']): JsonObject[] {
  const out: JsonObject[] = [];
  for (const p of parts) {
    if (p.type === 'text' && p.text !== '') out.push({ text: p.text });
    else if (p.type === 'tool_call') {
      out.push({ functionCall: { id: p.id, name: p.name, args: parseJsonObject(p.arguments) }, ...(p.thoughtSignature ? { thoughtSignature: p.thoughtSignature } : {}) });
    }
  }
  return out;
}

export function renderGeminiResponse(r: IRResponse, opts: RenderOptions): JsonObject {
  const parts = renderGeminiParts(r.parts);
  return {
    candidates: [{ content: { role: 'model', parts: parts.length ? parts : [{ text: '' }] }, finishReason: irFinishToGemini(r.finish), index: 0 }],
    usageMetadata: toGeminiUsage(r.usage ?? ZERO_USAGE),
    modelVersion: opts.model,
    responseId: r.id,
  };
}
