// The search page's whole state lives in its URL. This module converts
// between the page URL (shareable, restored by the back button) and the
// parameters of GET /api/v1/search.
//
// Which facets the page filters by comes from the facet catalogue
// (GET /api/v1/vocab, "catalogue"): FacetSchema turns its panel facets into
// the names the state, the URL and the API request iterate.

import {kKmPerMile} from './dom.js';

export const kMeetChoices = ['either', 'online', 'in_person'];
export const kSorts = ['relevance', 'distance', 'fee', 'telehealth_experience', 'updated'];
export const kPageSize = 20;
// The page shows distances in miles; the API takes kilometres (kKmPerMile).
export const kRadiusChoicesMi = [5, 10, 25, 50, 100];
export const kDefaultRadiusMi = 25;

// Panel facets the page drives with a control of its own rather than a
// repeatable list of values: the facet name and the state field it sets.
export const kOwnControlFacets = {
  telehealth_experience: 'telehealth_since_before',
  accepting: 'accepting',
};

// From the catalogue's panel facets (in panel order) and the facets a search
// can filter by a list (vocab.js FilterFacets; default: the panel's): the
// facets the state keeps a list of values for, and those named in facets=
// for counts (the panel's).
export function FacetSchema(panel_facets, filter_facets = panel_facets) {
  const lists = [...panel_facets, ...filter_facets.filter((f) => !panel_facets.includes(f))];
  return {
    lists: [...new Set(lists.filter((f) => f.repeatable && !(f.name in kOwnControlFacets)).map((f) => f.name))],
    counted: panel_facets.filter((f) => f.counted).map((f) => f.name),
  };
}

// Kilometres for the API from the page's miles.
export function RadiusKm(radius_mi) {
  return radius_mi * kKmPerMile;
}

// A fresh, empty state whose facet lists are `schema.lists`.
export function EmptyState(schema) {
  return {
    q: '',
    meet: 'either',
    state: '',
    place: '',
    near: '',
    radius_mi: kDefaultRadiusMi,
    filters: Object.fromEntries(schema.lists.map((f) => [f, []])),
    telehealth_since_before: '',
    accepting: false,
    sliding_scale: false,
    fee_max: '',
    sort: 'relevance',
    offset: 0,
  };
}

function PositiveInt(text, fallback) {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

// The radius of a page URL in miles: radius_mi, or (links made before the
// page showed miles) radius_km rounded to whole miles.
function RadiusFromUrl(params) {
  const miles = PositiveInt(params.get('radius_mi'), 0);
  if (miles) return miles;
  const km = PositiveInt(params.get('radius_km'), 0);
  return km ? Math.max(1, Math.round(km / kKmPerMile)) : kDefaultRadiusMi;
}

export function StateFromUrl(search, schema) {
  const params = new URLSearchParams(search);
  const state = EmptyState(schema);
  state.q = params.get('q') || '';
  const meet = params.get('meet');
  if (kMeetChoices.includes(meet)) state.meet = meet;
  const us_state = (params.get('state') || '').toUpperCase();
  if (/^[A-Z]{2}$/.test(us_state)) state.state = us_state;
  state.place = params.get('place') || '';
  const near = params.get('near') || '';
  if (/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(near)) state.near = near;
  state.radius_mi = RadiusFromUrl(params);
  for (const facet of schema.lists) state.filters[facet] = params.getAll(facet).filter(Boolean);
  const since = params.get('telehealth_since_before');
  if (/^\d{4}$/.test(since || '')) state.telehealth_since_before = since;
  state.accepting = params.get('accepting') === 'true';
  state.sliding_scale = params.get('sliding_scale') === 'true';
  const fee_max = params.get('fee_max');
  if (/^\d+$/.test(fee_max || '')) state.fee_max = fee_max;
  const sort = params.get('sort');
  if (kSorts.includes(sort)) state.sort = sort;
  state.offset = PositiveInt(params.get('offset'), 0);
  return state;
}

// The filters both the page URL and the API request carry, as set.
function AppendFilters(params, state) {
  for (const facet of Object.keys(state.filters)) {
    for (const value of state.filters[facet]) params.append(facet, value);
  }
  if (state.telehealth_since_before) params.set('telehealth_since_before', state.telehealth_since_before);
  if (state.accepting) params.set('accepting', 'true');
  if (state.sliding_scale) params.set('sliding_scale', 'true');
  if (state.fee_max) params.set('fee_max', state.fee_max);
}

// The page URL's query string: only non-default values, in a stable order.
export function UrlFromState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.meet !== 'either') params.set('meet', state.meet);
  if (state.state) params.set('state', state.state);
  if (state.meet === 'in_person' && state.near) {
    if (state.place) params.set('place', state.place);
    params.set('near', state.near);
    if (state.radius_mi !== kDefaultRadiusMi) params.set('radius_mi', String(state.radius_mi));
  }
  AppendFilters(params, state);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.offset) params.set('offset', String(state.offset));
  const text = params.toString();
  return text ? `?${text}` : '';
}

