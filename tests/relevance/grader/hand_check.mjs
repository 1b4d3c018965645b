// The hand check of the grader (criteria.md, "Checked by hand").
//
//   node tests/relevance/grader/hand_check.mjs sheet [--count N] [--seed S]
//     prints a blind grading sheet: a sample of judgments.tsv (every query
//     once, then more from grades 1 and 2, where grading is hardest) with
//     each profile's facts and bio, without the grader's grade
//   node tests/relevance/grader/hand_check.mjs agreement
//     grades every pair of hand_check.tsv with the grader as it is now and
//     prints the agreement with the hand grades and every disagreement

import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';

import {DistanceKm, Grader} from './criteria.mjs';
import {
  ReadCities, ReadOperationalCompacts, ReadProfiles, ReadVocabulary, kJudgmentsFile,
  kRelevanceDir,
} from './data.mjs';
import {ReadQueries, kQueriesFile} from './queries.mjs';

const kHandCheckFile = path.join(kRelevanceDir, 'hand_check.tsv');
const kDefaultCount = 120;
const kHardGrades = new Set([1, 2]);

function Option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

function DataRows(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

function Sample(count, seed) {
  const order = (row) => createHash('sha1').update(`${seed}/${row[0]}/${row[1]}`).digest('hex');
  const rows = DataRows(kJudgmentsFile).sort((x, y) => (order(x) < order(y) ? -1 : 1));
  const picked = [];
  const seen = new Set();
  for (const row of rows) {
    if (seen.has(row[0])) continue;
    seen.add(row[0]);
    picked.push(row);
  }
  for (const row of rows) {
    if (picked.length >= count) break;
    if (kHardGrades.has(Number(row[2])) && !picked.includes(row)) picked.push(row);
  }
  return picked.slice(0, count);
}

// The profile's facts; with `city` ({lat, lon}) each office's distance to it.
function Facts(profile, city) {
  const list = (values) => (values && values.length ? values.join(', ') : '(none)');
  const offices = (profile.offices || []).map((o) =>
    `${o.city}, ${o.state}${city ? ` (${DistanceKm(o, city).toFixed(0)} km)` : ''}`);
  return [
    `  profession ${profile.profession}; gender ${profile.gender || '(none)'}`,
    `  specialties ${list(profile.specialties)}`,
    `  modalities ${list(profile.modalities)}`,
    `  populations ${list(profile.populations)}; formats ${list(profile.session_formats)}`,
    `  languages ${list(profile.languages)}; insurance ${list(profile.insurance)}`,
    `  offices ${list(offices)}; licensed ${list((profile.licenses || []).map((l) => l.state))}; ` +
      `compacts ${list(profile.compacts)}`,
    `  telehealth ${list(profile.telehealth?.modes)}; sliding scale ${profile.fee?.sliding_scale === true}`,
    `  bio: ${profile.bio}`,
  ].join('\n');
}

function PrintSheet() {
  const count = Number(Option('--count', kDefaultCount));
  const seed = Option('--seed', '1');
  const profiles = new Map(ReadProfiles().map((p) => [p.id, p]));
  const cities = ReadCities();
  const intents = new Map(DataRows(kQueriesFile).map((f) => [f[0], f]));
  for (const [queryId, profileId] of Sample(count, seed)) {
    const [, type, text, need, require, related] = intents.get(queryId);
    const city = /city:([^+]+)/.exec(require);
    console.log(`${queryId}\t${profileId}\t?`);
    console.log(`  query "${text}" (${type}); need ${need}; require ${require}; related ${related}`);
    console.log(Facts(profiles.get(profileId), city && cities.get(city[1].trim())));
  }
}

function PrintAgreement() {
  const vocabulary = ReadVocabulary();
  const cities = ReadCities();
  const grader = new Grader({vocabulary, cities, compacts: ReadOperationalCompacts()});
  const queries = new Map(ReadQueries(vocabulary, cities).map((q) => [q.id, q]));
  const profiles = new Map(ReadProfiles().map((p) => [p.id, p]));
  let agree = 0;
  let withinOne = 0;
  const rows = DataRows(kHandCheckFile);
  for (const [queryId, profileId, hand, note] of rows) {
    const {grade, reason} = grader.Grade(queries.get(queryId), profiles.get(profileId));
    if (grade === Number(hand)) {
      ++agree;
    } else {
      console.log(`${queryId}\t${profileId}\thand ${hand}\tgrader ${grade} (${reason})\t${note}`);
    }
    if (Math.abs(grade - Number(hand)) <= 1) ++withinOne;
  }
  const percent = (n) => ((100 * n) / rows.length).toFixed(1);
  console.log(`${rows.length} hand grades: the grader agrees on ${agree} (${percent(agree)}%), ` +
    `within one grade on ${withinOne} (${percent(withinOne)}%)`);
}

const kCommands = {sheet: PrintSheet, agreement: PrintAgreement};
const command = kCommands[process.argv[2]];
if (!command) {
  console.error('usage: hand_check.mjs sheet [--count N] [--seed S] | agreement');
  process.exit(2);
}
command();
