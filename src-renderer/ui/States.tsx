import type { ReactNode } from 'react';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty-title">{title}</div>
      {children ? <div>{children}</div> : null}
      {action}
    </div>
  );
}

/** Shown where the server does not offer an operation yet: never fake data in its place. */
export function NotAvailable({ what }: { what: string }) {
  return (
    <section className="card">
      <EmptyState title="Not available yet">
        {what} is not offered by this server version yet. This page fills in once the API is there.
      </EmptyState>
    </section>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  const text = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-bad" role="alert">
      {text}
    </div>
  );
}

export function Loading() {
  return <div className="muted" aria-busy="true">Loading…</div>;
}

export function Badge({ tone, children }: { tone?: 'ok' | 'warn' | 'bad' | 'accent'; children: ReactNode }) {
  return <span className={`badge${tone ? ` badge-${tone}` : ''}`}>{children}</span>;
}
