// Where the real data of the Gers lives (../shared/data beside the repository, never copied in),
// and what a test does without it: skip on a developer's machine, fail in CI, which always has it
// (.ci/run sets SOHOSOLO_REQUIRE_SHARED_DATA=1), so that routes are never left untested silently.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(REPO, '..', 'shared', 'data');
export const GERS = path.join(SHARED, 'gers');

const required = () => !['', '0', undefined].includes(process.env.SOHOSOLO_REQUIRE_SHARED_DATA);

/**
 * `false` when every file is there; otherwise a reason to skip (node:test's `skip` option), or,
 * where the data is required, an error thrown at once.
 */
export function needData(...files) {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return false;
  const reason = `no shared data: ${missing.join(', ')}`;
  if (required()) throw new Error(`${reason} (SOHOSOLO_REQUIRE_SHARED_DATA is set)`);
  return reason;
}
