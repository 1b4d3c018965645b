// Editor journeys on /editor in headless Chromium against the real server:
// log in, edit, see the edit in client search within a second, validation
// messages, a conflict between two editors, history, unpublish/restore and
// the stale list.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Api, ApiWithin, kEditors, kVisibleWithinMs} from './lib/server.mjs';
import path from 'node:path';
import {Audit, kArtifacts, kWidths, NewPage, WaitForResults} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';


const suite = ServerAndBrowser();

async function LogIn(editor, width = 1280) {
  const session = await NewPage(suite.browser, {width});
  const {page} = session;
  await page.goto(`${suite.server.base}/editor`);
  await page.getByLabel('Email', {exact: true}).fill(editor.email);
  await page.getByLabel('Password').fill(editor.password);
  await page.getByRole('button', {name: 'Log in'}).click();
  await page.locator('#workspace').waitFor();
  return session;
}

async function OpenProfile(page, id) {
  await page.getByLabel('Name, words or profile id').fill(id);
  await page.getByRole('button', {name: 'Search', exact: true}).click();
  await page.locator('#find-results button').first().waitFor();
  await page.locator('#find-results li', {hasText: id}).locator('button').first().click();
  await page.locator('#profile-form').waitFor();
  await page.waitForFunction((want) => new URLSearchParams(location.search).get('id') === want, id);
}

async function SomeProfileId(offset) {
  return (await Api(suite.server, `/api/v1/search?limit=1&offset=${offset}`)).body.results[0].id;
}

function AssertClean(session) {
  assert.deepEqual(session.offsite, [], 'no request may leave 127.0.0.1');
}

test('an editor logs in, edits a profile, and clients find the change within a second', async () => {
  const id = await SomeProfileId(0);
  const word = `zephyrine${Date.now() % 100000}`;
  const editor = await LogIn(kEditors[0]);
  const {page} = editor;
  await OpenProfile(page, id);
  const bio = page.getByLabel('Bio');
  const markup = '<b>bold</b> <img src=x> & "quoted"';
  await bio.fill(`Offers ${word} walks ${markup}. ${await bio.inputValue()}`);
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.getByRole('button', {name: 'Save changes'}).click();
  const response = await saved;
  assert.equal(response.status(), 200);
  const found = await ApiWithin(suite.server, `/api/v1/search?q=${word}`, (a) => a.body.total > 0);
  const total = found.body.total;
  assert.equal(total, 1, `searchable within ${kVisibleWithinMs} ms of the save`);
  await page.locator('#editor-status', {hasText: 'Saved'}).waitFor();

  const client = await NewPage(suite.browser);
  await client.page.goto(`${suite.server.base}/?q=${word}`);
  await WaitForResults(client.page);
  const card = client.page.locator(`.result[data-id="${id}"]`);
  await card.waitFor();
  assert.equal(await card.locator('mark').first().textContent(), word);
  // Text typed by an editor is shown as text, never as markup.
  assert.ok((await card.locator('.snippet').textContent()).includes(markup));
  assert.equal(await card.locator('.snippet b, .snippet img').count(), 0);
  await card.locator('h3 a').click();
  await client.page.locator('#profile .bio').waitFor();
  assert.ok((await client.page.locator('#profile .bio').textContent()).includes(markup));
  assert.equal(await client.page.locator('#profile b, #profile img').count(), 0);
  AssertClean(editor);
  AssertClean(client);
  await client.context.close();

  // History lists the new version with the bio's before/after.
  await page.locator('#history-list li', {hasText: 'bio'}).first().waitFor();
  await editor.context.close();
});

