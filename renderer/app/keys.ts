const isMac = typeof navigator !== 'undefined' && navigator.platform.toLowerCase().includes('mac');

/** Turns a keyboard event into the "mod+shift+x" form used by keybindings. */
export function keyOf(e: KeyboardEvent): string {
  const parts: string[] = [];
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (mod) parts.push('mod');
  if (isMac && e.ctrlKey) parts.push('ctrl');
  if (!isMac && e.metaKey) parts.push('meta');
  if (e.altKey) parts.push('alt');
  if (e.shiftKey) parts.push('shift');
  parts.push(e.code === 'Backquote' ? '`' : e.key.toLowerCase());
  return parts.join('+');
}

/** "ctrl+x" means Ctrl on every platform (VS Code style); elsewhere than macOS that is "mod". Accepts "cmd"/"meta" too. */
export function normaliseKey(key: string): string {
  const k = key.toLowerCase().replace(/\s+/g, '').replace(/^cmd\+|^meta\+/, isMac ? 'mod+' : 'meta+');
  return !isMac ? k.replace(/^ctrl\+/, 'mod+') : k;
}

/** How a key is shown in menus and the palette. */
export function keyLabel(key: string): string {
  return normaliseKey(key)
    .split('+')
    .map((p) => {
      if (p === 'mod') return isMac ? '⌘' : 'Ctrl';
      if (p === 'ctrl') return isMac ? '⌃' : 'Ctrl';
      if (p === 'shift') return isMac ? '⇧' : 'Shift';
      if (p === 'alt') return isMac ? '⌥' : 'Alt';
      return p.length === 1 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1);
    })
    .join(isMac ? '' : '+');
}
