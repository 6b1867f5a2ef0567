import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, Type, type Content, type Part } from '@google/genai';
import OpenAI from 'openai';

/**
 * The four official SDKs, driven the way an application drives them, through one small
 * interface so the protocol matrix can ask every client the same question and compare what
 * each SDK hands back (text, tool calls, finish reason, usage) in normalized form.
 */
export type ClientKind = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

export interface ToolCallSeen {
  id: string;
  name: string;
  args: unknown;
}

export interface Ask {
  model: string;
  stream: boolean;
  system?: string;
  user: string;
  /** Base64 PNG sent with the user turn. */
  imagePng?: string;
  /** Declare the get_weather tool. */
  tools?: boolean;
  /** Second turn of a tool round trip: the call the model made and its result. */
  toolResult?: { call: ToolCallSeen; output: string };
}

export interface Answer {
  text: string;
  toolCalls: ToolCallSeen[];
  finish: 'stop' | 'tool_calls' | 'length' | 'other';
  /** Normalized from the SDK's own usage fields: input counts cached tokens. */
  usage: { input: number; cached: number; output: number };
}

const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] } as const;
const WEATHER_DESC = 'Current weather for a city';

export interface Driver {
  ask(q: Ask): Promise<Answer>;
}

// ---------- OpenAI Chat ----------
function chatDriver(client: OpenAI): Driver {
  return {
    async ask(q) {
      const messages: OpenAI.ChatCompletionMessageParam[] = [];
      if (q.system) messages.push({ role: 'system', content: q.system });
      messages.push({
        role: 'user',
        content: q.imagePng ? [{ type: 'text', text: q.user }, { type: 'image_url', image_url: { url: `data:image/png;base64,${q.imagePng}` } }] : q.user,
      });
      if (q.toolResult) {
        const c = q.toolResult.call;
        messages.push({ role: 'assistant', content: null, tool_calls: [{ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } }] });
        messages.push({ role: 'tool', tool_call_id: c.id, content: q.toolResult.output });
      }
      const tools: OpenAI.ChatCompletionTool[] | undefined = q.tools ? [{ type: 'function', function: { name: 'get_weather', description: WEATHER_DESC, parameters: WEATHER_SCHEMA } }] : undefined;
      const base = { model: q.model, messages, ...(tools ? { tools } : {}) };
      const finishOf = (f: string | null | undefined): Answer['finish'] => (f === 'stop' ? 'stop' : f === 'tool_calls' ? 'tool_calls' : f === 'length' ? 'length' : 'other');
      const usageOf = (u: OpenAI.CompletionUsage | null | undefined) => ({ input: u?.prompt_tokens ?? -1, cached: u?.prompt_tokens_details?.cached_tokens ?? 0, output: u?.completion_tokens ?? -1 });
      if (!q.stream) {
        const r = await client.chat.completions.create(base);
        const m = r.choices[0]?.message;
        return {
          text: m?.content ?? '',
          toolCalls: (m?.tool_calls ?? []).flatMap((t) => (t.type === 'function' ? [{ id: t.id, name: t.function.name, args: JSON.parse(t.function.arguments) as unknown }] : [])),
          finish: finishOf(r.choices[0]?.finish_reason),
          usage: usageOf(r.usage),
        };
      }
      const s = await client.chat.completions.create({ ...base, stream: true, stream_options: { include_usage: true } });
      let text = '';
      let finish: string | null | undefined;
      let usage: OpenAI.CompletionUsage | null | undefined;
      const calls = new Map<number, { id: string; name: string; args: string }>();
      for await (const c of s) {
        if (c.usage) usage = c.usage;
        const ch = c.choices[0];
        if (!ch) continue;
        text += ch.delta.content ?? '';
        for (const t of ch.delta.tool_calls ?? []) {
          const cur = calls.get(t.index) ?? { id: '', name: '', args: '' };
          if (t.id) cur.id = t.id;
          if (t.function?.name) cur.name = t.function.name;
          cur.args += t.function?.arguments ?? '';
          calls.set(t.index, cur);
        }
        finish = ch.finish_reason ?? finish;
      }
      return { text, toolCalls: [...calls.values()].map((c) => ({ id: c.id, name: c.name, args: JSON.parse(c.args || '{}') as unknown })), finish: finishOf(finish), usage: usageOf(usage) };
    },
  };
}

