// The shipped data the grader reads, straight from the files (never from the
// index): profiles, vocabulary, gazetteer and licensure compacts.

import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const kRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const kRelevanceDir = path.join(kRepo, 'tests/relevance');
export const kSampleProfiles = path.join(kRepo, 'data/sample/profiles.ndjson');
export const kJudgmentsFile = path.join(kRelevanceDir, 'judgments.tsv');

// The profile field holding each list facet's values (DESIGN.md §2).
const kListFields = {
  specialty: 'specialties',
  modality: 'modalities',
  population: 'populations',
  session_format: 'session_formats',
  language: 'languages',
  insurance: 'insurance',
};

// The values a profile lists for `facet`, as an array of slugs.
export function ListedValues(profile, facet) {
  if (facet in kListFields) return profile[kListFields[facet]] || [];
  if (facet === 'profession' || facet === 'gender') return profile[facet] ? [profile[facet]] : [];
  if (facet === 'mode') return profile.telehealth?.modes || [];
  throw new Error(`no profile field for facet '${facet}'`);
}

// Hex SHA-256 of a file's bytes: judgments.tsv records the sample data's.
export function FileSha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function ReadProfiles(file = kSampleProfiles) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

// facet -> slug -> {label, synonyms}.
export function ReadVocabulary() {
  const raw = JSON.parse(readFileSync(path.join(kRepo, 'data/vocab.json'), 'utf8'));
  const vocabulary = {};
  for (const [facet, entries] of Object.entries(raw)) {
    vocabulary[facet] = {};
    for (const entry of entries) {
      vocabulary[facet][entry.value] = {label: entry.label, synonyms: entry.synonyms || []};
    }
  }
  return vocabulary;
}

// "City,ST" -> {lat, lon, state}.
export function ReadCities() {
  const cities = new Map();
  for (const c of JSON.parse(readFileSync(path.join(kRepo, 'data/cities.json'), 'utf8'))) {
    cities.set(`${c.city},${c.state}`, {lat: c.lat, lon: c.lon, state: c.state});
  }
  return cities;
}

// compact slug -> member states, for the compacts that issue privileges today.
export function ReadOperationalCompacts() {
  const raw = JSON.parse(readFileSync(path.join(kRepo, 'data/compacts.json'), 'utf8'));
  const compacts = new Map();
  for (const c of raw.compacts) {
    if (c.operational) compacts.set(c.value, new Set(c.member_states));
  }
  return compacts;
}
