import { useEffect } from 'react';
import { DialogHost } from '../components/Modal';
import { FolderPicker, Welcome } from '../features/welcome';
import { bindTerminals } from '../features/terminal/registry';
import { CommandPalette, QuickOpen } from '../features/palette';
import { bindMarkers } from '../features/problems';
import { bindChat } from '../features/chat/chat';
import { RestoreDialog } from '../features/review/RestoreDialog';
import { bindReview } from '../features/review/review';
import { bindSpecEditor } from '../features/specs/editor';
import { bindSpecs } from '../features/specs/specs';
import { bindHooks } from '../features/hooks/hooks';
import { bindSteering } from '../features/steering/steering';
import { bindMcp } from '../features/mcp/mcp';
import { useReview } from '../stores/review';
import { usePalette } from '../stores/palette';
import { dirtyCount } from '../features/editor';
import { useWorkbench } from '../stores/workbench';
import { api } from './api';
import { bindKeys, runCommand, setUserKeybindings } from './commands';
import { bindTheme } from './theme';
import { Workbench } from './Workbench';
import { bindWorkspace, openFolder } from './workspace';

function Notices() {
  const notices = useWorkbench((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button aria-label="Dismiss" onClick={() => useWorkbench.getState().dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** The whole renderer: welcome page or workbench, plus dialogs and notices. */
export function App() {
  const root = useWorkbench((s) => s.workspace.root);
  const known = useWorkbench((s) => s.workspaceKnown);
  const pickerOpen = useWorkbench((s) => s.folderPickerOpen);
  const connected = useWorkbench((s) => s.connected);
  const palette = usePalette((s) => s.mode);
  const restoring = useReview((s) => s.restoring);

  useEffect(() => {
    const disposers = [bindTheme(), bindKeys(), bindWorkspace(), bindTerminals(), bindMarkers(), bindChat(), bindReview(), bindSpecs(), bindSpecEditor(), bindHooks(), bindSteering(), bindMcp()];
    void api()
      .call('settings.keybindings', {})
      .then(({ bindings, problems, file }) => {
        setUserKeybindings(bindings);
        for (const p of problems) useWorkbench.getState().notify('error', `${file}: ${p}`);
      })
      .catch(() => undefined);
    void api()
      .call('settings.problems', {})
      .then(({ problems, file }) => {
        for (const p of problems) useWorkbench.getState().notify('error', `${file}: ${p}`);
      })
      .catch(() => undefined);
    const subs = [
      api().subscribe('app.onCommand', {}, (c) => runCommand(c.command, c.args)),
      api().subscribe('settings.onDidChange', {}, (s) => useWorkbench.getState().setSettings(s)),
      api().subscribe('settings.onProblems', {}, ({ problems, file }) => {
        for (const p of problems) useWorkbench.getState().notify('error', `${file}: ${p}`);
      }),
    ];
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (window.specwrightBridge || dirtyCount() === 0) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      disposers.forEach((d) => d());
      subs.forEach((s) => s.dispose());
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, []);

  return (
    <>
      {!connected && (
        <div className="disconnected-banner" role="alert">
          Lost the connection to Specwright. Unsaved edits are still in this page (the browser asks before a reload drops them).
          <button onClick={() => window.location.reload()}>Reload</button>
        </div>
      )}
      {known && (root ? <Workbench /> : <Welcome />)}
      {root && palette === 'files' && <QuickOpen />}
      {palette === 'commands' && <CommandPalette />}
      {pickerOpen && (
        <FolderPicker
          onCancel={() => useWorkbench.getState().setFolderPickerOpen(false)}
          onPick={(path) => {
            useWorkbench.getState().setFolderPickerOpen(false);
            void openFolder(path);
          }}
        />
      )}
      {restoring && <RestoreDialog key={restoring.id} checkpoint={restoring} />}
      <DialogHost />
      <Notices />
    </>
  );
}
