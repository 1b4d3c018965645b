// Result cards and the profile page carry the facts a client decides on
// (issue 13 item 6): whether they can see you online in your state (a license
// there or a compact), distance in miles, insurance, fee and sliding scale,
// and whether they accept new clients with how fresh that claim is. Every expected text
// is computed here from the API's own answer for the same search.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Api, kRepo} from './lib/server.mjs';
import {NewPage, Audit, Screenshots, WaitForResults, kWidths} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';

const suite = ServerAndBrowser();

const kMetresPerMile = 1609.344;
const kFreshDays = 90;
const kDayMs = 24 * 60 * 60 * 1000;
const kSamplePage = 100;  // results per page when scanning the whole sample

// The freshness a card must show for one hit, from the API's fields alone.
function ExpectedFreshness(hit, now) {
  if (hit.accepting_new_clients === undefined || hit.accepting_new_clients === null) return 'unknown';
  const at = Date.parse(hit.availability_confirmed_at ?? '');
  return Number.isFinite(at) && now - at <= kFreshDays * kDayMs ? 'fresh' : 'stale';
}

function ExpectedMiles(km) {
  const miles = (km * 1000) / kMetresPerMile;
  return `${miles < 10 ? miles.toFixed(1) : Math.round(miles)} mi`;
}

// Each card's facts, read from the page in result order.
async function CardFacts(page) {
  return page.locator('.result').evaluateAll((cards) => cards.map((card) => {
    const facts = {};
    const terms = card.querySelectorAll('.facts dt');
    for (const dt of terms) facts[dt.textContent] = dt.nextElementSibling.textContent;
    const availability = card.querySelector('.availability');
    const status = availability && availability.firstElementChild;
    return {
      id: card.dataset.id, facts,
      freshness: availability ? availability.dataset.freshness : null,
      colour: status ? getComputedStyle(status).color : null,
    };
  }));
}

