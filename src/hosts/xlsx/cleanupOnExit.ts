/**
 * Temporary files removed and locks released however the process ends: normally, on an error, or
 * on SIGINT, SIGTERM or SIGHUP (then the signal is raised again, so the process ends as the signal asks). Handlers are installed
 * only while something is registered.
 *
 * @packageDocumentation
 */

const cleanups = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const c of [...cleanups]) {
    cleanups.delete(c);
    c();
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', runAll);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  process.off('exit', runAll);
}

/** Runs `cleanup` (synchronous, never throwing) if the process ends before `release` is called. */
export function cleanupOnExit(cleanup: () => void): { release: () => void } {
  cleanups.add(cleanup);
  install();
  return {
    release: () => {
      cleanups.delete(cleanup);
      if (cleanups.size === 0) uninstall();
    },
  };
}
