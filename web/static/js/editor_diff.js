// Field-level differences between two profile documents, and the history
// view built from GET /api/v1/therapists/{id}/history.

import {clear, el, FormatDate} from './dom.js';

// Leaves of a document as path → value; arrays count as one value so a
// reordered list reads as one change.
function Flatten(value, prefix, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) Flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

export function Show(value) {
  if (value === undefined || value === null) return '(empty)';
  if (Array.isArray(value))
    return value.map((v) => (v && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') || '(empty)';
  return String(value);
}

// Bookkeeping and computed fields follow from the real changes.
const kIgnored = new Set(['updated_at', 'version', 'telehealth_years', 'virtual_states']);

export function Diff(before, after) {
  const a = Flatten(before || {}, '', new Map());
  const b = Flatten(after || {}, '', new Map());
  const changes = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (kIgnored.has(path)) continue;
    if (JSON.stringify(a.get(path) ?? null) !== JSON.stringify(b.get(path) ?? null)) {
      changes.push({field: path, before: a.get(path), after: b.get(path)});
    }
  }
  return changes;
}

export function ChangeTable(changes, caption) {
  return el(
      'div', {class: 'table-scroll'},
      el('table', {}, el('caption', {class: 'help'}, caption),
         el('thead', {},
            el('tr', {}, el('th', {scope: 'col'}, 'Field'), el('th', {scope: 'col'}, 'Before'),
               el('th', {scope: 'col'}, 'After'))),
         el('tbody', {},
            changes.map(
                (c) =>
                    el('tr', {}, el('th', {scope: 'row'}, c.field), el('td', {class: 'diff-old'}, Show(c.before)),
                       el('td', {class: 'diff-new'}, Show(c.after)))))));
}

function Entries(data) {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') return [];
  for (const key of ['revisions', 'history', 'items'])
    if (Array.isArray(data[key])) return data[key];
  return [];
}

function DocOf(entry) {
  return entry.profile || entry.document || entry.doc || null;
}

// Field changes of one revision: the answer's own before/after list when it
// has one, else the difference with the previous revision's document, else
// just the names of the changed fields.
function ChangesOf(entry, previous) {
  const listed = entry.changes || entry.diff;
  if (Array.isArray(listed)) {
    return listed.map(
        (c) =>
            (typeof c === 'string' ? {field: c} :
                                     {field: c.field || c.path, before: c.before ?? c.old, after: c.after ?? c.new}));
  }
  const doc = DocOf(entry);
  if (doc && previous && DocOf(previous)) return Diff(DocOf(previous), doc);
  const names = entry.changed_fields || entry.fields;
  return Array.isArray(names) ? names.map((field) => ({field})) : [];
}

export function RenderHistory(list, data, onRestore) {
  clear(list);
  const entries = Entries(data);
  const by_version = [...entries].sort((x, y) => Number(x.version) - Number(y.version));
  const newest_first = [...by_version].reverse();
  const latest = newest_first.length ? newest_first[0].version : null;
  for (const entry of newest_first) {
    const index = by_version.indexOf(entry);
    const changes = ChangesOf(entry, index > 0 ? by_version[index - 1] : null);
    const who = entry.actor || entry.editor || entry.by || 'import';
    const when = entry.at || entry.created_at || entry.changed_at || entry.when;
    const has_values = changes.some((c) => 'before' in c || 'after' in c);
    list.append(
        el('li', {class: 'card', 'data-version': String(entry.version)},
           el('h3', {}, `Version ${entry.version}`, entry.action ? ` · ${entry.action}` : ''),
           el('p', {class: 'help'},
              `${who} · ${FormatDate(when)}${when ? ` ${new Date(when).toISOString().slice(11, 16)} UTC` : ''}`),
           changes.length ? (has_values ? ChangeTable(changes, `Fields changed in version ${entry.version}`) :
                                          el('p', {}, 'Changed: ', changes.map((c) => c.field).join(', '))) :
                            el('p', {}, 'No field changes recorded.'),
           entry.version !== latest ?
               el('button',
                  {type: 'button', 'data-restore': String(entry.version), onclick: () => onRestore(entry.version)},
                  `Restore version ${entry.version}`) :
               null));
  }
  if (!entries.length) list.append(el('li', {}, 'No history recorded.'));
}