async function OkColour(page) {
  return page.evaluate(() => {
    const probe = document.body.appendChild(Object.assign(document.createElement('span'), {className: 'ok'}));
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
}

// The "online in your state" fact a card must show for `state`, from the
// hit's licenses and the API's virtual_states (licenses and compacts).
function ExpectedOnlineHere(hit, state) {
  if (!state) return undefined;
  if ((hit.licenses ?? []).some((l) => l.state === state)) return `Licensed in ${state}`;
  if ((hit.virtual_states ?? []).includes(state)) {
    return `Can see clients in ${state} through a licensure compact (not licensed there)`;
  }
  return undefined;
}

// The insurance fact: the first three plans' labels and how many more.
function ExpectedInsurance(hit, vocab) {
  const plans = hit.insurance ?? [];
  if (!plans.length) return undefined;
  const label = (value) => (vocab.insurance.find((v) => v.value === value) ?? {label: value}).label;
  const named = plans.slice(0, 3).map(label).join(', ');
  return plans.length > 3 ? `${named} and ${plans.length - 3} more` : named;
}

async function CheckCards(t, name, url_path, api_path, state = '') {
  const answer = (await Api(suite.server, api_path)).body;
  const vocab = (await Api(suite.server, '/api/v1/vocab')).body;
  assert.ok(answer.results.length > 0, `${name}: the sample has hits`);
  const now = Date.now();
  for (const width of kWidths) {
    const session = await NewPage(suite.browser, {width});
    const {page} = session;
    await page.goto(`${suite.server.base}${url_path}`);
    await WaitForResults(page);
    const cards = await CardFacts(page);
    const ok_colour = await OkColour(page);
    assert.deepEqual(cards.map((c) => c.id), answer.results.map((r) => r.id), `${name}: cards in the API's order`);
    answer.results.forEach((hit, i) => {
      const {facts, freshness, colour} = cards[i];
      const where = `${name} at ${width} px, ${hit.id}`;
      if (typeof hit.distance_km === 'number') assert.equal(facts.Distance, ExpectedMiles(hit.distance_km), where);
      else assert.equal(facts.Distance, undefined, where);
      if (hit.fee && hit.fee.min != null) assert.ok(facts.Fee.includes(`$${hit.fee.min}`), `${where}: fee ${facts.Fee}`);
      assert.equal(/sliding scale/.test(facts.Fee ?? ''), Boolean(hit.fee && hit.fee.sliding_scale), `${where}: sliding`);
      assert.equal(facts['Your state'], ExpectedOnlineHere(hit, state), `${where}: online here`);
      assert.equal(facts.Insurance, ExpectedInsurance(hit, vocab), `${where}: insurance`);
      const expected = ExpectedFreshness(hit, now);
      assert.equal(freshness, expected, `${where}: availability`);
      if (expected === 'unknown') assert.equal(facts.Availability, 'Availability not stated', where);
      if (expected === 'stale') {
        assert.match(facts.Availability, /unconfirmed/, where);
        assert.notEqual(colour, ok_colour, `${where}: a stale claim is never in the reassuring green`);
      }
      if (expected === 'fresh' && hit.accepting_new_clients) assert.equal(colour, ok_colour, where);
    });
    assert.deepEqual(await Audit(page), [], `${name} at ${width} px`);
    const scroll_width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll_width <= width, `${name} fits ${width} px (${scroll_width})`);
    if (width === kWidths[0]) t.diagnostic(`screenshots: ${(await Screenshots(page, name)).join(', ')}`);
    assert.deepEqual(session.console_errors, [], 'no script errors');
    await session.context.close();
  }
}

test('in-person cards show the distance in miles, the fee and fresh availability as the API says', async (t) => {
  const cities = JSON.parse(readFileSync(path.join(kRepo, 'data/cities.json'), 'utf8'));
  const offices = (await Api(suite.server, '/api/v1/search?in_person=true&limit=50')).body.results.flatMap((r) => r.offices);
  const city = cities.find((c) => offices.some((o) => o.city === c.city && o.state === c.state));
  assert.ok(city, 'a sample office lies in a gazetteer city');
  const near = `${city.lat.toFixed(4)},${city.lon.toFixed(4)}`;
  const place = encodeURIComponent(`${city.city}, ${city.state}`);
  await CheckCards(t, 'cards-near', `/?meet=in_person&place=${place}&near=${near}&radius_km=80`,
                   `/api/v1/search?in_person=true&near=${near}&radius_km=80&limit=20`);
});

test('online in a state, each card says whether by a license there or a compact, and names its insurance', async (t) => {
  const api = '/api/v1/search?virtual=true&state=CA&limit=20';
  const answer = (await Api(suite.server, api)).body;
  assert.ok(answer.results.some((hit) => ExpectedOnlineHere(hit, 'CA')?.startsWith('Licensed')), 'a CA license');
  await CheckCards(t, 'cards-online-ca', '/?meet=online&state=CA', api, 'CA');
  // A compact-only therapist: a psychologist with PSYPACT and no license in a member state.
  let compact_only = null;
  for (const state of ['CO', 'AZ', 'GA', 'IL', 'MO', 'PA', 'TX', 'VA', 'WA', 'NC', 'OH']) {
    const hits = (await Api(suite.server, `/api/v1/search?virtual=true&state=${state}&limit=100`)).body.results;
    const hit = hits.find((h) => ExpectedOnlineHere(h, state)?.startsWith('Can see'));
    if (hit) {
      compact_only = {state, hit};
      break;
    }
  }
  assert.ok(compact_only, 'the sample has a therapist seeing clients in a state only through a compact');
  const q = encodeURIComponent(`"${compact_only.hit.name}"`);
  await CheckCards(t, 'cards-compact', `/?meet=online&state=${compact_only.state}&q=${q}`,
                   `/api/v1/search?virtual=true&state=${compact_only.state}&q=${q}&limit=20`, compact_only.state);
});

test('fresh, stale and unknown availability: each card and profile says which', async (t) => {
  const now = Date.now();
  const found = {};
  // Every page of the default order, until each kind is found: boosts decay
  // with the real clock, so where a kind first appears moves from day to day
  // (on 2026-12-05 the first unknown claim was 1,001st of 2,000).
  for (let offset = 0, full = true; full && Object.keys(found).length < 3; offset += kSamplePage) {
    const answer = (await Api(suite.server, `/api/v1/search?limit=${kSamplePage}&offset=${offset}`)).body;
    for (const hit of answer.results) found[ExpectedFreshness(hit, now)] ??= hit;
    full = answer.results.length === kSamplePage;
  }
  t.diagnostic(`sample cases: ${JSON.stringify(Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.id])))}`);
  assert.ok(found.fresh && found.stale && found.unknown, 'the sample has fresh, stale and unknown claims');
  for (const [expected, hit] of Object.entries(found)) {
    const q = encodeURIComponent(`"${hit.name}"`);
    await CheckCards(t, `cards-${expected}`, `/?q=${q}`, `/api/v1/search?q=${q}&limit=20`);
    const session = await NewPage(suite.browser, {width: kWidths[0]});
    await session.page.goto(`${suite.server.base}/therapists/${encodeURIComponent(hit.id)}`);
    const line = session.page.locator('#availability .availability');
    await line.waitFor();
    assert.equal(await line.getAttribute('data-freshness'), expected, `profile ${hit.id}`);
    if (expected === 'stale') assert.match(await line.textContent(), /unconfirmed/);
    await session.context.close();
  }
});
