// The search page's structure and state (issue 12 item 1's last piece,
// issue 13 items 4, 5 and 6's distances), in headless Chromium against the real
// rapport-server: the filter panels are the facet catalogue's panel facets in
// its order with its labels; the text box and the search never disagree;
// "Back to search" returns to the exact search and scroll position; the
// radius is in miles; on a phone the filters open as a sheet. Expected figures come from the server's own answers.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Api} from './lib/server.mjs';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {NewPage, WaitForResults, PageTotal, Screenshots, Audit, ApiUrlOfPage, kArtifacts} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';
import {AssertClean, SearchSession} from './lib/search_session.mjs';

const suite = ServerAndBrowser();
const {Open, ExpectTotal} = SearchSession(suite);
const kKmPerMile = 1.609344;  // the international mile
const kOaklandNear = '37.8044,-122.2712';

async function PageParams(page) {
  return new URL(page.url()).searchParams;
}

test('the filter panels are the catalogue panel facets, in catalogue order, with catalogue labels', async () => {
  const catalogue = (await Api(suite.server, '/api/v1/vocab')).body.catalogue;
  const panel = catalogue.filter((f) => f.panel_position > 0).sort((a, b) => a.panel_position - b.panel_position);
  assert.ok(panel.length >= 5, 'the catalogue puts facets on the panel');
  assert.equal(new Set(panel.map((f) => f.panel_position)).size, panel.length, 'one facet a position');
  // A search broad enough that every panel facet has options to show.
  const session = await Open('/');
  const {page} = session;
  const shown = await page.locator('#facet-panels fieldset').evaluateAll(
      (sets) => sets.map((s) => ({name: s.dataset.facet, legend: s.querySelector('legend').textContent})));
  const facets = shown.filter((s) => s.name !== 'fee');  // the fee panel filters on no facet
  assert.deepEqual(facets, panel.map((f) => ({name: f.name, legend: f.label})));
  // The page asks the API to count exactly the catalogue's counted panel facets.
  const requested = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => new URL(e.name)).filter((u) => u.pathname === '/api/v1/search' && u.searchParams.has('facets'))
      .map((u) => u.searchParams.get('facets')));
  assert.deepEqual(requested, [panel.filter((f) => f.counted).map((f) => f.name).join(',')]);
  // Chips read the catalogue's labels too.
  const gender = panel.find((f) => f.name === 'gender');
  if (gender) {
    const value = gender.values[0];
    await page.locator(`#f-gender-${value.value}`).check();
    await page.locator('#active-filters .chip', {hasText: `${gender.label}: ${value.label}`}).waitFor();
  }
  AssertClean(session);
  await session.context.close();
});

test('every change of the form searches with the text in the box; removing the text chip empties the box', async () => {
  const session = await Open('/');
  const {page} = session;
  // Typed, never submitted: the next choice searches with it.
  await page.locator('#q').fill('anxiety');
  await page.getByLabel('Online, in my state').check();
  await ExpectTotal(page, '/api/v1/search?q=anxiety&virtual=true');
  assert.equal((await PageParams(page)).get('q'), 'anxiety');
  await page.locator('#q').fill('trauma');
  await page.getByLabel('Your state').selectOption('CA');
  await ExpectTotal(page, '/api/v1/search?q=trauma&virtual=true&state=CA');
  await page.locator('#q').fill('depression');
  await page.getByLabel('Sort by').selectOption('fee');
  await ExpectTotal(page, '/api/v1/search?q=depression&virtual=true&state=CA&sort=fee');
  assert.equal((await PageParams(page)).get('q'), 'depression');
  await page.locator('#q').fill('grief');
  const box = page.locator('#facet-panels input[type="checkbox"][name="modality"]').first();
  const modality = await box.getAttribute('value');
  await box.check();
  await ExpectTotal(page, `/api/v1/search?q=grief&virtual=true&state=CA&sort=fee&modality=${modality}`);
  // Removing another chip keeps the text; removing the text chip empties the box.
  await page.getByRole('button', {name: /^Remove filter Approach: /}).click();
  await ExpectTotal(page, '/api/v1/search?q=grief&virtual=true&state=CA&sort=fee');
  assert.equal(await page.locator('#q').inputValue(), 'grief');
  await page.getByRole('button', {name: /^Remove filter Search: /}).click();
  await ExpectTotal(page, '/api/v1/search?virtual=true&state=CA&sort=fee');
  assert.equal(await page.locator('#q').inputValue(), '');
  assert.equal((await PageParams(page)).get('q'), null);
  AssertClean(session);
  await session.context.close();
});

