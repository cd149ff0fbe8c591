import { useEffect, useRef, useState } from 'react';
import { useDialogs } from '../stores/dialogs';

/** Renders the current dialog from the dialog store; Escape picks the cancel button. */
export function DialogHost() {
  const current = useDialogs((s) => s.current);
  const [typed, setTyped] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setTyped('');
    if (!current) return;
    const focusTarget = box.current?.querySelector<HTMLElement>('input, button.primary, button');
    focusTarget?.focus();
  }, [current]);
  if (!current) return null;
  const close = (id: string) => useDialogs.getState().close(id);
  const confirmed = current.confirmText === undefined || typed === current.confirmText;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close(current.cancelId)}>
      <div
        ref={box}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="modal-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close(current.cancelId);
          }
        }}
      >
        <h2 id="modal-title">{current.title}</h2>
        <p>{current.message}</p>
        {current.input && (
          <input
            aria-label={current.input.label}
            type={current.input.password ? 'password' : 'text'}
            autoComplete="off"
            defaultValue={current.input.value}
            onChange={(e) => useDialogs.setState({ text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') close('ok');
            }}
          />
        )}
        {current.confirmText !== undefined && (
          <input
            aria-label="Type the name to confirm"
            placeholder={current.confirmText}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              const main = current.buttons.find((b) => b.danger || b.primary);
              if (e.key === 'Enter' && confirmed && main) close(main.id);
            }}
          />
        )}
        <div className="modal-buttons">
          {current.buttons.map((b) => (
            <button
              key={b.id}
              className={b.primary ? 'primary' : b.danger ? 'danger' : ''}
              disabled={(b.primary || b.danger) && !confirmed}
              onClick={() => close(b.id)}
            >
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
