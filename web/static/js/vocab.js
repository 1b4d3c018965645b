// Loads the facet vocabularies (GET /api/v1/vocab) once and answers
// "what is the display label of this slug".

import {GetJson, kApiBase} from './api.js';

let vocab_promise = null;

// Normalises the answer to {facet: [{value, label}]}, accepting either the
// bare object or one wrapped in {"vocab": …} / {"facets": …}.
function Normalise(data) {
  const source = (data && (data.vocab || data.facets)) || data || {};
  const out = {};
  for (const [facet, values] of Object.entries(source)) {
    if (Array.isArray(values)) out[facet] = values.filter((v) => v && v.value !== undefined);
  }
  return out;
}

export function LoadVocab() {
  if (!vocab_promise) {
    vocab_promise = GetJson(`${kApiBase}/vocab`).then((r) => (r.ok ? Normalise(r.data) : {}));
  }
  return vocab_promise;
}

export function Label(vocab, facet, value) {
  const list = vocab[facet];
  if (list) {
    const entry = list.find((v) => String(v.value) === String(value));
    if (entry && entry.label) return entry.label;
  }
  return String(value);
}
