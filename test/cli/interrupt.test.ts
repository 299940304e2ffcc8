/*
 * Issue 12: an interrupted qd-grade left a broken or empty file under the output name, and with -o
 * equal to the input destroyed the input. The real command runs in a child process and is sent
 * SIGINT or SIGTERM while it writes its temporary file beside the target.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeBigWorkbook } from '../../bench/bigWorkbook';
import { partsOf } from '../hosts/xlsx/packageFixtures';
import { tempDir } from '../hosts/xlsx/tempFiles';

const tmp = tempDir('qd-int-');
afterAll(() => tmp.cleanup());
const root = join(__dirname, '..', '..');
const spoolFolder = tmp.path('tmpdir');
mkdirSync(spoolFolder, { recursive: true });

/** Runs qd-grade, sends `signal` as soon as its temporary output exists, and resolves when it ends. */
function interruptWhileWriting(args: string[], folder: string, signal: NodeJS.Signals): Promise<boolean> {
  return new Promise((resolve, reject) => {
    // node itself with tsx as a loader (not the tsx wrapper, which relays signals to a child process).
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'bin.ts'), ...args], {
      cwd: root,
      stdio: 'ignore',
      // A private temporary folder, to see that the spool of the add-in's writes is removed too.
      env: { ...process.env, TMPDIR: spoolFolder },
    });
    let sent = false;
    const poll = setInterval(() => {
      if (readdirSync(folder).some((f) => f.endsWith('.tmp'))) {
        sent = true;
        clearInterval(poll);
        child.kill(signal);
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(poll);
      resolve(sent);
    });
  });
}

describe('interrupting qd-grade while it writes', () => {
  let input: string;
  let original: Buffer;

  beforeAll(async () => {
    input = tmp.path('channels.xlsx');
    await writeBigWorkbook(input, 40_000);
    original = readFileSync(input);
  }, 60_000);

  it('leaves no file under the output name and no temporary file (SIGINT)', async () => {
    const output = tmp.path('out/graded.xlsx');
    mkdirSync(dirname(output), { recursive: true });
    const sent = await interruptWhileWriting([input, '-o', output, '--quiet'], dirname(output), 'SIGINT');
    expect(sent).toBe(true);
    // The signal lands while writing; on a loaded machine the rename may just have happened, and
    // then the output is the complete file. Never a partial one, never a temporary file left.
    if (existsSync(output)) await expect(partsOf(output)).resolves.toBeInstanceOf(Map);
    expect(readdirSync(dirname(output)).filter((f) => f !== 'graded.xlsx')).toEqual([]);
    expect(readFileSync(input).equals(original)).toBe(true);
    expect(readdirSync(spoolFolder).filter((f) => f.startsWith('qd-spool-'))).toEqual([]);
  }, 120_000);

  it('leaves the input intact when -o is the input itself (SIGTERM)', async () => {
    const sent = await interruptWhileWriting([input, '-o', input, '--quiet'], dirname(input), 'SIGTERM');
    expect(sent).toBe(true);
    const now = readFileSync(input);
    // Either the input as it was, or (if the rename had just happened) the complete graded file.
    if (!now.equals(original)) await expect(partsOf(input)).resolves.toBeInstanceOf(Map);
    expect(readdirSync(dirname(input)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
