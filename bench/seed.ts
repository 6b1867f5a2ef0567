/**
 * Sets up a benchmark tenant through the real console API, as a person would: a provider who
 * adds a channel to the fake upstream, and a member with plenty of points and one gateway key.
 */
export const BENCH_ADMIN = { email: 'bench-admin@example.test', password: 'bench-admin-password-1' };
export const UPSTREAM_SECRET = 'sk-bench-upstream-secret';

export interface Tenant {
  /** The member's local sk- key for the gateway. */
  gatewayKey: string;
}

async function call<T>(base: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function seedTenant(gatewayUrl: string, upstreamUrl: string): Promise<Tenant> {
  const admin = await call<{ token: string }>(gatewayUrl, 'POST', '/api/auth/login', BENCH_ADMIN);
  const password = 'bench-member-password-1';
  await call(gatewayUrl, 'POST', '/api/users', { email: 'provider@bench.test', password, points_balance: 0 }, admin.token);
  await call(gatewayUrl, 'POST', '/api/users', { email: 'member@bench.test', password, points_balance: 1_000_000 }, admin.token);
  const provider = await call<{ token: string }>(gatewayUrl, 'POST', '/api/auth/login', { email: 'provider@bench.test', password });
  const member = await call<{ token: string }>(gatewayUrl, 'POST', '/api/auth/login', { email: 'member@bench.test', password });
  await call(gatewayUrl, 'POST', '/api/channels', { name: 'bench-upstream', provider: 'openai', base_url: `${upstreamUrl}/v1`, api_key_secret: UPSTREAM_SECRET, models: ['bench-*'] }, provider.token);
  const key = await call<{ token: string }>(gatewayUrl, 'POST', '/api/api-keys', { name: 'bench' }, member.token);
  return { gatewayKey: key.token };
}
