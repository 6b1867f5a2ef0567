import { describe, expect, it } from 'vitest';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { IMAGE_TOKENS, estimateInput, requestedMaxOutput } from './input-estimate';

const PNG_B64 = 'iVBORw0KGgo'.repeat(5000);

describe('input estimate', () => {
  it('counts chat text with the o200k BPE plus per-message framing', () => {
    const body = { model: 'gpt-5', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the capital of France?' }] };
    const est = estimateInput(body);
    const text = countTokens('Be brief.\nWhat is the capital of France?');
    expect(est.textTokens).toBe(text + 2 * 4 + 3);
    expect(est.images).toBe(0);
    expect(est.note).toContain('o200k_base');
  });

  it('applies the image rule in all four protocols and never tokenizes image bytes', () => {
    const openai = { messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_B64}` } }] }] };
    const responses = { input: [{ role: 'user', content: [{ type: 'input_text', text: 'look' }, { type: 'input_image', image_url: `data:image/png;base64,${PNG_B64}` }] }] };
    const anthropic = { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_B64 } }, { type: 'text', text: 'look' }] }] };
    const gemini = { contents: [{ role: 'user', parts: [{ text: 'look' }, { inlineData: { mimeType: 'image/png', data: PNG_B64 } }] }] };
    for (const body of [openai, responses, anthropic, gemini]) {
      const est = estimateInput(body);
      expect(est.images).toBe(1);
      expect(est.inputTokens).toBeLessThan(IMAGE_TOKENS + 20);
      expect(est.inputTokens).toBeGreaterThanOrEqual(IMAGE_TOKENS + 1);
      expect(est.note).toContain('1 image(s) × 1600');
    }
  });

  it('counts tool declarations as their JSON and ignores ids, model names and cache keys', () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const withTools = estimateInput({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], tools });
    const without = estimateInput({ model: 'a-very-long-model-name-that-should-not-count', prompt_cache_key: 'x'.repeat(500), messages: [{ role: 'user', content: 'hi' }] });
    expect(withTools.textTokens - without.textTokens).toBe(countTokens('hi\n' + JSON.stringify(tools)) - countTokens('hi'));
  });

  it('treats special-token text as plain text', () => {
    expect(estimateInput({ messages: [{ role: 'user', content: 'say <|endoftext|> now' }] }).textTokens).toBeGreaterThan(4);
  });

  it('bounds exact BPE work on huge inputs and says so in the note', () => {
    const est = estimateInput({ messages: [{ role: 'user', content: 'word '.repeat(200_000) }] });
    expect(est.inputTokens).toBeGreaterThan(150_000);
    expect(est.note).toContain('chars/token');
  });
});

describe('requested max output', () => {
  it('reads each protocol’s own cap', () => {
    expect(requestedMaxOutput({ max_tokens: 100 })).toBe(100);
    expect(requestedMaxOutput({ max_completion_tokens: 200, max_tokens: 100 })).toBe(200);
    expect(requestedMaxOutput({ max_output_tokens: 300 })).toBe(300);
    expect(requestedMaxOutput({ generationConfig: { maxOutputTokens: 400 } })).toBe(400);
    expect(requestedMaxOutput({ generation_config: { max_output_tokens: 500 } })).toBe(500);
    expect(requestedMaxOutput({ max_tokens: -1 })).toBeNull();
    expect(requestedMaxOutput({})).toBeNull();
    expect(requestedMaxOutput('nope')).toBeNull();
  });
});
