import { useEffect, useRef, useState } from 'react';

/** Renders only the rows in view (fixed row height), so lists of many thousands stay fast. */
export function VirtualList<T>(props: { rows: T[]; rowHeight: number; render: (row: T, index: number) => React.ReactNode; className?: string; label?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const overscan = 10;
  const first = Math.max(0, Math.floor(scroll / props.rowHeight) - overscan);
  const last = Math.min(props.rows.length, Math.ceil((scroll + height) / props.rowHeight) + overscan);
  return (
    <div ref={box} className={`virtual-list ${props.className ?? ''}`} role="tree" aria-label={props.label} onScroll={(e) => setScroll(e.currentTarget.scrollTop)}>
      <div style={{ height: props.rows.length * props.rowHeight, position: 'relative' }}>
        {props.rows.slice(first, last).map((row, i) => (
          <div key={first + i} style={{ position: 'absolute', top: (first + i) * props.rowHeight, height: props.rowHeight, left: 0, right: 0 }}>
            {props.render(row, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
}