test('choosing in person or a city searches with the text in the box', async () => {
  const session = await Open('/');
  const {page} = session;
  await page.locator('#q').fill('anxiety');
  // By keyboard: the suggestions list lies over the radio buttons.
  await page.getByLabel('In person, near a place').focus();
  await page.keyboard.press('Space');
  await ExpectTotal(page, '/api/v1/search?q=anxiety&in_person=true');
  await page.locator('#q').fill('trauma');
  await page.getByRole('combobox', {name: 'City'}).fill('Oakland');
  await page.locator('#place-options [role="option"]', {hasText: 'Oakland, CA'}).first().click();
  await page.waitForURL(/near=/);
  const near = (await PageParams(page)).get('near');
  await ExpectTotal(page, `/api/v1/search?q=trauma&in_person=true&near=${near}&radius_km=${25 * kKmPerMile}`);
  AssertClean(session);
  await session.context.close();
});

test('the text chip shows typed quotes as typed, never inside quotes of its own', async () => {
  const session = await Open(`/?q=${encodeURIComponent('"panic attacks"')}`);
  const chip = session.page.locator('#active-filters .chip', {hasText: 'Search:'});
  await chip.waitFor();
  const text = await chip.textContent();
  assert.match(text, /Search: "panic attacks"/);
  assert.doesNotMatch(text, /“|”/, 'no quotes around the typed quotes');
  const plain = await Open('/?q=grief');
  assert.match(await plain.page.locator('#active-filters .chip', {hasText: 'Search:'}).textContent(), /Search: “grief”/);
  await plain.context.close();
  AssertClean(session);
  await session.context.close();
});

test('when no therapist matches every word, the page says which words the results leave out', async () => {
  const kept = (await Api(suite.server, '/api/v1/search?q=grief')).body.total;
  const relaxed = (await Api(suite.server, `/api/v1/search?q=${encodeURIComponent('grief zebra')}`)).body;
  assert.deepEqual(relaxed.dropped_words, ['zebra'], 'the API left the word out');
  const session = await Open(`/?q=${encodeURIComponent('grief zebra')}`);
  const note = session.page.locator('#dropped-words');
  await note.waitFor();
  assert.equal(await note.textContent(), 'No therapist matched every word you typed, so these results leave out “zebra”.');
  assert.equal(await PageTotal(session.page), kept, 'the results are those of the other words');
  const every_word = await Open('/?q=grief');
  assert.equal(await every_word.page.locator('#dropped-words').isHidden(), true, 'nothing to say when every word counts');
  await every_word.context.close();
  AssertClean(session);
  await session.context.close();
});

test('filter words in the text become chips the client can remove', async () => {
  const typed = 'spanish speaking therapist for anxiety who takes aetna';
  const read = (await Api(suite.server, `/api/v1/search?interpret=true&q=${encodeURIComponent(typed)}`)).body;
  const explicit = (await Api(suite.server, '/api/v1/search?q=anxiety&language=es&insurance=aetna')).body;
  assert.equal(read.interpreted.q, 'anxiety', 'the API kept the word that searches');
  assert.equal(read.total, explicit.total, 'the API answered as the explicit filters');
  const session = await Open(`/?q=${encodeURIComponent(typed)}`);
  const {page} = session;
  await page.locator('#interpreted-words').waitFor();
  assert.equal(await page.inputValue('#q'), 'anxiety', 'the box keeps the other words');
  const params = await PageParams(page);
  assert.deepEqual([params.get('q'), params.getAll('language'), params.getAll('insurance')],
                   ['anxiety', ['es'], ['aetna']], 'the address holds the filters, shareable');
  assert.equal(await PageTotal(page), explicit.total);
  const chips = await page.locator('#active-filters .chip').allTextContents();
  assert.ok(chips.some((c) => c.includes('Spanish')) && chips.some((c) => c.includes('Aetna')), chips.join(' | '));
  // Removing a chip searches without that filter and says nothing more about reading words.
  await page.getByRole('button', {name: /^Remove filter .*Aetna/}).click();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('insurance'));
  await page.waitForFunction(() => document.getElementById('interpreted-words').hidden);
  await ExpectTotal(page, '/api/v1/search?q=anxiety&language=es');
  AssertClean(session);
  await session.context.close();
});

