/* The qd-grade executable: runs `main` (or `prepareMain` for `qd-grade prepare`, `sqlMain` for `qd-grade sql`) with the process's arguments and streams. */
import { bilingual } from '../core';
import { onFileNotice } from '../hosts/xlsx/atomicFile';
import { prepareMain } from './prepareCommand';
import { main, type CliIo } from './qdGrade';
import { sqlMain } from './sqlCommand';

const argv = process.argv.slice(2);
const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTerminal: Boolean(process.stderr.isTTY),
};
// What the file layer says without failing the run (an owner it could not keep): to stderr.
onFileNotice((text) => io.stderr(`qd-grade: ${bilingual(text)}\n`));

(argv[0] === 'prepare'
  ? prepareMain(argv.slice(1), io)
  : argv[0] === 'sql'
    ? sqlMain(argv.slice(1), io)
    : main(argv, io)
).then(
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