// ---------- OpenAI Responses ----------
function responsesDriver(client: OpenAI): Driver {
  const answerOf = (r: OpenAI.Responses.Response, streamedText?: string): Answer => {
    const toolCalls: ToolCallSeen[] = [];
    let text = '';
    for (const item of r.output) {
      if (item.type === 'function_call') toolCalls.push({ id: item.call_id, name: item.name, args: JSON.parse(item.arguments) as unknown });
      if (item.type === 'message') for (const c of item.content) if (c.type === 'output_text') text += c.text;
    }
    const finish: Answer['finish'] = r.status === 'incomplete' ? 'length' : r.status !== 'completed' ? 'other' : toolCalls.length ? 'tool_calls' : 'stop';
    return { text: streamedText ?? text, toolCalls, finish, usage: { input: r.usage?.input_tokens ?? -1, cached: r.usage?.input_tokens_details.cached_tokens ?? 0, output: r.usage?.output_tokens ?? -1 } };
  };
  return {
    async ask(q) {
      const input: OpenAI.Responses.ResponseInputItem[] = [
        {
          role: 'user',
          content: q.imagePng
            ? [{ type: 'input_text', text: q.user }, { type: 'input_image', image_url: `data:image/png;base64,${q.imagePng}`, detail: 'auto' }]
            : [{ type: 'input_text', text: q.user }],
        },
      ];
      if (q.toolResult) {
        const c = q.toolResult.call;
        input.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: JSON.stringify(c.args) });
        input.push({ type: 'function_call_output', call_id: c.id, output: q.toolResult.output });
      }
      const base = {
        model: q.model,
        input,
        ...(q.system ? { instructions: q.system } : {}),
        ...(q.tools ? { tools: [{ type: 'function' as const, name: 'get_weather', description: WEATHER_DESC, parameters: WEATHER_SCHEMA, strict: false }] } : {}),
      };
      if (!q.stream) return answerOf(await client.responses.create(base));
      const s = await client.responses.create({ ...base, stream: true });
      let text = '';
      let final: OpenAI.Responses.Response | undefined;
      let lastSeq = -1;
      for await (const e of s) {
        if (e.sequence_number !== lastSeq + 1) throw new Error(`sequence_number jumped from ${lastSeq} to ${e.sequence_number}`);
        lastSeq = e.sequence_number;
        if (e.type === 'response.output_text.delta') text += e.delta;
        if (e.type === 'response.completed' || e.type === 'response.incomplete') final = e.response;
      }
      if (!final) throw new Error('stream ended without response.completed');
      return answerOf(final, text);
    },
  };
}

// ---------- Anthropic ----------
function anthropicDriver(client: Anthropic): Driver {
  const answerOf = (m: Anthropic.Message): Answer => {
    let text = '';
    const toolCalls: ToolCallSeen[] = [];
    for (const b of m.content) {
      if (b.type === 'text') text += b.text;
      if (b.type === 'tool_use') toolCalls.push({ id: b.id, name: b.name, args: b.input });
    }
    const finish: Answer['finish'] = m.stop_reason === 'end_turn' ? 'stop' : m.stop_reason === 'tool_use' ? 'tool_calls' : m.stop_reason === 'max_tokens' ? 'length' : 'other';
    const u = m.usage;
    const cached = u.cache_read_input_tokens ?? 0;
    return { text, toolCalls, finish, usage: { input: u.input_tokens + cached + (u.cache_creation_input_tokens ?? 0), cached, output: u.output_tokens } };
  };
  return {
    async ask(q) {
      const messages: Anthropic.MessageParam[] = [
        {
          role: 'user',
          content: q.imagePng ? [{ type: 'text', text: q.user }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: q.imagePng } }] : q.user,
        },
      ];
      if (q.toolResult) {
        const c = q.toolResult.call;
        messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: c.id, name: c.name, input: c.args }] });
        messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: c.id, content: q.toolResult.output }] });
      }
      const params: Anthropic.MessageCreateParamsNonStreaming = {
        model: q.model,
        max_tokens: 512,
        messages,
        ...(q.system ? { system: q.system } : {}),
        ...(q.tools ? { tools: [{ name: 'get_weather', description: WEATHER_DESC, input_schema: WEATHER_SCHEMA as unknown as Anthropic.Tool.InputSchema }] } : {}),
      };
      if (!q.stream) return answerOf(await client.messages.create(params));
      return answerOf(await client.messages.stream(params).finalMessage());
    },
  };
}

