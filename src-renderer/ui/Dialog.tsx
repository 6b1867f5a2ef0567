import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './Button';

/** Modal on the native <dialog>: focus trap, Escape and backdrop come from the browser. */
export function Dialog({ open, title, onClose, children, footer, testId }: { open: boolean; title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} data-testid={testId} aria-label={title}>
      {open ? (
        <>
          <div className="dialog-head">
            <h2 style={{ margin: 0 }}>{title}</h2>
            <Button variant="ghost" small onClick={onClose} aria-label="Close dialog">
              ✕
            </Button>
          </div>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-foot">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}