// Parameters for GET /api/v1/search; `counted`: the facets to count (none
// when empty).
export function ApiParams(state, {counted = [], limit = kPageSize} = {}) {
  const params = new URLSearchParams();
  if (state.q) {
    params.set('q', state.q);
    // Filter words in the text come back as filters (AdoptInterpreted).
    params.set('interpret', 'true');
  }
  if (state.meet === 'online') {
    params.set('virtual', 'true');
    if (state.state) params.set('state', state.state);
  } else if (state.meet === 'in_person') {
    params.set('in_person', 'true');
    if (state.near) {
      params.set('near', state.near);
      params.set('radius_km', String(RadiusKm(state.radius_mi)));
    } else if (state.state) {
      params.set('state', state.state);
    }
  } else if (state.state) {
    params.set('state', state.state);
  }
  AppendFilters(params, state);
  const sort = state.sort === 'distance' && !(state.meet === 'in_person' && state.near) ? 'relevance' : state.sort;
  if (sort !== 'relevance') params.set('sort', sort);
  params.set('limit', String(limit));
  if (state.offset) params.set('offset', String(state.offset));
  if (counted.length) params.set('facets', counted.join(','));
  return params;
}

// The state the API's answer searched when it read filter words in the text
// (its "interpreted": "spanish speaking" → language es): the other words in
// the box and each filter the page's own way, so each shows as a chip the
// client can remove ("in oakland" becomes the in-person place Oakland, CA).
// null when a filter is not one the state can hold.
export function AdoptInterpreted(state, interpreted) {
  const next = structuredClone(state);
  next.q = interpreted.q;
  for (const filter of interpreted.filters) {
    if (filter.param === 'virtual') {
      next.meet = 'online';
    } else if (filter.param === 'near') {
      next.meet = 'in_person';
      next.near = filter.value;
      next.place = filter.label;
    } else if (filter.param === 'sliding_scale') {
      next.sliding_scale = true;
    } else if (Array.isArray(next.filters[filter.param])) {
      if (!next.filters[filter.param].includes(filter.value)) next.filters[filter.param].push(filter.value);
    } else {
      return null;
    }
  }
  return next;
}

// Every filter the client has set, each with a function that returns a copy
// of the state without it: used by the "remove a filter" chips and by the
// empty state's search for the most restrictive filter.
export function ActiveFilters(state) {
  const out = [];
  // One active filter: its kind, the value shown (and any detail its label
  // needs), and the state without it.
  const add = (kind, value, clear, detail = {}) => out.push({
    kind,
    value,
    ...detail,
    remove: () => {
      const copy = structuredClone(state);
      clear(copy);
      copy.offset = 0;
      return copy;
    },
  });
  const inPersonNear = state.meet === 'in_person' && state.near;
  if (state.q) add('q', state.q, (s) => s.q = '');
  if (state.meet !== 'either') add('meet', state.meet, (s) => s.meet = 'either');
  if (state.state && !inPersonNear) add('state', state.state, (s) => s.state = '');
  if (inPersonNear) {
    add('near', state.place || state.near, (s) => s.near = s.place = '', {radius_mi: state.radius_mi});
  }
  for (const facet of Object.keys(state.filters)) {
    for (const value of state.filters[facet]) {
      add(facet, value, (s) => s.filters[facet] = s.filters[facet].filter((v) => v !== value));
    }
  }
  if (state.telehealth_since_before) {
    add('telehealth_since_before', state.telehealth_since_before, (s) => s.telehealth_since_before = '');
  }
  if (state.accepting) add('accepting', 'true', (s) => s.accepting = false);
  if (state.sliding_scale) add('sliding_scale', 'true', (s) => s.sliding_scale = false);
  if (state.fee_max) add('fee_max', state.fee_max, (s) => s.fee_max = '');
  return out;
}

// The state after the client changed a control of the facet panels
// (search_render.js FacetPanels): `control` is the input or select, named
// after the state field or facet list it sets; `lists`: the schema's facet
// lists. Returns null for a control that filters nothing (a narrowing box).
export function WithFacetControl(state, control, lists) {
  const next = structuredClone(state);
  next.offset = 0;
  const name = control.name;
  if (name === 'telehealth_since_before' || name === 'fee_max') {
    next[name] = control.value;
  } else if (name === 'accepting' || name === 'sliding_scale') {
    next[name] = control.checked;
  } else if (lists.includes(name)) {
    const values = next.filters[name].filter((v) => v !== control.value);
    if (control.checked) values.push(control.value);
    next.filters[name] = values;
  } else {
    return null;
  }
  return next;
}
