import { create } from 'zustand';

export interface DialogButton {
  id: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
}

export interface DialogRequest {
  title: string;
  message: string;
  buttons: DialogButton[];
  /** When set, the primary/danger button stays disabled until this text is typed. */
  confirmText?: string;
  /** The id returned when the dialog is dismissed with Escape. */
  cancelId: string;
}

interface DialogState {
  current: (DialogRequest & { resolve(id: string): void }) | null;
  queue: (DialogRequest & { resolve(id: string): void })[];
  close(id: string): void;
}

export const useDialogs = create<DialogState>((set, get) => ({
  current: null,
  queue: [],
  close(id) {
    const cur = get().current;
    if (!cur) return;
    cur.resolve(id);
    const [next, ...rest] = get().queue;
    set({ current: next ?? null, queue: rest });
  },
}));

/** Shows a modal and resolves with the id of the button chosen. */
export function ask(request: DialogRequest): Promise<string> {
  return new Promise((resolve) => {
    const entry = { ...request, resolve };
    const { current, queue } = useDialogs.getState();
    if (current) useDialogs.setState({ queue: [...queue, entry] });
    else useDialogs.setState({ current: entry });
  });
}
