import { useMemo, useState } from 'react';
import { fuzzyRank } from '../../../shared/model/fuzzy';
import { commands, keyFor, recentCommands, runCommand } from '../../app/commands';
import { keyLabel } from '../../app/keys';
import { usePalette } from '../../stores/palette';
import { QuickPick, type PickItem } from './QuickPick';

/** Ctrl/Cmd+Shift+P: every command with its keybinding, fuzzy-matched, recently used first. */
export function CommandPalette() {
  const [value, setValue] = useState('');
  const items = useMemo<PickItem[]>(() => {
    const visible = commands.filter((c) => c.id !== 'workbench.requestClose' && c.id !== 'workspace.openRecent');
    const recent = recentCommands();
    const describe = (id: string, highlights: number[] = []) => {
      const c = visible.find((x) => x.id === id)!;
      const key = keyFor(c);
      return { id: c.id, label: c.title, highlights, description: recent.includes(c.id) && !value ? 'recently used' : undefined, detail: key ? keyLabel(key) : undefined };
    };
    if (!value.trim()) {
      const rest = visible.filter((c) => !recent.includes(c.id)).sort((a, b) => a.title.localeCompare(b.title));
      return [...recent.filter((id) => visible.some((c) => c.id === id)), ...rest.map((c) => c.id)].map((id) => describe(id));
    }
    return fuzzyRank(value, visible, (c) => c.title, 100).map(({ item, match }) => describe(item.id, match.matches));
  }, [value]);
  const close = () => usePalette.getState().close();
  return (
    <QuickPick
      label="Command Palette"
      placeholder="Type the name of a command to run"
      items={items}
      value={value}
      onChange={setValue}
      emptyText="No matching commands"
      onClose={close}
      onAccept={(picked) => {
        if (!picked) return;
        close();
        runCommand(picked.id, undefined, { remember: true });
      }}
    />
  );
}
