// The client search page (/): reads its state from the URL, asks
// GET /api/v1/search, renders results and facet counts, and keeps the URL in
// step (history.pushState) so searches are shareable and Back works.

import {ErrorMessage, GetJson, kApiBase} from './api.js';
import {Combobox} from './combobox.js';
import {clear, el} from './dom.js';
import {MatchCities, NearParam, PlaceName} from './places.js';
import {ResultCard} from './result_card.js';
import {FacetPanels, FilterLabel, kFacetTitles, Pager} from './search_render.js';
import {ActiveFilters, ApiParams, kDefaultRadiusKm, kFacetFilters, StateFromUrl, UrlFromState} from './search_state.js';
import {LoadVocab} from './vocab.js';

const kMaxEmptyProbes = 10;
const kWideLayoutPx = 800;
const kFirstResultsMark = 'rapport:first-results';

const $ = (id) => document.getElementById(id);
const page = {
  state: StateFromUrl(location.search),
  vocab: {},
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

// The radius the form shows, in km (the default when the field is empty).
function ChosenRadiusKm() {
  return Number($('radius').value) || kDefaultRadiusKm;
}

// Puts the state into the form controls (after Back or on first load).
function SyncForm(state) {
  $('q').value = state.q;
  for (const radio of document.querySelectorAll('input[name="meet"]')) radio.checked = radio.value === state.meet;
  $('state').value = state.state;
  $('place').value = state.place;
  $('radius').value = String(state.radius_km);
  if ($('radius').value !== String(state.radius_km)) $('radius').value = String(kDefaultRadiusKm);
  $('sort').value = state.sort;
  ShowMeetFields(state.meet);
}

function Navigate(state, {push = true} = {}) {
  page.state = state;
  const url = `${location.pathname}${UrlFromState(state)}`;
  if (push)
    history.pushState(null, '', url);
  else
    history.replaceState(null, '', url);
  return Run(state);
}

function Change(mutate) {
  const state = structuredClone(page.state);
  mutate(state);
  state.offset = 0;
  return Navigate(state);
}

async function Run(state) {
  const run = ++page.run;
  if (page.controller) page.controller.abort();
  page.controller = new AbortController();
  document.body.setAttribute('aria-busy', 'true');
  let result;
  try {
    result = await GetJson(`${kApiBase}/search?${ApiParams(state)}`, {signal: page.controller.signal});
  } catch {
    return;  // superseded by a newer search
  }
  if (run !== page.run) return;
  document.body.removeAttribute('aria-busy');
  if (!result.ok) {
    RenderError(ErrorMessage(result));
    return;
  }
  Render(state, result.data);
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
  if (total === 0)
    status.textContent = 'No therapists found';
  else {
    const first = state.offset + 1;
    const last = state.offset + results.length;
    status.textContent = `${total.toLocaleString('en-US')} therapist${total === 1 ? '' : 's'}` +
        (total > results.length ? ` · showing ${first}–${last}` : '');
  }
  const now = new Date();
  const list = clear($('result-list'));
  list.setAttribute('start', String(state.offset + 1));
  for (const item of results) list.appendChild(ResultCard(item, page.vocab, now));
  RenderDidYouMean(data.did_you_mean);
  RenderChips(state);
  RenderFacets(state, data.facets || {});
  clear($('pager')).append(...Pager(total, state.offset));
  // The crisis line, prominently: when the search names suicide or
  // self-harm (the API's flag) and whenever nothing was found.
  $('crisis-note').hidden = !(data.crisis === true || total === 0);
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

function RenderChips(state) {
  const chips = clear($('active-filters'));
  for (const filter of ActiveFilters(state)) {
    const label = FilterLabel(filter, page.vocab);
    const button =
        el('button', {type: 'button', class: 'chip', 'aria-label': `Remove filter ${label}`}, label,
           el('span', {'aria-hidden': 'true'}, ' ×'));
    button.addEventListener('click', () => Navigate(filter.remove()));
    chips.appendChild(el('li', {}, button));
  }
}

function RenderFacets(state, facets) {
  const container = $('facet-panels');
  const focused =
      document.activeElement && container.contains(document.activeElement) ? document.activeElement.id : null;
  clear(container).append(...FacetPanels(state, facets, page.vocab, page.expanded));
  if (focused && $(focused)) $(focused).focus();
}

// With no results, find the single filter whose removal brings back the most
// therapists, by asking the API for each candidate's total. The words typed
// are never a candidate: the person came for them.
async function SuggestRemoval(state, run) {
  const filters = ActiveFilters(state).filter((f) => f.kind !== 'q').slice(0, kMaxEmptyProbes);
  if (!filters.length) return;
  const totals = await Promise.all(filters.map(async (filter) => {
    const r = await GetJson(`${kApiBase}/search?${ApiParams(filter.remove(), {withFacets: false, limit: 1})}`);
    return r.ok ? Number(r.data.total) || 0 : 0;
  }));
  page.vocab = await LoadVocab();  // labels, never slugs
  if (run !== page.run) return;
  let best = -1;
  totals.forEach((t, i) => {
    if (t > 0 && (best < 0 || t > totals[best])) best = i;
  });
  if (best < 0) return;
  const filter = filters[best];
  const label = FilterLabel(filter, page.vocab);
  const count = `${totals[best].toLocaleString('en-US')} therapist${totals[best] === 1 ? '' : 's'}`;
  $('empty').append(
      el('p', {id: 'restrictive-filter'}, 'The filter that rules out the most is ', el('strong', {}, label),
         `. Without it, ${count} match.`),
      el('button',
         {type: 'button', class: 'primary', id: 'remove-restrictive', onclick: () => Navigate(filter.remove())},
         `Remove ${label}`));
}

function OnFacetChange(event) {
  const target = event.target;
  if (target.name === 'telehealth_since_before')
    Change((s) => {
      s.telehealth_since_before = target.value;
    });
  else if (target.name === 'accepting')
    Change((s) => {
      s.accepting = target.checked;
    });
  else if (target.name === 'sliding_scale')
    Change((s) => {
      s.sliding_scale = target.checked;
    });
  else if (target.name === 'fee_max')
    Change((s) => {
      s.fee_max = target.value;
    });
  else if (kFacetFilters.includes(target.name)) {
    Change((s) => {
      const values = s.filters[target.name].filter((v) => v !== target.value);
      if (target.checked) values.push(target.value);
      s.filters[target.name] = values;
    });
  }
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
    s.radius_km = ChosenRadiusKm();
  });
}

