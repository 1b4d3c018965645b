// Reads tests/relevance/queries.tsv (its header says the format) into
// query objects, checking every facet:value against the vocabulary so a typo
// in an intent fails loudly instead of grading everything 0.

import {readFileSync} from 'node:fs';
import path from 'node:path';

import {kRelevanceDir} from './data.mjs';

export const kQueriesFile = path.join(kRelevanceDir, 'queries.tsv');

const kColumns = ['id', 'type', 'query', 'need', 'require', 'related'];
const kNone = '-';
// Constraint kinds that are not a facet:value of the vocabulary.
const kBareConstraints = new Set(['online', 'sliding_scale']);

function Concept(text, vocabulary, where) {
  const colon = text.indexOf(':');
  const facet = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (colon < 0 || !vocabulary[facet]?.[value]) {
    throw new Error(`${where}: '${text}' is not a facet:value of data/vocab.json`);
  }
  return {facet, value};
}

function Constraint(text, vocabulary, cities, where) {
  if (kBareConstraints.has(text)) return {kind: text};
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (kind === 'city') {
    if (!cities.has(value)) throw new Error(`${where}: city '${value}' is not in data/cities.json`);
    return {kind, value};
  }
  if (kind === 'virtual_in') {
    if (!vocabulary.state[value]) throw new Error(`${where}: '${value}' is not a state`);
    return {kind, value};
  }
  return {kind: 'facet', ...Concept(text, vocabulary, where)};
}

function Split(text, separator) {
  return text === kNone ? [] : text.split(separator).map((item) => item.trim());
}

// [{id, type, text, need: [[{facet, value}]], require: [...], related: [...]}]
// in file order.
export function ReadQueries(vocabulary, cities, file = kQueriesFile) {
  const queries = [];
  const ids = new Set();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const where = `${path.basename(file)}:${index + 1}`;
      const fields = line.split('\t');
      if (fields.length !== kColumns.length) {
        throw new Error(`${where}: expected ${kColumns.length} tab-separated fields`);
      }
      const [id, type, text, need, require, related] = fields;
      if (ids.has(id)) throw new Error(`${where}: id '${id}' appears twice`);
      if (need === kNone && require === kNone) throw new Error(`${where}: asks for nothing`);
      ids.add(id);
      queries.push({
        id,
        type,
        text,
        need: Split(need, ' + ').map((part) =>
          part.split('|').map((alternative) => Concept(alternative, vocabulary, where))),
        require: Split(require, ' + ').map((item) => Constraint(item, vocabulary, cities, where)),
        related: Split(related, ',').map((item) => Concept(item, vocabulary, where)),
      });
    });
  return queries;
}
