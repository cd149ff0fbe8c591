import type { SpecDetail } from '../../../shared/ipc/contract';
import { api, attempt } from '../../app/api';
import { useSpecs } from '../../stores/specs';
import { useWorkbench } from '../../stores/workbench';
import { openFile } from '../editor';

export type DocKind = SpecDetail['docs'][number]['kind'];
export type Workflow = SpecDetail['workflow'];

const act = attempt;

export async function refreshSpecs(): Promise<void> {
  try {
    const { specs } = await api().call('specs.list', {});
    useSpecs.getState().setSpecs(specs);
    const { selected } = useSpecs.getState();
    if (selected && !specs.some((s) => s.name === selected)) useSpecs.getState().select(null);
  } catch {
    useSpecs.getState().setSpecs([]);
  }
}

export async function refreshDetail(): Promise<void> {
  const name = useSpecs.getState().selected;
  if (!name) return;
  try {
    const detail = await api().call('specs.get', { name });
    if (useSpecs.getState().selected === name) useSpecs.getState().setDetail(detail);
  } catch {
    // removed meanwhile: the list refresh drops it
  }
}

export function selectSpec(name: string | null): void {
  useSpecs.getState().select(name);
  void refreshDetail();
}

export async function createSpec(idea: string, workflow: Workflow, name?: string): Promise<boolean> {
  const r = await act(() => api().call('specs.create', { idea, workflow, name: name || undefined }));
  if (!r) return false;
  useSpecs.getState().setCreating(false);
  await refreshSpecs();
  selectSpec(r.name);
  // the document's tab follows the stream as the agent writes it
  await openFile(r.path, { activate: true });
  return true;
}

export async function approveDoc(name: string, doc: DocKind): Promise<void> {
  await act(() => api().call('specs.approve', { name, doc }));
  await refreshDetail();
  // the next document starts at once: show it
  const next = useSpecs.getState().detail?.docs.find((d) => d.state === 'generating');
  if (next) await openFile(next.path, { activate: true });
}

export async function reviseDoc(name: string, doc: DocKind, feedback?: string): Promise<void> {
  await act(() => api().call('specs.revise', { name, doc, feedback }));
  const path = useSpecs.getState().detail?.docs.find((d) => d.kind === doc)?.path;
  if (path) await openFile(path, { activate: true });
}

export const startTask = (name: string, taskId: string) => act(() => api().call('specs.startTask', { name, taskId }));
export const runAllTasks = (name: string) => act(() => api().call('specs.runAll', { name }));
export const stopSpec = (name: string) => act(() => api().call('specs.stop', { name }));
export const setSpecBudget = (name: string, budget: number | null) => act(() => api().call('specs.setBudget', { name, budget }));

/** Follows main: the list and the selected spec are read again whenever a spec changes. */
export function bindSpecs(): () => void {
  let timer = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      void refreshSpecs();
      void refreshDetail();
    }, 60);
  };
  const sub = api().subscribe('specs.onDidChange', {}, () => refresh());
  const ws = useWorkbench.subscribe((s, prev) => {
    if (s.workspace.root !== prev.workspace.root) {
      useSpecs.getState().select(null);
      refresh();
    }
  });
  refresh();
  return () => {
    clearTimeout(timer);
    sub.dispose();
    ws();
  };
}