test('validation problems from the API appear beside their fields', async () => {
  const id = await SomeProfileId(1);
  const editor = await LogIn(kEditors[0]);
  const {page} = editor;
  await OpenProfile(page, id);
  await page.getByLabel('Lowest fee ($)').fill('300');
  await page.getByLabel('Highest fee ($)').fill('100');
  await page.getByLabel('Telehealth since (year)').fill(String(new Date().getUTCFullYear() + 5));
  const answered = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.getByRole('button', {name: 'Save changes'}).click();
  assert.equal((await answered).status(), 422);
  await page.locator('#form-errors').waitFor();
  const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((nodes) => nodes.map((n) => n.id));
  assert.ok(invalid.some((i) => i.startsWith('pf-fee')), `fee marked invalid: ${invalid}`);
  assert.ok(invalid.includes('pf-telehealth-since'), `telehealth.since marked invalid: ${invalid}`);
  assert.notEqual(await page.locator('#pf-telehealth-since-error').textContent(), '');
  // Nothing was stored.
  const stored = (await Api(suite.server, `/api/v1/therapists/${id}`)).body;
  assert.notEqual(stored.fee && stored.fee.min, 300);
  AssertClean(editor);
  await editor.context.close();
});

test('two editors edit the same profile: the second sees what changed and reloads', async () => {
  const id = await SomeProfileId(2);
  const first = await LogIn(kEditors[0]);
  const second = await LogIn(kEditors[1]);
  await OpenProfile(first.page, id);
  await OpenProfile(second.page, id);

  await first.page.getByLabel('Pronouns').fill('ze/hir');
  await first.page.getByRole('button', {name: 'Save changes'}).click();
  await first.page.locator('#editor-status', {hasText: 'Saved'}).waitFor();

  await second.page.getByLabel('Pronouns').fill('xe/xem');
  const answered = second.page.waitForResponse((r) => r.request().method() === 'PUT');
  await second.page.getByRole('button', {name: 'Save changes'}).click();
  assert.equal((await answered).status(), 412);
  const conflict = second.page.locator('#conflict');
  await conflict.waitFor();
  const their_row = conflict.locator('table').first().locator('tr', {hasText: 'pronouns'});
  assert.equal(await their_row.locator('td').nth(1).textContent(), 'ze/hir');
  const after_conflict = await ApiWithin(suite.server, `/api/v1/therapists/${id}`, (a) => a.body.pronouns === 'ze/hir');
  assert.equal(after_conflict.body.pronouns, 'ze/hir', 'nothing silently overwritten');

  await second.page.getByRole('button', {name: 'Load the latest version'}).click();
  await second.page.waitForFunction(() => document.getElementById('pf-pronouns').value === 'ze/hir');
  await second.page.getByLabel('Pronouns').fill('xe/xem');
  await second.page.getByRole('button', {name: 'Save changes'}).click();
  await second.page.locator('#editor-status', {hasText: 'Saved'}).waitFor();
  assert.equal((await ApiWithin(suite.server, `/api/v1/therapists/${id}`, (a) => a.body.pronouns === 'xe/xem')).body.pronouns, 'xe/xem');
  AssertClean(first);
  AssertClean(second);
  await first.context.close();
  await second.context.close();
});

test('unpublish hides a profile and restoring a version brings it back', async () => {
  const id = await SomeProfileId(3);
  const editor = await LogIn(kEditors[0]);
  const {page} = editor;
  await OpenProfile(page, id);
  // Unpublishing asks first and says what will happen; Cancel does nothing.
  const deletes = [];
  page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
  await page.getByRole('button', {name: 'Unpublish'}).click();
  const dialog = page.getByRole('dialog', {name: /Unpublish/});
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Hidden from search and the public API; kept with its history; you can restore it/);
  assert.deepEqual(await Audit(page), [], 'confirmation dialog');
  await page.screenshot({path: path.join(kArtifacts, 'editor-confirm-unpublish-1280.png')});
  await page.keyboard.press('Escape');
  await dialog.waitFor({state: 'hidden'});
  await page.getByRole('button', {name: 'Unpublish'}).click();
  await dialog.getByRole('button', {name: 'Cancel'}).click();
  assert.deepEqual(deletes, [], 'nothing unpublished without a yes');
  assert.equal((await Api(suite.server, `/api/v1/therapists/${id}`)).status, 200);
  await page.getByRole('button', {name: 'Unpublish'}).click();
  await dialog.getByRole('button', {name: 'Unpublish'}).click();
  await page.locator('#editor-status', {hasText: 'unpublished'}).waitFor();
  assert.equal((await ApiWithin(suite.server, `/api/v1/therapists/${id}`, (a) => a.status === 404)).status, 404);
  const restore = page.locator('#history-list button[data-restore]').first();
  await restore.waitFor();
  await restore.click();
  const confirm_restore = page.getByRole('dialog', {name: /Restore version/});
  await confirm_restore.waitFor();
  assert.match(await confirm_restore.textContent(), /shown in search and the public API/);
  await confirm_restore.getByRole('button', {name: /^Restore version/}).click();
  await page.locator('#editor-status', {hasText: 'Restored'}).waitFor();
  assert.equal((await ApiWithin(suite.server, `/api/v1/therapists/${id}`, (a) => a.status === 200)).status, 200);
  AssertClean(editor);
  await editor.context.close();
});

