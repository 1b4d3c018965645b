// Contact actions and the crisis line, at 375 and 1280 px: every result card
// and profile offers exactly the contact the API gives, as tel:, mailto: and
// https: links with rel="noopener nofollow"; a profile without contact shows
// how to reach the directory; every client page shows the 988 / 911 line,
// and searches naming suicide or self-harm and the empty state show it
// prominently (role="note"). axe finds nothing serious; screenshots saved.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Api} from './lib/server.mjs';
import path from 'node:path';
import {NewPage, Audit, Shoot, WaitForResults, kArtifacts, kWidths} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';

const suite = ServerAndBrowser();

// The links a contact should become, in the page's order, from the API's JSON.
function ExpectedLinks(contact) {
  if (!contact) return [];
  const links = [];
  if (contact.booking_url) links.push(new URL(contact.booking_url).href);
  if (contact.phone) links.push(`tel:${contact.phone}`);
  if (contact.email) links.push(`mailto:${contact.email}`);
  if (contact.website) links.push(new URL(contact.website).href);
  return links;
}

async function LinksIn(locator) {
  return locator.locator('a').evaluateAll((links) => links.map((a) => ({href: a.getAttribute('href'), rel: a.getAttribute('rel'),
    target: a.getAttribute('target'), text: a.textContent})));
}

function CheckSafe(links, where) {
  for (const link of links) {
    assert.match(link.href, /^(tel:\+[1-9]\d{6,14}|mailto:[^\s]+@[^\s]+|https:\/\/[^\s@]+)$/, `${where}: ${link.href}`);
    assert.deepEqual(link.rel.split(' ').sort(), ['nofollow', 'noopener'], `${where}: rel of ${link.href}`);
    assert.equal(link.target, null, `${where}: no target`);
  }
}

async function CrisisLineShown(page) {
  const band = page.locator('.crisis-line');
  assert.ok(await band.isVisible(), 'the crisis line is visible');
  const hrefs = await band.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['tel:988', 'sms:988', 'tel:911']);
}

async function AuditAndShoot(t, session, name, width) {
  assert.deepEqual(await Audit(session.page), [], `${name} at ${width} px`);
  const scroll_width = await session.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll_width <= width, `${name} fits ${width} px (${scroll_width})`);
  // Shot at the width the page was loaded at, so a phone sees what a phone gets.
  const file = path.join(kArtifacts, `${name}-${width}.png`);
  await Shoot(session.page, file);
  t.diagnostic(`screenshot: ${file}`);
  assert.deepEqual(session.offsite, [], 'no request may leave 127.0.0.1');
  assert.deepEqual(session.console_errors, [], 'no script errors');
}

test('result cards offer exactly the API contact as safe links, or say there is none', async (t) => {
  const query = '/api/v1/search?q=anxiety&limit=20';
  const answer = (await Api(suite.server, query)).body;
  assert.ok(answer.results.some((r) => r.contact) && answer.results.some((r) => !r.contact),
    'the first page has cards with and without contact');
  for (const width of kWidths) {
    const session = await NewPage(suite.browser, {width});
    await session.page.goto(`${suite.server.base}/?q=anxiety`);
    await WaitForResults(session.page);
    for (const result of answer.results) {
      const card = session.page.locator(`.result[data-id="${result.id}"]`);
      const links = await LinksIn(card.locator('.contact-actions'));
      assert.deepEqual(links.map((l) => l.href), ExpectedLinks(result.contact), `card ${result.id}`);
      CheckSafe(links, `card ${result.id}`);
      assert.equal(await card.locator('.no-contact').count(), result.contact ? 0 : 1, `card ${result.id}: no-contact note`);
    }
    await CrisisLineShown(session.page);
    assert.ok(await session.page.locator('#crisis-note').isHidden(), 'no prominent note for "anxiety"');
    await AuditAndShoot(t, session, 'contact-cards', width);
    await session.context.close();
  }
});

test('a profile shows its contact actions; one without contact says how to reach the directory', async (t) => {
  const page_of = (await Api(suite.server, '/api/v1/search?limit=100')).body.results;
  const full = page_of.find((r) => r.contact && r.contact.phone && r.contact.email && r.contact.website);
  const none = page_of.find((r) => !r.contact);
  assert.ok(full && none, 'the sample has both kinds');
  const directory = (await Api(suite.server, '/api/v1/directory')).body.contact;
  for (const width of kWidths) {
    const session = await NewPage(suite.browser, {width});
    await session.page.goto(`${suite.server.base}/therapists/${encodeURIComponent(full.id)}`);
    await session.page.locator('#profile .profile-head').waitFor();
    const links = await LinksIn(session.page.locator('#contact ~ .contact-actions'));
    assert.deepEqual(links.map((l) => l.href), ExpectedLinks(full.contact));
    CheckSafe(links, `profile ${full.id}`);
    assert.ok(links.some((l) => /^Call \(\d{3}\) \d{3}-\d{4}$/.test(l.text)), 'the number is shown as people write it');
    await CrisisLineShown(session.page);
    await AuditAndShoot(t, session, 'contact-profile', width);
    await session.context.close();

    const bare = await NewPage(suite.browser, {width});
    await bare.page.goto(`${suite.server.base}/therapists/${encodeURIComponent(none.id)}`);
    await bare.page.locator('#profile .profile-head').waitFor();
    const note = bare.page.locator('#profile .no-contact');
    await note.waitFor();
    const hrefs = await note.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, [`mailto:${directory.email}`]);
    assert.equal(await bare.page.locator('#profile .contact-actions').count(), 0);
    await AuditAndShoot(t, bare, 'contact-profile-none', width);
    await bare.context.close();
  }
});

test('searches naming suicide or self-harm, and the empty state, show the crisis line prominently', async (t) => {
  const cases = [
    {name: 'crisis-search', url: '/?q=suicidal%20thoughts', prominent: true},
    {name: 'crisis-filter', url: '/?specialty=self-harm', prominent: true},
    {name: 'crisis-empty', url: '/?q=anxiety&fee_max=0&accepting=true', prominent: true},
    {name: 'crisis-none', url: '/?q=grief', prominent: false},
  ];
  for (const {name, url, prominent} of cases) {
    for (const width of kWidths) {
      const session = await NewPage(suite.browser, {width});
      await session.page.goto(`${suite.server.base}${url}`);
      await WaitForResults(session.page);
      await CrisisLineShown(session.page);
      const note = session.page.locator('#crisis-note');
      assert.equal(await note.isVisible(), prominent, `${name}: prominent note`);
      assert.equal(await note.getAttribute('role'), 'note', 'a note, not an alert');
      if (prominent) {
        const hrefs = await note.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        assert.deepEqual(hrefs, ['tel:988', 'sms:988', 'tel:911']);
        // Above the results, so a phone user sees it before any card.
        const note_top = (await note.boundingBox()).y;
        const first = session.page.locator('.result').first();
        if (await first.count()) assert.ok(note_top < (await first.boundingBox()).y, `${name}: note above results`);
      }
      if (prominent) await AuditAndShoot(t, session, name, width);
      await session.context.close();
    }
  }
});
