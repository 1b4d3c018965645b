// Client journeys on the search and profile pages, in headless Chromium
// against the real rapport-server. Every expected figure comes from the
// server's own API answer for the same question, never from constants.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Api, kRepo} from './lib/server.mjs';
import {WaitForResults, PageTotal, ApiUrlOfPage} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';
import {AssertClean, SearchSession} from './lib/search_session.mjs';

const suite = ServerAndBrowser();
const {Open, ExpectTotal} = SearchSession(suite);
const kKmPerMile = 1.609344;  // the international mile

async function FacetOption(page, facet) {
  const box = page.locator(`fieldset[data-facet="${facet}"] input[type="checkbox"]`).first();
  const value = await box.getAttribute('value');
  const label_text = await page.locator(`fieldset[data-facet="${facet}"] label`).first().textContent();
  return {box, value, count: Number(label_text.match(/\((\d+)\)\s*$/)[1])};
}

test('a client finds an online therapist in their state with prior telehealth experience, filters and opens a profile', async () => {
  // A state where such a therapist exists, taken from the data itself.
  const seed = await Api(suite.server, '/api/v1/search?virtual=true&telehealth_since_before=2020&limit=1');
  assert.ok(seed.body.total > 0, 'the sample data has therapists online since before 2020');
  const profile = await Api(suite.server, `/api/v1/therapists/${encodeURIComponent(seed.body.results[0].id)}`);
  const state = (profile.body.virtual_states && profile.body.virtual_states[0]) || profile.body.licenses[0].state;

  const session = await Open('/');
  const {page} = session;
  await page.getByLabel('Online, in my state').check();
  await page.getByLabel('Your state').selectOption(state);
  let api = `/api/v1/search?virtual=true&state=${state}`;
  await ExpectTotal(page, api);
  await page.getByLabel(/Online since before 2020/).check();
  api += '&telehealth_since_before=2020';
  const online_total = await ExpectTotal(page, api);
  assert.ok(online_total > 0);
  assert.match(page.url(), new RegExp(`meet=online.*state=${state}.*telehealth_since_before=2020`));

  // Modality, then insurance: the count beside each option is the total
  // the page then shows, and the API agrees.
  const modality = await FacetOption(page, 'modality');
  await modality.box.check();
  api += `&modality=${encodeURIComponent(modality.value)}`;
  assert.equal(await ExpectTotal(page, api), modality.count);
  const insurance = await FacetOption(page, 'insurance');
  await insurance.box.check();
  api += `&insurance=${encodeURIComponent(insurance.value)}`;
  assert.equal(await ExpectTotal(page, api), insurance.count);
  // Disjunctive counts: other modalities stay listed after choosing one.
  const modality_options = await page.locator('fieldset[data-facet="modality"] input[type="checkbox"]').count();
  const api_facets = await Api(suite.server, `${api}&facets=modality`);
  assert.equal(modality_options, Math.min(api_facets.body.facets.modality.length, 6));

  // Every card shows the telehealth facts; the first opens its profile.
  const first = page.locator('.result').first();
  const id = await first.getAttribute('data-id');
  const expected_ids = (await Api(suite.server, `${api}&limit=20`)).body.results.map((r) => r.id);
  assert.deepEqual(await page.locator('.result').evaluateAll((nodes) => nodes.map((n) => n.dataset.id)), expected_ids);
  await assert.doesNotReject(first.locator('dt', {hasText: 'Online'}).waitFor());
  await first.locator('h3 a').click();
  await page.waitForURL(`**/therapists/${encodeURIComponent(id)}`);
  const doc = (await Api(suite.server, `/api/v1/therapists/${encodeURIComponent(id)}`)).body;
  await assert.doesNotReject(page.locator('h1', {hasText: doc.name}).waitFor());
  const can_see = await page.locator('#can-see').textContent();
  const vocab = (await Api(suite.server, '/api/v1/vocab')).body;
  const state_label = (vocab.state || vocab.vocab.state).find((s) => s.value === state).label;
  assert.ok(can_see.includes(state_label), `"${can_see}" names ${state_label}`);
  // The rest of what a client weighs: fees, insurance, offices, telehealth.
  const text = await page.locator('#profile').textContent();
  const label_of = (facet, value) => ((vocab[facet] || vocab.vocab[facet]).find((v) => v.value === value) || {label: value}).label;
  if (doc.fee && doc.fee.min != null) assert.ok(text.includes(`$${doc.fee.min}`), 'fee shown');
  for (const plan of doc.insurance || []) assert.ok(text.includes(label_of('insurance', plan)), `insurance ${plan} shown`);
  for (const office of doc.offices || []) assert.ok(text.includes(office.city), `office ${office.city} shown`);
  for (const mode of doc.telehealth.modes || []) assert.ok(text.includes(label_of('mode', mode)), `mode ${mode} shown`);
  assert.ok(text.includes(`since ${doc.telehealth.since}`), 'telehealth start year shown');
  assert.ok(text.includes('last confirmed') || text.includes('not confirmed'), 'availability freshness shown');
  AssertClean(session);
  await session.context.close();
});

