// Starts the real rapport-server for browser tests: a fresh data dir filled
// with the real commands (rapport-index import + rebuild), an editor account
// made with rapport-admin, the server on a free 127.0.0.1 port, stopped by PID.

import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, existsSync, cpSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const kRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const kBuild = process.env.RAPPORT_BUILD_DIR || path.join(kRepo, 'build');
export const kSample = process.env.RAPPORT_SAMPLE || path.join(kRepo, 'data/sample/profiles.ndjson');
const kReadyTimeoutMs = 30000;
const kStopTimeoutMs = 15000;
const kPollMs = 20;

export const kEditors = [
  {email: 'ada@rapport.test', password: 'correct horse battery staple 1'},
  {email: 'ben@rapport.test', password: 'correct horse battery staple 2'},
];

function Command(part, name) {
  const file = path.join(kBuild, part, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: build it first (RAPPORT_BUILD_DIR=${kBuild})`);
  return file;
}

function Run(file, args, input) {
  const result = spawnSync(file, args, {input, encoding: 'utf8'});
  if (result.status !== 0) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

function FreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

const Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Imports the sample profiles, rebuilds the index and creates the editors.
// run.sh prepares one such folder for the whole run and names it in
// RAPPORT_BROWSER_TEMPLATE; each test file then works on its own copy
// (copied while no server has it open).
export function PrepareDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rapport-browser-'));
  const template = process.env.RAPPORT_BROWSER_TEMPLATE;
  if (template && existsSync(template)) {
    cpSync(template, dir, {recursive: true});
    return dir;
  }
  const index = Command('indexer', 'rapport-index');
  Run(index, ['--data-dir', dir, 'import', kSample]);
  Run(index, ['--data-dir', dir, 'rebuild']);
  const admin = Command('web', 'rapport-admin');
  for (const editor of kEditors) {
    Run(admin, ['--data-dir', dir, 'editors', 'create', '--email', editor.email, '--role', 'editor'], `${editor.password}\n${editor.password}\n`);
  }
  return dir;
}

// `extra_ndjson`: a file of more profiles imported (and indexed) on top of
// the sample before the server starts.
export async function StartServer({extra_ndjson} = {}) {
  const data_dir = PrepareDataDir();
  if (extra_ndjson) {
    const index = Command('indexer', 'rapport-index');
    Run(index, ['--data-dir', data_dir, 'import', extra_ndjson]);
    Run(index, ['--data-dir', data_dir, 'rebuild']);
  }
  const port = await FreePort();
  const env = {
    ...process.env,
    RAPPORT_STATIC_DIR: path.join(kRepo, 'web/static'),
    // One browser is one client address making many requests in a burst;
    // the anonymous limit is raised so tests measure pages, not the limiter.
    RAPPORT_ANON_RATE: '10000',
    RAPPORT_ANON_BURST: '10000',
  };
  const child = spawn(Command('web', 'rapport-server'), ['--data-dir', data_dir, '--port', String(port), '--insecure-cookies'], {
    env, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + kReadyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`rapport-server exited ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return {base, pid: child.pid, child, data_dir, Stderr: () => stderr};
    } catch { /* not listening yet */ }
    await Sleep(kPollMs);
  }
  process.kill(child.pid, 'SIGKILL');
  throw new Error(`rapport-server not ready after ${kReadyTimeoutMs} ms: ${stderr}`);
}

export async function StopServer(server) {
  if (!server) return;
  const exited = new Promise((resolve) => {
    if (server.child.exitCode !== null) resolve();
    else server.child.once('exit', resolve);
  });
  try { process.kill(server.pid, 'SIGTERM'); } catch { /* already gone */ }
  const timer = setTimeout(() => { try { process.kill(server.pid, 'SIGKILL'); } catch { /* gone */ } }, kStopTimeoutMs);
  await exited;
  clearTimeout(timer);
  rmSync(server.data_dir, {recursive: true, force: true});
}

// The API's own answer, for comparing with what a page shows.
export async function Api(server, pathname) {
  const response = await fetch(`${server.base}${pathname}`);
  return {status: response.status, etag: response.headers.get('ETag'), body: await response.json()};
}

// The public API follows the index, which takes an accepted edit within
// 1 second (DESIGN.md §4): poll until `accept(answer)` holds or that second
// has passed, and return the last answer.
export const kVisibleWithinMs = 1000;

export async function ApiWithin(server, pathname, accept, within_ms = kVisibleWithinMs) {
  const deadline = Date.now() + within_ms;
  for (;;) {
    const answer = await Api(server, pathname);
    if (accept(answer) || Date.now() > deadline) return answer;
    await Sleep(kPollMs);
  }
}
