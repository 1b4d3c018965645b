// The editor's profile form: builds the controls, fills them from a profile
// document, reads them back into a document for PUT, and shows the API's
// 422 field problems next to the control they concern.

import {clear, el} from './dom.js';
import {NumberOrText, OfficeList} from './editor_offices.js';
import {Picker} from './editor_picker.js';

// path: where the value lives in the document; kind: how it is edited.
// The vocabulary lists (specialties, telehealth modes, …) are not written
// here: BuildForm adds a picker for every facet of the API's catalogue that
// a profile stores (its profile_path) and that no field below already edits.
const kLeadFields = [
  {path: 'name', label: 'Name', kind: 'text'},
  {path: 'profession', label: 'Profession', kind: 'select', vocab: 'profession'},
  {path: 'credentials', label: 'Credentials', kind: 'list', help: 'Comma-separated, e.g. LCSW, PsyD'},
  {path: 'npi', label: 'NPI', kind: 'text'},
  {path: 'pronouns', label: 'Pronouns', kind: 'text'},
  {path: 'gender', label: 'Gender', kind: 'select', vocab: 'gender', optional: true},
  {path: 'bio', label: 'Bio', kind: 'textarea', wide: true},
  {path: 'accepting_new_clients', label: 'Accepting new clients', kind: 'checkbox'},
  {path: 'contact.phone', label: 'Contact phone', kind: 'text', input: 'tel', optional: true, help: 'e.g. (510) 555-0123; stored as +15105550123'},
  {path: 'contact.email', label: 'Contact email', kind: 'text', input: 'email', optional: true},
  {path: 'contact.website', label: 'Website (contact)', kind: 'text', input: 'url', optional: true, help: 'https:// address'},
  {path: 'contact.booking_url', label: 'Booking link (contact)', kind: 'text', input: 'url', optional: true, help: 'https:// address'},
];
const kTailFields = [
  {path: 'compacts', label: 'Compacts', kind: 'list', help: 'e.g. psypact'},
  {path: 'fee.min', label: 'Lowest fee ($)', kind: 'number'},
  {path: 'fee.max', label: 'Highest fee ($)', kind: 'number'},
  {path: 'fee.sliding_scale', label: 'Sliding scale', kind: 'checkbox'},
  {path: 'telehealth.since', label: 'Telehealth since (year)', kind: 'number'},
  {path: 'telehealth.group_therapy', label: 'Online group therapy', kind: 'checkbox'},
  {path: 'offices', label: 'Offices', kind: 'offices', wide: true, help: 'Each office is a city from the list of US cities'},
  {path: 'licenses', label: 'Licenses', kind: 'licenses', wide: true, help: 'One per line: ST, TYPE, NUMBER'},
];

// The form's fields once BuildForm has added the catalogue's pickers.
let fields = [...kLeadFields, ...kTailFields];
const composites = new Map();  // path → Picker or OfficeList (controls made of several elements)

function PickerFields(catalogue) {
  const fixed = new Set([...kLeadFields, ...kTailFields].map((f) => f.path));
  return catalogue.filter((facet) => facet.profile_path && !fixed.has(facet.profile_path))
      .map((facet) => ({path: facet.profile_path, label: facet.label, kind: 'picker', values: facet.values, wide: true}));
}

// The control of a field: its element, or its Picker (same value,
// dataset, focus and attribute calls).
function ControlOf(container, field) {
  return composites.get(field.path) || container.querySelector(`#${ControlId(field.path)}`);
}

export function ControlId(path) {
  return `pf-${path.replace(/[^a-z0-9]/gi, '-')}`;
}