test('a client searches near a city and sorts by distance', async () => {
  const cities = JSON.parse(readFileSync(path.join(kRepo, 'data/cities.json'), 'utf8'));
  const served = await fetch(`${suite.server.base}/static/data/cities.json`);
  assert.equal(served.status, 200, 'the server serves the gazetteer (data/cities.json) at /static/data/cities.json');
  assert.deepEqual(await served.json(), cities);
  const with_offices = await Api(suite.server, '/api/v1/search?in_person=true&limit=50');
  const office = with_offices.body.results.flatMap((r) => r.offices)
    .find((o) => cities.some((c) => c.city === o.city && c.state === o.state));
  assert.ok(office, 'a sample office lies in a gazetteer city');
  const city = cities.filter((c) => c.city === office.city && c.state === office.state)[0];

  const session = await Open('/');
  const {page} = session;
  await page.getByLabel('In person, near a place').check();
  const box = page.getByRole('combobox', {name: 'City'});
  await box.fill(city.city);
  const option = page.locator('#place-options [role="option"]', {hasText: `${city.city}, ${city.state}`});
  await option.waitFor();
  await option.click();
  const near = `${city.lat.toFixed(4)},${city.lon.toFixed(4)}`;
  // The page's default radius, 25 miles, asked of the API in kilometres.
  const api = `/api/v1/search?in_person=true&near=${near}&radius_km=${25 * kKmPerMile}`;
  const total = await ExpectTotal(page, api);
  assert.ok(total > 0);
  await page.getByLabel('Sort by').selectOption('distance');
  await ExpectTotal(page, `${api}&sort=distance`);
  await page.waitForURL(/sort=distance/);
  const distances = await page.locator('.result').evaluateAll((nodes) => nodes.map((n) => Number(n.dataset.distance)));
  assert.ok(distances.length > 0);
  assert.ok(distances.every((d, i) => Number.isFinite(d) && (i === 0 || distances[i - 1] <= d)), `sorted: ${distances}`);
  const api_distances = (await Api(suite.server, `${api}&sort=distance`)).body.results.map((r) => r.distance_km);
  assert.deepEqual(distances, api_distances);
  AssertClean(session);
  await session.context.close();
});

test('the back button restores the previous search', async () => {
  const session = await Open('/?q=anxiety');
  const {page} = session;
  const first_total = await ExpectTotal(page, '/api/v1/search?q=anxiety');
  // Paging: the second page is the API's second page, and Back returns.
  assert.ok(first_total > 20, 'enough results to page');
  await page.getByRole('button', {name: 'Next page'}).click();
  await page.waitForURL(/offset=20/);
  await WaitForResults(page);
  const second_page = (await Api(suite.server, '/api/v1/search?q=anxiety&offset=20')).body.results.map((r) => r.id);
  assert.deepEqual(await page.locator('.result').evaluateAll((nodes) => nodes.map((n) => n.dataset.id)), second_page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading');
  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('offset'));
  await WaitForResults(page);
  const language = await FacetOption(page, 'language');
  await language.box.check();
  await ExpectTotal(page, `/api/v1/search?q=anxiety&language=${language.value}`);
  await page.getByLabel('Sort by').selectOption('fee');
  await page.waitForURL(/sort=fee/);
  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('sort=fee'));
  assert.equal(await page.getByLabel('Sort by').inputValue(), 'relevance');
  assert.ok(await page.locator(`#f-language-${language.value}`).isChecked());
  await page.goBack();
  await ExpectTotal(page, '/api/v1/search?q=anxiety');
  assert.equal(await PageTotal(page), first_total);
  assert.equal(await page.locator('#q').inputValue(), 'anxiety');
  assert.equal(await page.locator('#facet-panels input[name="language"]:checked').count(), 0);
  await page.goForward();
  await ExpectTotal(page, `/api/v1/search?q=anxiety&language=${language.value}`);
  AssertClean(session);
  await session.context.close();
});

test('an impossible search suggests the most restrictive filter, and removing it finds therapists', async () => {
  const session = await Open('/?q=anxiety&fee_max=0&accepting=true');
  const {page} = session;
  const api_total = (await Api(suite.server, '/api/v1/search?q=anxiety&fee_max=0&accepting=true')).body.total;
  assert.equal(await PageTotal(page), api_total);
  if (api_total !== 0) return;  // the data has free therapists; nothing to suggest
  const button = page.locator('#remove-restrictive');
  await button.waitFor();
  await button.click();
  await page.waitForFunction(() => Number(document.getElementById('status').dataset.total) > 0);
  assert.doesNotMatch(page.url(), /fee_max=0/);
  AssertClean(session);
  await session.context.close();
});

test('the search page works with the keyboard alone', async () => {
  const session = await Open('/');
  const {page} = session;
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  // The header's home link comes next, then the crisis line's three links
  // (988 call, 988 text, 911), then the search box.
  for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement.id)) !== 'q'; ++i) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('anx');
  await page.locator('#q-suggestions [role="option"]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  const active = await page.getAttribute('#q', 'aria-activedescendant');
  assert.ok(active, 'ArrowDown highlights a suggestion');
  assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
  const before_url = page.url();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.href !== before_url);
  await WaitForResults(page);
  const picked_total = await PageTotal(page);
  assert.ok(picked_total > 0);
  // Tab on to the first facet checkbox and toggle it with Space; focus must
  // survive the facet panel's re-render.
  let steps = 0;
  while (!(await page.evaluate(() => document.activeElement.matches('#facet-panels input[type="checkbox"]'))) && steps++ < 40) {
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement.id);
  assert.ok(focused, 'a facet checkbox is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  const url_before_space = page.url();
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.href !== url_before_space);
  await WaitForResults(page);
  assert.ok(await page.locator(`#${focused}`).isChecked());
  assert.equal(await page.evaluate(() => document.activeElement.id), focused);
  assert.equal(await PageTotal(page), (await Api(suite.server, await ApiUrlOfPage(page))).body.total);
  AssertClean(session);
  await session.context.close();
});
