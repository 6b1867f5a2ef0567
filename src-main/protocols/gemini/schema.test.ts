import { describe, expect, it } from 'vitest';
import { fromGeminiSchema, toGeminiSchema } from './schema';

/** PROTOCOLS.md §8.8: Gemini `parameters` reject keywords Claude Code and MCP tools send. */
describe('Gemini schema trimming', () => {
  it('drops what Gemini rejects and rewrites what has an equivalent', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        path: { type: 'string', format: 'uri', description: 'File' },
        mode: { const: 'fast' },
        limit: { type: ['integer', 'null'], exclusiveMinimum: 0 },
        when: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' }, propertyNames: { pattern: 'x' } },
        ref: { $ref: '#/$defs/Point' },
        either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      required: ['path', 'ghost'],
      $defs: { Point: { type: 'object', properties: { x: { type: 'number' } } } },
    };
    expect(toGeminiSchema(schema)).toEqual({
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File' },
        mode: { type: 'string', enum: ['fast'] },
        limit: { type: 'integer', nullable: true },
        when: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' } },
        ref: { type: 'object', properties: { x: { type: 'number' } } },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        maybe: { type: 'string', nullable: true },
      },
      required: ['path'],
    });
  });

  it('reads Gemini client schemas (upper-case OpenAPI types) as JSON Schema', () => {
    expect(fromGeminiSchema({ type: 'OBJECT', properties: { n: { type: 'INTEGER', nullable: true }, l: { type: 'ARRAY', items: { type: 'STRING' } } } })).toEqual({
      type: 'object',
      properties: { n: { type: 'integer' }, l: { type: 'array', items: { type: 'string' } } },
    });
  });
});
