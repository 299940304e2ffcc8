/**
 * What the file layer has to tell the user without failing the run: an owner that could not be
 * kept, a stale temporary file that could not be removed. The command line listens and prints them;
 * with no listener they go out as process warnings, so none is silent.
 *
 * @packageDocumentation
 */
import { bilingual, type Bilingual } from '../../core';

const listeners = new Set<(text: Bilingual) => void>();

/** Calls `listener` with each notice from now on; returns the function that stops it. */
export function onFileNotice(listener: (text: Bilingual) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners (or, with none, the process's warnings) `text`. */
export function fileNotice(text: Bilingual): void {
  if (listeners.size === 0) process.emitWarning(bilingual(text), 'QdFileNotice');
  for (const l of listeners) l(text);
}
