import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api } from '../api/client';
import { errorText } from '../lib/format';
import { useSession } from '../state/session';
import { Button, Card, ErrorNotice, Field, Tabs, TextInput } from '../ui';

type Mode = 'login' | 'register';

export function LoginPage() {
  const user = useSession((s) => s.user);
  const signIn = useSession((s) => s.signIn);
  const location = useLocation();
  const [mode, setMode] = useState<Mode>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [invite, setInvite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (user) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result =
        mode === 'login'
          ? await api.call('auth.login', { email, password })
          : await api.call('auth.register', {
              email,
              password,
              display_name: displayName || undefined,
              invite_code: invite || undefined,
            });
      signIn(result.token, result.user);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-wrap">
      <div className="auth-card stack">
        <div className="brand" style={{ justifyContent: 'center' }}>
          <span className="brand-mark">TA</span> TokenAltar
        </div>
        <Card>
          <form className="stack" onSubmit={(e) => void submit(e)} data-testid="auth-form">
            <Tabs<Mode>
              tabs={[
                { id: 'login', label: 'Sign in' },
                { id: 'register', label: 'Register' },
              ]}
              value={mode}
              onChange={(m) => {
                setMode(m);
                setError(null);
              }}
            />
            <Field label="Email">
              <TextInput name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </Field>
            <Field label="Password" hint={mode === 'register' ? 'At least 8 characters.' : undefined}>
              <TextInput
                name="password"
                type="password"
                autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
                required
                minLength={mode === 'register' ? 8 : 1}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
            {mode === 'register' ? (
              <>
                <Field label="Display name (optional)">
                  <TextInput name="display_name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
                </Field>
                <Field label="Invite code" hint="Needed when the owner has made the pool invitation-only.">
                  <TextInput name="invite_code" value={invite} onChange={(e) => setInvite(e.target.value)} />
                </Field>
              </>
            ) : null}
            {error ? <ErrorNotice error={error} /> : null}
            <Button type="submit" variant="primary" busy={busy}>
              {mode === 'login' ? 'Sign in' : 'Create account'}
            </Button>
          </form>
        </Card>
      </div>
    </div>
  );
}
