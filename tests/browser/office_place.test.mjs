// Offices an import placed only by their ZIP code or city (the API's
// offices[].geo_precision "zip" / "city") are said to be approximate on the
// result cards (office and "about" distance) and on the profile page; offices
// with a street-address point or an editor's point are not. The profiles come
// from tests/browser/data/approximate-offices.ndjson; expected words follow
// from each profile's precision as the API returns it. Viewport screenshots
// at 375 px are saved for review. The widget shows the same cards and
// profile, so it is checked once on a partner's page.

import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {Api, kEditors, kRepo} from './lib/server.mjs';
import {Audit, NewPage, WaitForResults, kArtifacts, kWidths} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';
import {CreateBrowserKey, PartnerPage, StartPartnerSite} from './lib/partner_site.mjs';

const suite = ServerAndBrowser({extra_ndjson: path.join(kRepo, 'tests/browser/data/approximate-offices.ndjson')});

const kIds = ['t-geo-zip', 't-geo-city', 't-geo-address', 't-geo-editor'];
const kNear = '37.8044,-122.2712';
const kApproximateWords = {zip: 'Approximate location (ZIP code area)', city: 'Approximate location (city centre)'};

test('result cards say an approximate office and an "about" distance, and only for those', async () => {
  const api = `/api/v1/search?q=placewell&in_person=true&near=${kNear}&radius_km=100&limit=20`;
  const answer = (await Api(suite.server, api)).body;
  assert.deepEqual(answer.results.map((hit) => hit.id).sort(), [...kIds].sort(), 'the four test profiles');
  for (const width of kWidths) {
    const session = await NewPage(suite.browser, {width});
    const {page} = session;
    await page.goto(`${suite.server.base}/?q=placewell&meet=in_person&place=Oakland%2C%20CA&near=${kNear}&radius_km=100`);
    await WaitForResults(page);
    for (const hit of answer.results) {
      const card = page.locator(`.result[data-id="${hit.id}"]`);
      const facts = await card.locator('.facts').evaluate((dl) => Object.fromEntries(
          [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
      const words = kApproximateWords[hit.offices[0].geo_precision];
      const where = `${hit.id} at ${width} px`;
      if (words) {
        assert.ok(facts.Office.endsWith('Approximate location'), `${where}: office ${facts.Office}`);
        assert.match(facts.Distance, /^about \d/, `${where}: distance ${facts.Distance}`);
      } else {
        assert.doesNotMatch(facts.Office, /pproximate/, `${where}: office ${facts.Office}`);
        assert.match(facts.Distance, /^\d/, `${where}: distance ${facts.Distance}`);
      }
    }
    assert.deepEqual(await Audit(page), [], `cards at ${width} px`);
    const scroll_width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll_width <= width, `fits ${width} px (${scroll_width})`);
    if (width === kWidths[0]) {
      await page.locator('.result[data-id="t-geo-city"]').scrollIntoViewIfNeeded();
      await page.screenshot({path: path.join(kArtifacts, 'office-place-cards-375.png')});
    }
    assert.deepEqual(session.console_errors, [], 'no script errors');
    await session.context.close();
  }
});

test('the profile page says an office is approximate, and not for an exact one', async () => {
  for (const id of kIds) {
    const profile = (await Api(suite.server, `/api/v1/therapists/${id}`)).body;
    const words = kApproximateWords[profile.offices[0].geo_precision];
    const session = await NewPage(suite.browser, {width: kWidths[0]});
    const {page} = session;
    await page.goto(`${suite.server.base}/therapists/${id}`);
    const offices = page.locator('section[aria-labelledby="offices"]');
    await offices.waitFor();
    const text = await offices.textContent();
    if (words) assert.ok(text.includes(words), `${id}: ${text}`);
    else assert.doesNotMatch(text, /pproximate/, `${id}: ${text}`);
    if (id === 't-geo-city') {
      assert.deepEqual(await Audit(page), [], `profile ${id}`);
      await offices.scrollIntoViewIfNeeded();
      await page.screenshot({path: path.join(kArtifacts, 'office-place-profile-375.png')});
    }
    assert.deepEqual(session.console_errors, [], 'no script errors');
    await session.context.close();
  }
});

const partner = {site: null};
after(async () => {
  if (partner.site) await partner.site.Close();
});

test('the widget says the same on its cards and its profile view', async () => {
  partner.site = await StartPartnerSite({});
  const key = CreateBrowserKey(suite.server, partner.site.origin, 'office-place-test');
  partner.site.pages['/'] = PartnerPage({rapport: suite.server.base, attributes: {key}});
  const session = await NewPage(suite.browser, {width: kWidths[0]});
  const {page} = session;
  await page.goto(`${partner.site.origin}/`);
  const part = (selector) => page.locator(`rapport-search ${selector}`);
  await part('#q').fill('placewell');
  await part('#q').press('Enter');
  const card = part('.result[data-id="t-geo-city"]');
  await card.waitFor();
  assert.ok((await card.locator('.facts').textContent()).includes('Approximate location'), 'the city-placed card');
  assert.doesNotMatch(await part('.result[data-id="t-geo-address"] .facts').textContent(), /pproximate/);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({path: path.join(kArtifacts, 'office-place-widget-375.png')});
  await card.locator('h3 a').click();
  const body = part('#profile-body');
  await body.filter({hasText: kApproximateWords.city}).waitFor();
  assert.deepEqual(session.console_errors, [], 'no script errors');
  await session.context.close();
});

test('the editor page shows an imported precision and drops it when the editor types coordinates', async () => {
  const session = await NewPage(suite.browser, {width: kWidths[0]});
  const {page} = session;
  await page.goto(`${suite.server.base}/editor`);
  await page.getByLabel('Email', {exact: true}).fill(kEditors[0].email);
  await page.getByLabel('Password').fill(kEditors[0].password);
  await page.getByRole('button', {name: 'Log in'}).click();
  await page.locator('#workspace').waitFor();
  await page.getByLabel('Name, words or profile id').fill('t-geo-zip');
  await page.getByRole('button', {name: 'Search', exact: true}).click();
  await page.locator('#find-results li', {hasText: 't-geo-zip'}).locator('button').first().click();
  await page.locator('#profile-form').waitFor();
  const note = page.locator('.office .help', {hasText: kApproximateWords.zip});
  await note.waitFor();
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({path: path.join(kArtifacts, 'office-place-editor-375.png')});
  await page.locator('.office input[type="checkbox"]').first().check();
  await page.getByLabel('Latitude (office 1)').fill('37.8049');
  assert.ok(await note.isHidden(), 'the note goes once the editor types a coordinate');
  assert.deepEqual(session.console_errors, [], 'no script errors');
  await session.context.close();
});
