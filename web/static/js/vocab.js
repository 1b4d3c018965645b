// Loads the facet vocabularies and the facet catalogue (GET /api/v1/vocab)
// once and answers "what is the display label of this slug / this facet" and
// "which facets does the client search page list, in which order".

import {GetJson, kApiBase} from './api.js';

let answer_promise = null;
let vocab_promise = null;

function LoadAnswer() {
  if (!answer_promise) answer_promise = GetJson(`${kApiBase}/vocab`).then((r) => (r.ok ? r.data : null));
  return answer_promise;
}

// Normalises the answer to {facet: [{value, label}], catalogue: [{name,
// label, panel_position, ...}]}.
function Normalise(data) {
  const source = data || {};
  const out = {};
  for (const [facet, values] of Object.entries(source)) {
    if (facet !== 'catalogue' && Array.isArray(values)) out[facet] = values.filter((v) => v && v.value !== undefined);
  }
  out.catalogue =
      Array.isArray(source.catalogue) ? source.catalogue.filter((f) => f && typeof f.name === 'string') : [];
  return out;
}

// What the page uses before (or without) an answer.
export const kEmptyVocab = Object.freeze({catalogue: []});

export function LoadVocab() {
  if (!vocab_promise) vocab_promise = LoadAnswer().then((data) => (data ? Normalise(data) : kEmptyVocab));
  return vocab_promise;
}

// The facets the client search page shows a panel for, in panel order.
export function PanelFacets(vocab) {
  return (vocab.catalogue || [])
      .filter((f) => Number.isInteger(f.panel_position) && f.panel_position > 0)
      .sort((a, b) => a.panel_position - b.panel_position);
}

// The catalogue's facets a search can filter by a list of values, panel or
// not (a filter without a panel shows only as a chip: e.g. "Teens" read from
// the words "for teens").
export function FilterFacets(vocab) {
  return (vocab.catalogue || []).filter((f) => f.filterable && f.repeatable);
}

// The label clients read for a facet (its catalogue label), or its name.
export function FacetLabel(vocab, facet) {
  const entry = (vocab.catalogue || []).find((f) => f.name === facet);
  return entry && entry.label ? entry.label : facet;
}

// The facet catalogue of the same answer: [{name, label, vocabulary,
// profile_path, values, …}], one entry per facet in API order.
export async function LoadCatalogue() {
  const data = await LoadAnswer();
  return data && Array.isArray(data.catalogue) ? data.catalogue : [];
}

export function Label(vocab, facet, value) {
  const list = vocab[facet];
  if (list) {
    const entry = list.find((v) => String(v.value) === String(value));
    if (entry && entry.label) return entry.label;
  }
  return String(value);
}
