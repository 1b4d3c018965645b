// The editor's profile form: builds the controls, fills them from a profile
// document, reads them back into a document for PUT, and shows the API's
// 422 field problems next to the control they concern.

import {clear, el} from './dom.js';

// path: where the value lives in the document; kind: how it is edited.
export const kFields = [
  {path: 'name', label: 'Name', kind: 'text'},
  {path: 'profession', label: 'Profession', kind: 'select', vocab: 'profession'},
  {path: 'credentials', label: 'Credentials', kind: 'list', help: 'Comma-separated, e.g. LCSW, PsyD'},
  {path: 'npi', label: 'NPI', kind: 'text'},
  {path: 'pronouns', label: 'Pronouns', kind: 'text'},
  {path: 'gender', label: 'Gender', kind: 'select', vocab: 'gender', optional: true},
  {path: 'bio', label: 'Bio', kind: 'textarea', wide: true},
  {path: 'accepting_new_clients', label: 'Accepting new clients', kind: 'checkbox'},
  {
    path: 'specialties',
    label: 'Specialties',
    kind: 'list',
    help: 'Vocabulary slugs, comma-separated, e.g. anxiety, trauma'
  },
  {path: 'modalities', label: 'Modalities', kind: 'list', help: 'e.g. cbt, emdr'},
  {path: 'populations', label: 'Populations', kind: 'list', help: 'e.g. adults, teens'},
  {path: 'session_formats', label: 'Session formats', kind: 'list', help: 'e.g. individual, couples'},
  {path: 'languages', label: 'Languages', kind: 'list', help: 'ISO 639-1 codes, e.g. en, es'},
  {path: 'insurance', label: 'Insurance', kind: 'list', help: 'e.g. aetna, medicaid'},
  {path: 'compacts', label: 'Compacts', kind: 'list', help: 'e.g. psypact'},
  {path: 'fee.min', label: 'Lowest fee ($)', kind: 'number'},
  {path: 'fee.max', label: 'Highest fee ($)', kind: 'number'},
  {path: 'fee.sliding_scale', label: 'Sliding scale', kind: 'checkbox'},
  {path: 'telehealth.modes', label: 'Telehealth modes', kind: 'list', help: 'video, phone, chat'},
  {path: 'telehealth.platforms', label: 'Telehealth platforms', kind: 'list', help: 'e.g. zoom, doxy.me'},
  {path: 'telehealth.devices', label: 'Client devices', kind: 'list', help: 'desktop, tablet, smartphone'},
  {path: 'telehealth.since', label: 'Telehealth since (year)', kind: 'number'},
  {path: 'telehealth.group_therapy', label: 'Online group therapy', kind: 'checkbox'},
  {
    path: 'offices',
    label: 'Offices',
    kind: 'offices',
    wide: true,
    help: 'One per line: City, ST, ZIP, latitude, longitude'
  },
  {path: 'licenses', label: 'Licenses', kind: 'licenses', wide: true, help: 'One per line: ST, TYPE, NUMBER'},
];

export function ControlId(path) {
  return `pf-${path.replace(/[^a-z0-9]/gi, '-')}`;
}

