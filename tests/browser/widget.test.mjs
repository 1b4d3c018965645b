// The drop-in search widget (docs/widget.md) on a partner's page served from
// another loopback origin, with a browser-safe key made by the real
// rapport-admin for that origin: it searches, counts as the API counts,
// filters, pages, opens a profile with its contact actions, shows the crisis
// note; partner CSS stays out and a theme property gets in; axe is clean at
// 375 and 1280 px with no sideways scroll; a key made for another site is
// refused with a message. Also the embed route itself (CORS, type, caching,
// gzip, 404s, no way out of its folder), and the figures docs/widget.md
// quotes: first-results time and the bytes the widget loads.

import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {request as HttpRequest} from 'node:http';
import path from 'node:path';
import {Api} from './lib/server.mjs';
import {Audit, NewPage, kArtifacts, kWidths} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';
import {CreateBrowserKey, PartnerPage, StartPartnerSite} from './lib/partner_site.mjs';

const suite = ServerAndBrowser();
const kClientState = 'CA';
const kTimingLoads = 5;
const kTheme = 'rgb(0, 110, 60)';
const kFixedFilters = 'insurance=aetna&accepting=true';
const kFixedPageSize = 5;
// A partner stylesheet that hides and recolours everything it can reach,
// keeping only its own page and the widget's host element shown.
const kHostileCss = `* { display: none !important; color: rgb(255, 0, 0) !important; }
html, body, main, rapport-search { display: block !important; }
button { color: rgb(255, 0, 0); background: rgb(255, 0, 0); }
rapport-search { --rapport-accent: ${kTheme}; }`;

const site = {partner: null, key: ''};

// The partner site and its keys, made once the suite's server is up (the
// first test calls it; node:test does not order top-level hooks).
async function PartnerSite() {
  if (site.partner) return site;
  site.partner = await StartPartnerSite({});
  const rapport = suite.server.base;
  site.key = CreateBrowserKey(suite.server, site.partner.origin, 'widget-test');
  const other_key = CreateBrowserKey(suite.server, 'http://127.0.0.1:9', 'elsewhere');
  const widget = {key: site.key, state: kClientState};
  Object.assign(site.partner.pages, {
    '/': PartnerPage({rapport, attributes: widget}),
    '/styled': PartnerPage({rapport, attributes: widget, css: kHostileCss}),
    '/other-key': PartnerPage({rapport, attributes: {key: other_key, state: kClientState}}),
    '/fixed': PartnerPage({rapport, attributes: {...widget, filters: kFixedFilters, 'page-size': String(kFixedPageSize)}}),
  });
  return site;
}

after(async () => {
  if (site.partner) await site.partner.Close();
});

// The widget's parts (Playwright's CSS locators pierce open shadow roots).
const Part = (page, selector) => page.locator(`rapport-search ${selector}`);

// The total the widget's live region shows once a search has been answered.
async function WidgetTotal(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('rapport-search').shadowRoot;
    const status = root && root.getElementById('status');
    return status && status.dataset.total !== undefined && !root.querySelector('.results[aria-busy]');
  });
  return Number(await Part(page, '#status').getAttribute('data-total'));
}

// Waits until the widget shows the answer of `api_path` and returns it.
async function ShowsAnswerOf(page, api_path) {
  const answer = (await Api(suite.server, api_path)).body;
  await page.waitForFunction((total) => {
    const root = document.querySelector('rapport-search').shadowRoot;
    return root.getElementById('status').dataset.total === String(total) && !root.querySelector('.results[aria-busy]');
  }, answer.total);
  return answer;
}

async function Open(path_on_site, width) {
  await PartnerSite();
  const session = await NewPage(suite.browser, {width});
  await session.page.goto(`${site.partner.origin}${path_on_site}`);
  return session;
}

