// The engine's retrieval runs for the pool, through the real rapport-query
// command on a data folder built from the sample profiles:
//   strict  the query as the search page sends it (pageParams: interpret=true)
//   any     the same words joined by OR

import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

// Words the query parser reads as operators in any case (text_query.cpp sets
// FLAG_BOOLEAN_ANY_CASE): left out of the OR run so they stay words of no run.
const kOperatorWords = new Set(['and', 'or', 'not']);

function Command(buildDir, part, name) {
  const file = path.join(buildDir, part, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first`);
  return file;
}

function Run(file, args) {
  const result = spawnSync(file, args, {encoding: 'utf8', maxBuffer: 1 << 28});
  if (result.status !== 0) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${result.status}: ` +
      `${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

export class EngineRuns {
  // Imports `profilesFile` and builds its index in a new temporary folder
  // with the commands of `buildDir` (a CMake build folder). `pageParams` are
  // the parameters the search page adds to `q` (none for a build older than them).
  constructor(buildDir, profilesFile, pageParams = []) {
    this.pageParams_ = pageParams;
    this.query_ = Command(buildDir, 'query', 'rapport-query');
    const index = Command(buildDir, 'indexer', 'rapport-index');
    this.dataDir_ = mkdtempSync(path.join(tmpdir(), 'rapport-relevance-'));
    Run(index, ['--data-dir', this.dataDir_, 'import', profilesFile]);
    Run(index, ['--data-dir', this.dataDir_, 'rebuild']);
  }

  // Removes the temporary data folder.
  Close() {
    rmSync(this.dataDir_, {recursive: true, force: true});
  }

  // Ids of the engine's first `count` results for `q` (default parameters).
  Top(q, count, extra = []) {
    const out = Run(this.query_, ['--data-dir', this.dataDir_, `q=${q}`, `limit=${count}`, ...extra]);
    return JSON.parse(out).results.map((hit) => hit.id);
  }

  Strict(queryText, count) {
    return this.Top(queryText, count, this.pageParams_);
  }

  Any(queryText, count) {
    const words = queryText.split(/\s+/).filter((w) => w && !kOperatorWords.has(w.toLowerCase()));
    return this.Top(words.join(' OR '), count);
  }
}
