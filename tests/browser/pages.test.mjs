// Every page: exactly one h1, no aria-label on a role-less element, a
// favicon and no failed request on load, axe-core finds no serious or critical violation, screenshots
// at 375 and 1280 px go to artifacts/, nothing is requested from other
// hosts, the search page's own assets stay under 100 KB, and the pages are
// served with a Content-Security-Policy that forbids other origins and
// inline script.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Api, kEditors} from './lib/server.mjs';
import {NewPage, Audit, Screenshots, WaitForResults, kWidths} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';

const kSearchPageBudgetBytes = 100 * 1024;

const suite = ServerAndBrowser();

// Loads a page at each width, audits it at each width, and screenshots it.
// Elements whose role does not allow an author-given name (ARIA 1.2
// "prohibited" naming): an aria-label there is ignored by screen readers.
const kRolelessTags = 'div, span, p, b, i, em, strong, small, code, pre, label, legend, caption, dt, dd, abbr, mark';

// What every page must hold once loaded: exactly one h1 shown, no aria-label
// on a role-less element, a favicon link, and no request that failed or
// answered 4xx/5xx (besides `allowed_api_errors`, the API answers the page
// is about, such as a profile's 404).
async function CheckStructure(session, name, allowed_api_errors) {
  const found = await session.page.evaluate((roleless) => ({
    h1: [...document.querySelectorAll('h1')].filter((h) => !h.closest('[hidden]')).length,
    labelled: [...document.querySelectorAll('[aria-label]')]
                  .filter((e) => e.matches(roleless) && !e.hasAttribute('role'))
                  .map((e) => e.outerHTML.slice(0, 80)),
    icon: document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? null,
  }), kRolelessTags);
  assert.equal(found.h1, 1, `${name}: exactly one h1 shown`);
  assert.deepEqual(found.labelled, [], `${name}: aria-label only on elements whose role takes a name`);
  assert.ok(found.icon, `${name}: the head links a favicon`);
  const icon = await fetch(new URL(found.icon, suite.server.base));
  assert.equal(icon.status, 200, `${name}: the favicon is served`);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml', `${name}: favicon type`);
  await session.page.waitForLoadState('networkidle');
  const failed = session.failed.filter((f) => f !== allowed_api_errors);
  assert.deepEqual(failed, [], `${name}: every request on load succeeds`);
}

