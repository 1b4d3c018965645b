// Builds the search page's facet panels, chips and pager from one API
// answer (result_card.js builds the cards). Pure DOM construction: all text goes in as text.

import {el, SafeId} from './dom.js';
import {kFacetFilters, kPageSize} from './search_state.js';
import {Label} from './vocab.js';

export const kFacetTitles = {
  modality: 'Approach',
  specialty: 'Specialty',
  insurance: 'Insurance',
  language: 'Language',
  session_format: 'Session format',
  gender: 'Therapist\'s gender',
  mode: 'Online sessions by',
  telehealth_experience: 'Prior telehealth experience',
  accepting: 'Availability',
  fee: 'Fee',
};
const kCollapsedCount = 6;
const kFeeChoices = [100, 150, 200, 250];
const kMeetLabels = {
  online: 'Online only',
  in_person: 'In person only'
};
const kKmPerMile = 1.609344;

// `count` null: no count is shown (see ShownCount).
function CheckboxOption({id, name, value, label, count, checked}) {
  return el('li', {}, el('input', {type: 'checkbox', id, name, value, checked, 'data-facet': name}), el('label', {for: id
            }, label, count === null ? null : el('span', {class: 'count'}, ` (${count})`)));
}

// A count is shown only where it is the number of therapists the page will
// show with that option ticked. The API's counts are disjunctive: each is the
// option alone under the other facets' filters. Ticking an option of a facet
// that already has a choice adds it (OR), which finds more than its own
// count, so such a facet shows only its single ticked option's count (the
// total) and no count once two are ticked.
function ShownCount(chosen, value, count) {
  if (!chosen.length) return count;
  return chosen.length === 1 && chosen[0] === value ? count : null;
}

// One fieldset per facet, the options the API counted, with the client's own
// choices kept even when their count is zero.
export function FacetPanels(state, facets, vocab, expanded) {
  const panels = [];
  for (const facet of kFacetFilters) {
    const counted = Array.isArray(facets[facet]) ? facets[facet] : [];
    const options =
        counted.map((f) => ({value: String(f.value), label: f.label || Label(vocab, facet, f.value), count: f.count}));
    for (const chosen of state.filters[facet]) {
      if (!options.some((o) => o.value === chosen))
        options.unshift({value: chosen, label: Label(vocab, facet, chosen), count: 0});
    }
    if (!options.length) continue;
    const open = expanded.has(facet);
    const shown = open ? options : options.slice(0, Math.max(kCollapsedCount, state.filters[facet].length));
    const list_id = SafeId('list', facet);
    const list =
        el('ul', {class: 'options', id: list_id}, shown.map((o) => CheckboxOption({
                                                              id: SafeId('f', facet, o.value),
                                                              name: facet,
                                                              value: o.value,
                                                              label: o.label,
                                                              count: ShownCount(state.filters[facet], o.value, o.count),
                                                              checked: state.filters[facet].includes(o.value),
                                                            })));
    const toggle = options.length > shown.length || open ? el('button', {
      type: 'button',
      class: 'link more',
      'data-toggle': facet,
      'aria-controls': list_id,
      'aria-expanded': String(open)
    },
                                                              open ? 'Show fewer' : `Show all ${options.length}`) :
                                                                     null;
    panels.push(
        el('fieldset', {class: 'facet', 'data-facet': facet}, el('legend', {}, kFacetTitles[facet]), list, toggle));
  }
  panels.push(ExperiencePanel(state, facets));
  panels.push(AvailabilityPanel(state, facets));
  panels.push(FeePanel(state));
  return panels;
}

function CountOf(facets, facet, value) {
  const list = Array.isArray(facets[facet]) ? facets[facet] : [];
  const entry = list.find((f) => String(f.value) === value);
  return entry ? entry.count : 0;
}

