/**
 * Gemini thinking models reject history whose functionCall parts lack the `thoughtSignature`
 * they were sent with (PROTOCOLS.md §8.7); OpenAI and Anthropic clients cannot carry it. We keep
 * it against the tool-call id for a while; history we never saw gets Google's documented sentinel.
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

const MAX_ENTRIES = 20_000;
const signatures = new Map<string, string>();

export function rememberThoughtSignature(callId: string, signature: string): void {
  if (signatures.size >= MAX_ENTRIES) {
    const oldest = signatures.keys().next().value;
    if (oldest !== undefined) signatures.delete(oldest);
  }
  signatures.set(callId, signature);
}

export function thoughtSignatureFor(callId: string): string | undefined {
  return signatures.get(callId);
}

/** Ids the gateway minted because Gemini sent none: never sent back to Gemini (§8.6). */
export const SYNTHETIC_ID_PREFIX = 'call_gsyn_';

export function syntheticCallId(): string {
  return `${SYNTHETIC_ID_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export const isSyntheticCallId = (id: string) => id.startsWith(SYNTHETIC_ID_PREFIX);