function RecordFailures(session) {
  session.failed = [];
  session.page.on('requestfailed', (request) => session.failed.push(`failed ${new URL(request.url()).pathname}`));
  session.page.on('response', (response) => {
    if (response.status() >= 400) session.failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
}

async function Check(t, name, url_path, prepare = async () => {}, allowed_api_errors = null) {
  for (const width of kWidths) {
    const session = await NewPage(suite.browser, {width});
    RecordFailures(session);
    await session.page.goto(`${suite.server.base}${url_path}`);
    await prepare(session.page);
    await CheckStructure(session, `${name} at ${width} px`, allowed_api_errors);
    const violations = await Audit(session.page);
    assert.deepEqual(violations, [], `${name} at ${width} px`);
    const scroll_width = await session.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll_width <= width, `${name} fits ${width} px without sideways scrolling (${scroll_width})`);
    if (width === kWidths[kWidths.length - 1]) t.diagnostic(`screenshots: ${(await Screenshots(session.page, name)).join(', ')}`);
    assert.deepEqual(session.offsite, [], 'no request may leave 127.0.0.1');
    const errors = session.console_errors.filter((e) => !(allowed_api_errors && e.includes('404 (Not Found)')));
    assert.deepEqual(errors, [], 'no script errors');
    await session.context.close();
  }
}

test('search page with results', async (t) => {
  await Check(t, 'search', '/?q=anxiety&meet=online', async (page) => {
    await WaitForResults(page);
    await page.locator('.result').first().waitFor();
  });
});

test('search page with suggestions open', async (t) => {
  await Check(t, 'search-suggest', '/', async (page) => {
    await page.locator('#q').fill('dep');
    await page.locator('#q-suggestions [role="option"]').first().waitFor();
  });
});

test('search page empty state', async (t) => {
  await Check(t, 'search-empty', '/?q=anxiety&fee_max=0&accepting=true', WaitForResults);
});

test('profile page', async (t) => {
  const id = (await Api(suite.server, '/api/v1/search?virtual=true&in_person=true&limit=1')).body.results[0].id;
  await Check(t, 'profile', `/therapists/${encodeURIComponent(id)}`, (page) => page.locator('#profile .profile-head').waitFor());
});

test('profile page of a therapist who is not listed', async (t) => {
  await Check(t, 'profile-missing', '/therapists/t-no-such-therapist',
              (page) => page.locator('#profile-heading', {hasText: 'not found'}).waitFor(), '404 /api/v1/therapists/t-no-such-therapist');
});

test('editor login and workspace', async (t) => {
  await Check(t, 'editor-login', '/editor', (page) => page.locator('#login-form').waitFor());
  const id = (await Api(suite.server, '/api/v1/search?limit=1')).body.results[0].id;
  await Check(t, 'editor-workspace', `/editor?id=${encodeURIComponent(id)}`, async (page) => {
    await page.getByLabel('Email', {exact: true}).fill(kEditors[0].email);
    await page.getByLabel('Password').fill(kEditors[0].password);
    await page.getByRole('button', {name: 'Log in'}).click();
    await page.locator('#profile-form').waitFor();
    await page.locator('#history-list li').first().waitFor();
  });
});

test('API reference page', async (t) => {
  await Check(t, 'docs', '/docs', async (page) => {
    await page.waitForFunction(() => document.getElementById('docs-status').dataset.operations !== undefined);
  });
});

test('the search page is light, fast and locked to its own origin', async (t) => {
  const session = await NewPage(suite.browser);
  const sizes = new Map();
  session.page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) return;
    sizes.set(url.pathname, (await response.body()).length);
  });
  const response = await session.page.goto(`${suite.server.base}/?q=anxiety`);
  await WaitForResults(session.page);
  await session.page.locator('.result').first().waitFor();
  await session.page.waitForLoadState('networkidle');
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`search page assets: ${total} bytes in ${sizes.size} files (${[...sizes.keys()].join(' ')})`);
  assert.ok(total < kSearchPageBudgetBytes, `${total} bytes`);
  const painted = await session.page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0];
    const mark = performance.getEntriesByName('rapport:first-results')[0];
    return {results_ms: mark ? Math.round(mark.startTime) : null, dom_ms: entry.domContentLoadedEventEnd};
  });
  t.diagnostic(`first results painted at ${painted.results_ms} ms, DOMContentLoaded at ${Math.round(painted.dom_ms)} ms`);
  const csp = response.headers()['content-security-policy'] || '';
  assert.match(csp, /default-src 'self'/, `Content-Security-Policy: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.deepEqual(session.offsite, []);
  await session.context.close();
});

test('snippets keep only the API\'s <mark> highlights; any other markup stays text', async () => {
  const session = await NewPage(suite.browser);
  await session.page.goto(`${suite.server.base}/`);
  const rendered = await session.page.evaluate(async () => {
    const {RenderSnippet} = await import('/static/js/dom.js');
    const box = document.createElement('p');
    box.appendChild(RenderSnippet('a &lt;b&gt;b&lt;/b&gt; &amp; <mark>hit</mark> <img src=x onerror="window.pwned=1"><script>window.pwned=1</script>'));
    document.body.appendChild(box);
    return {
      marks: [...box.querySelectorAll('mark')].map((m) => m.textContent),
      elements: [...box.querySelectorAll('*')].map((e) => e.tagName),
      text: box.textContent,
      pwned: window.pwned === 1,
    };
  });
  assert.deepEqual(rendered.marks, ['hit']);
  assert.deepEqual(rendered.elements, ['MARK']);
  assert.equal(rendered.text, 'a <b>b</b> & hit <img src=x onerror="window.pwned=1"><script>window.pwned=1</script>');
  assert.equal(rendered.pwned, false);
  await session.context.close();
});
