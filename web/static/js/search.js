// The client search page (/): loads the facet catalogue (GET /api/v1/vocab),
// reads its state from the URL, asks GET /api/v1/search, renders results and
// facet counts, and keeps the URL in step (history.pushState) so searches are
// shareable and Back works. One state drives both the form and the query:
// every change reads the text box, and every search writes the form back.

import {ErrorMessage, GetJson, kApiBase} from './api.js';
import {Combobox} from './combobox.js';
import {CrisisNoteContent, NeedsCrisisNote} from './crisis_note.js';
import {clear, el} from './dom.js';
import {FilterSheet} from './filter_sheet.js';
import {LastSearch, RememberSearch} from './last_search.js';
import {MatchCities, NearParam, PlaceName} from './places.js';
import {ResultCard} from './result_card.js';
import {FacetPanels, FilterLabel, Pager, SuggestionOptions, TherapistCount} from './search_render.js';
import {ActiveFilters, AdoptInterpreted, ApiParams, FacetSchema, kDefaultRadiusMi, kRadiusChoicesMi, StateFromUrl, UrlFromState, WithFacetControl} from './search_state.js';
import {FilterFacets, kEmptyVocab, LoadVocab, PanelFacets} from './vocab.js';

const kMaxEmptyProbes = 10;
const kFirstResultsMark = 'rapport:first-results';

const $ = (id) => document.getElementById(id);
const page = {
  state: null,  // set by Init once the catalogue names the facets
  schema: FacetSchema([]),
  vocab: kEmptyVocab,
  option_filters: new Map(),  // facet name -> text narrowing its options
  sheet: null,
  expanded: new Set(),
  controller: null,
  run: 0,
  last: null
};

function MeetChoice() {
  const checked = document.querySelector('input[name="meet"]:checked');
  return checked ? checked.value : 'either';
}

function ShowMeetFields(meet) {
  $('place-field').hidden = meet !== 'in_person';
  $('state-field').hidden = meet === 'in_person';
}

// The radius the form shows, in miles (the default when the field is empty).
function ChosenRadiusMi() {
  return Number($('radius').value) || kDefaultRadiusMi;
}

// The radius choices, plus the state's own radius when a link carried
// another one.
function FillRadiusChoices(state) {
  const choices = [...new Set([...kRadiusChoicesMi, state.radius_mi])].sort((a, b) => a - b);
  clear($('radius')).append(...choices.map((mi) => el('option', {value: String(mi)}, `within ${mi} mi`)));
}

// Puts the state into the form controls (after Back or on first load).
function SyncForm(state) {
  $('q').value = state.q;
  for (const radio of document.querySelectorAll('input[name="meet"]')) radio.checked = radio.value === state.meet;
  $('state').value = state.state;
  $('place').value = state.place;
  FillRadiusChoices(state);
  $('radius').value = String(state.radius_mi);
  $('sort').value = state.sort;
  ShowMeetFields(state.meet);
}

// Makes `state` the page's search: the URL, the form and the results.
function Navigate(state, {push = true} = {}) {
  page.state = state;
  SyncForm(state);
  const url = `${location.pathname}${UrlFromState(state)}`;
  if (push)
    history.pushState(null, '', url);
  else
    history.replaceState(null, '', url);
  return Run(state);
}

// The text in the box goes with every change of the search: the form and
// the results never disagree.
function WithBoxText(state) {
  state.q = $('q').value.trim();
  return state;
}

function Change(mutate) {
  const state = WithBoxText(structuredClone(page.state));
  mutate(state);
  state.offset = 0;
  return Navigate(state);
}

