/*
 * Tests that need a Debian package (chromium, LibreOffice) run where it is installed, skip with a
 * printed notice where it is not, and fail instead of skipping under QD_REQUIRE_SYSTEM=1 (as CI sets).
 */
import { existsSync } from 'node:fs';

/** Whether the tool is there; prints a notice when it is not and skipping is allowed. Throws when it is required. */
export function systemToolAvailable(path: string, packageName: string, what: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.QD_REQUIRE_SYSTEM === '1') {
    throw new Error(`${what} needs ${path} (Debian package ${packageName}), and QD_REQUIRE_SYSTEM=1 forbids skipping`);
  }
  process.stderr.write(`\nnotice: skipping ${what}: ${path} not found (apt-get install ${packageName})\n`);
  return false;
}
