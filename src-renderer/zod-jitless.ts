import { config } from 'zod';

/**
 * The desktop window's CSP forbids eval (src-main/desktop/content-security.ts). Without this, zod
 * probes `Function('')` on its first parse — a CSP violation — before falling back to the same
 * non-JIT parsing. Imported first by main.tsx so it runs before any module-level parse.
 */
config({ jitless: true });