// `read`: what the API read in the words of the search that led here (a
// place read from the words is searched again at the page's own radius).
async function Run(state, read = null) {
  const run = ++page.run;
  if (page.controller) page.controller.abort();
  page.controller = new AbortController();
  document.body.setAttribute('aria-busy', 'true');
  let result;
  try {
    result = await GetJson(
        `${kApiBase}/search?${ApiParams(state, {counted: page.schema.counted})}`, {signal: page.controller.signal});
  } catch {
    return;  // superseded by a newer search
  }
  if (run !== page.run) return;
  document.body.removeAttribute('aria-busy');
  if (!result.ok) {
    RenderError(ErrorMessage(result));
    return;
  }
  const adopted = result.data.interpreted ? AdoptInterpreted(state, result.data.interpreted) : null;
  if (adopted) {
    // The answer is already the search of the adopted state: nothing to run again.
    page.state = adopted;
    SyncForm(adopted);
    history.replaceState(null, '', `${location.pathname}${UrlFromState(adopted)}`);
    // The API searched a place it read at its default radius; the page's radius differs.
    if (adopted.near !== state.near) return Run(adopted, result.data.interpreted);
  }
  Render(adopted || state, result.data);
  RenderInterpreted(adopted ? result.data.interpreted : read);
  // Lets tests and the browser's tools read when the first results painted.
  if (!performance.getEntriesByName(kFirstResultsMark).length) performance.mark(kFirstResultsMark);
  if (result.data.total === 0) SuggestRemoval(state, run);
}

function RenderError(message) {
  $('status').textContent = `Search failed: ${message}`;
  clear($('result-list'));
  clear($('pager'));
}

function Render(state, data) {
  page.last = {state, data};
  const total = Number(data.total) || 0;
  const results = Array.isArray(data.results) ? data.results : [];
  const status = $('status');
  status.dataset.total = String(total);
  page.sheet.SetTotal(total);
  if (total === 0)
    status.textContent = 'No therapists found';
  else {
    const first = state.offset + 1;
    const last = state.offset + results.length;
    status.textContent = TherapistCount(total) + (total > results.length ? ` · showing ${first}–${last}` : '');
  }
  const now = new Date();
  const list = clear($('result-list'));
  list.setAttribute('start', String(state.offset + 1));
  for (const item of results) list.appendChild(ResultCard(item, page.vocab, now, page.state.state));
  RenderDidYouMean(data.did_you_mean);
  RenderDroppedWords(data.dropped_words || []);
  RenderChips(state);
  RenderFacets(state, data.facets || {});
  clear($('pager')).append(...Pager(total, state.offset));
  // The crisis line, prominently: when the search names suicide or
  // self-harm (the API's flag) and whenever nothing was found.
  $('crisis-note').hidden = !NeedsCrisisNote(data);
  const empty = $('empty');
  empty.hidden = total !== 0;
  clear(empty);
  if (total === 0) empty.append(el('p', {}, 'No therapist matches all of your choices.'));
  const distance = $('sort').querySelector('option[value="distance"]');
  distance.disabled = !(state.meet === 'in_person' && state.near);
}

function RenderDidYouMean(suggestion) {
  const box = clear($('did-you-mean'));
  box.hidden = !suggestion;
  if (!suggestion) return;
  box.append('Did you mean ', el('button', {type: 'button', class: 'link', id: 'dym'}, String(suggestion)), '?');
}

// What the page read as filters in the text, said once under the results
// heading ("Read “spanish speaking” as the filter Spanish."); the chips
// below remove them.
function RenderInterpreted(interpreted) {
  const box = clear($('interpreted-words'));
  box.hidden = !interpreted;
  if (!interpreted) return;
  const parts = interpreted.filters.map((f) => `“${f.words}” as ${f.label}`);
  box.textContent = `Read ${parts.join(', ')}: remove a filter below to search without it.`;
}

