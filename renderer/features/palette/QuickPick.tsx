import { useEffect, useRef, useState } from 'react';

export interface PickItem {
  id: string;
  label: string;
  /** Indices of `label` characters to highlight. */
  highlights?: number[];
  description?: string;
  detail?: string;
}

function Highlighted(props: { text: string; marks?: number[] }) {
  if (!props.marks?.length) return <>{props.text}</>;
  const set = new Set(props.marks);
  const parts: React.ReactNode[] = [];
  let run = '';
  let inMark = false;
  const push = (key: number) => {
    if (!run) return;
    parts.push(inMark ? <mark key={key}>{run}</mark> : <span key={key}>{run}</span>);
    run = '';
  };
  [...props.text].forEach((ch, i) => {
    const m = set.has(i);
    if (m !== inMark) {
      push(i);
      inMark = m;
    }
    run += ch;
  });
  push(props.text.length);
  return <>{parts}</>;
}

/** The VS Code-style picker: a filter box over a list, arrows to move, Enter to accept, Escape to close. */
export function QuickPick(props: {
  placeholder: string;
  label: string;
  items: PickItem[];
  value: string;
  onChange: (value: string) => void;
  onAccept: (item: PickItem | null, value: string) => void;
  onClose: () => void;
  emptyText?: string;
}) {
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const { items } = props;
  useEffect(() => setSelected(0), [items]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <div className="quick-pick-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="quick-pick" role="dialog" aria-label={props.label}>
        <input
          autoFocus
          aria-label={props.label}
          placeholder={props.placeholder}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setSelected((s) => Math.min(items.length - 1, s + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setSelected((s) => Math.max(0, s - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              props.onAccept(items[selected] ?? null, props.value);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              props.onClose();
            }
            e.stopPropagation();
          }}
        />
        <div className="quick-pick-list" role="listbox" ref={list}>
          {items.map((item, i) => (
            <div
              key={item.id}
              role="option"
              aria-selected={i === selected}
              className={`quick-pick-item${i === selected ? ' selected' : ''}`}
              onMouseMove={() => setSelected(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                props.onAccept(item, props.value);
              }}
            >
              <span className="qp-label">
                <Highlighted text={item.label} marks={item.highlights} />
              </span>
              {item.description && <span className="qp-description">{item.description}</span>}
              {item.detail && <span className="qp-detail">{item.detail}</span>}
            </div>
          ))}
          {items.length === 0 && <div className="quick-pick-empty">{props.emptyText ?? 'No matching results'}</div>}
        </div>
      </div>
    </div>
  );
}
