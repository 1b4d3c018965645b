// Counts never lie and the empty state helps (issue 13, items 7 and 8), in
// headless Chromium against the real rapport-server: every option the page
// shows with a count finds exactly that many therapists when chosen; an
// impossible search names the filter whose removal brings back the most
// (worked out here from the API) with its label, never the typed words;
// chips show labels. Expected figures come from the API, never constants.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Api} from './lib/server.mjs';
import {WaitForResults, PageTotal, Screenshots, Audit, kWidths} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';
import {AssertClean, SearchSession} from './lib/search_session.mjs';

const suite = ServerAndBrowser();
const {Open} = SearchSession(suite);
const kOaklandNear = '37.8044,-122.2712';

// The facet options the page shows with a count: [{id, count}].
async function CountedOptions(page) {
  return page.evaluate(() => [...document.querySelectorAll('#facet-panels input')].flatMap((input) => {
    const label = document.querySelector(`label[for="${input.id}"]`);
    const count = label && label.querySelector('.count');
    return count && !input.checked ? [{id: input.id, count: Number(count.textContent.match(/\((\d+)\)/)[1])}] : [];
  }));
}

// Chooses the option `id` and waits for the page's new total.
async function Choose(page, id) {
  const before = page.url();
  await page.locator(`#${id}`).check();
  await page.waitForURL((url) => url.href !== before);
  await WaitForResults(page);
  return PageTotal(page);
}

for (const url of [
  '/?meet=online&state=CA&telehealth_since_before=2020',
  '/?q=anxiety&meet=online&state=TX&telehealth_since_before=2022&modality=cbt',
  '/?q=trauma&accepting=true&insurance=aetna',
  '/?meet=in_person&place=Oakland%2C%20CA&near=37.8044%2C-122.2712&radius_km=80&language=es',
]) {
  test(`every option shown with a count finds that many when chosen: ${url}`, async () => {
    const session = await Open(url);
    const {page} = session;
    const options = await CountedOptions(page);
    assert.ok(options.length >= 5, `the search shows counted options (${options.length})`);
    if (url.includes('telehealth_since_before=2020')) {
      assert.ok(options.some((o) => o.id === 'exp-2022'), 'the other telehealth period is counted');
    }
    for (const option of options) {
      const total = await Choose(page, option.id);
      assert.equal(total, option.count, `${option.id} showed (${option.count}) but found ${total}`);
      await page.goBack();
      await WaitForResults(page);
    }
    AssertClean(session);
    await session.context.close();
  });
}

test('a facet with a choice shows no count where ticking another option would add to it', async () => {
  const session = await Open('/?modality=cbt');
  const {page} = session;
  const shown = await page.evaluate(() => [...document.querySelectorAll('fieldset[data-facet="modality"] li')]
    .map((li) => ({checked: li.querySelector('input').checked, counted: Boolean(li.querySelector('.count'))})));
  assert.ok(shown.length > 1);
  for (const option of shown) assert.equal(option.counted, option.checked);
  AssertClean(session);
  await session.context.close();
});

// The totals of the search without each one of its filters (API, independent of the page).
async function TotalsWithoutEach(filters, base) {
  const out = [];
  for (const [name, value] of filters) {
    const rest = filters.filter(([n, v]) => !(n === name && v === value)).map(([n, v]) => `&${n}=${encodeURIComponent(v)}`).join('');
    out.push({name, value, total: (await Api(suite.server, `/api/v1/search?limit=1${base}${rest}`)).body.total});
  }
  return out;
}

