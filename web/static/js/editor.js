// The editor workspace (/editor): log in, find a profile, edit it with the
// API's inline validation, save with If-Match (a 412 shows what another
// editor changed), unpublish/restore, history, and the 90-day stale list.

import {ErrorMessage, kApiBase, Request} from './api.js';
import {clear, el, FormatDate} from './dom.js';
import {Confirm} from './editor_confirm.js';
import {ChangeTable, Diff, RenderHistory} from './editor_diff.js';
import {BuildForm, ClearErrors, FillForm, ReadForm, ShowErrors} from './editor_form.js';
import {LoadCatalogue, LoadVocab} from './vocab.js';

const kCsrfKey = 'rapport-csrf';
const kEmailKey = 'rapport-editor';
const kStaleDays = 90;
const kFindLimit = 20;
const kStalePage = 10;

const $ = (id) => document.getElementById(id);
const editor = {
  csrf: sessionStorage.getItem(kCsrfKey) || '',
  vocab: {},
  id: '',
  doc: null,
  etag: null,
  stale_total: 0
};

function Status(message, kind = 'success') {
  const box = $('editor-status');
  box.textContent = message;
  box.className = `notice ${kind}`;
  box.hidden = !message;
}

// Editors must see the stored state, never a cached answer (a cached ETag
// would turn the next save into a false conflict).
function GetJson(path) {
  return Request('GET', path, null, {cache: 'no-store'});
}

function Send(method, path, body, headers = {}) {
  return Request(method, path, body, {headers: {'X-CSRF-Token': editor.csrf, ...headers}});
}

// 401 anywhere means the session ended: back to the login form.
function SessionEnded(result) {
  if (result.status !== 401) return false;
  ShowLogin('Your session has ended. Please log in again.');
  return true;
}

function ShowLogin(message = '') {
  editor.csrf = '';
  sessionStorage.removeItem(kCsrfKey);
  $('workspace').hidden = true;
  $('account').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('login-email').focus();
}

function ShowWorkspace() {
  $('login').hidden = true;
  $('workspace').hidden = false;
  $('account').hidden = false;
  $('signed-in-as').textContent = sessionStorage.getItem(kEmailKey) || '';
  LoadStale();
  const id = new URLSearchParams(location.search).get('id');
  if (id) OpenProfile(id);
}

async function OnLogin(event) {
  event.preventDefault();
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  if (!email || !password) {
    $('login-error').textContent = 'Enter your email and password.';
    return;
  }
  const result = await Request('POST', `${kApiBase}/session`, {email, password});
  $('login-password').value = '';
  if (!result.ok || !result.data || !result.data.csrf_token) {
    $('login-error').textContent =
        result.status === 401 || result.status === 403 ? 'Email or password is not right.' : ErrorMessage(result);
    return;
  }
  editor.csrf = result.data.csrf_token;
  sessionStorage.setItem(kCsrfKey, editor.csrf);
  sessionStorage.setItem(kEmailKey, email);
  ShowWorkspace();
  $('find-q').focus();
}

async function OnLogout() {
  await Send('DELETE', `${kApiBase}/session`);
  sessionStorage.removeItem(kEmailKey);
  ShowLogin('You are logged out.');
}

async function OnFind(event) {
  event.preventDefault();
  const q = $('find-q').value.trim();
  const list = clear($('find-results'));
  if (!q) return;
  const params = new URLSearchParams({q, limit: String(kFindLimit)});
  const [search, direct] = await Promise.all([
    GetJson(`${kApiBase}/search?${params}`),
    /^[a-z0-9_-]{1,64}$/.test(q) ? StoredProfile(q) : Promise.resolve(null),
  ]);
  const hits = search.ok ? search.data.results : [];
  if (direct && direct.ok && !hits.some((h) => h.id === direct.data.id)) hits.unshift(direct.data);
  if (!hits.length) {
    list.append(el('li', {}, search.ok ? 'No profile matches.' : ErrorMessage(search)));
    return;
  }
  for (const hit of hits) {
    list.append(el(
        'li', {}, el('button', {type: 'button', class: 'link', onclick: () => OpenProfile(hit.id)}, hit.name || hit.id),
        el('span', {class: 'help'}, ` ${hit.id}`)));
  }
}

// The editor's view of a profile is the stored document (unpublished ones
// included), not the public copy, which follows the index.
function StoredProfile(id) {
  return GetJson(`${kApiBase}/editor/therapists/${encodeURIComponent(id)}`);
}

async function OpenProfile(id) {
  const result = await StoredProfile(id);
  if (SessionEnded(result)) return;
  if (!result.ok) {
    Status(`Could not open ${id}: ${ErrorMessage(result)}`, 'error');
    return;
  }
  Load(id, result.data, result.etag);
  history.replaceState(null, '', `/editor?id=${encodeURIComponent(id)}`);
  $('edit-heading').focus();
}

