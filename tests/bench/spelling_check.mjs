// The "did you mean" rules (docs/search-api.md) at volume: the lay queries of
// issue 13 and real typos, each searched with and without filters through a
// running rapport-server. Prints one line per search and exits 1 when a lay
// query gets a correction or a typo does not get the one whose own search
// finds the same therapists. Used by spelling_check.sh.
//
//   node tests/bench/spelling_check.mjs http://127.0.0.1:8080

const base = process.argv[2];
const kFilterSets = [
  '',
  '&in_person=true&near=37.8044,-122.2712&radius_km=10',
  '&virtual=true&state=WY',
  '&insurance=tricare&language=es',
];
const kLayQueries = [
  'panic attacks', 'hoarding', 'grief counseling online', 'eating disorder specialist',
  'sliding scale therapist', 'therapist for anxiety who takes aetna', 'family therapy for my son',
  'i feel lonely and sad all the time',
];
const kTypos = [['anxeity', 'anxiety'], ['depresion', 'depression'], ['traumma', 'trauma'], ['EMRD therapy', 'emdr therapy']];

async function Search(q, filters) {
  const response = await fetch(`${base}/api/v1/search?limit=1&q=${encodeURIComponent(q)}${filters}`);
  if (response.status !== 200) throw new Error(`${q}${filters}: HTTP ${response.status}`);
  return response.json();
}

let failures = 0;
function Report(ok, text) {
  if (!ok) ++failures;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
}

for (const q of kLayQueries) {
  for (const filters of kFilterSets) {
    const answer = await Search(q, filters);
    Report(answer.did_you_mean === null,
      `"${q}"${filters}: ${answer.total} found, did_you_mean ${JSON.stringify(answer.did_you_mean)}`);
  }
}
for (const [typed, corrected] of kTypos) {
  for (const filters of kFilterSets) {
    const answer = await Search(typed, filters);
    const right = await Search(corrected, filters);
    const expected = right.total > 0 ? corrected : null;
    Report(answer.did_you_mean === expected && answer.total === right.total,
      `"${typed}"${filters}: ${answer.total} found, did_you_mean ${JSON.stringify(answer.did_you_mean)}; "${corrected}" finds ${right.total}`);
  }
}
console.log(failures ? `${failures} searches break the rules` : 'every search follows the rules');
process.exit(failures ? 1 : 0);
