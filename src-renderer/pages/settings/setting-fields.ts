import { z } from 'zod';
import { SETTINGS, type SettingKey } from '../../../src-shared/settings';

/** How the Settings page edits one value, read from the shared zod schema of that setting. */
export type FieldKind =
  | { kind: 'boolean' }
  | { kind: 'number'; nullable: boolean }
  | { kind: 'enum'; options: string[] }
  | { kind: 'text' };

export function fieldKind(key: SettingKey): FieldKind {
  let schema: z.ZodType = SETTINGS[key].schema;
  let nullable = false;
  // Peel the wrappers the settings use: .default(), .nullable().
  for (;;) {
    if (schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType;
    else if (schema instanceof z.ZodNullable) {
      nullable = true;
      schema = schema.unwrap() as z.ZodType;
    } else break;
  }
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (schema instanceof z.ZodNumber) return { kind: 'number', nullable };
  if (schema instanceof z.ZodEnum) return { kind: 'enum', options: schema.options.map(String) };
  return { kind: 'text' };
}

/** Text in the form -> the value the API takes, or an error in plain words (same schema as the server). */
export function parseSettingInput(key: SettingKey, text: string | boolean): { value: unknown } | { error: string } {
  const f = fieldKind(key);
  let value: unknown = text;
  if (f.kind === 'number') {
    const t = String(text).trim();
    if (t === '' && f.nullable) value = null;
    else if (t === '' || !Number.isFinite(Number(t))) return { error: 'enter a number' };
    else value = Number(t);
  }
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'not valid' };
  return { value: parsed.data };
}

export function isSettingKey(key: string): key is SettingKey {
  return key in SETTINGS;
}