// The API answered without some typed words (none of its therapists matched
// them all): say which, so the client knows what the results are for.
function RenderDroppedWords(words) {
  const box = clear($('dropped-words'));
  box.hidden = words.length === 0;
  if (words.length === 0) return;
  const quoted = words.map((word) => `“${word}”`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  box.textContent = `No therapist matched every word you typed, so these results leave out ${list}.`;
}

function RenderChips(state) {
  const chips = clear($('active-filters'));
  for (const filter of ActiveFilters(state)) {
    const label = FilterLabel(filter, page.vocab);
    const button =
        el('button', {type: 'button', class: 'chip', 'aria-label': `Remove filter ${label}`}, label,
           el('span', {'aria-hidden': 'true'}, ' ×'));
    // Removing the text chip empties the box; any other keeps its text.
    button.addEventListener(
        'click', () => Navigate(filter.kind === 'q' ? filter.remove() : WithBoxText(filter.remove())));
    chips.appendChild(el('li', {}, button));
  }
}

function RenderFacets(state, facets) {
  const container = $('facet-panels');
  const focused =
      document.activeElement && container.contains(document.activeElement) ? document.activeElement.id : null;
  clear(container).append(
      ...FacetPanels(state, facets, page.vocab, {expanded: page.expanded, narrowed: page.option_filters}));
  const again = focused && $(focused);
  if (!again) return;
  again.focus();
  // A narrowing box keeps its caret at the end of what was typed.
  if (again.dataset.narrow) again.setSelectionRange(again.value.length, again.value.length);
}

// With no results, find the single filter whose removal brings back the most
// therapists, by asking the API for each candidate's total. The words typed
// are never a candidate: the person came for them.
async function SuggestRemoval(state, run) {
  const filters = ActiveFilters(state).filter((f) => f.kind !== 'q').slice(0, kMaxEmptyProbes);
  if (!filters.length) return;
  const totals = await Promise.all(filters.map(async (filter) => {
    const r = await GetJson(`${kApiBase}/search?${ApiParams(filter.remove(), {limit: 1})}`);
    return r.ok ? Number(r.data.total) || 0 : 0;
  }));
  if (run !== page.run) return;
  let best = -1;
  totals.forEach((t, i) => {
    if (t > 0 && (best < 0 || t > totals[best])) best = i;
  });
  if (best < 0) return;
  const filter = filters[best];
  const label = FilterLabel(filter, page.vocab);
  const count = TherapistCount(totals[best]);
  $('empty').append(
      el('p', {id: 'restrictive-filter'}, 'The filter that rules out the most is ', el('strong', {}, label),
         `. Without it, ${count} match.`),
      el('button', {
        type: 'button',
        class: 'primary',
        id: 'remove-restrictive',
        onclick: () => Navigate(WithBoxText(filter.remove()))
      },
         `Remove ${label}`));
}

function OnFacetChange(event) {
  if (event.target.dataset.narrow) return;  // narrowing the options changes no filter
  const next = WithFacetControl(WithBoxText(structuredClone(page.state)), event.target, page.schema.lists);
  if (next) Navigate(next);
}

function OnFacetClick(event) {
  const toggle = event.target.closest('[data-toggle]');
  if (!toggle) return;
  const facet = toggle.dataset.toggle;
  if (page.expanded.has(facet))
    page.expanded.delete(facet);
  else
    page.expanded.add(facet);
  if (page.last) RenderFacets(page.last.state, page.last.data.facets || {});
  const again = document.querySelector(`[data-toggle="${facet}"]`);
  if (again) again.focus();
}

// Typing in a long list's box narrows its options by label (no search).
function OnNarrow(event) {
  const facet = event.target.dataset.narrow;
  if (!facet) return;
  page.option_filters.set(facet, event.target.value);
  if (page.last) RenderFacets(page.last.state, page.last.data.facets || {});
}

// Reads the form into a new state; resolves a typed city if none was picked.
async function OnSubmit(event) {
  event.preventDefault();
  const meet = MeetChoice();
  const place_text = $('place').value.trim();
  let near = page.state.near;
  let place = page.state.place;
  if (meet === 'in_person' && place_text && place_text !== place) {
    const [city] = await MatchCities(place_text);
    near = city ? NearParam(city) : '';
    place = city ? PlaceName(city) : '';
    $('place').value = place;
    if (!city)
      $('place-help').textContent = `No city called “${place_text}” in our list; pick one from the suggestions.`;
  }
  if (meet === 'in_person' && !place_text) {
    near = '';
    place = '';
  }
  Change((s) => {
    s.q = $('q').value.trim();
    s.meet = meet;
    s.state = $('state').value;
    s.near = near;
    s.place = place;
    s.radius_mi = ChosenRadiusMi();
  });
}

async function Suggest(text) {
  const r = await GetJson(`${kApiBase}/suggest?q=${encodeURIComponent(text)}`);
  return r.ok ? SuggestionOptions(r.data, page.vocab) : [];
}

// A therapist's name opens their profile; a vocabulary value becomes a
// filter; anything else is searched as text.
function OnSuggestionPick(option) {
  if (option.kind === 'name' && option.value) {
    location.assign(`/therapists/${encodeURIComponent(option.value)}`);
  } else if (page.schema.lists.includes(option.kind) && option.value) {
    $('q').value = '';
    Change((s) => {
      s.q = '';
      if (!s.filters[option.kind].includes(option.value)) s.filters[option.kind].push(option.value);
    });
  } else {
    $('q').value = option.label;
    Change((s) => {
      s.q = option.label;
    });
  }
}

// Back on the search the client left for a profile: its scroll position,
// once the results are there to scroll to.
function RestoreScroll() {
  const saved = LastSearch();
  if (saved && saved.url === `${location.pathname}${location.search}`) window.scrollTo(0, saved.scroll);
}

// The catalogue names the facets the URL may carry, so the state is read
// from the URL only once it is loaded.
async function Init() {
  history.scrollRestoration = 'manual';
  page.sheet = new FilterSheet($('facet-panels'), $('filters-side'));
  $('crisis-note').append(...CrisisNoteContent());
  page.vocab = await LoadVocab();
  page.schema = FacetSchema(PanelFacets(page.vocab), FilterFacets(page.vocab));
  page.state = StateFromUrl(location.search, page.schema);
  const select = $('state');
  for (const s of page.vocab.state || []) select.appendChild(el('option', {value: s.value}, s.label));
  SyncForm(page.state);
  history.replaceState(null, '', `${location.pathname}${UrlFromState(page.state)}`);
  Run(page.state).then(RestoreScroll);
  window.addEventListener('pagehide', RememberSearch);
  $('result-list').addEventListener('click', (event) => {
    if (event.target.closest('a')) RememberSearch();
  });
  new Combobox($('q'), $('q-suggestions'), {
    source: Suggest,
    onPick: OnSuggestionPick,
  });
  new Combobox($('place'), $('place-options'), {
    source: async (text) => (await MatchCities(text)).map((c) => ({label: PlaceName(c), value: c})),
    onPick: (option) => {
      $('place').value = option.label;
      $('place-help').textContent = 'Pick a city from the list.';
      const city = option.value;
      Change((s) => {
        s.meet = 'in_person';
        s.place = PlaceName(city);
        s.near = NearParam(city);
        s.radius_mi = ChosenRadiusMi();
      });
    },
  });
  $('search-form').addEventListener('submit', OnSubmit);
  for (const radio of document.querySelectorAll('input[name="meet"]')) {
    radio.addEventListener('change', () => {
      ShowMeetFields(radio.value);
      Change((s) => {
        s.meet = radio.value;
      });
    });
  }
  $('state').addEventListener('change', () => Change((s) => {
                                          s.state = $('state').value;
                                        }));
  $('radius').addEventListener('change', () => {
    if (page.state.near)
      Change((s) => {
        s.radius_mi = ChosenRadiusMi();
      });
  });
  $('sort').addEventListener('change', () => Change((s) => {
                                         s.sort = $('sort').value;
                                       }));
  $('facet-panels').addEventListener('change', OnFacetChange);
  $('facet-panels').addEventListener('click', OnFacetClick);
  $('facet-panels').addEventListener('input', OnNarrow);
  $('did-you-mean').addEventListener('click', (event) => {
    if (event.target.id === 'dym') {
      const q = event.target.textContent;
      $('q').value = q;
      Change((s) => {
        s.q = q;
      });
    }
  });
  $('pager').addEventListener('click', (event) => {
    const button = event.target.closest('[data-offset]');
    if (!button) return;
    const state = structuredClone(page.state);
    state.offset = Number(button.dataset.offset);
    Navigate(state).then(() => $('results-heading').focus());
  });
  window.addEventListener('popstate', () => {
    page.state = StateFromUrl(location.search, page.schema);
    SyncForm(page.state);
    Run(page.state);
  });
}

Init();
