import { create } from 'zustand';
import { Button } from './Button';
import { Dialog } from './Dialog';

interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  danger: boolean;
  resolve: (ok: boolean) => void;
}
const useConfirmState = create<{ current: ConfirmRequest | null }>(() => ({ current: null }));

/** Asks before a destructive action, in the app's own dialog (not window.confirm). */
export function confirmAction(opts: { title: string; body: string; confirmLabel?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    useConfirmState.getState().current?.resolve(false);
    useConfirmState.setState({
      current: { title: opts.title, body: opts.body, confirmLabel: opts.confirmLabel ?? 'Confirm', danger: opts.danger ?? false, resolve },
    });
  });
}

export function ConfirmHost() {
  const current = useConfirmState((s) => s.current);
  const finish = (ok: boolean) => {
    current?.resolve(ok);
    useConfirmState.setState({ current: null });
  };
  return (
    <Dialog
      open={current !== null}
      title={current?.title ?? ''}
      onClose={() => finish(false)}
      testId="confirm-dialog"
      footer={
        <>
          <Button onClick={() => finish(false)}>Cancel</Button>
          <Button variant={current?.danger ? 'danger' : 'primary'} onClick={() => finish(true)} data-testid="confirm-ok">
            {current?.confirmLabel}
          </Button>
        </>
      }
    >
      <p>{current?.body}</p>
    </Dialog>
  );
}
