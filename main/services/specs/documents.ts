import type { AgentEvent } from '../../../shared/ipc/contract';
import type { DocKind } from './store';

/** How often a streaming document is written to its file, so an open editor tab follows it. */
const STREAM_WRITE_MS = 250;

const HEADINGS: Record<DocKind, string> = {
  requirements: '# Requirements Document',
  bugfix: '# Bugfix Requirements Document',
  design: '# Design Document',
  tasks: '# Implementation Plan',
};

/** What a document's file holds until the first words of the model arrive. */
export function placeholder(kind: DocKind): string {
  return `${HEADINGS[kind]}\n\n_Specwright's agent is writing this document…_\n`;
}

/**
 * A document as the model streams it, written to its file every STREAM_WRITE_MS. Each model
 * turn starts over (text before a tool call is not the document), and only what looks like
 * the document, from its first heading on, is written.
 */
export class StreamedDocument {
  private buffer = '';
  private writes: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly write: (text: string) => Promise<unknown>) {}

  onEvent(e: AgentEvent): void {
    if (e.type === 'assistantStart') this.buffer = '';
    else if (e.type === 'text') {
      this.buffer += e.text;
      this.timer ??= setTimeout(() => this.flush(), STREAM_WRITE_MS);
    }
  }

  private flush() {
    this.timer = undefined;
    const text = this.buffer.replace(/^\s*```(?:markdown|md)?\s*\n/, '');
    if (!/^\s*#/.test(text)) return;
    this.writes = this.writes.then(() => this.write(text).catch(() => undefined));
  }

  /** Stops writing; resolves once the writes already started are done. */
  async finish(): Promise<void> {
    clearTimeout(this.timer);
    await this.writes;
  }
}
