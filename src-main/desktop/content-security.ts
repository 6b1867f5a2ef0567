/**
 * The console window's Content-Security-Policy. The renderer is a Vite build of our own files
 * served from `app://console/`; it needs no remote code, no eval, no inline script and no network
 * (its transport is the IPC bridge), so everything but same-origin static assets is refused.
 * `style-src 'self'` still allows React's `style={...}` props: those go through the CSSOM, which
 * CSP does not restrict; only inline <style> tags and style="" attributes in HTML are refused.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
].join('; ');

/** Response headers every console resource carries (also applied to any non-app response). */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