function Get(doc, path) {
  return path.split('.').reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

function Put(doc, path, value) {
  const keys = path.split('.');
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

export function BuildForm(container, vocab, catalogue) {
  clear(container);
  composites.clear();
  fields = [...kLeadFields, ...PickerFields(catalogue), ...kTailFields];
  for (const field of fields) {
    const id = ControlId(field.path);
    const help_id = field.help ? `${id}-help` : null;
    const error_id = `${id}-error`;
    const described = [help_id, error_id].filter(Boolean).join(' ');
    let control;
    if (field.kind === 'picker') {
      const picker = new Picker({id, values: field.values, described});
      composites.set(field.path, picker);
      control = picker.root;
    } else if (field.kind === 'offices') {
      const offices = new OfficeList({id, described});
      composites.set(field.path, offices);
      control = offices.root;
    } else if (field.kind === 'select') {
      control =
          el('select', {id, name: field.path, 'aria-describedby': described},
             field.optional ? el('option', {value: ''}, '(not given)') : null,
             (vocab[field.vocab] || []).map((v) => el('option', {value: v.value}, v.label)));
    } else if (field.kind === 'textarea' || field.kind === 'licenses') {
      control = el(
          'textarea', {id, name: field.path, rows: field.kind === 'textarea' ? 6 : 3, 'aria-describedby': described});
    } else if (field.kind === 'checkbox') {
      control = el('input', {id, name: field.path, type: 'checkbox', 'aria-describedby': error_id});
    } else {
      control = el('input', {
        id,
        name: field.path,
        type: field.input || 'text',
        inputmode: field.kind === 'number' ? 'numeric' : null,
        autocomplete: 'off',
        'aria-describedby': described
      });
    }
    // A group of several controls is named by a heading, not a <label>.
    const caption = field.kind === 'offices' ? el('p', {class: 'label', id: `${id}-legend`}, field.label) :
                                               el('label', {for: id}, field.label);
    const row = field.kind === 'checkbox' ?
        el('div', {class: 'form-row check'}, control, el('label', {for: id}, field.label)) :
        el('div', {class: `form-row${field.wide ? ' wide' : ''}`}, caption, control,
           field.help ? el('p', {class: 'help', id: help_id}, field.help) : null);
    row.append(el('p', {class: 'field-error', id: error_id}));
    container.append(row);
  }
}

// A value the vocabulary does not know stays selectable, marked.
function FillSelect(select, value) {
  for (const stale of select.querySelectorAll('option[data-unknown]')) stale.remove();
  const text = value === null || value === undefined ? '' : String(value);
  if (text && ![...select.options].some((o) => o.value === text))
    select.append(el('option', {value: text, 'data-unknown': true}, `${text} (not in the vocabulary)`));
  select.value = text;
}

function Lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}
function Cells(line) {
  return line.split(',').map((c) => c.trim());
}

// What a control shows, to tell an untouched control from an edited one.
function ControlState(control, field) {
  if (field.kind === 'picker' || field.kind === 'offices') return JSON.stringify(control.value);
  return field.kind === 'checkbox' ? String(control.checked) : control.value;
}

// Fills the controls and remembers what each showed, so ReadForm writes back
// only the fields the editor changed.
export function FillForm(container, doc) {
  for (const field of fields) {
    const control = ControlOf(container, field);
    const value = Get(doc, field.path);
    if (field.kind === 'checkbox')
      control.checked = value === true;
    else if (field.kind === 'picker' || field.kind === 'offices')
      control.value = Array.isArray(value) ? value : [];
    else if (field.kind === 'select')
      FillSelect(control, value);
    else if (field.kind === 'list')
      control.value = Array.isArray(value) ? value.join(', ') : '';
    else if (field.kind === 'licenses') {
      control.value = (value || []).map((l) => [l.state, l.type, l.number].map((x) => (x ?? '')).join(', ')).join('\n');
    } else
      control.value = value === null || value === undefined ? '' : String(value);
    control.dataset.filled = ControlState(control, field);
  }
}

// The document to PUT: the loaded one with the values of the controls the
// editor changed written over it. Untouched controls and fields the form
// does not show are sent back exactly as loaded (an untouched form gives the
// loaded document: no phantom `false` or `[]` for an absent field).
export function ReadForm(container, base) {
  const doc = structuredClone(base);
  const had_fee = base.fee && typeof base.fee === 'object';
  const had_tele = base.telehealth && typeof base.telehealth === 'object';
  for (const field of fields) {
    const control = ControlOf(container, field);
    if (ControlState(control, field) === control.dataset.filled) continue;
    const text = field.kind === 'checkbox' || composites.has(field.path) ? null : control.value.trim();
    let value;
    if (field.kind === 'checkbox')
      value = control.checked;
    else if (field.kind === 'picker' || field.kind === 'offices')
      value = control.value;
    else if (field.kind === 'list')
      value = text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [];
    else if (field.kind === 'number')
      value = NumberOrText(text);
    else if (field.kind === 'licenses') {
      value = Lines(control.value).map((line) => {
        const [state, type, number] = Cells(line);
        return {state, type, number};
      });
    } else
      value = text === '' && (field.optional || Get(base, field.path) == null) ? null : text;
    Put(doc, field.path, value);
  }
  // A fee or telehealth block the profile did not have stays absent unless
  // the editor filled something into it.
  if (!had_fee && doc.fee && doc.fee.min == null && doc.fee.max == null && !doc.fee.sliding_scale) doc.fee = null;
  const empty = (list) => !Array.isArray(list) || !list.length;
  if (!had_tele && doc.telehealth && empty(doc.telehealth.modes) && empty(doc.telehealth.platforms) &&
      empty(doc.telehealth.devices) && doc.telehealth.since == null && !doc.telehealth.group_therapy)
    doc.telehealth = null;
  return doc;
}

// The form field an error path such as "offices[0].lat" belongs to.
export function FieldForPath(path) {
  const plain = String(path || '').replace(/\[\d+\]/g, '');
  let best = null;
  for (const field of fields) {
    if ((plain === field.path || plain.startsWith(`${field.path}.`)) && (!best || field.path.length > best.path.length))
      best = field;
  }
  return best;
}

export function ClearErrors(container) {
  for (const node of container.querySelectorAll('.field-error')) node.textContent = '';
  for (const node of container.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

// Shows every problem of a 422 answer beside its control; returns the list
// of {field, reason, control} for the summary.
export function ShowErrors(container, problems) {
  ClearErrors(container);
  return problems.map((problem) => {
    const field = FieldForPath(problem.field);
    if (field) {
      const id = ControlId(field.path);
      const control = container.querySelector(`#${id}`);
      const message = container.querySelector(`#${id}-error`);
      control.setAttribute('aria-invalid', 'true');
      const text = `${problem.field}: ${problem.reason}`;
      message.textContent = message.textContent ? `${message.textContent} ${text}` : text;
      return {...problem, control_id: id};
    }
    return {...problem, control_id: null};
  });
}
