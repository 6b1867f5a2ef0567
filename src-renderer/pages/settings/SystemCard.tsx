import type { SystemInfo } from '../../../src-shared/api/ops/system';
import { useOp } from '../../api/hooks';
import { Badge, Card, ErrorNotice, Loading } from '../../ui';

const SHARING: Record<SystemInfo['gateway']['sharing'], { label: string; tone: 'ok' | 'warn' | 'accent' }> = {
  local: { label: 'This computer only', tone: 'accent' },
  lan: { label: 'Shared on LAN', tone: 'ok' },
  paused: { label: 'Paused', tone: 'warn' },
};

/**
 * Where secrets are protected and how the gateway is reachable (system.info, admin only). Added by
 * the desktop shell (issue 7) so the backend protecting upstream secrets is shown, not hidden; the
 * desktop tray changes the gateway part at run time and pushes `settings` when it does.
 */
export function SystemCard() {
  const info = useOp('system.info', {});
  if (info.isPending) return <Loading />;
  if (info.error) return <ErrorNotice error={info.error} />;
  const { secrets_backend: secrets, gateway, version, desktop } = info.data;
  const sharing = SHARING[gateway.sharing];
  return (
    <Card title="System" testId="system-info">
      <dl className="form-grid">
        <div className="field">
          <dt>Upstream secrets protected by</dt>
          <dd data-testid="secrets-backend">
            {secrets.description}{' '}
            {secrets.kind === 'keychain' ? <Badge tone="ok">OS keychain</Badge> : <Badge tone="warn">{secrets.kind}</Badge>}
          </dd>
        </div>
        <div className="field">
          <dt>Gateway</dt>
          <dd data-testid="gateway-sharing">
            <Badge tone={sharing.tone}>{sharing.label}</Badge> {gateway.base_url ?? ''}
          </dd>
        </div>
        {gateway.lan_urls.length > 0 ? (
          <div className="field">
            <dt>LAN addresses</dt>
            <dd>{gateway.lan_urls.join(', ')}</dd>
          </div>
        ) : null}
        <div className="field">
          <dt>Version</dt>
          <dd>
            {version} {desktop ? '(desktop app)' : '(headless)'}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