const kSuggestKinds = {
  name: 'therapist',
  word: ''
};

async function Suggest(text) {
  const r = await GetJson(`${kApiBase}/suggest?q=${encodeURIComponent(text)}`);
  if (!r.ok || !r.data) return [];
  const list = Array.isArray(r.data.suggestions) ? r.data.suggestions : [];
  return list
      .map((s) => {
        const kind = String(s.kind || 'word');
        const detail = kind in kSuggestKinds ? kSuggestKinds[kind] : (page.vocab && FacetTitle(kind));
        return {label: String(s.text || ''), value: s.value ?? null, kind, detail: detail ? `— ${detail}` : ''};
      })
      .filter((s) => s.label);
}

function FacetTitle(kind) {
  return kFacetTitles[kind] ? kFacetTitles[kind].toLowerCase() : kind;
}

// A therapist's name opens their profile; a vocabulary value becomes a
// filter; anything else is searched as text.
function OnSuggestionPick(option) {
  if (option.kind === 'name' && option.value) {
    location.assign(`/therapists/${encodeURIComponent(option.value)}`);
  } else if (kFacetFilters.includes(option.kind) && option.value) {
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

function Init() {
  const details = $('filters');
  if (window.matchMedia(`(min-width: ${kWideLayoutPx}px)`).matches) details.open = true;
  SyncForm(page.state);
  history.replaceState(null, '', `${location.pathname}${UrlFromState(page.state)}`);
  const first_search = Run(page.state);
  LoadVocab().then((vocab) => {
    page.vocab = vocab;
    const select = $('state');
    for (const s of vocab.state || []) select.appendChild(el('option', {value: s.value}, s.label));
    select.value = page.state.state;
    // Re-label what the first answer showed with slugs (no new request); an
    // empty answer keeps its suggestion and gets labelled chips and facets.
    first_search.then(() => {
      if (!page.last) return;
      if (page.last.data.total > 0)
        Render(page.last.state, page.last.data);
      else {
        RenderChips(page.last.state);
        RenderFacets(page.last.state, page.last.data.facets || {});
      }
    });
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
        s.radius_km = ChosenRadiusKm();
      });
    },
  });
  $('search-form').addEventListener('submit', OnSubmit);
  for (const radio of document.querySelectorAll('input[name="meet"]')) {
    radio.addEventListener('change', () => {
      ShowMeetFields(radio.value);
      if (radio.value !== 'in_person' || page.state.near)
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
        s.radius_km = ChosenRadiusKm();
      });
  });
  $('sort').addEventListener('change', () => Change((s) => {
                                         s.sort = $('sort').value;
                                       }));
  $('facet-panels').addEventListener('change', OnFacetChange);
  $('facet-panels').addEventListener('click', OnFacetClick);
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
    page.state = StateFromUrl(location.search);
    SyncForm(page.state);
    Run(page.state);
  });
}

Init();