test('the stale list confirms availability and records verification in one click', async () => {
  const editor = await LogIn(kEditors[0]);
  const {page} = editor;
  const row = page.locator('#stale-rows tr').first();
  await row.waitFor();
  const id = await row.getAttribute('data-id');
  await row.getByRole('button', {name: /Confirm availability/}).click();
  await page.locator('#editor-status', {hasText: 'Availability confirmed'}).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  const confirmed = await ApiWithin(suite.server, `/api/v1/therapists/${id}`, (a) => String(a.body.availability_confirmed_at).startsWith(today));
  assert.equal(String(confirmed.body.availability_confirmed_at).slice(0, 10), today);
  await row.getByRole('button', {name: /Mark verified/}).click();
  await page.locator('#editor-status', {hasText: 'License check recorded'}).waitFor();
  assert.equal(await page.locator(`#stale-rows tr[data-id="${id}"]`).count(), 0);
  AssertClean(editor);
  await editor.context.close();
});

// The stored document and its revision count, read with the editor's session.
async function StoredWithHistory(page, id) {
  return page.evaluate(async (want) => {
    const read = async (url) => (await fetch(url, {cache: 'no-store'})).json();
    const doc = await read(`/api/v1/editor/therapists/${encodeURIComponent(want)}`);
    const history = await read(`/api/v1/therapists/${encodeURIComponent(want)}/history`);
    return {doc, revisions: history.revisions.length};
  }, id);
}

// A profile without `compacts`: the form shows that field, so an untouched
// form must not add it.
async function ProfileWithoutCompacts(from) {
  for (let offset = from; offset < from + 50; ++offset) {
    const id = await SomeProfileId(offset);
    const doc = (await Api(suite.server, `/api/v1/therapists/${id}`)).body;
    if (!('compacts' in doc) || doc.fee == null || !('sliding_scale' in (doc.fee || {}))) return id;
  }
  throw new Error('no profile without compacts or a sliding scale flag in the sample');
}

test('an untouched save sends nothing and adds no revision; an edit sends only that field', async () => {
  const id = await ProfileWithoutCompacts(10);
  const editor = await LogIn(kEditors[0]);
  const {page} = editor;
  await OpenProfile(page, id);
  const before = await StoredWithHistory(page, id);
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(JSON.parse(r.postData())); });
  await page.getByRole('button', {name: 'Save changes'}).click();
  await page.locator('#editor-status', {hasText: 'No changes'}).waitFor();
  assert.equal(puts.length, 0, 'an untouched form is not sent');
  assert.equal((await StoredWithHistory(page, id)).revisions, before.revisions, 'no new revision');

  await page.getByLabel('Pronouns').fill('they/them');
  const answered = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.getByRole('button', {name: 'Save changes'}).click();
  assert.equal((await answered).status(), 200);
  const sent = puts[0];
  const expected = {...before.doc, pronouns: 'they/them'};
  for (const key of ['version', 'updated_at']) {
    delete sent[key];
    delete expected[key];
  }
  assert.deepEqual(sent, expected, 'the PUT is the stored document with only the edited field changed');
  AssertClean(editor);
  await editor.context.close();
});