function Get(doc, path) {
  return path.split('.').reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

function Set(doc, path, value) {
  const keys = path.split('.');
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

export function BuildForm(container, vocab) {
  clear(container);
  for (const field of kFields) {
    const id = ControlId(field.path);
    const help_id = field.help ? `${id}-help` : null;
    const error_id = `${id}-error`;
    const described = [help_id, error_id].filter(Boolean).join(' ');
    let control;
    if (field.kind === 'select') {
      control =
          el('select', {id, name: field.path, 'aria-describedby': described},
             field.optional ? el('option', {value: ''}, '(not given)') : null,
             (vocab[field.vocab] || []).map((v) => el('option', {value: v.value}, v.label)));
    } else if (field.kind === 'textarea' || field.kind === 'offices' || field.kind === 'licenses') {
      control = el(
          'textarea', {id, name: field.path, rows: field.kind === 'textarea' ? 6 : 3, 'aria-describedby': described});
    } else if (field.kind === 'checkbox') {
      control = el('input', {id, name: field.path, type: 'checkbox', 'aria-describedby': error_id});
    } else {
      control = el('input', {
        id,
        name: field.path,
        type: field.kind === 'number' ? 'text' : 'text',
        inputmode: field.kind === 'number' ? 'numeric' : null,
        autocomplete: 'off',
        'aria-describedby': described
      });
    }
    const row = field.kind === 'checkbox' ?
        el('div', {class: 'form-row check'}, control,
           el('label',
              {for: id
              },
              field.label)) :
        el('div', {class: `form-row${field.wide ? ' wide' : ''}`}, el('label', {for: id
           }, field.label), control, field.help ? el('p', {class: 'help', id: help_id}, field.help) : null);
    row.append(el('p', {class: 'field-error', id: error_id}));
    container.append(row);
  }
}

function Lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}
function Cells(line) {
  return line.split(',').map((c) => c.trim());
}
// Numbers stay numbers; anything else is sent as typed so the API's 422
// names the field.
function NumberOrText(text) {
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

export function FillForm(container, doc) {
  for (const field of kFields) {
    const control = container.querySelector(`#${ControlId(field.path)}`);
    const value = Get(doc, field.path);
    if (field.kind === 'checkbox')
      control.checked = value === true;
    else if (field.kind === 'list')
      control.value = Array.isArray(value) ? value.join(', ') : '';
    else if (field.kind === 'offices') {
      control.value =
          (value || []).map((o) => [o.city, o.state, o.zip, o.lat, o.lon].map((x) => (x ?? '')).join(', ')).join('\n');
    } else if (field.kind === 'licenses') {
      control.value = (value || []).map((l) => [l.state, l.type, l.number].map((x) => (x ?? '')).join(', ')).join('\n');
    } else
      control.value = value === null || value === undefined ? '' : String(value);
  }
}

// The document to PUT: the loaded one with the form's values written over
// it, so fields the form does not show are sent back unchanged.
export function ReadForm(container, base) {
  const doc = structuredClone(base);
  const had_fee = base.fee && typeof base.fee === 'object';
  const had_tele = base.telehealth && typeof base.telehealth === 'object';
  for (const field of kFields) {
    const control = container.querySelector(`#${ControlId(field.path)}`);
    const text = field.kind === 'checkbox' ? null : control.value.trim();
    let value;
    if (field.kind === 'checkbox')
      value = control.checked;
    else if (field.kind === 'list')
      value = text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [];
    else if (field.kind === 'number')
      value = NumberOrText(text);
    else if (field.kind === 'offices') {
      const previous = Array.isArray(base.offices) ? base.offices : [];
      value = Lines(control.value).map((line, i) => {
        const [city, state, zip, lat, lon] = Cells(line);
        const office = {...(previous[i] || {}), city, state};
        if (zip)
          office.zip = zip;
        else
          delete office.zip;
        if (lat !== undefined && lat !== '')
          office.lat = NumberOrText(lat);
        else
          delete office.lat;
        if (lon !== undefined && lon !== '')
          office.lon = NumberOrText(lon);
        else
          delete office.lon;
        return office;
      });
    } else if (field.kind === 'licenses') {
      value = Lines(control.value).map((line) => {
        const [state, type, number] = Cells(line);
        return {state, type, number};
      });
    } else
      value = text === '' && (field.optional || Get(base, field.path) == null) ? null : text;
    Set(doc, field.path, value);
  }
  // A fee or telehealth block the profile did not have stays absent unless
  // the editor filled something into it.
  if (!had_fee && doc.fee && doc.fee.min == null && doc.fee.max == null && !doc.fee.sliding_scale) doc.fee = null;
  if (!had_tele && doc.telehealth && !doc.telehealth.modes.length && !doc.telehealth.platforms.length &&
      !doc.telehealth.devices.length && doc.telehealth.since == null && !doc.telehealth.group_therapy)
    doc.telehealth = null;
  return doc;
}

// The form field an error path such as "offices[0].lat" belongs to.
export function FieldForPath(path) {
  const plain = String(path || '').replace(/\[\d+\]/g, '');
  let best = null;
  for (const field of kFields) {
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
