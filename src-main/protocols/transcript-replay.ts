import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { WireProtocol } from './adapter';
import type { IRPart, IRRequest, IRStreamEvent } from './ir';
import { adapters } from './registry';
import { SemanticObserver } from './semantic';
import { createSseReader, encodeSseFrame, type UpstreamEvent } from './sse';
import { ToolNameMap } from './tool-names';
import { ZERO_USAGE, type CanonicalUsage } from './usage';

/**
 * Replays the recorded transcripts in `<protocol>/fixtures/` through the adapters: streams
 * through the decoder (and back out through every protocol's encoder and decoder), requests
 * into the IR (and out to every protocol), responses both ways. Test support only.
 */

export interface StreamSummary {
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finish: string | null;
  usage: CanonicalUsage | null;
  ended: boolean;
}

const PROTOCOLS: WireProtocol[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'];
const identity = () => new ToolNameMap((n) => n);

export function parseSse(text: string): UpstreamEvent[] {
  const events: UpstreamEvent[] = [];
  const reader = createSseReader((e) => events.push(e));
  reader.feed(text);
  reader.end();
  return events;
}

export function summarize(events: IRStreamEvent[]): StreamSummary {
  const s: StreamSummary = { text: '', toolCalls: [], finish: null, usage: null, ended: false };
  for (const e of events) {
    if (e.type === 'text') s.text += e.text;
    else if (e.type === 'tool_call_start') s.toolCalls[e.index] = { id: e.id, name: e.name, arguments: '' };
    else if (e.type === 'tool_call_delta') {
      const c = s.toolCalls[e.index];
      if (c) c.arguments += e.arguments;
    } else if (e.type === 'finish') s.finish = e.reason;
    else if (e.type === 'usage') s.usage = e.usage;
    else if (e.type === 'end') s.ended = true;
    else if (e.type === 'error') throw e.error;
  }
  return s;
}

export function decodeAll(protocol: WireProtocol, frames: UpstreamEvent[]): { events: IRStreamEvent[]; firstSemanticFrame: number | null } {
  const decoder = adapters[protocol].createDecoder(identity());
  const observer = new SemanticObserver();
  const events: IRStreamEvent[] = [];
  let firstSemanticFrame: number | null = null;
  frames.forEach((f, i) => {
    for (const e of decoder.push(f)) {
      if (observer.observe(e)) firstSemanticFrame = i;
      events.push(e);
    }
  });
  events.push(...decoder.finish());
  return { events, firstSemanticFrame };
}

/** What a target protocol cannot carry: Gemini has no cache-write count, Anthropic no reasoning count. */
function lossyUsage(u: CanonicalUsage | null, target: WireProtocol): CanonicalUsage | null {
  // Anthropic and Gemini always carry a usage record: zeros when the source reported none.
  if (!u) return target === 'anthropic' || target === 'gemini' ? ZERO_USAGE : null;
  if (target === 'gemini') return { ...u, cacheWrite: 0 };
  if (target === 'anthropic') return { ...u, reasoning: 0 };
  return u;
}

function mediaSummary(ir: IRRequest) {
  const parts: IRPart[] = ir.messages.flatMap((m) => m.parts);
  return {
    system: ir.system.join('\n\n'),
    calls: parts.flatMap((p) => (p.type === 'tool_call' ? [[p.name, JSON.parse(p.arguments) as unknown]] : [])),
    results: parts.flatMap((p) => (p.type === 'tool_result' ? [p.content.map((c) => (c.type === 'text' ? c.text : 'image')).join('')] : [])),
    images: parts.filter((p) => p.type === 'image').length,
    tools: ir.tools.map((t) => t.name),
  };
}

interface Fixture {
  description: string;
  sse?: string;
  body?: unknown;
  line?: { model?: string; stream?: boolean };
  expect?: Record<string, unknown> & { toolCalls?: { id: string }[] };
  expectIR?: unknown;
}

export function replayFixtures(protocol: WireProtocol, dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const fx = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture;
    if (file.startsWith('stream-')) {
      it(`${file}: decodes — ${fx.description}`, () => {
        const { events, firstSemanticFrame } = decodeAll(protocol, parseSse(fx.sse ?? ''));
        const got = summarize(events);
        const want = { ...fx.expect } as Record<string, unknown>;
        // "<synthetic>": Gemini sent no id, so the gateway minted one with its recognizable prefix.
        const wantCalls = (want.toolCalls as { id: string }[]).map((c, i) => {
          if (c.id !== '<synthetic>') return c;
          expect(got.toolCalls[i]?.id).toMatch(/^call_gsyn_/);
          return { ...c, id: got.toolCalls[i]?.id };
        });
        expect({ ...got, firstSemanticFrame }).toEqual({ ...want, toolCalls: wantCalls });
      });
      for (const target of PROTOCOLS) {
        it(`${file}: survives re-encoding as ${target}`, () => {
          const decoded = decodeAll(protocol, parseSse(fx.sse ?? '')).events;
          const source = summarize(decoded);
          const encoder = adapters[target].createEncoder({ model: 'm', toolNames: identity(), includeUsage: true });
          const wire = decoded.flatMap((e) => encoder.push(e)).map(encodeSseFrame).join('');
          const back = summarize(decodeAll(target, parseSse(wire)).events);
          // Gemini carries arguments as objects: compare them parsed, not as text.
          const parsedArgs = (x: StreamSummary) => ({ ...x, toolCalls: x.toolCalls.map((c) => ({ ...c, arguments: JSON.parse(c.arguments || '{}') as unknown })) });
          expect(parsedArgs(back)).toEqual(parsedArgs({ ...source, usage: lossyUsage(source.usage, target) }));
        });
      }
    } else if (file.startsWith('request-')) {
      it(`${file}: parses into the IR — ${fx.description}`, () => {
        expect(adapters[protocol].parseRequest(fx.body, fx.line ?? {})).toEqual(fx.expectIR);
      });
      for (const target of PROTOCOLS) {
        it(`${file}: built as ${target} and read back keeps system, images, calls and results`, () => {
          const ir = adapters[protocol].parseRequest(fx.body, fx.line ?? {});
          const built = adapters[target].buildRequest(ir, { upstreamModel: 'm', defaultMaxTokens: 4096, toolNames: identity() });
          const back = adapters[target].parseRequest(JSON.parse(JSON.stringify(built)), { model: 'm', stream: ir.stream });
          const want = mediaSummary(ir);
          const got = mediaSummary(back);
          // Responses and Chat system prompts may be joined differently; the text survives.
          expect(got.system.replace(/\n\n/g, '')).toBe(want.system.replace(/\n\n/g, ''));
          expect(got.calls).toEqual(want.calls);
          expect(got.results).toEqual(want.results);
          expect(got.images).toBe(want.images);
          expect(got.tools).toEqual(want.tools);
        });
      }
    } else if (file.startsWith('response-')) {
      it(`${file}: parses — ${fx.description}`, () => {
        expect(adapters[protocol].parseResponse(fx.body, identity())).toEqual(expect.objectContaining(fx.expect ?? {}));
      });
      for (const target of PROTOCOLS) {
        it(`${file}: rendered as ${target} and read back`, () => {
          const ir = adapters[protocol].parseResponse(fx.body, identity());
          const rendered = adapters[target].renderResponse(ir, { model: 'm', toolNames: identity() });
          const back = adapters[target].parseResponse(JSON.parse(JSON.stringify(rendered)), identity());
          const visible = (parts: IRPart[]) => parts.filter((p) => p.type !== 'reasoning');
          expect(visible(back.parts)).toEqual(visible(ir.parts));
          expect(back.finish).toBe(ir.finish);
          expect(back.usage).toEqual(lossyUsage(ir.usage ?? null, target) ?? undefined);
        });
      }
    }
  }
}