// ---------- Gemini ----------
function geminiDriver(client: GoogleGenAI): Driver {
  return {
    async ask(q) {
      const userParts: Part[] = [{ text: q.user }];
      if (q.imagePng) userParts.push({ inlineData: { mimeType: 'image/png', data: q.imagePng } });
      const contents: Content[] = [{ role: 'user', parts: userParts }];
      if (q.toolResult) {
        const c = q.toolResult.call;
        contents.push({ role: 'model', parts: [{ functionCall: { id: c.id, name: c.name, args: c.args as Record<string, unknown> } }] });
        contents.push({ role: 'user', parts: [{ functionResponse: { id: c.id, name: c.name, response: { output: q.toolResult.output } } }] });
      }
      const config = {
        ...(q.system ? { systemInstruction: q.system } : {}),
        ...(q.tools
          ? { tools: [{ functionDeclarations: [{ name: 'get_weather', description: WEATHER_DESC, parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING, description: 'City name' } }, required: ['city'] } }] }] }
          : {}),
      };
      const params = { model: q.model, contents, config };
      let text = '';
      const toolCalls: ToolCallSeen[] = [];
      let finish: string | undefined;
      let usage: { promptTokenCount?: number; cachedContentTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number } | undefined;
      const take = (r: Awaited<ReturnType<GoogleGenAI['models']['generateContent']>>) => {
        for (const p of r.candidates?.[0]?.content?.parts ?? []) {
          if (typeof p.text === 'string' && !p.thought) text += p.text;
          if (p.functionCall) toolCalls.push({ id: p.functionCall.id ?? '', name: p.functionCall.name ?? '', args: p.functionCall.args ?? {} });
        }
        finish = r.candidates?.[0]?.finishReason ?? finish;
        if (r.usageMetadata) usage = r.usageMetadata;
      };
      if (q.stream) for await (const r of await client.models.generateContentStream(params)) take(r);
      else take(await client.models.generateContent(params));
      const f: Answer['finish'] = finish === 'STOP' ? (toolCalls.length ? 'tool_calls' : 'stop') : finish === 'MAX_TOKENS' ? 'length' : 'other';
      return {
        text,
        toolCalls,
        finish: f,
        usage: { input: usage?.promptTokenCount ?? -1, cached: usage?.cachedContentTokenCount ?? 0, output: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0) },
      };
    },
  };
}

export function createDriver(kind: ClientKind, gatewayUrl: string, key: string): Driver {
  switch (kind) {
    case 'openai-chat':
      return chatDriver(new OpenAI({ apiKey: key, baseURL: `${gatewayUrl}/v1`, maxRetries: 0 }));
    case 'openai-responses':
      return responsesDriver(new OpenAI({ apiKey: key, baseURL: `${gatewayUrl}/v1`, maxRetries: 0 }));
    case 'anthropic':
      return anthropicDriver(new Anthropic({ apiKey: key, baseURL: gatewayUrl, maxRetries: 0 }));
    case 'gemini':
      return geminiDriver(new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gatewayUrl } }));
    default: {
      const never: never = kind;
      return never;
    }
  }
}
