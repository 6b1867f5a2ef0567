import pino, { type Logger } from 'pino';

/**
 * One root logger; modules take a child (`log.child({ module: 'gateway' })`). Anything that could
 * hold a secret is redacted by path, and prompts/completions are never logged.
 */
export function createLogger(level = process.env.TOKENALTAR_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['authorization', 'headers.authorization', 'headers["x-api-key"]', 'headers["x-goog-api-key"]', 'api_key_secret', 'password', 'token', '*.api_key_secret', '*.password', '*.token'],
      censor: '[redacted]',
    },
  });
}
