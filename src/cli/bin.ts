/* The qd-grade executable: runs `main` with the process's arguments and streams. */
import { main } from './qdGrade';

main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTerminal: Boolean(process.stderr.isTTY),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    // A bug, not a user's problem: show the stack and fail with status 1.
    process.stderr.write(
      `qd-grade: internal error 内部错误\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
