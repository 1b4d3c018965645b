// An independent retrieval run for the pool, sharing no code with the engine:
// each query word (a misspelt one replaced by the nearest word of the
// data, at most two edits away) scores idf × (2 if it is a word of the label
// or a synonym of a value the profile lists, + 1 if it is a word of the bio).
// Any word may match (OR), so it also finds what strict matching misses.

import {Words} from './bio_mentions.mjs';
import {ListedValues} from './data.mjs';

const kLabelWeight = 2;
const kBioWeight = 1;
const kMaxEdits = 2;
// Words too common in queries to score; "and", "or", "not" among them.
const kStopWords = new Set([
  'a', 'about', 'after', 'all', 'an', 'and', 'are', 'at', 'by', 'for', 'i', 'in', 'is', 'it',
  'me', 'my', 'not', 'of', 'on', 'or', 'our', 'that', 'the', 'to', 'too', 'who', 'with',
]);
const kScoredFacets = [
  'specialty', 'modality', 'population', 'session_format', 'language', 'insurance', 'profession',
  'mode',
];

// Damerau–Levenshtein distance (adjacent transpositions count one edit).
function EditDistance(a, b) {
  const d = Array.from({length: a.length + 1}, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; ++j) d[0][j] = j;
  for (let i = 1; i <= a.length; ++i) {
    for (let j = 1; j <= b.length; ++j) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

export class SimpleScorer {
  constructor(profiles, vocabulary) {
    this.docs_ = profiles.map((profile) => {
      const labels = new Set();
      for (const facet of kScoredFacets) {
        for (const value of ListedValues(profile, facet)) {
          const entry = vocabulary[facet][value];
          if (!entry) continue;
          for (const text of [entry.label, ...entry.synonyms]) {
            for (const w of Words(text)) labels.add(w.key);
          }
        }
      }
      const bio = new Set(Words(profile.bio || '').map((w) => w.key));
      return {id: profile.id, labels, bio};
    });
    this.frequency_ = new Map();  // word key -> number of profiles holding it
    for (const doc of this.docs_) {
      for (const key of new Set([...doc.labels, ...doc.bio])) {
        this.frequency_.set(key, (this.frequency_.get(key) || 0) + 1);
      }
    }
  }

  // The known word nearest to `key` (most frequent among equals), or null.
  Correct(key) {
    if (this.frequency_.has(key)) return key;
    let best = null;
    let bestDistance = kMaxEdits + 1;
    for (const [known, frequency] of this.frequency_) {
      const distance = EditDistance(key, known);
      if (distance < bestDistance ||
          (distance === bestDistance && best && frequency > this.frequency_.get(best))) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  // Ids of the best `count` profiles with a positive score, ties by id.
  Top(queryText, count) {
    const keys = Words(queryText)
      .map((w) => w.key)
      .filter((key) => !kStopWords.has(key))
      .map((key) => this.Correct(key))
      .filter((key) => key !== null);
    const documents = this.docs_.length;
    const scored = [];
    for (const doc of this.docs_) {
      let score = 0;
      for (const key of keys) {
        const idf = Math.log(documents / this.frequency_.get(key));
        score += idf * ((doc.labels.has(key) ? kLabelWeight : 0) + (doc.bio.has(key) ? kBioWeight : 0));
      }
      if (score > 0) scored.push({id: doc.id, score});
    }
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return scored.slice(0, count).map((s) => s.id);
  }
}