test('a city in the text becomes the place to search near, at the page radius', async () => {
  const typed = 'couples therapy in oakland';
  const read = (await Api(suite.server, `/api/v1/search?interpret=true&q=${encodeURIComponent(typed)}`)).body;
  const place = read.interpreted.filters.find((f) => f.param === 'near');
  assert.ok(place, 'the API read the place');
  assert.equal(place.label, 'Oakland, CA');
  const session = await Open(`/?q=${encodeURIComponent(typed)}`);
  const {page} = session;
  await page.locator('#interpreted-words').waitFor();
  assert.match(await page.locator('#interpreted-words').textContent(), /“in oakland” as Oakland, CA/);
  assert.equal(await page.inputValue('#q'), 'couples', 'the box keeps the other words');
  const params = await PageParams(page);
  assert.deepEqual([params.get('meet'), params.get('near'), params.get('place')],
                   ['in_person', place.value, 'Oakland, CA'], 'the address holds the place, shareable');
  await page.locator('#active-filters .chip', {hasText: 'Within 25 mi of Oakland, CA'}).waitFor();
  await ExpectTotal(page, `/api/v1/search?q=couples&in_person=true&near=${place.value}&radius_km=${25 * kKmPerMile}`);
  await Screenshots(page, 'search-place-in-words');
  AssertClean(session);
  await session.context.close();
});

test('the radius is chosen in miles and the chip says the same number', async () => {
  const session = await Open(`/?meet=in_person&place=Oakland%2C%20CA&near=${encodeURIComponent(kOaklandNear)}`);
  const {page} = session;
  const choices = await page.locator('#radius option').allTextContents();
  assert.deepEqual(choices, ['within 5 mi', 'within 10 mi', 'within 25 mi', 'within 50 mi', 'within 100 mi']);
  assert.equal(await page.locator('#radius').inputValue(), '25');
  await page.locator('#active-filters .chip', {hasText: 'Within 25 mi of Oakland, CA'}).waitFor();
  await page.locator('#radius').selectOption('50');
  await page.waitForURL(/radius_mi=50/);
  await ExpectTotal(page, `/api/v1/search?in_person=true&near=${kOaklandNear}&radius_km=${50 * kKmPerMile}`);
  await page.locator('#active-filters .chip', {hasText: 'Within 50 mi of Oakland, CA'}).waitFor();
  AssertClean(session);
  await session.context.close();
});

test('"Back to search" on a profile returns to the exact search and scroll position', async () => {
  const session = await Open('/?q=anxiety&meet=online&state=CA', {width: 375});
  const {page} = session;
  const search_url = page.url();
  const cards = page.locator('.result');
  assert.ok((await cards.count()) > 3, 'enough results to scroll');
  const card = cards.nth(3);
  await card.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 40));
  const scroll = await page.evaluate(() => window.scrollY);
  assert.ok(scroll > 0);
  await card.locator('h3 a').click();
  await page.waitForURL(/\/therapists\//);
  await page.locator('#profile:not([hidden])').waitFor();
  await page.getByRole('link', {name: 'Back to search'}).click();
  await page.waitForURL(search_url);
  await WaitForResults(page);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, scroll);
  assert.equal(await page.locator('#q').inputValue(), 'anxiety');
  assert.equal(await PageTotal(page), (await Api(suite.server, '/api/v1/search?q=anxiety&virtual=true&state=CA')).body.total);
  await Screenshots(page, 'search-back-to-search');
  AssertClean(session);
  await session.context.close();
});

test('"Back to search" with no search known goes to the empty search', async () => {
  const id = (await Api(suite.server, '/api/v1/search?limit=1')).body.results[0].id;
  const session = await NewPage(suite.browser);
  const {page} = session;
  await page.goto(`${suite.server.base}/therapists/${encodeURIComponent(id)}`);
  await page.locator('#profile:not([hidden])').waitFor();
  assert.equal(await page.getAttribute('#back-to-search', 'href'), '/');
  AssertClean(session);
  await session.context.close();
});

// A viewport-sized screenshot (a full-page one of a phone is too tall to read).
async function ViewportShot(page, name) {
  mkdirSync(kArtifacts, {recursive: true});
  await page.screenshot({path: path.join(kArtifacts, `${name}.png`)});
}

