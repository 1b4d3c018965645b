// The shared setup of every browser test file: one real rapport-server and
// one headless Chromium, started before the file's first test and stopped
// after its last. The returned object's `server` and `browser` are set once
// the `before` hook has run.

import {before, after} from 'node:test';
import {StartServer, StopServer} from './server.mjs';
import {Launch} from './browser.mjs';

// `options` go to StartServer (e.g. {extra_ndjson}).
export function ServerAndBrowser(options = {}) {
  const suite = {server: undefined, browser: undefined};
  before(async () => {
    suite.server = await StartServer(options);
    suite.browser = await Launch();
  });
  after(async () => {
    if (suite.browser) await suite.browser.close();
    await StopServer(suite.server);
  });
  return suite;
}