test('the embed route serves the widget across origins, cached, gzipped, and nothing else', async () => {
  const base = suite.server.base;
  const script = await fetch(`${base}/embed/v1/rapport-search.js`, {headers: {Origin: 'https://partner.example'}});
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('access-control-allow-origin'), '*');
  assert.match(script.headers.get('content-type'), /^text\/javascript/);
  assert.match(script.headers.get('cache-control'), /^public, max-age=86400$/);
  const etag = script.headers.get('etag');
  assert.ok(etag, 'an ETag to revalidate with');
  const body = await script.text();
  assert.match(body, /customElements\.define\('rapport-search'/);
  const again = await fetch(`${base}/embed/v1/rapport-search.js`, {headers: {'If-None-Match': etag}});
  assert.equal(again.status, 304);
  // fetch() asks for gzip and inflates; the header says it was sent compressed.
  assert.equal(script.headers.get('content-encoding'), 'gzip');
  // The page modules and stylesheet it imports come with CORS too.
  for (const file of ['/static/js/result_card.js', '/static/css/site.css']) {
    const response = await fetch(`${base}${file}`);
    assert.equal(response.status, 200, file);
    assert.equal(response.headers.get('access-control-allow-origin'), '*', file);
  }
  for (const missing of ['/embed/v1/nothing.js', '/embed/v1/rapport-search.css', '/embed/v2/rapport-search.js']) {
    const response = await fetch(`${base}${missing}`);
    assert.equal(response.status, 404, missing);
    assert.equal((await response.json()).error.code, 'not_found', missing);
  }
  // Raw paths, as an attacker sends them (fetch would normalise the dots).
  for (const raw of ['/embed/v1/../../index.html', '/embed/v1/../../../../etc/passwd', '/embed/v1/%2e%2e/%2e%2e/js/api.js',
    '/embed/v1/..%2f..%2fjs%2fapi.js', '/embed/v1/.hidden.js', '/embed/v1//etc/passwd.js']) {
    const {port} = new URL(base);
    const status = await new Promise((resolve, reject) => {
      const req = HttpRequest({host: '127.0.0.1', port, path: raw}, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 404, raw);
  }
});

test('the widget on another origin searches, counts, filters, pages and opens a profile', async (t) => {
  const session = await Open('/', 1280);
  const {page} = session;
  const first = await ShowsAnswerOf(page, `/api/v1/search?state=${kClientState}&limit=20&facets=modality`);
  assert.equal(await Part(page, '.result').count(), first.results.length);
  assert.equal(await Part(page, '.result').first().getAttribute('data-id'), first.results[0].id);
  // Facet counts are the API's.
  const shown = await Part(page, '[data-facet="modality"] input[type="checkbox"]').evaluateAll((inputs) => inputs.map((input) =>
    ({value: input.value, count: Number(input.labels[0].querySelector('.count').textContent.replace(/\D/g, ''))})));
  assert.ok(shown.length > 0, 'modality options are shown');
  for (const option of shown) {
    assert.equal(option.count, first.facets.modality.find((f) => f.value === option.value).count, option.value);
  }

  // Text search.
  await Part(page, '#q').fill('anxiety');
  await Part(page, '#q').press('Enter');
  const text = await ShowsAnswerOf(page, `/api/v1/search?q=anxiety&interpret=true&state=${kClientState}&limit=20`);
  assert.ok(text.total > 20, 'enough results to page through');

  // A facet.
  const option = Part(page, '[data-facet="modality"] input[type="checkbox"]').first();
  const value = await option.getAttribute('value');
  await option.click();
  const filtered = await ShowsAnswerOf(page, `/api/v1/search?q=anxiety&interpret=true&state=${kClientState}&modality=${value}&limit=20`);
  assert.ok(filtered.total < text.total, 'the facet narrows the search');
  assert.ok(await Part(page, '.chip').count() > 0, 'the filter shows as a chip');

  // The next page.
  await Part(page, '#pager button').filter({hasText: 'Next'}).click();
  const second = (await Api(suite.server, `/api/v1/search?q=anxiety&interpret=true&state=${kClientState}&modality=${value}&limit=20&offset=20`)).body;
  await page.waitForFunction((id) => document.querySelector('rapport-search').shadowRoot.querySelector('.result')?.dataset.id === id,
    second.results[0].id);
  assert.equal(await Part(page, '#result-list').getAttribute('start'), '21');

  // A profile with contact details opens inside the widget.
  const index = second.results.findIndex((r) => r.contact && r.contact.phone);
  assert.ok(index >= 0, 'a result with a phone number on the page');
  const hit = second.results[index];
  await Part(page, `.result[data-id="${hit.id}"] h3 a`).click();
  await Part(page, '#profile-heading').filter({hasText: hit.name}).waitFor();
  assert.equal(page.url(), `${site.partner.origin}/`, 'the partner page stays open');
  const profile = (await Api(suite.server, `/api/v1/therapists/${encodeURIComponent(hit.id)}`)).body;
  const hrefs = await Part(page, '#profile-body .contact-actions a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.includes(`tel:${profile.contact.phone}`), `the call action: ${hrefs}`);
  if (profile.contact.email) assert.ok(hrefs.includes(`mailto:${profile.contact.email}`));
  await Part(page, '#back').click();
  await Part(page, `.result[data-id="${hit.id}"] h3 a`).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('rapport-search').shadowRoot.activeElement?.textContent),
    hit.name, 'focus returns to the card that opened the profile');

  // A crisis search (the approach chosen above stays) shows the crisis note, as the API flags it.
  await Part(page, '#q').fill('suicidal thoughts');
  await Part(page, '#q').press('Enter');
  const crisis = await ShowsAnswerOf(page, `/api/v1/search?q=suicidal%20thoughts&interpret=true&state=${kClientState}&modality=${value}&limit=20`);
  assert.equal(crisis.crisis, true, 'the API flags the search');
  assert.ok(await Part(page, '#crisis-note').isVisible(), 'the crisis note is shown');
  assert.deepEqual(await Part(page, '#crisis-note a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ['tel:988', 'sms:988', 'tel:911']);
  assert.deepEqual(session.offsite, [], 'no request may leave 127.0.0.1');
  assert.deepEqual(session.console_errors, [], 'no script errors');
  t.diagnostic(`searched ${first.total} → ${text.total} → ${filtered.total} therapists`);
  await session.context.close();
});

test('suggestions come from the API, and a name picked with the keyboard opens its profile in the widget', async () => {
  const session = await Open('/', 1280);
  const {page} = session;
  await WidgetTotal(page);
  const profile = (await Api(suite.server, `/api/v1/search?state=${kClientState}&limit=1`)).body.results[0];
  const typed = profile.name.split(' ')[0];
  const suggested = (await Api(suite.server, `/api/v1/suggest?q=${encodeURIComponent(typed)}`)).body.suggestions;
  const name = suggested.find((s) => s.kind === 'name');
  assert.ok(name, `the API suggests a name for ${typed}`);
  await Part(page, '#q').pressSequentially(typed);
  await Part(page, '#q-suggestions [role="option"]').first().waitFor();
  const options = await Part(page, '#q-suggestions [role="option"]').count();
  assert.equal(options, suggested.length, 'one option per suggestion');
  for (let step = 0; step <= suggested.indexOf(name); ++step) await page.keyboard.press('ArrowDown');
  assert.match(await Part(page, '#q').getAttribute('aria-activedescendant'), /^q-suggestions-\d+$/);
  await page.keyboard.press('Enter');
  await Part(page, '#profile-heading').filter({hasText: name.text}).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('rapport-search').shadowRoot.activeElement?.id),
    'profile-heading', 'focus moves to the profile');
  await Part(page, '#back').focus();
  await page.keyboard.press('Enter');
  await Part(page, '#results-heading').waitFor();
  assert.ok(await Part(page, '#profile-heading').isHidden(), 'Back to results closes the profile');
  assert.deepEqual(session.console_errors, [], 'no script errors');
  await session.context.close();
});

test('fixed filters and page size from the attributes', async () => {
  const session = await Open('/fixed', 1280);
  const {page} = session;
  const answer = await ShowsAnswerOf(page, `/api/v1/search?state=${kClientState}&${kFixedFilters}&limit=${kFixedPageSize}`);
  const everyone = (await Api(suite.server, `/api/v1/search?state=${kClientState}&limit=1`)).body;
  assert.ok(answer.total < everyone.total, 'the fixed filters narrow the search');
  assert.equal(await Part(page, '.result').count(), Math.min(kFixedPageSize, answer.total));
  assert.equal(await Part(page, '[data-facet="insurance"]').count(), 0, 'no panel for a fixed facet');
  assert.equal(await Part(page, '[data-facet="accepting"]').count(), 0, 'no panel for a fixed facet');
  assert.ok(await Part(page, '[data-facet="modality"]').count() > 0, 'the other panels stay');
  await session.context.close();
});

test('partner CSS stays outside, a theme property gets in', async () => {
  const session = await Open('/styled', 1280);
  const {page} = session;
  await WidgetTotal(page);
  const submit = Part(page, 'button[type="submit"]');
  assert.ok(await submit.isVisible(), 'the widget is shown despite * { display: none !important }');
  assert.ok(await Part(page, '.result').first().isVisible(), 'results are shown');
  assert.ok(await page.locator('p.intro').isHidden(), 'the partner CSS does hide the partner page');
  const style = await submit.evaluate((node) => ({color: getComputedStyle(node).color, background: getComputedStyle(node).backgroundColor}));
  assert.equal(style.background, kTheme, 'the theme accent colours the search button');
  assert.notEqual(style.color, 'rgb(255, 0, 0)', 'partner button colour does not reach inside');
  const text_colour = await Part(page, '.result h3').first().evaluate((node) => getComputedStyle(node).color);
  assert.notEqual(text_colour, 'rgb(255, 0, 0)', 'inherited partner colour does not reach inside');
  await session.context.close();
});

test('axe finds nothing serious in the widget at 375 and 1280 px, which fits without sideways scroll', async (t) => {
  for (const width of kWidths) {
    const session = await Open('/', width);
    const {page} = session;
    await WidgetTotal(page);
    if (width < 800) {
      await Part(page, '.filters-toggle').click();
      assert.equal(await Part(page, '.filters-toggle').getAttribute('aria-expanded'), 'true');
    }
    assert.deepEqual(await Audit(page), [], `widget at ${width} px`);
    const scroll_width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll_width <= width, `the widget fits ${width} px (${scroll_width})`);
    const file = path.join(kArtifacts, `widget-${width}.png`);
    await page.screenshot({path: file});
    t.diagnostic(`screenshot: ${file}`);
    await Part(page, '.result h3 a').first().click();
    await Part(page, '#profile-body .profile-head').waitFor();
    assert.deepEqual(await Audit(page), [], `widget profile at ${width} px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `the profile fits ${width} px`);
    const profile_file = path.join(kArtifacts, `widget-profile-${width}.png`);
    await page.screenshot({path: profile_file});
    t.diagnostic(`screenshot: ${profile_file}`);
    assert.deepEqual(session.offsite, [], 'no request may leave 127.0.0.1');
    assert.deepEqual(session.console_errors, [], 'no script errors');
    await session.context.close();
  }
});

test('a key made for another site is refused, and the widget says so', async (t) => {
  const session = await Open('/other-key', 375);
  const {page} = session;
  const notice = Part(page, '.notice');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('data-status'), '403');
  assert.match(await notice.textContent(), /not allowed to use this search key/);
  assert.match(await notice.textContent(), /sites it was made for/, 'the API’s own reason is quoted');
  assert.equal(await Part(page, '.result').count(), 0);
  assert.ok(await Part(page, 'form').isHidden(), 'no search form that cannot work');
  assert.ok(await Part(page, '#crisis-note').isVisible(), 'the crisis line stays');
  assert.deepEqual(await Audit(page), [], 'the refusal is accessible');
  const file = path.join(kArtifacts, 'widget-refused-375.png');
  await page.screenshot({path: file});
  t.diagnostic(`screenshot: ${file}`);
  await session.context.close();
});

// The bytes of `file`'s body as the server sends it to a client asking for gzip.
function GzipBytesSent(base, file) {
  const {port} = new URL(base);
  return new Promise((resolve, reject) => {
    const req = HttpRequest({host: '127.0.0.1', port, path: file, headers: {'Accept-Encoding': 'gzip'}}, (response) => {
      assert.equal(response.headers['content-encoding'], 'gzip', file);
      let bytes = 0;
      response.on('data', (chunk) => { bytes += chunk.length; });
      response.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

test('figures: first results after navigation start (median of loads) and the bytes the widget loads', async (t) => {
  const marks = [];
  const scripts = new Map();
  await PartnerSite();
  for (let load = 0; load < kTimingLoads; ++load) {
    const session = await NewPage(suite.browser, {width: 1280});
    session.page.on('response', async (response) => {
      const url = response.url();
      if (!url.startsWith(suite.server.base) || url.includes('/api/')) return;
      scripts.set(new URL(url).pathname, (await response.body()).length);
    });
    await session.page.goto(`${site.partner.origin}/`);
    await WidgetTotal(session.page);
    marks.push(await session.page.evaluate(async () => {
      const {kFirstResultsMark} = await import(document.querySelector('script[type="module"]').src);
      const entry = performance.getEntriesByName(kFirstResultsMark)[0];
      return entry ? entry.startTime : NaN;
    }));
    await session.context.close();
  }
  marks.sort((a, b) => a - b);
  assert.ok(marks.every(Number.isFinite), `the widget marks its first results: ${marks}`);
  let raw = 0;
  let gzip = 0;
  for (const file of scripts.keys()) {
    raw += (await (await fetch(`${suite.server.base}${file}`)).arrayBuffer()).byteLength;
    gzip += await GzipBytesSent(suite.server.base, file);
  }
  t.diagnostic(`first results: median ${marks[Math.floor(marks.length / 2)].toFixed(0)} ms over ${marks.length} loads ` +
    `(${marks.map((m) => m.toFixed(0)).join(', ')})`);
  t.diagnostic(`widget files: ${scripts.size} (${[...scripts.keys()].join(' ')}), ${raw} bytes raw, ${gzip} gzip`);
});
