// Builds the search page's facet panels, chips and pager from one API
// answer (result_card.js builds the cards). Pure DOM construction: all text goes in as text.

import {el, SafeId} from './dom.js';
import {kPageSize} from './search_state.js';
import {FacetLabel, Label, PanelFacets} from './vocab.js';

// The fee panel is no facet of the catalogue (fee_max and sliding_scale
// filter on the fee itself), so its heading lives here.
const kFeeTitle = 'Fee';
const kCollapsedCount = 6;
const kFeeChoices = [100, 150, 200, 250];
const kMeetLabels = {
  online: 'Online only',
  in_person: 'In person only'
};

// `count` null: no count is shown (see ShownCount).
function CheckboxOption({id, name, value, label, count, checked}) {
  return el('li', {}, el('input', {type: 'checkbox', id, name, value, checked, 'data-facet': name}), el('label', {for: id
            }, label, count === null ? null : el('span', {class: 'count'}, ` (${count})`)));
}

// "1 therapist", "1,234 therapists".
export function TherapistCount(total) {
  return `${total.toLocaleString('en-US')} therapist${total === 1 ? '' : 's'}`;
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

// The text box that narrows a long list of options by label.
function OptionFilter(facet, text, list_id) {
  return el('input', {
    type: 'search',
    class: 'option-filter',
    id: SafeId('narrow', facet.name),
    'data-narrow': facet.name,
    value: text,
    placeholder: 'Type to filter',
    'aria-label': `Filter ${facet.label} options`,
    'aria-controls': list_id,
    autocomplete: 'off',
  });
}

// A panel of checkboxes for a facet filtered by a list of values: the
// options the API counted, with the client's own choices kept even when
// their count is zero; null when there is nothing to choose. A list longer
// than kCollapsedCount shows its first ones with "Show all N", and a box
// whose text (view.narrowed) keeps only the options whose label has it.
function ListPanel(facet, state, facets, vocab, view) {
  const name = facet.name;
  const chosen = state.filters[name];
  const counted = Array.isArray(facets[name]) ? facets[name] : [];
  const options =
      counted.map((f) => ({value: String(f.value), label: f.label || Label(vocab, name, f.value), count: f.count}));
  for (const value of chosen) {
    if (!options.some((o) => o.value === value)) options.unshift({value, label: Label(vocab, name, value), count: 0});
  }
  if (!options.length) return null;
  const list_id = SafeId('list', name);
  const OptionList = (shown) =>
      el('ul', {class: 'options', id: list_id}, shown.map((o) => CheckboxOption({
                                                            id: SafeId('f', name, o.value),
                                                            name,
                                                            value: o.value,
                                                            label: o.label,
                                                            count: ShownCount(chosen, o.value, o.count),
                                                            checked: chosen.includes(o.value),
                                                          })));
  const legend = el('legend', {}, facet.label);
  const narrow_text = view.narrowed.get(name) || '';
  const needle = narrow_text.trim().toLocaleLowerCase();
  if (needle) {
    const matching = options.filter((o) => o.label.toLocaleLowerCase().includes(needle));
    return el(
        'fieldset', {class: 'facet', 'data-facet': name}, legend, OptionFilter(facet, narrow_text, list_id),
        OptionList(matching));
  }
  const open = view.expanded.has(name);
  const shown = open ? options : options.slice(0, Math.max(kCollapsedCount, chosen.length));
  const toggle = options.length > shown.length || open ? el('button', {
    type: 'button',
    class: 'link more',
    'data-toggle': name,
    'aria-controls': list_id,
    'aria-expanded': String(open)
  },
                                                            open ? 'Show fewer' : `Show all ${options.length}`) :
                                                                   null;
  const long = options.length > kCollapsedCount;
  return el(
      'fieldset', {class: 'facet', 'data-facet': name}, legend, long ? OptionFilter(facet, narrow_text, list_id) : null,
      OptionList(shown), toggle);
}

// Panels of facets the page drives with a control of its own
// (search_state.js kOwnControlFacets).
const kOwnControlPanels = {
  telehealth_experience: ExperiencePanel,
  accepting: AvailabilityPanel,
};

// One fieldset per panel facet of the catalogue, in catalogue panel order,
// headed by its catalogue label; then the fee panel. `view`: the facets
// whose lists are expanded (a Set) and the text narrowing each (a Map).
export function FacetPanels(state, facets, vocab, view) {
  const panels = [];
  for (const facet of PanelFacets(vocab)) {
    const own = kOwnControlPanels[facet.name];
    const panel = own             ? own(facet, state, facets, vocab) :
        state.filters[facet.name] ? ListPanel(facet, state, facets, vocab, view) :
                                    null;
    if (panel) panels.push(panel);
  }
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
function ExperiencePanel(facet, state, facets) {
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
      'fieldset', {class: 'facet', 'data-facet': 'telehealth_experience'}, el('legend', {}, facet.label),
      el('ul', {class: 'options'}, choice('', 'Any', null),
         choice('2020', 'Online since before 2020 (pre-pandemic)', before_2020),
         choice('2022', 'Online since before 2022', before_2022)));
}

// One checkbox, labelled with the vocabulary's label of "true".
function AvailabilityPanel(facet, state, facets, vocab) {
  return el(
      'fieldset', {class: 'facet', 'data-facet': facet.name}, el('legend', {}, facet.label),
      el('ul', {class: 'options'}, CheckboxOption({
           id: 'f-accepting',
           name: 'accepting',
           value: 'true',
           label: Label(vocab, facet.name, 'true'),
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
      'fieldset', {class: 'facet', 'data-facet': 'fee'}, el('legend', {}, kFeeTitle),
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
      // Typed quotes are shown as typed, never inside quotes of the page's own.
      return /["“”]/.test(filter.value) ? `Search: ${filter.value}` : `Search: “${filter.value}”`;
    case 'meet':
      return kMeetLabels[filter.value];
    case 'state':
      return `State: ${Label(vocab, 'state', filter.value)}`;
    case 'near':
      return `Within ${filter.radius_mi} mi of ${filter.value}`;
    case 'telehealth_since_before':
      return `Online since before ${filter.value}`;
    case 'accepting':
      return FacetLabel(vocab, 'accepting');
    case 'sliding_scale':
      return 'Sliding scale';
    case 'fee_max':
      return `Fee up to $${filter.value}`;
    default:
      return `${FacetLabel(vocab, filter.kind)}: ${Label(vocab, filter.kind, filter.value)}`;
  }
}

// The API pages up to offset 10 000.
const kMaxOffset = 10000;

export function Pager(total, offset, page_size = kPageSize) {
  const pages = Math.ceil(Math.min(total, kMaxOffset + page_size) / page_size);
  if (pages <= 1) return [];
  const current = Math.floor(offset / page_size);
  const link = (page, text, label) =>
      el('li', {},
         page === current ?
             el('span', {'aria-current': 'page', class: 'page current'}, text) :
             el('button', {type: 'button', class: 'page', 'data-offset': String(page * page_size), 'aria-label': label},
                text));
  const items = [];
  if (current > 0) items.push(link(current - 1, 'Previous', 'Previous page'));
  const first = Math.max(0, current - 2);
  const last = Math.min(pages - 1, current + 2);
  for (let page = first; page <= last; ++page) items.push(link(page, String(page + 1), `Page ${page + 1}`));
  if (current < pages - 1) items.push(link(current + 1, 'Next', 'Next page'));
  return [el('ul', {}, items)];
}

// What a suggestion says after its text: a therapist's name, or the facet a
// vocabulary value belongs to; plain words say nothing.
const kSuggestKinds = {
  name: 'therapist',
  word: ''
};

// The options of the search box's combobox (combobox.js) from a
// /api/v1/suggest answer: {label, value, kind, detail}.
export function SuggestionOptions(answer, vocab) {
  const list = answer && Array.isArray(answer.suggestions) ? answer.suggestions : [];
  return list
      .map((s) => {
        const kind = String(s.kind || 'word');
        const detail = kind in kSuggestKinds ? kSuggestKinds[kind] : FacetLabel(vocab, kind).toLowerCase();
        return {label: String(s.text || ''), value: s.value ?? null, kind, detail: detail ? `— ${detail}` : ''};
      })
      .filter((s) => s.label);
}
