// The API reference page (/docs) against the real server: every operation of
// the server's /openapi.json has its section with method, path and a curl
// example; the examples of the read operations, run by the shell exactly as
// the page shows them (credentials in the variables they name), succeed; the
// Copy button copies the example from the keyboard.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {Api, kEditors} from './lib/server.mjs';
import {NewPage} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';

const suite = ServerAndBrowser();
const kMethods = ['get', 'post', 'put', 'patch', 'delete'];
// POST operations that only read: their examples run like the GETs.
const kReadingPosts = ['/api/v1/search', '/api/v1/multi-search'];

async function OpenDocs(width = 1280) {
  const session = await NewPage(suite.browser, {width});
  await session.page.goto(`${suite.server.base}/docs`);
  await session.page.waitForFunction(() => document.getElementById('docs-status').dataset.operations !== undefined);
  return session;
}

function DocumentOperations(document_root) {
  const operations = [];
  for (const [path, item] of Object.entries(document_root.paths))
    for (const method of kMethods)
      if (item[method]) operations.push(`${method.toUpperCase()} ${path}`);
  return operations.sort();
}

async function ShownOperations(page) {
  return page.evaluate(() => [...document.querySelectorAll('article.op')].map((article) => ({
    title: article.querySelector('h3').textContent.replace(/\s+/g, ' ').trim(),
    curl: article.querySelector('.curl-text').textContent,
  })));
}

// A real editor session: the cookie value and the CSRF token.
async function LogIn() {
  const response = await fetch(`${suite.server.base}/api/v1/session`, {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({email: kEditors[0].email, password: kEditors[0].password}),
  });
  assert.equal(response.status, 200, 'editor login');
  const cookie = response.headers.get('set-cookie').match(/^([^=]+)=([^;]*)/);
  return {cookie_name: cookie[1], cookie_value: cookie[2], csrf: (await response.json()).csrf_token};
}

// The shell variables an example names, each given the value its place in
// the example calls for: a real profile id in the URL, the session cookie
// after `-b "rapport_session=`, the CSRF token in its header.
function VariablesFor(example, values) {
  const env = {};
  const [url_line] = example.split('\n');
  for (const [, name] of url_line.matchAll(/\$(RAPPORT_[A-Z0-9_]+)/g)) env[name] = values.profile_id;
  for (const [, name] of example.matchAll(new RegExp(`-b "${values.cookie_name}=\\$(RAPPORT_[A-Z0-9_]+)"`, 'g')))
    env[name] = values.cookie_value;
  for (const [, name] of example.matchAll(/X-CSRF-Token: \$(RAPPORT_[A-Z0-9_]+)/gi)) env[name] = values.csrf;
  return env;
}

test('every operation of /openapi.json is on the page with a curl example', async () => {
  const document_root = (await Api(suite.server, '/openapi.json')).body;
  const expected = DocumentOperations(document_root);
  assert.ok(expected.length >= 20, `the document lists the API (${expected.length} operations)`);
  const session = await OpenDocs();
  const shown = await ShownOperations(session.page);
  assert.deepEqual(shown.map((s) => s.title).sort(), expected, 'one section per operation, titled by method and path');
  for (const {title, curl} of shown) {
    const [method, path] = title.split(' ');
    const literal_prefix = path.split('{')[0];
    assert.match(curl, /^curl /, `${title}: the example is a curl command`);
    assert.ok(curl.includes(`${suite.server.base}${literal_prefix}`), `${title}: the example calls this server's ${literal_prefix}`);
    assert.equal(/ -X [A-Z]+ /.test(curl.split('\n')[0]) ? curl.match(/ -X ([A-Z]+) /)[1] : 'GET', method, `${title}: the example's method`);
  }
  const toc_links = await session.page.locator('#docs-toc a[href^="#op-"]').count();
  assert.equal(toc_links, expected.length, 'the contents list links every operation');
  await session.context.close();
});

test('the examples of the reading operations run as shown and succeed', async () => {
  const session = await OpenDocs();
  const shown = await ShownOperations(session.page);
  await session.context.close();
  const values = {...await LogIn(), profile_id: (await Api(suite.server, '/api/v1/search?limit=1')).body.results[0].id};
  const run = promisify(execFile);
  const reading = shown.filter(({title}) => title.startsWith('GET ') || kReadingPosts.includes(title.slice('POST '.length)));
  assert.ok(reading.length >= 12, `reading operations found (${reading.length})`);
  for (const {title, curl} of reading) {
    const {stdout} = await run('sh', ['-c', `${curl} -sS -o /dev/null -w '%{http_code}'`],
                               {env: {...process.env, ...VariablesFor(curl, values)}});
    assert.equal(stdout, '200', `${title}: the example as shown answers 200\n${curl}`);
  }
});

test('the Copy button copies the example, from the keyboard', async () => {
  const session = await OpenDocs(375);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: suite.server.base});
  const first = session.page.locator('article.op').first();
  const button = first.getByRole('button', {name: /^Copy the curl example of /});
  await button.focus();
  await session.page.keyboard.press('Enter');
  await session.page.locator('#copy-status', {hasText: 'Copied the example.'}).waitFor();
  const copied = await session.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await first.locator('.curl-text').textContent(), 'the clipboard holds the example shown');
  assert.deepEqual(session.console_errors, []);
  await session.context.close();
});
