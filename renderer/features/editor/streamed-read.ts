import type { ReadResult, ReadStreamEvent } from '../../../shared/ipc/contract';
import type { Disposable } from '../../../shared/ipc/protocol';
import { api } from '../../app/api';

/** Where the rest of a streamed file goes: the open document. */
export interface PieceSink {
  piece(text: string): void;
  end(): void;
  fail(message: string): void;
}

export interface StreamedRead {
  result: ReadResult;
  /** More text follows the first part: attach a sink to receive it. */
  more: boolean;
  /** Starts delivering the rest; disposing stops the load (the tab closed). */
  attach(sink: PieceSink): Disposable;
  cancel(): void;
}

/**
 * Reads a file for the editor with `files.readStream`: resolves with the first part (a whole
 * small file); the rest of a large one is handed to the sink as it arrives, so the first
 * screen paints without waiting for the whole text and no single task has to take in 50 MB.
 */
export function readStreamed(path: string): Promise<StreamedRead> {
  return new Promise((resolve, reject) => {
    let sink: PieceSink | undefined;
    let started = false;
    let finished = false;
    let stopped = false;
    /** Pieces received and not yet applied. */
    const queue: ReadStreamEvent[] = [];
    const finish = () => {
      finished = true;
      sub.dispose();
    };
    /**
     * Pieces are applied one per frame (after the frame, in a task of their own): the first
     * screen paints before the rest arrives, and typing and scrolling stay live meanwhile.
     */
    let scheduled = false;
    const drain = () => {
      scheduled = false;
      const e = queue.shift();
      if (!e || !sink || stopped) return;
      if (e.type === 'chunk') sink.piece(e.text);
      else if (e.type === 'end' || e.type === 'error') {
        stopped = true;
        if (e.type === 'end') sink.end();
        else sink.fail(e.message);
      }
      schedule();
    };
    const schedule = () => {
      if (scheduled || !sink || !queue.length) return;
      scheduled = true;
      requestAnimationFrame(() => setTimeout(drain));
    };
    const push = (e: ReadStreamEvent) => {
      queue.push(e);
      schedule();
    };
    const sub = api().subscribe(
      'files.readStream',
      { path },
      (e) => {
        if (finished) return;
        if (!started) {
          if (e.type === 'error') {
            finish();
            return reject(Object.assign(new Error(e.message), { code: e.code }));
          }
          if (e.type !== 'start') return;
          started = true;
          if (!e.more) finish();
          return resolve({
            result: e.result,
            more: e.more,
            attach(s) {
              sink = s;
              schedule();
              return {
                dispose() {
                  stopped = true;
                  finish();
                  queue.length = 0;
                },
              };
            },
            cancel: finish,
          });
        }
        if (e.type === 'end' || e.type === 'error') finish();
        push(e);
      },
      (err) => {
        if (finished) return;
        finished = true;
        if (!started) reject(err ?? new Error('The connection closed.'));
        else push({ type: 'error', code: err?.code ?? 'CLOSED', message: err?.message ?? 'the connection closed' });
      },
    );
  });
}
