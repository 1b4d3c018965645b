// Headless Debian Chromium through playwright-core, with every request
// checked: anything not addressed to 127.0.0.1 is aborted and recorded, and
// tests assert that the record stays empty. Also the axe-core audit and the
// 375/1280 px screenshots.

import {chromium} from 'playwright-core';
import {AxeBuilder} from '@axe-core/playwright';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const kArtifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
export const kWidths = [375, 1280];
const kChromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const kArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// chromium.launch gives every run a new, empty temporary profile
// (user-data-dir) of its own, removed on close.
export async function Launch() {
  return chromium.launch({executablePath: kChromium, headless: true, args: kArgs});
}

function IsLoopback(url) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try { return new URL(url).hostname === '127.0.0.1'; } catch { return false; }
}

// A page of a fresh context (own cookies) whose requests may only go to
// 127.0.0.1; `offsite` collects any other address that was tried.
export async function NewPage(browser, {width = 1280} = {}) {
  const context = await browser.newContext({viewport: {width, height: 900}});
  const offsite = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (IsLoopback(url)) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const console_errors = [];
  page.on('pageerror', (error) => console_errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') console_errors.push(message.text()); });
  return {context, page, offsite, console_errors};
}

// Legacy mode runs axe in the page itself. The default mode also opens a blank
// page to combine the results of cross-origin frames, which no Rapport page
// has; that costs ~0.4 s per audit and up to 1.5 s on a page of results.
export async function Audit(page) {
  const results = await new AxeBuilder({page}).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode(true).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

// A screenshot of the whole page down to kMaxShotHeightPx: seven phone
// screens show a page's layout, and the API reference, 68,000 px tall at
// 375 px, took 4 s per shot in full.
const kMaxShotHeightPx = 6000;

export async function Shoot(page, file) {
  const {width} = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({path: file, fullPage: true, clip: {x: 0, y: 0, width, height: Math.min(height, kMaxShotHeightPx)}});
}

export async function Screenshots(page, name) {
  mkdirSync(kArtifacts, {recursive: true});
  const saved = [];
  const original = page.viewportSize();
  for (const width of kWidths) {
    await page.setViewportSize({width, height: 900});
    const file = path.join(kArtifacts, `${name}-${width}.png`);
    await Shoot(page, file);
    saved.push(file);
  }
  await page.setViewportSize(original);
  return saved;
}

// The count the search page shows (data-total of its status line).
export async function PageTotal(page) {
  return Number(await page.getAttribute('#status', 'data-total'));
}

// Waits until the page's status reflects the API answer for its current URL.
export async function WaitForResults(page) {
  await page.waitForFunction(() => {
    const status = document.getElementById('status');
    return status && status.dataset.total !== undefined && !document.body.hasAttribute('aria-busy');
  });
}

// The API URL that corresponds to the page's current address, built by the
// page's own module so tests compare like with like.
export async function ApiUrlOfPage(page) {
  return page.evaluate(async () => {
    const module = await import('/static/js/search_state.js');
    const vocab = await import('/static/js/vocab.js');
    const loaded = await vocab.LoadVocab();
    const schema = module.FacetSchema(vocab.PanelFacets(loaded), vocab.FilterFacets(loaded));
    return `/api/v1/search?${module.ApiParams(module.StateFromUrl(location.search, schema))}`;
  });
}
