// A partner's web site for the search widget's tests: a tiny node http
// server on another free 127.0.0.1 port (so another origin than Rapport's)
// whose pages embed <rapport-search>, and the browser-safe key made for it
// with the real `rapport-admin keys create --search-only --origin`.

import {spawnSync} from 'node:child_process';
import {createServer} from 'node:http';
import path from 'node:path';
import {kBuild} from './server.mjs';

// The test key's own rate limit is raised so tests measure the widget, not
// the limiter (docs/http.md, Rate limits).
const kTestKeyRate = '1000/s';
const kTestKeyBurst = '1000';

// A browser-safe key for `origin`, made by rapport-admin on the running
// server's store.
export function CreateBrowserKey(server, origin, partner) {
  const result = spawnSync(path.join(kBuild, 'web', 'rapport-admin'), [
    '--data-dir', server.data_dir, 'keys', 'create', '--partner', partner, '--search-only', '--origin', origin,
    '--rate', kTestKeyRate, '--burst', kTestKeyBurst,
  ], {encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`rapport-admin keys create exited ${result.status}: ${result.stderr}`);
  return result.stdout.trim();
}

const Escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// A partner page: its own heading and text around the widget, with `css`
// (the partner's stylesheet) and the element's `attributes`.
export function PartnerPage({rapport, attributes, css = ''}) {
  const attrs = Object.entries(attributes).map(([name, value]) => ` ${name}="${Escape(value)}"`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clinic — find a therapist</title>
<style>body { margin: 0; font-family: serif; } ${css}</style>
<script type="module" src="${rapport}/embed/v1/rapport-search.js"></script>
</head><body><main><h1>Our clinic's therapist finder</h1><p class="intro">Search our network.</p>
<rapport-search${attrs}></rapport-search>
</main></body></html>`;
}

// Serves `pages` ({path: html}) on a free 127.0.0.1 port. Returns {origin,
// Close()}; pages can be added later through `pages`.
export async function StartPartnerSite(pages) {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url, 'http://x').pathname];
    response.writeHead(page ? 200 : 404, {'Content-Type': 'text/html; charset=utf-8'});
    response.end(page || 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {origin, pages, Close: () => new Promise((resolve) => server.close(resolve))};
}
