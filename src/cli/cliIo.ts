/* The streams a qd-grade command writes to, shared by its commands. */

/** Where the command writes: its streams, and whether stderr is a terminal (for the progress bar). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTerminal: boolean;
}
