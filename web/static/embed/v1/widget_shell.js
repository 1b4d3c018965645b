// The search widget's fixed parts (docs/widget.md): the search form, the
// filters, the results region with its live count, the crisis note and the
// profile view, as DOM for its shadow root. Ids are the shadow root's own,
// so they cannot clash with the partner's page.

import {CrisisNoteContent} from '/static/js/crisis_note.js';
import {el} from '/static/js/dom.js';
import {kMeetChoices} from '/static/js/search_state.js';

// The way to meet, in kMeetChoices order; without a city the widget's "in
// person" is an office in the client's state.
const kMeetLabels = {either: 'Online or in person', online: 'Online', in_person: 'In person, in my state'};

// `stylesheet`: the pages' stylesheet, linked first so the widget's own
// (adopted) sheet comes after it. Returns {nodes, …the parts by name}.
export function WidgetShell(stylesheet) {
  const ui = {};
  ui.q = el('input', {
    id: 'q', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'e.g. anxiety, EMDR, a therapist’s name', role: 'combobox', 'aria-autocomplete': 'list',
    'aria-expanded': 'false', 'aria-controls': 'q-suggestions',
  });
  ui.suggestions = el('ul', {id: 'q-suggestions', class: 'listbox', role: 'listbox', 'aria-label': 'Suggestions', hidden: true});
  ui.meet = el('select', {id: 'meet', name: 'meet'}, kMeetChoices.map((m) => el('option', {value: m}, kMeetLabels[m])));
  ui.state = el('select', {id: 'state', name: 'state'}, el('option', {value: ''}, 'Any state'));
  ui.form = el('form', {class: 'search-form', role: 'search', 'aria-label': 'Find a therapist'},
               el('div', {class: 'field field-q'}, el('label', {for: 'q'}, 'What would you like help with?'),
                  el('div', {class: 'combo'}, ui.q, ui.suggestions)),
               el('div', {class: 'field'}, el('label', {for: 'meet'}, 'How would you like to meet?'), ui.meet),
               el('div', {class: 'field'}, el('label', {for: 'state'}, 'Your state'), ui.state),
               el('div', {class: 'field field-submit'}, el('button', {type: 'submit', class: 'primary'}, 'Search')));
  ui.notice = el('div', {class: 'notice error', role: 'alert', hidden: true});
  ui.filters_toggle = el('button', {type: 'button', class: 'filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'facet-panels'}, 'Filters');
  ui.panels = el('div', {id: 'facet-panels', class: 'facet-panels collapsed', role: 'group', 'aria-label': 'Filters'});
  ui.results_heading = el('h2', {id: 'results-heading', tabindex: '-1'}, 'Therapists');
  ui.status = el('p', {id: 'status', class: 'status', role: 'status', 'aria-live': 'polite'});
  ui.crisis = el('div', {id: 'crisis-note', class: 'crisis-note', role: 'note', hidden: true}, CrisisNoteContent());
  ui.did_you_mean = el('p', {class: 'did-you-mean', hidden: true});
  ui.chips = el('ul', {class: 'chips', 'aria-label': 'Active filters'});
  ui.list = el('ol', {id: 'result-list', class: 'result-list'});
  ui.pager = el('nav', {id: 'pager', class: 'pager', 'aria-label': 'Result pages'});
  ui.results = el('section', {class: 'results', 'aria-labelledby': 'results-heading'},
                  el('div', {class: 'results-bar'}, ui.results_heading, ui.status), ui.did_you_mean, ui.chips,
                  ui.list, ui.pager);
  ui.search_view = el('div', {class: 'layout'}, ui.filters_toggle, ui.panels, ui.results);
  ui.back = el('button', {type: 'button', id: 'back'}, 'Back to results');
  ui.profile_heading = el('h2', {id: 'profile-heading', tabindex: '-1'});
  ui.profile_body = el('div', {id: 'profile-body'});
  ui.profile_view = el('section', {class: 'profile-view', 'aria-labelledby': 'profile-heading', hidden: true},
                       ui.back, ui.profile_heading, ui.profile_body);
  ui.nodes = [
    el('link', {rel: 'stylesheet', href: stylesheet}),
    // The crisis note sits above the results and outside them, so it also
    // shows when a search was refused.
    el('div', {class: 'rapport'}, ui.form, ui.notice, ui.crisis, ui.search_view, ui.profile_view),
  ];
  return ui;
}
