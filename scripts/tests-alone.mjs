// Runs every test of the given node test files on its own (node --test --test-name-pattern), to
// prove that no test leans on another one having run first. Slow (a server per test): for
// developers, not part of `make test`.
//   SOHOSOLO_BIN=build/debug-asan/sohosolo node scripts/tests-alone.mjs tests/http/workspaces/bookings.test.mjs ...
import { spawnSync } from 'node:child_process';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let failed = 0;
let ran = 0;
for (const file of process.argv.slice(2)) {
  const listing = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env: process.env });
  // Top-level tests only: "# Subtest: name" at the start of a line, not indented.
  const names = [...listing.stdout.matchAll(/^# Subtest: (.*)$/gm)].map((m) => m[1]).filter((n) => n !== file);
  for (const name of names) {
    ran += 1;
    const r = spawnSync(process.execPath, ['--test', `--test-name-pattern=^${escape(name)}$`, file], { encoding: 'utf8', env: process.env });
    const passed = r.status === 0 && /^# pass [1-9]/m.test(r.stdout) && /^# fail 0$/m.test(r.stdout);
    console.log(`${passed ? 'ok  ' : 'FAIL'} ${file}: ${name}`);
    if (!passed) {
      failed += 1;
      console.log(r.stdout.split('\n').filter((l) => /not ok|Error|assert|expected|actual/.test(l)).slice(0, 12).join('\n'));
    }
  }
}
console.log(`${ran} tests run alone, ${failed} failed`);
process.exit(failed ? 1 : 0);
