/**
 * A promise that failed with nobody awaiting it is a bug, but Node's default (exit) would take
 * the person's terminals, running agent and unsaved editor state down with the process: it is
 * reported on stderr and the process goes on. A synchronous uncaught exception still ends it.
 */
export function keepRunningOnUnhandledRejection(who: string): void {
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`specwright: unexpected error, ${who} keeps running: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
  });
}
