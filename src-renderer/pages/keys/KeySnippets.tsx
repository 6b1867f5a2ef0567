import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { connectionSnippets } from '../../lib/snippets';
import { CodeBlock, Tabs } from '../../ui';

/** Per-SDK and per-CLI setup for one key, pointed at the address teammates reach the gateway on. */
export function KeySnippets({ token }: { token: string }) {
  const gateway = useQuery({ queryKey: ['gatewayUrl'], queryFn: () => api.gatewayUrl(), staleTime: Infinity });
  const snippets = connectionSnippets(gateway.data ?? window.location.origin, token);
  const [active, setActive] = useState(snippets[0]?.id ?? 'openai');
  const current = snippets.find((s) => s.id === active) ?? snippets[0];
  return (
    <div className="stack" data-testid="key-snippets">
      <Tabs tabs={snippets.map((s) => ({ id: s.id, label: s.label }))} value={active} onChange={setActive} />
      {current ? <CodeBlock code={current.code} testId={`snippet-${current.id}`} /> : null}
    </div>
  );
}
