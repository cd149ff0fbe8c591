/** Inline SVG icons, so nothing depends on an emoji or icon font being installed. */
const PATHS = {
  files: 'M4 2h6l4 4v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm6 1v4h4M7 19h9a1 1 0 0 0 1-1V8',
  file: 'M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13',
  folder: 'M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z',
  newFile: 'M4 1.5h5.5L13 5v3 M9.5 1.5V5H13 M4 1.5v13h5 M12 10v5 M9.5 12.5h5',
  newFolder: 'M1.5 3.5h5l1.5 1.5h6.5v3 M1.5 3.5v10h7 M12 9.5v5 M9.5 12h5',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.5 M13 2v3h-3',
  collapse: 'M3 3h10v10H3z M5.5 8h5',
  chevronRight: 'M6 4l4 4-4 4',
  chevronDown: 'M4 6l4 4 4-4',
  close: 'M4 4l8 8 M12 4l-8 8',
  plus: 'M8 3v10 M3 8h10',
  review: 'M3 3h14v14H3z M6 10l3 3 5-6',
  chat: 'M3 4h14v9H8l-4 3v-3H3z M6 8h8 M6 10.5h5',
  specs: 'M5 2h10v16H5z M8 6h4 M8 9.5h4 M8 13h2 M3 5v12',
  automations: 'M11 2L4 11h5l-1 7 7-9h-5z',
  search: 'M8.5 3a5.5 5.5 0 1 1 0 11a5.5 5.5 0 0 1 0-11z M12.5 12.5L17 17',
  git: 'M6 3v14 M6 14a2.5 2.5 0 1 0 0.01 0 M14 6a2.5 2.5 0 1 0 0.01 0 M14 8.5c0 4-8 3-8 5.5 M6 3a2.5 2.5 0 1 0 0.01 0',
  terminal: 'M2 3h16v14H2z M5 7l3 3-3 3 M10 13h5',
  trash: 'M3 4.5h10 M6.5 4.5V3h3v1.5 M4.5 4.5l.7 9h5.6l.7-9 M7 7v4.5 M9 7v4.5',
  theme: 'M8 2a6 6 0 1 0 0 12z M8 2a6 6 0 0 1 0 12',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; size?: number; className?: string }) {
  const size = props.size ?? 16;
  return (
    <svg
      className={`svg-icon ${props.className ?? ''}`}
      width={size}
      height={size}
      viewBox={['files', 'terminal', 'search', 'git', 'chat', 'specs', 'automations'].includes(props.name) ? '0 0 20 20' : '0 0 16 16'}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}