// The API filters on "telehealth since before YEAR"; its facet counts three
// periods, so the "before 2022" count is the sum of the first two. The API
// leaves telehealth_since_before out of these counts (docs/facets.md), so
// each count is what choosing that option instead of the current one finds.
function ExperiencePanel(state, facets) {
  const before_2020 = CountOf(facets, 'telehealth_experience', 'before-2020');
  const before_2022 = before_2020 + CountOf(facets, 'telehealth_experience', '2020-2021');
  const choice = (value, label, count) =>
      el('li', {}, el('input', {
           type: 'radio',
           name: 'telehealth_since_before',
           id: SafeId('exp', value || 'any'),
           value,
           checked: state.telehealth_since_before === value
         }),
         el('label', {for: SafeId('exp', value || 'any')
         }, label, count === null ? null : el('span', {class: 'count'}, ` (${count})`)));
  return el(
      'fieldset', {class: 'facet', 'data-facet': 'telehealth_experience'},
      el('legend', {}, kFacetTitles.telehealth_experience),
      el('ul', {class: 'options'}, choice('', 'Any', null),
         choice('2020', 'Online since before 2020 (pre-pandemic)', before_2020),
         choice('2022', 'Online since before 2022', before_2022)));
}

function AvailabilityPanel(state, facets) {
  return el(
      'fieldset', {class: 'facet', 'data-facet': 'accepting'}, el('legend', {}, kFacetTitles.accepting),
      el('ul', {class: 'options'}, CheckboxOption({
           id: 'f-accepting',
           name: 'accepting',
           value: 'true',
           label: 'Accepting new clients',
           count: CountOf(facets, 'accepting', 'true'),
           checked: state.accepting,
         })));
}

function FeePanel(state) {
  const select =
      el('select', {id: 'fee-max', name: 'fee_max'}, el('option', {value: ''}, 'Any fee'),
         [...new Set([...kFeeChoices, ...(state.fee_max ? [Number(state.fee_max)] : [])])]
             .sort((a, b) => a - b)
             .map((n) => el('option', {value: String(n), selected: state.fee_max === String(n)}, `$${n} or less`)));
  return el(
      'fieldset', {class: 'facet', 'data-facet': 'fee'}, el('legend', {}, kFacetTitles.fee),
      el('label',
         {for: 'fee-max'
         },
         'Lowest fee per session'),
      select,
      el('ul', {class: 'options'},
         el('li', {},
            el('input',
               {type: 'checkbox', id: 'f-sliding', name: 'sliding_scale', value: 'true', checked: state.sliding_scale}),
            el('label', {for: 'f-sliding'
            }, 'Offers a sliding scale'))));
}

export function FilterLabel(filter, vocab) {
  switch (filter.kind) {
    case 'q':
      return `Search: “${filter.value}”`;
    case 'meet':
      return kMeetLabels[filter.value];
    case 'state':
      return `State: ${Label(vocab, 'state', filter.value)}`;
    case 'near':
      return `Within ${Math.round(filter.radius_km / kKmPerMile)} mi of ${filter.value}`;
    case 'telehealth_since_before':
      return `Online since before ${filter.value}`;
    case 'accepting':
      return 'Accepting new clients';
    case 'sliding_scale':
      return 'Sliding scale';
    case 'fee_max':
      return `Fee up to $${filter.value}`;
    default:
      return `${kFacetTitles[filter.kind] || filter.kind}: ${Label(vocab, filter.kind, filter.value)}`;
  }
}

export function Pager(total, offset) {
  const pages = Math.ceil(Math.min(total, 10000 + kPageSize) / kPageSize);
  if (pages <= 1) return [];
  const current = Math.floor(offset / kPageSize);
  const link = (page, text, label) =>
      el('li', {},
         page === current ?
             el('span', {'aria-current': 'page', class: 'page current'}, text) :
             el('button', {type: 'button', class: 'page', 'data-offset': String(page * kPageSize), 'aria-label': label},
                text));
  const items = [];
  if (current > 0) items.push(link(current - 1, 'Previous', 'Previous page'));
  const first = Math.max(0, current - 2);
  const last = Math.min(pages - 1, current + 2);
  for (let page = first; page <= last; ++page) items.push(link(page, String(page + 1), `Page ${page + 1}`));
  if (current < pages - 1) items.push(link(current + 1, 'Next', 'Next page'));
  return [el('ul', {}, items)];
}
