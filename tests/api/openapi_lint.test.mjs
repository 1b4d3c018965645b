// /openapi.json as the real server serves it passes `redocly lint` with the
// recommended rules: no errors. Warnings are printed for the report.

import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {StartServer, StopServer} from '../browser/lib/server.mjs';

const kHere = path.dirname(fileURLToPath(import.meta.url));
const kRedocly = path.join(kHere, 'node_modules', '.bin', 'redocly');

let server;
let scratch;

before(async () => {
  server = await StartServer();
  scratch = mkdtempSync(path.join(tmpdir(), 'rapport-openapi-'));
});

after(async () => {
  await StopServer(server);
  rmSync(scratch, {recursive: true, force: true});
});

test('redocly lint (recommended) finds no error in the served document', async () => {
  const file = path.join(scratch, 'openapi.json');
  writeFileSync(file, await (await fetch(`${server.base}/openapi.json`)).text());
  const run = spawnSync(kRedocly, ['lint', '--extends', 'recommended', '--format', 'json', file],
                        {encoding: 'utf8', env: {...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true'}});
  const report = JSON.parse(run.stdout);
  const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`);
  process.stdout.write(`# redocly: ${report.totals.errors} errors, ${report.totals.warnings} warnings\n# ${problems.join('\n# ')}\n`);
  assert.equal(report.totals.errors, 0, problems.filter((p) => p.startsWith('error')).join('\n'));
  assert.equal(run.status, 0, run.stderr);
});