for (const width of kWidths) {
  test(`an impossible search names its most restrictive filter by its label, never the typed words (${width} px)`, async () => {
    const vocab = (await Api(suite.server, '/api/v1/vocab')).body;
    const label = (facet, value) => vocab[facet].find((v) => v.value === value).label;
    // Anxiety with an insurance, a language and a low fee: find a combination
    // that finds nothing (from the API), then the filter whose removal brings
    // back the most.
    const base = '&q=anxiety';
    let filters = null;
    for (const insurance of ['tricare', 'magellan', 'compsych', 'wellcare']) {
      for (const language of ['ko', 'vi', 'ru', 'ar']) {
        const candidate = [['insurance', insurance], ['language', language], ['fee_max', '80']];
        const query = candidate.map(([n, v]) => `&${n}=${v}`).join('');
        if ((await Api(suite.server, `/api/v1/search?limit=1${base}${query}`)).body.total === 0) filters = candidate;
        if (filters) break;
      }
      if (filters) break;
    }
    assert.ok(filters, 'the sample data has an impossible anxiety search');
    const totals = await TotalsWithoutEach(filters, base);
    const best = totals.reduce((a, b) => (b.total > a.total ? b : a));
    assert.ok(best.total > 0);
    const expected_label = best.name === 'fee_max' ? `Fee up to $${best.value}`
      : `${best.name === 'insurance' ? 'Insurance' : 'Language'}: ${label(best.name, best.value)}`;

    const url = `/?q=anxiety${filters.map(([n, v]) => `&${n}=${v}`).join('')}`;
    const session = await Open(url, {width});
    const {page} = session;
    assert.equal(await PageTotal(page), 0);
    const button = page.locator('#remove-restrictive');
    await button.waitFor();
    assert.equal(await button.textContent(), `Remove ${expected_label}`);
    const message = await page.locator('#restrictive-filter').textContent();
    assert.ok(message.includes(expected_label), message);
    assert.ok(message.includes(`${best.total.toLocaleString('en-US')} therapist`), message);
    assert.doesNotMatch(message + (await button.textContent()), /["“”]/, 'no quotes around the label');
    assert.doesNotMatch(message, /Search:|anxiety/, 'the typed words are not offered for removal');
    const chips = await page.locator('#active-filters .chip').allTextContents();
    for (const chip of chips) assert.doesNotMatch(chip, new RegExp(`: (${filters.map(([, v]) => v).join('|')}) ×`), `chip ${chip} shows a slug`);
    assert.deepEqual(await Audit(page), []);
    if (width === 375) await Screenshots(page, 'search-empty-state');
    await button.click();
    await page.waitForFunction(() => Number(document.getElementById('status').dataset.total) > 0);
    assert.equal(await PageTotal(page), best.total);
    assert.match(page.url(), /q=anxiety/, 'the typed words stay in the search');
    AssertClean(session);
    await session.context.close();
  });
}

test('an empty search with only words typed offers no removal of the words', async () => {
  const q = 'zzqqxx';
  assert.equal((await Api(suite.server, `/api/v1/search?q=${q}&limit=1`)).body.total, 0);
  const session = await Open(`/?q=${q}`, {width: 375});
  const {page} = session;
  assert.equal(await PageTotal(page), 0);
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy'));
  await page.waitForTimeout(300);  // the probes for a removable filter have had time to answer
  assert.equal(await page.locator('#remove-restrictive').count(), 0);
  AssertClean(session);
  await session.context.close();
});

test('chips show labels: approach, insurance and the distance in miles', async () => {
  const vocab = (await Api(suite.server, '/api/v1/vocab')).body;
  const label = (facet, value) => vocab[facet].find((v) => v.value === value).label;
  const session = await Open(`/?modality=cbt&insurance=aetna&meet=in_person&place=Oakland%2C%20CA&near=${encodeURIComponent(kOaklandNear)}&radius_km=40`, {width: 375});
  const {page} = session;
  await page.waitForFunction(() => [...document.querySelectorAll('#active-filters .chip')].some((c) => c.textContent.startsWith('Approach: ') && !c.textContent.includes(': cbt')));
  const chips = (await page.locator('#active-filters .chip').allTextContents()).map((t) => t.replace(/\s*×$/, ''));
  assert.ok(chips.includes(`Approach: ${label('modality', 'cbt')}`), chips.join(' | '));
  assert.ok(chips.includes(`Insurance: ${label('insurance', 'aetna')}`), chips.join(' | '));
  assert.ok(chips.includes('Within 25 mi of Oakland, CA'), chips.join(' | '));
  await Screenshots(page, 'search-chips');
  AssertClean(session);
  await session.context.close();
});
