// Loads the facet vocabularies (GET /api/v1/vocab) once and answers
// "what is the display label of this slug".

import {GetJson, kApiBase} from './api.js';

let answer_promise = null;
let vocab_promise = null;

function LoadAnswer() {
  if (!answer_promise) answer_promise = GetJson(`${kApiBase}/vocab`).then((r) => (r.ok ? r.data : {}));
  return answer_promise;
}

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
  if (!vocab_promise) vocab_promise = LoadAnswer().then(Normalise);
  return vocab_promise;
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