test('contact fields show the API\'s problem beside each field', async () => {
  const id = await SomeProfileId(5);
  const editor = await LogIn(kEditors[0], kWidths[0]);
  const {page} = editor;
  await OpenProfile(page, id);
  await page.getByLabel('Contact email').fill('not an address');
  await page.getByLabel('Website (contact)').fill('http://plain.example.org');
  const answered = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.getByRole('button', {name: 'Save changes'}).click();
  assert.equal((await answered).status(), 422);
  await page.locator('#form-errors').waitFor();
  assert.notEqual(await page.locator('#pf-contact-email-error').textContent(), '');
  assert.notEqual(await page.locator('#pf-contact-website-error').textContent(), '');
  assert.equal(await page.getAttribute('#pf-contact-email', 'aria-invalid'), 'true');
  await page.getByLabel('Contact email').fill('office@example.org');
  await page.getByLabel('Website (contact)').fill('https://plain.example.org');
  await page.getByLabel('Contact phone').fill('(510) 555-0123');
  await page.getByRole('button', {name: 'Save changes'}).click();
  await page.locator('#editor-status', {hasText: 'Saved'}).waitFor();
  const stored = (await StoredWithHistory(page, id)).doc;
  assert.equal(stored.contact.email, 'office@example.org');
  assert.equal(stored.contact.website, 'https://plain.example.org');
  assert.equal(stored.contact.phone, '+15105550123');
  AssertClean(editor);
  await editor.context.close();
});

test('the stale list shows the API\'s true total and pages through it, at 375 and 1280 px', async () => {
  for (const width of kWidths) {
    const editor = await LogIn(kEditors[0], width);
    const {page} = editor;
    const api = await page.evaluate(async () => (await fetch('/api/v1/editor/stale?days=90&limit=1000', {cache: 'no-store'})).json());
    assert.ok(api.total > 100, `the sample has more stale profiles than one API page (${api.total})`);
    const caption = page.locator('#stale-caption');
    await page.locator('#stale-rows tr').first().waitFor();
    assert.equal(await caption.textContent(), `${api.total.toLocaleString('en-US')} profiles to check, oldest first`);
    const first_page = await page.locator('#stale-rows tr').count();
    await page.getByRole('button', {name: /^Show \d+ more$/}).click();
    await page.waitForFunction((n) => document.querySelectorAll('#stale-rows tr').length > n, first_page);
    const shown = await page.locator('#stale-rows tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    assert.deepEqual(shown, api.results.slice(0, shown.length).map((r) => r.id), 'pages follow the API order');
    assert.deepEqual(await Audit(page), [], `stale list at ${width} px`);
    const scroll_width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll_width <= width, `the workspace fits ${width} px (${scroll_width})`);
    await page.screenshot({path: path.join(kArtifacts, `editor-stale-${width}.png`)});
    await OpenProfile(page, shown[0]);
    const open_width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(open_width <= width, `the open profile fits ${width} px (${open_width})`);
    await page.locator('#profile-form').screenshot({path: path.join(kArtifacts, `editor-form-${width}.png`)});
    AssertClean(editor);
    await editor.context.close();
  }
});

