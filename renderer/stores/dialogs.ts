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
  /** A text field whose value is returned with the button (see askText). */
  input?: { label: string; password?: boolean; value?: string };
}

interface DialogState {
  current: (DialogRequest & { resolve(id: string): void }) | null;
  queue: (DialogRequest & { resolve(id: string): void })[];
  /** What was typed into the current dialog's input. */
  text: string;
  close(id: string): void;
}

export const useDialogs = create<DialogState>((set, get) => ({
  current: null,
  queue: [],
  text: '',
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

/** Asks for a line of text (a password field when `password`); null when cancelled. */
export async function askText(title: string, message: string, input: { label: string; password?: boolean; value?: string }): Promise<string | null> {
  useDialogs.setState({ text: input.value ?? '' });
  const choice = await ask({
    title,
    message,
    input,
    buttons: [
      { id: 'ok', label: 'OK', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ],
    cancelId: 'cancel',
  });
  return choice === 'ok' ? useDialogs.getState().text : null;
}
