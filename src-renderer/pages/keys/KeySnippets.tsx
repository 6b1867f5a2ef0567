import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useOp } from '../../api/hooks';
import { connectionSnippets } from '../../lib/snippets';
import { isAdmin, useSession } from '../../state/session';
import { CodeBlock, Tabs } from '../../ui';

const PLACEHOLDER = 'http://GATEWAY-ADDRESS:8080';

/** Per-SDK and per-CLI setup for one key, pointed at the address clients reach the gateway on. */
export function KeySnippets({ token }: { token: string }) {
  const admin = isAdmin(useSession((s) => s.user));
  // HTTP: the address this browser reached; desktop: the bridge asks the core (fails while paused).
  const gateway = useQuery({ queryKey: ['gatewayUrl'], queryFn: () => api.gatewayUrl(), staleTime: Infinity, retry: false });
  const system = useOp('system.info', {}, { enabled: admin });
  const lan = system.data?.gateway.lan_urls ?? [];
  const snippets = connectionSnippets(gateway.data ?? PLACEHOLDER, token);
  const [active, setActive] = useState(snippets[0]?.id ?? 'openai');
  const current = snippets.find((s) => s.id === active) ?? snippets[0];
  return (
    <div className="stack" data-testid="key-snippets">
      {gateway.isError ? <div className="notice notice-warn">The gateway is not listening right now; replace {PLACEHOLDER} with its address once sharing is on.</div> : null}
      {lan.length > 0 ? <p className="muted">Teammates on the LAN reach the gateway at {lan.join(' or ')}.</p> : null}
      <Tabs tabs={snippets.map((s) => ({ id: s.id, label: s.label }))} value={active} onChange={setActive} />
      {current ? <CodeBlock code={current.code} testId={`snippet-${current.id}`} /> : null}
    </div>
  );
}
