// What the search page's browser tests share: opening a page of the real
// server, waiting for the API's total, and checking a session stayed clean
// (no request off 127.0.0.1, no script error).

import assert from 'node:assert/strict';
import {Api} from './server.mjs';
import {NewPage, WaitForResults} from './browser.mjs';

export function AssertClean(session) {
  assert.deepEqual(session.offsite, [], 'no request may leave 127.0.0.1');
  assert.deepEqual(session.console_errors, [], 'no script errors');
}

// Helpers bound to a file's `suite` (lib/suite.mjs), whose server is set
// once its `before` hook has run.
export function SearchSession(suite) {
  return {
    // A new page at `url_path`, once its first results are shown; pages
    // without results (a profile) pass {results: false}.
    async Open(url_path, {results = true, ...options} = {}) {
      const session = await NewPage(suite.browser, options);
      await session.page.goto(`${suite.server.base}${url_path}`);
      if (results) await WaitForResults(session.page);
      return session;
    },
    // Waits until the page shows the API's total for `api_path`; returns it.
    async ExpectTotal(page, api_path) {
      const expected = (await Api(suite.server, api_path)).body.total;
      await page.waitForFunction((n) => {
        const status = document.getElementById('status');
        return status && status.dataset.total === String(n) && !document.body.hasAttribute('aria-busy');
      }, expected);
      return expected;
    },
  };
}