function Load(id, doc, etag) {
  editor.id = id;
  editor.doc = doc;
  editor.etag = etag;
  $('edit-heading').textContent = `Editing ${doc.name || id}${doc.status === 'unpublished' ? ' (unpublished)' : ''}`;
  $('unpublish').hidden = doc.status === 'unpublished';
  $('conflict').hidden = true;
  $('form-errors').hidden = true;
  ClearErrors($('profile-fields'));
  FillForm($('profile-fields'), doc);
  $('profile-form').hidden = false;
  $('public-link').href = `/therapists/${encodeURIComponent(id)}`;
  LoadHistory();
}

async function OnSave(event) {
  event.preventDefault();
  if (!editor.doc) return;
  const mine = ReadForm($('profile-fields'), editor.doc);
  if (!Diff(editor.doc, mine).length) {
    Status('No changes to save.', 'info');
    return;
  }
  const result = await Send(
      'PUT', `${kApiBase}/therapists/${encodeURIComponent(editor.id)}`, mine,
      editor.etag ? {'If-Match': editor.etag} : {});
  if (SessionEnded(result)) return;
  ClearErrors($('profile-fields'));
  $('form-errors').hidden = true;
  if (result.status === 412) {
    ShowConflict(mine);
    return;
  }
  if (result.status === 422 || result.status === 400) {
    ShowProblems(result);
    return;
  }
  if (!result.ok) {
    Status(`Not saved: ${ErrorMessage(result)}`, 'error');
    return;
  }
  // The answer may be the stored document; read it back if it is not.
  const fresh = await StoredProfile(editor.id);
  if (fresh.ok) Load(editor.id, fresh.data, fresh.etag);
  Status(`Saved ${mine.name || editor.id}. Searches show the change within a second.`);
}

function ShowProblems(result) {
  const error = (result.data && result.data.error) || {};
  const problems = Array.isArray(error.details) && error.details.length ?
      error.details :
      [{field: error.field || '', reason: error.message || 'invalid value'}];
  const shown = ShowErrors($('profile-fields'), problems);
  const box = clear($('form-errors'));
  box.append(
      el('p', {}, `Not saved: ${shown.length} problem${shown.length === 1 ? '' : 's'} to fix.`),
      el('ul', {},
         shown.map(
             (p) =>
                 el('li', {},
                    p.control_id ? el('a', {href: `#${p.control_id}`}, `${p.field}: ${p.reason}`) :
                                   `${p.field}: ${p.reason}`))));
  box.hidden = false;
  const first = shown.find((p) => p.control_id);
  if (first) $(first.control_id).focus();
}

// Someone saved first. Show what they changed since we loaded, and which
// of our own edits would be lost, then let the editor reload.
async function ShowConflict(mine) {
  const current = await StoredProfile(editor.id);
  const box = clear($('conflict'));
  box.hidden = false;
  box.append(el('h2', {}, 'Another editor saved this profile first'));
  if (current.ok) {
    const theirs = Diff(editor.doc, current.data);
    const ours = Diff(editor.doc, mine);
    box.append(
        theirs.length ? ChangeTable(theirs, 'Their changes since you opened the profile') :
                        el('p', {}, 'Their save changed no field you can see.'));
    if (ours.length) box.append(ChangeTable(ours, 'Your unsaved changes (not saved)'));
  }
  box.append(
      el('p', {}, 'Reload the latest version, then make your changes again.'),
      el('button', {type: 'button', class: 'primary', id: 'conflict-reload', onclick: () => OpenProfile(editor.id)},
         'Load the latest version'));
  $('conflict-reload').focus();
}

async function OnUnpublish() {
  if (!editor.doc) return;
  const name = editor.doc.name || editor.id;
  const go = await Confirm({
    title: `Unpublish ${name}?`,
    text: 'Hidden from search and the public API; kept with its history; you can restore it.',
    action: 'Unpublish'
  });
  if (!go) return;
  const result = await Send(
      'DELETE', `${kApiBase}/therapists/${encodeURIComponent(editor.id)}`, null,
      editor.etag ? {'If-Match': editor.etag} : {});
  if (SessionEnded(result)) return;
  if (!result.ok) {
    Status(`Not unpublished: ${ErrorMessage(result)}`, 'error');
    return;
  }
  Status(`${
      editor.doc.name ||
      editor.id} is unpublished: hidden from search, history kept. Restore a version below to publish it again.`);
  await OpenProfile(editor.id);
}

