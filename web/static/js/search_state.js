// The search page's whole state lives in its URL. This module converts
// between the page URL (shareable, restored by the back button) and the
// parameters of GET /api/v1/search.

export const kFacetFilters = ['modality', 'specialty', 'insurance', 'language', 'session_format', 'gender', 'mode'];
export const kCountedFacets = [...kFacetFilters, 'telehealth_experience', 'accepting'];
export const kMeetChoices = ['either', 'online', 'in_person'];
export const kSorts = ['relevance', 'distance', 'fee', 'telehealth_experience', 'updated'];
export const kPageSize = 20;
export const kDefaultRadiusKm = 40;

// A fresh, empty state.
export function EmptyState() {
  return {
    q: '',
    meet: 'either',
    state: '',
    place: '',
    near: '',
    radius_km: kDefaultRadiusKm,
    filters: Object.fromEntries(kFacetFilters.map((f) => [f, []])),
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

export function StateFromUrl(search) {
  const params = new URLSearchParams(search);
  const state = EmptyState();
  state.q = params.get('q') || '';
  const meet = params.get('meet');
  if (kMeetChoices.includes(meet)) state.meet = meet;
  const us_state = (params.get('state') || '').toUpperCase();
  if (/^[A-Z]{2}$/.test(us_state)) state.state = us_state;
  state.place = params.get('place') || '';
  const near = params.get('near') || '';
  if (/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(near)) state.near = near;
  state.radius_km = PositiveInt(params.get('radius_km'), kDefaultRadiusKm) || kDefaultRadiusKm;
  for (const facet of kFacetFilters) state.filters[facet] = params.getAll(facet).filter(Boolean);
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
  for (const facet of kFacetFilters) {
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
    if (state.radius_km !== kDefaultRadiusKm) params.set('radius_km', String(state.radius_km));
  }
  AppendFilters(params, state);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.offset) params.set('offset', String(state.offset));
  const text = params.toString();
  return text ? `?${text}` : '';
}

// Parameters for GET /api/v1/search.
export function ApiParams(state, {withFacets = true, limit = kPageSize} = {}) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.meet === 'online') {
    params.set('virtual', 'true');
    if (state.state) params.set('state', state.state);
  } else if (state.meet === 'in_person') {
    params.set('in_person', 'true');
    if (state.near) {
      params.set('near', state.near);
      params.set('radius_km', String(state.radius_km));
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
  if (withFacets) params.set('facets', kCountedFacets.join(','));
  return params;
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
    add('near', state.place || state.near, (s) => s.near = s.place = '', {radius_km: state.radius_km});
  }
  for (const facet of kFacetFilters) {
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
