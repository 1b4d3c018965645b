// Regenerates tests/relevance/judgments.tsv: for every query of queries.tsv,
// pools the top 20 of four retrieval runs (the engine as is, the engine with
// OR between the words, the independent SimpleScorer, and the judges' own run:
// the best profiles of the whole sample by the criteria) and grades each
// pooled profile by criteria.md. Run it when the sample data, the vocabulary or the
// queries change (tests/relevance/README.md):
//
//   node tests/relevance/grader/make_judgments.mjs --build-dir build/release

import {createHash} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import path from 'node:path';

import {Grader} from './criteria.mjs';
import {
  FileSha256, ReadCities, ReadOperationalCompacts, ReadProfiles, ReadVocabulary, kJudgmentsFile,
  kRepo, kSampleProfiles,
} from './data.mjs';
import {EngineRuns} from './engine_runs.mjs';
import {ReadQueries} from './queries.mjs';
import {SimpleScorer} from './simple_scorer.mjs';

const kPoolDepth = 20;

function BuildDir(argv) {
  const at = argv.indexOf('--build-dir');
  return path.resolve(at >= 0 && argv[at + 1] ? argv[at + 1] : path.join(kRepo, 'build/release'));
}

// `--compare-build-dir DIR`: another build of the engine (an earlier commit)
// whose top 20 are pooled too, as run "c", so both engines are measured on
// judgments that cover both (README.md, "Comparing two engines").
function CompareBuildDir(argv) {
  const at = argv.indexOf('--compare-build-dir');
  return at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1]) : null;
}

// The judges' run: the `count` best-graded profiles of the whole sample.
// Equal grades come in an order fixed by a hash of query and profile ids, so
// the pick among many equally good profiles favours no part of the file.
function BestByCriteria(grader, query, profiles, count) {
  const order = (id) => createHash('sha1').update(`${query.id}/${id}`).digest('hex');
  return profiles
    .map((p) => ({id: p.id, grade: grader.Grade(query, p).grade, order: order(p.id)}))
    .filter((p) => p.grade > 0)
    .sort((x, y) => y.grade - x.grade || (x.order < y.order ? -1 : 1))
    .slice(0, count)
    .map((p) => p.id);
}

// "2026-12-04T08:00:00Z": the UTC time, to the second.
function UtcNow() {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function Header(sha256, judgedAt) {
  return [
    '# Graded judgments of tests/relevance: made by grader/make_judgments.mjs; do not edit by hand.',
    '# Each line: query id, profile id, grade 0-3 (criteria.md), the runs that pooled it',
    '# (s = engine as is, a = engine with OR, i = independent scorer, m = best by the',
    '# criteria over the whole sample; top 20 each),',
    '# and how the grader saw each part (L listed, B in the bio, - neither).',
    `# sample_sha256\t${sha256}`,
    '# judged_at: when the engine runs ran; the benchmark and the test evaluate the profiles',
    '# as old as they were then (tests/relevance/profiles_as_judged.h).',
    `# judged_at\t${judgedAt}`,
    '#query\tprofile\tgrade\truns\treason',
  ].join('\n');
}

function Main() {
  const vocabulary = ReadVocabulary();
  const cities = ReadCities();
  const profiles = ReadProfiles();
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const queries = ReadQueries(vocabulary, cities);
  const grader = new Grader({vocabulary, cities, compacts: ReadOperationalCompacts()});
  const scorer = new SimpleScorer(profiles, vocabulary);
  const engine = new EngineRuns(BuildDir(process.argv), kSampleProfiles, ['interpret=true']);
  const compare_dir = CompareBuildDir(process.argv);
  const compared = compare_dir ? new EngineRuns(compare_dir, kSampleProfiles) : null;
  const lines = [Header(FileSha256(kSampleProfiles), UtcNow())];
  const histogram = [0, 0, 0, 0];
  try {
    for (const query of queries) {
      const runs = {
        s: engine.Strict(query.text, kPoolDepth),
        a: engine.Any(query.text, kPoolDepth),
        i: scorer.Top(query.text, kPoolDepth),
        m: BestByCriteria(grader, query, profiles, kPoolDepth),
        ...(compared ? {c: compared.Strict(query.text, kPoolDepth)} : {}),
      };
      const pool = new Map();  // profile id -> run letters
      for (const [letter, ids] of Object.entries(runs)) {
        for (const id of ids) pool.set(id, (pool.get(id) || '') + letter);
      }
      const judged = [...pool].map(([id, letters]) => {
        const {grade, reason} = grader.Grade(query, byId.get(id));
        return {id, letters, grade, reason};
      });
      judged.sort((x, y) => y.grade - x.grade || (x.id < y.id ? -1 : 1));
      for (const j of judged) {
        lines.push([query.id, j.id, j.grade, j.letters, j.reason].join('\t'));
        ++histogram[j.grade];
      }
      process.stderr.write(`${query.id}: pooled ${judged.length}\n`);
    }
  } finally {
    engine.Close();
    if (compared) compared.Close();
  }
  writeFileSync(kJudgmentsFile, `${lines.join('\n')}\n`);
  process.stderr.write(`${queries.length} queries, ${lines.length - 1} judgments; ` +
    `grades 0..3: ${histogram.join(' ')}\n`);
}

Main();
