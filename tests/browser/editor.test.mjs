// Editor journeys on /editor in headless Chromium against the real server:
// log in, edit, see the edit in client search within a second, validation
// messages, a conflict between two editors, history, unpublish/restore and
// the stale list.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Api, ApiWithin, kEditors, kVisibleWithinMs} from './lib/server.mjs';
import {NewPage, WaitForResults} from './lib/browser.mjs';
import {ServerAndBrowser} from './lib/suite.mjs';


const suite = ServerAndBrowser();

async function LogIn(editor) {
  const session = await NewPage(suite.browser);
  const {page} = session;
  await page.goto(`${suite.server.base}/editor`);
  await page.getByLabel('Email').fill(editor.email);
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
  await page.getByRole('button', {name: 'Unpublish'}).click();
  await page.locator('#editor-status', {hasText: 'unpublished'}).waitFor();
  assert.equal((await ApiWithin(suite.server, `/api/v1/therapists/${id}`, (a) => a.status === 404)).status, 404);
  const restore = page.locator('#history-list button[data-restore]').first();
  await restore.waitFor();
  await restore.click();
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
