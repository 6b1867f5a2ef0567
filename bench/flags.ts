/** `--name=value` / `--name value` numeric flags with defaults; unknown flags are an error. */
export function parseFlags<T extends Record<string, number>>(argv: string[], defaults: T): T {
  const out: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) throw new Error(`unexpected argument: ${argv[i]}`);
    const name = m[1]!;
    if (!(name in defaults)) throw new Error(`unknown flag --${name} (known: ${Object.keys(defaults).join(', ')})`);
    const raw = m[2] ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value)) throw new Error(`--${name} needs a number`);
    out[name] = value;
  }
  return out as T;
}