async function NoSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

test('on a phone the filters open as a sheet by keyboard; its button counts what the results show', async () => {
  const session = await Open('/?meet=online&state=CA', {width: 375});
  const {page} = session;
  assert.ok(await page.locator('#filters-side').isHidden(), 'no side panel at 375 px');
  assert.ok(await NoSidewaysScroll(page), 'no sideways scroll with the sheet closed');
  await page.locator('#open-filters').focus();
  await page.keyboard.press('Enter');
  await page.locator('#filter-sheet[open]').waitFor();
  assert.ok(await page.evaluate(() => document.getElementById('filter-sheet').contains(document.activeElement)),
            'focus moves into the sheet');
  assert.match(await page.locator('#show-results').textContent(), new RegExp(`^Show ${(await PageTotal(page)).toLocaleString('en-US')} therapists?$`));
  // Tick the first approach with the keyboard: the button's count follows.
  let steps = 0;
  while (!(await page.evaluate(() => document.activeElement.matches('input[name="modality"]'))) && steps++ < 60) {
    await page.keyboard.press('Tab');
  }
  const before = page.url();
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.href !== before);
  await WaitForResults(page);
  const total = (await Api(suite.server, await ApiUrlOfPage(page))).body.total;
  assert.equal(await PageTotal(page), total);
  assert.equal(await page.locator('#show-results').textContent(), `Show ${total.toLocaleString('en-US')} therapist${total === 1 ? '' : 's'}`);
  assert.ok(await page.evaluate(() => document.getElementById('filter-sheet').contains(document.activeElement)),
            'focus stays in the sheet after the search');
  assert.ok(await page.locator('#show-results').isVisible(), 'the show button stays in view');
  assert.ok(await NoSidewaysScroll(page), 'no sideways scroll with the sheet open');
  assert.deepEqual(await Audit(page), []);
  await ViewportShot(page, 'search-filter-sheet-375');
  await page.keyboard.press('Escape');
  await page.locator('#filter-sheet').waitFor({state: 'hidden'});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'open-filters', 'focus returns to the button');
  // The "Show N" button closes the sheet on the results it counted.
  await page.keyboard.press('Enter');
  await page.locator('#filter-sheet[open]').waitFor();
  const shown = Number((await page.locator('#show-results').textContent()).match(/[\d,]+/)[0].replace(/,/g, ''));
  await page.locator('#show-results').click();
  await page.locator('#filter-sheet').waitFor({state: 'hidden'});
  assert.equal(shown, await PageTotal(page));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'open-filters');
  assert.deepEqual(await Audit(page), []);
  await ViewportShot(page, 'search-results-375');
  AssertClean(session);
  await session.context.close();
});

test('a long option list narrows by label as the client types in its box', async () => {
  const session = await Open('/', {width: 375});
  const {page} = session;
  await page.locator('#open-filters').click();
  const box = page.locator('#narrow-insurance');
  await box.waitFor();
  const labels = await page.locator('fieldset[data-facet="insurance"] .options label').allTextContents();
  const word = labels[labels.length - 1].replace(/\s*\(\d+\)$/, '').split(/\s+/)[0];
  await box.pressSequentially(word.toLowerCase());
  await page.waitForFunction((w) => [...document.querySelectorAll('fieldset[data-facet="insurance"] .options label')]
      .every((l) => l.textContent.toLowerCase().includes(w)), word.toLowerCase());
  const narrowed = await page.locator('fieldset[data-facet="insurance"] .options label').allTextContents();
  assert.ok(narrowed.length >= 1);
  assert.ok(narrowed.some((l) => l.startsWith(word)), narrowed.join(' | '));
  assert.equal(await box.inputValue(), word.toLowerCase(), 'the box keeps what was typed');
  await ViewportShot(page, 'search-narrow-options-375');
  AssertClean(session);
  await session.context.close();
});

test('on a desktop the filters stay beside the results', async () => {
  const session = await Open('/?meet=online&state=CA', {width: 1280});
  const {page} = session;
  assert.ok(await page.locator('#filters-side #facet-panels').isVisible());
  assert.ok(await page.locator('#open-filters').isHidden());
  assert.ok(await NoSidewaysScroll(page));
  assert.deepEqual(await Audit(page), []);
  await ViewportShot(page, 'search-side-panel-1280');
  AssertClean(session);
  await session.context.close();
});
