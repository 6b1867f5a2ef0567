import { useState } from 'react';
import { useOpMutation } from '../api/hooks';
import { useSession } from '../state/session';
import { Button, Dialog, Field, TextInput, toast } from '../ui';

/** The signed-in user's own name and password (PATCH /api/me; the old password is required). */
export function AccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const user = useSession((s) => s.user);
  const update = useOpMutation('me.update');
  const [name, setName] = useState(user?.display_name ?? '');
  const [oldPassword, setOldPassword] = useState('');
  const [password, setPassword] = useState('');
  const saveName = () => update.mutate({ display_name: name }, { onSuccess: () => toast.success('Name saved'), onError: toast.error });
  const savePassword = () =>
    update.mutate(
      { password, old_password: oldPassword },
      { onSuccess: () => { toast.success('Password changed'); setOldPassword(''); setPassword(''); }, onError: toast.error },
    );
  return (
    <Dialog open={open} title="Your account" onClose={onClose} testId="account-dialog" footer={<Button onClick={onClose}>Close</Button>}>
      <p className="muted">{user?.email}</p>
      <div className="row" style={{ alignItems: 'flex-end', flexWrap: 'nowrap' }}>
        <div style={{ flex: 1 }}>
          <Field label="Display name">
            <TextInput name="account-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <Button onClick={saveName} disabled={!name.trim() || name === user?.display_name} busy={update.isPending} data-testid="save-account-name">
          Save name
        </Button>
      </div>
      <h3>Change password</h3>
      <div className="form-grid">
        <Field label="Current password">
          <TextInput name="account-old-password" type="password" autoComplete="current-password" value={oldPassword} onChange={(e) => setOldPassword(e.target.value)} />
        </Field>
        <Field label="New password" hint="At least 8 characters.">
          <TextInput name="account-new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
      </div>
      <div>
        <Button onClick={savePassword} disabled={!oldPassword || password.length < 8} busy={update.isPending}>
          Change password
        </Button>
      </div>
    </Dialog>
  );
}
