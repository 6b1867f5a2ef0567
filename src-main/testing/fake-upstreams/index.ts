import { anthropicFake } from './anthropic';
import { geminiFake } from './gemini';
import { openaiFake } from './openai';
import type { ProtocolFake } from './protocol-fake';
import { serveFake, type FakeUpstream } from './server';

export type { FakeBehaviour, FakeFailure, FakeToolCall, FakeUsage } from './behaviour';
export type { RecordedRequest } from './protocol-fake';
export type { FakeUpstream } from './server';

export type FakeProtocol = 'openai' | 'anthropic' | 'gemini';

const fakes: Record<FakeProtocol, ProtocolFake> = { openai: openaiFake, anthropic: anthropicFake, gemini: geminiFake };

/**
 * Starts a real HTTP server on 127.0.0.1 (port 0) speaking one provider's wire format.
 * `openai` serves /v1/chat/completions and /v1/responses (use it for openai-compatible too);
 * `anthropic` serves /v1/messages; `gemini` serves /v1beta/models/{model}:generateContent etc.
 */
export function startFakeUpstream(opts: { protocol: FakeProtocol; apiKey?: string }): Promise<FakeUpstream> {
  return serveFake(fakes[opts.protocol], opts.apiKey ?? 'upstream-secret-key');
}