test('vocabulary fields are pickers built from the catalogue, usable by keyboard only', async () => {
  const vocab = (await Api(suite.server, '/api/v1/vocab')).body;
  const facet = vocab.catalogue.find((f) => f.profile_path === 'specialties');
  const id = await SomeProfileId(6);
  for (const width of kWidths) {
    const editor = await LogIn(kEditors[0], width);
    const {page} = editor;
    await OpenProfile(page, id);
    const before = (await StoredWithHistory(page, id)).doc.specialties || [];
    const unchosen = facet.values.find((v) => !before.includes(v.value));
    // Every catalogue facet a profile stores has a picker (no list typed in the page).
    for (const f of vocab.catalogue.filter((c) => c.profile_path && Array.isArray(c.values))) {
      assert.equal(await page.locator(`#pf-${f.profile_path.replace(/[^a-z0-9]/gi, '-')}`).count(), 1, f.name);
    }
    const box = page.getByRole('combobox', {name: facet.label});
    await box.focus();
    await page.keyboard.type(unchosen.label);
    const option = page.getByRole('option', {name: unchosen.label, exact: true});
    await option.waitFor();
    // Arrow to the exact label (filtering may list longer labels first).
    for (let i = 0; i < 20 && (await box.getAttribute('aria-activedescendant')) !== (await option.getAttribute('id')); ++i) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    const chip = page.getByRole('button', {name: `Remove ${unchosen.label}`});
    await chip.waitFor();
    assert.deepEqual(await Audit(page), [], `picker open at ${width} px`);
    await page.screenshot({path: path.join(kArtifacts, `editor-picker-${width}.png`)});
    // Space toggles it off and on again; Backspace in the empty box removes the last chosen.
    await page.keyboard.press(' ');
    assert.equal(await chip.count(), 0);
    await page.keyboard.press(' ');
    await chip.waitFor();
    await box.fill('');
    await page.keyboard.press('Backspace');
    assert.equal(await chip.count(), 0);
    await page.keyboard.type(unchosen.label);
    for (let i = 0; i < 20 && (await box.getAttribute('aria-activedescendant')) !== (await option.getAttribute('id')); ++i) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const answered = page.waitForResponse((r) => r.request().method() === 'PUT');
    await page.getByRole('button', {name: 'Save changes'}).click();
    assert.equal((await answered).status(), 200);
    const stored = (await StoredWithHistory(page, id)).doc.specialties;
    assert.deepEqual(stored, [...before, unchosen.value]);
    AssertClean(editor);
    await editor.context.close();
  }
});

test('an office is chosen from the gazetteer and saves the gazetteer\'s coordinates', async () => {
  const cities = (await Api(suite.server, '/static/data/cities.json')).body;
  const oakland = cities.find((c) => c.city === 'Oakland' && c.state === 'CA');
  const id = await SomeProfileId(7);
  for (const width of kWidths) {
    const editor = await LogIn(kEditors[0], width);
    const {page} = editor;
    await OpenProfile(page, id);
    const before = (await StoredWithHistory(page, id)).doc.offices || [];
    const number = before.length + 1;
    await page.getByRole('button', {name: 'Add office'}).click();
    const city = page.getByRole('combobox', {name: `City (office ${number})`});
    assert.equal(await city.evaluate((n) => n === document.activeElement), true, 'focus moves to the new office');
    await page.keyboard.type('Oaklan');
    await page.getByRole('option', {name: /^Oakland, CA/}).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const lat = page.getByLabel(`Latitude (office ${number})`);
    assert.equal(await lat.inputValue(), String(oakland.lat));
    assert.equal(await lat.getAttribute('readonly'), '', 'coordinates are read-only until "advanced"');
    await page.getByLabel(`Advanced: edit the coordinates of office ${number}`).check();
    assert.equal(await lat.getAttribute('readonly'), null);
    assert.deepEqual(await Audit(page), [], `offices at ${width} px`);
    await page.getByRole('group', {name: 'Offices'}).screenshot({path: path.join(kArtifacts, `editor-offices-${width}.png`)});
    const answered = page.waitForResponse((r) => r.request().method() === 'PUT');
    await page.getByRole('button', {name: 'Save changes'}).click();
    assert.equal((await answered).status(), 200);
    const after = (await StoredWithHistory(page, id)).doc.offices;
    assert.equal(after.length, number);
    assert.deepEqual(after.slice(0, before.length), before, 'the other offices are kept as they were');
    const added = after[number - 1];
    assert.deepEqual([added.city, added.state, added.lat, added.lon], [oakland.city, oakland.state, oakland.lat, oakland.lon]);
    // Removing it again.
    await page.getByRole('button', {name: `Remove office ${number}`}).click();
    const removed = page.waitForResponse((r) => r.request().method() === 'PUT');
    await page.getByRole('button', {name: 'Save changes'}).click();
    assert.equal((await removed).status(), 200);
    assert.deepEqual((await StoredWithHistory(page, id)).doc.offices || [], before);
    AssertClean(editor);
    await editor.context.close();
  }
});
