import { useState } from 'react';
import type { Role, UserRecord } from '../../../src-shared/api/ops/accounts';
import { useOp, useOpMutation } from '../../api/hooks';
import { formatPoints, formatTime } from '../../lib/format';
import { useSession } from '../../state/session';
import { Badge, Button, Card, confirmAction, Dialog, ErrorNotice, Field, Loading, PageHead, Select, Table, TextInput, toast, type Column } from '../../ui';
import { InviteCodesCard } from './InviteCodesCard';

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useOpMutation('users.create');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [balance, setBalance] = useState('');
  const submit = () =>
    create.mutate(
      { email, password, display_name: name || undefined, role, points_balance: balance === '' ? undefined : balance },
      {
        onSuccess: () => {
          toast.success(`Created ${email}`);
          setEmail('');
          setPassword('');
          setName('');
          setBalance('');
          onClose();
        },
        onError: toast.error,
      },
    );
  return (
    <Dialog
      open={open}
      title="New user"
      onClose={onClose}
      testId="user-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={create.isPending} onClick={submit}>
            Create
          </Button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="Email">
          <TextInput name="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Initial password" hint="At least 8 characters.">
          <TextInput name="user-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label="Display name">
          <TextInput name="user-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Role">
          <Select<Role> value={role} options={['member', 'admin']} onChange={setRole} />
        </Field>
        <Field label="Starting balance (points)" hint="Empty: the seed balance from Settings.">
          <TextInput name="user-balance" inputMode="decimal" value={balance} onChange={(e) => setBalance(e.target.value)} />
        </Field>
      </div>
    </Dialog>
  );
}

function AdjustDialog({ user, onClose }: { user: UserRecord | null; onClose: () => void }) {
  const update = useOpMutation('users.update');
  const reset = useOpMutation('users.resetPassword');
  const [delta, setDelta] = useState('');
  const [memo, setMemo] = useState('');
  const [password, setPassword] = useState('');
  if (!user) return <Dialog open={false} title="" onClose={onClose}>{null}</Dialog>;
  return (
    <Dialog open title={`Manage ${user.email}`} onClose={onClose} testId="adjust-dialog" footer={<Button onClick={onClose}>Close</Button>}>
      <h3>Points</h3>
      <p className="muted">Balance now {formatPoints(user.points_balance)}. A negative amount removes points; every change is ledgered as an admin grant.</p>
      <div className="row">
        <TextInput name="points-delta" inputMode="decimal" placeholder="+10 or -2.5" value={delta} onChange={(e) => setDelta(e.target.value)} style={{ width: 140 }} />
        <TextInput name="points-memo" placeholder="memo (optional)" value={memo} onChange={(e) => setMemo(e.target.value)} style={{ flex: 1, width: 'auto' }} />
        <Button
          variant="primary"
          busy={update.isPending}
          disabled={delta.trim() === ''}
          onClick={() =>
            update.mutate(
              { id: user.id, points_delta: delta.trim().replace(/^\+/, ''), memo: memo || undefined },
              { onSuccess: () => { toast.success('Balance updated'); setDelta(''); setMemo(''); }, onError: toast.error },
            )
          }
        >
          Apply
        </Button>
      </div>
      <h3>Role</h3>
      <div className="row">
        <Select<Role> value={user.role} options={['member', 'admin']} onChange={(role) => update.mutate({ id: user.id, role }, { onError: toast.error })} style={{ width: 160 }} />
      </div>
      <h3>Reset password</h3>
      <div className="row">
        <TextInput name="reset-password" type="password" placeholder="new password (8+ characters)" value={password} onChange={(e) => setPassword(e.target.value)} style={{ flex: 1, width: 'auto' }} />
        <Button
          busy={reset.isPending}
          disabled={password.length < 8}
          onClick={() => reset.mutate({ id: user.id, password }, { onSuccess: () => { toast.success('Password reset'); setPassword(''); }, onError: toast.error })}
        >
          Reset
        </Button>
      </div>
    </Dialog>
  );
}

export function UsersPage() {
  const users = useOp('users.list', {});
  const setEnabled = useOpMutation('users.setEnabled');
  const me = useSession((s) => s.user);
  const [creating, setCreating] = useState(false);
  const [managingId, setManagingId] = useState<number | null>(null);
  const managing = users.data?.find((u) => u.id === managingId) ?? null;

  const columns: Column<UserRecord>[] = [
    { key: 'email', header: 'Email', render: (u) => <strong>{u.email}</strong> },
    { key: 'name', header: 'Name', render: (u) => u.display_name },
    { key: 'role', header: 'Role', render: (u) => <Badge tone={u.role === 'admin' ? 'accent' : undefined}>{u.role}</Badge> },
    { key: 'status', header: 'Status', render: (u) => (u.enabled ? <Badge tone="ok">active</Badge> : <Badge tone="bad">suspended</Badge>) },
    { key: 'balance', header: 'Balance', numeric: true, render: (u) => formatPoints(u.points_balance) },
    { key: 'created', header: 'Joined', render: (u) => formatTime(u.created_at) },
    {
      key: 'actions',
      header: '',
      render: (u) => (
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <Button small onClick={() => setManagingId(u.id)}>
            Manage
          </Button>
          {u.id !== me?.id ? (
            <Button
              small
              variant={u.enabled ? 'danger' : 'default'}
              onClick={() =>
                u.enabled
                  ? void confirmAction({ title: `Suspend ${u.email}?`, body: 'Their keys and channels stop working; their ledger stays.', confirmLabel: 'Suspend', danger: true }).then(
                      (ok) => ok && setEnabled.mutate({ id: u.id, enabled: false }, { onError: toast.error }),
                    )
                  : setEnabled.mutate({ id: u.id, enabled: true }, { onError: toast.error })
              }
            >
              {u.enabled ? 'Suspend' : 'Reactivate'}
            </Button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHead
        title="Users"
        subtitle="Accounts, roles and balances. Suspending a user disables their keys and channels and keeps their ledger."
        actions={<Button variant="primary" onClick={() => setCreating(true)}>New user</Button>}
      />
      <Card>{users.isPending ? <Loading /> : users.error ? <ErrorNotice error={users.error} /> : <Table rows={users.data} columns={columns} rowKey={(u) => u.id} testId="users-table" />}</Card>
      <InviteCodesCard />
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <AdjustDialog user={managing} onClose={() => setManagingId(null)} />
    </>
  );
}