async function OnRestore(version) {
  const name = editor.doc ? editor.doc.name || editor.id : editor.id;
  const go = await Confirm({
    title: `Restore version ${version} of ${name}?`,
    text: `Version ${version} becomes the current profile as a new version and is shown in search and the ` +
        'public API; every later version stays in the history.',
    action: `Restore version ${version}`
  });
  if (!go) return;
  const result =
      await Send('POST', `${kApiBase}/therapists/${encodeURIComponent(editor.id)}/restore`, {version: Number(version)});
  if (SessionEnded(result)) return;
  if (!result.ok) {
    Status(`Not restored: ${ErrorMessage(result)}`, 'error');
    return;
  }
  Status(`Restored version ${version}.`);
  await OpenProfile(editor.id);
}

async function LoadHistory() {
  const result = await GetJson(`${kApiBase}/therapists/${encodeURIComponent(editor.id)}/history`);
  if (SessionEnded(result)) return;
  $('history').hidden = false;
  if (!result.ok) {
    clear($('history-list')).append(el('li', {}, ErrorMessage(result)));
    return;
  }
  RenderHistory($('history-list'), result.data, OnRestore);
}

// One page of the stale list from the API, which says how many there are.
function FetchStale(offset) {
  return GetJson(`${kApiBase}/editor/stale?days=${kStaleDays}&limit=${kStalePage}&offset=${offset}`);
}

async function LoadStale() {
  clear($('stale-rows'));
  editor.stale_total = 0;
  await ShowMoreStale();
}

function StaleCaption() {
  const total = editor.stale_total;
  $('stale-caption').textContent =
      `${total.toLocaleString('en-US')} profile${total === 1 ? '' : 's'} to check, oldest first`;
  const left = total - $('stale-rows').children.length;
  const more = $('stale-more');
  more.hidden = left <= 0;
  more.textContent = `Show ${Math.min(left, kStalePage)} more`;
}

// The list can hold thousands of profiles: ask the API for the next page.
async function ShowMoreStale() {
  const rows = $('stale-rows');
  const result = await FetchStale(rows.children.length);
  if (SessionEnded(result)) return;
  if (!result.ok) {
    $('stale-caption').textContent = ErrorMessage(result);
    return;
  }
  const shown = new Set([...rows.children].map((row) => row.dataset.id));
  for (const entry of result.data.results)
    if (!shown.has(entry.id)) rows.append(StaleRow(entry));
  editor.stale_total = result.data.total;
  StaleCaption();
}

function StaleRow(entry) {
  const name = entry.name || entry.id;
  const action = (verb, label) =>
      el('button', {
        type: 'button',
        'data-action': verb,
        'aria-label': `${label}: ${name}`,
        onclick: (event) => StaleAction(entry, verb, event.currentTarget)
      },
         label);
  return el(
      'tr', {'data-id': entry.id},
      el('td', {}, el('button', {type: 'button', class: 'link', onclick: () => OpenProfile(entry.id)}, name)),
      el('td', {}, entry.verified_at ? FormatDate(entry.verified_at) : 'never'),
      el('td', {},
         el('div', {class: 'toolbar'}, action('confirm-availability', 'Confirm availability'),
            action('verify', 'Mark verified'))));
}

async function StaleAction(entry, verb, button) {
  button.disabled = true;
  const result = await Send('POST', `${kApiBase}/therapists/${encodeURIComponent(entry.id)}/${verb}`, null);
  if (SessionEnded(result)) return;
  button.disabled = false;
  if (!result.ok) {
    Status(`${entry.name || entry.id}: ${ErrorMessage(result)}`, 'error');
    return;
  }
  const done = verb === 'verify' ? 'License check recorded' : 'Availability confirmed today';
  Status(`${done} for ${entry.name || entry.id}.`);
  if (verb === 'verify') {
    const row = button.closest('tr');
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    editor.stale_total -= 1;
    StaleCaption();
    const focus = next && next.querySelector('button[data-action="verify"]');
    (focus || $('stale-heading')).focus();
  } else {
    button.textContent = 'Confirmed';
  }
  if (editor.id === entry.id) OpenProfile(entry.id);
}

async function Init() {
  const [vocab, catalogue] = await Promise.all([LoadVocab(), LoadCatalogue()]);
  editor.vocab = vocab;
  BuildForm($('profile-fields'), vocab, catalogue);
  $('login-form').addEventListener('submit', OnLogin);
  $('logout').addEventListener('click', OnLogout);
  $('find-form').addEventListener('submit', OnFind);
  $('profile-form').addEventListener('submit', OnSave);
  $('reload').addEventListener('click', () => editor.id && OpenProfile(editor.id));
  $('unpublish').addEventListener('click', OnUnpublish);
  $('stale-more').addEventListener('click', ShowMoreStale);
  $('stale-heading').setAttribute('tabindex', '-1');
  if (editor.csrf)
    ShowWorkspace();
  else
    ShowLogin();
}

Init();
