/** An on/off switch; a button so it is reachable and toggled by keyboard like any other. */
export function Switch(props: { checked: boolean; label: string; disabled?: boolean; title?: string; onChange: (checked: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      className={`switch ${props.checked ? 'on' : ''}`}
      aria-checked={props.checked}
      aria-label={props.label}
      title={props.title ?? (props.checked ? 'On' : 'Off')}
      disabled={props.disabled}
      onClick={(e) => {
        e.stopPropagation();
        props.onChange(!props.checked);
      }}
    >
      <span className="switch-knob" />
    </button>
  );
}
