import type { FileChangeBatch, SteeringInfo } from '../../../shared/ipc/contract';
import { api, attempt } from '../../app/api';
import { useSteering } from '../../stores/steering';
import { useWorkbench } from '../../stores/workbench';
import { openFile } from '../editor';

export type Inclusion = SteeringInfo['inclusion'];

const act = attempt;

export async function refreshSteering(): Promise<void> {
  try {
    useSteering.getState().setFiles((await api().call('steering.list', {})).files);
  } catch {
    useSteering.getState().setFiles([]);
  }
}

/** The pattern only means something for fileMatch; sending it otherwise would write a dead key. */
const patternFor = (inclusion: Inclusion, pattern: string) => (inclusion === 'fileMatch' ? pattern.trim() : undefined);

export async function createSteering(name: string, inclusion: Inclusion, pattern: string): Promise<boolean> {
  const r = await act(() => api().call('steering.create', { name, inclusion, pattern: patternFor(inclusion, pattern) }));
  if (!r) return false;
  useSteering.getState().setCreating(false);
  await refreshSteering();
  await openFile(r.path, { activate: true });
  return true;
}

export async function setFrontMatter(path: string, inclusion: Inclusion, pattern: string): Promise<boolean> {
  const r = await act(() => api().call('steering.setFrontMatter', { path, inclusion, pattern: patternFor(inclusion, pattern) }));
  if (r) await refreshSteering();
  return r !== null;
}

export async function generateSteering(): Promise<void> {
  const r = await act(() => api().call('steering.generate', {}));
  if (r) useWorkbench.getState().notify('info', 'The agent is writing product.md, tech.md and structure.md (pending review in Supervised mode).');
}

/** Whether a watcher batch touches what the list shows (workspace steering files and AGENTS.md). */
function touchesSteering(batch: FileChangeBatch): boolean {
  return batch.rescan || batch.changes.some((c) => c.path.startsWith('.kiro/steering/') || c.path === '.kiro/steering' || c.path === 'AGENTS.md');
}

/**
 * Keeps the list current: read at start, on a folder change and when the watcher reports
 * steering files. Changes under ~/.kiro/steering are not watched and show on the next read.
 */
export function bindSteering(): () => void {
  let timer = 0;
  // an agent writing three steering docs reports many batches: read once they settle
  const refresh = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void refreshSteering(), 100);
  };
  const files = api().subscribe('files.onDidChange', {}, (batch) => {
    if (touchesSteering(batch)) refresh();
  });
  const ws = useWorkbench.subscribe((s, prev) => {
    if (s.workspace.root === prev.workspace.root) return;
    useSteering.getState().setCreating(false);
    refresh();
  });
  refresh();
  return () => {
    clearTimeout(timer);
    files.dispose();
    ws();
  };
}
