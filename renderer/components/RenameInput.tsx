import { useRef } from 'react';

/** An inline name box for tabs: Enter or leaving commits a changed, non-empty name; Escape cancels. */
export function RenameInput(props: { label: string; value: string; onDone: (name: string | null) => void }) {
  const cancelled = useRef(false);
  return (
    <input
      autoFocus
      aria-label={props.label}
      defaultValue={props.value}
      onBlur={(e) => {
        const name = e.target.value.trim();
        props.onDone(!cancelled.current && name && name !== props.value ? name : null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          cancelled.current = true;
          e.currentTarget.blur();
        }
      }}
    />
  );
}
