// A Location whose office an import placed by ZIP or city carries Rapport's
// geo-precision extension on `position` (docs/interop.md §6), and still
// validates against the official FHIR R4 JSON schema, from the /fhir API and
// from `rapport-index export --format fhir`. The profiles are the browser
// tests' approximate offices, imported on top of the sample.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {StartServer, StopServer, kBuild, kRepo} from '../browser/lib/server.mjs';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator');
const kExtension = 'https://rapport.example/fhir/StructureDefinition/geo-precision';
// Profile id -> the precision its one office has in the imported file.
const kPrecisions = {'t-geo-zip': 'zip', 't-geo-city': 'city', 't-geo-address': 'address', 't-geo-editor': null};

let server;
let validator;

before(async () => {
  server = await StartServer({extra_ndjson: path.join(kRepo, 'tests/browser/data/approximate-offices.ndjson')});
  validator = new Validator();
});

after(async () => {
  await StopServer(server);
});

function CheckLocation(location, expected, where) {
  assert.deepEqual(validator.validate(location), [], `${where}: schema`);
  const marks = (location.position.extension ?? []).filter((e) => e.url === kExtension).map((e) => e.valueCode);
  assert.deepEqual(marks, expected ? [expected] : [], `${where}: geo-precision`);
}

test('/fhir/Location marks the precision of each office and validates', async () => {
  for (const [id, expected] of Object.entries(kPrecisions)) {
    const response = await fetch(`${server.base}/fhir/Location/${id}-office-1`);
    assert.equal(response.status, 200, id);
    CheckLocation(await response.json(), expected, `/fhir/Location/${id}-office-1`);
  }
});

test('the export marks the same, and validates', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-geo-export-'));
  try {
    const out = path.join(dir, 'fhir');
    const run = spawnSync(path.join(kBuild, 'indexer', 'rapport-index'),
        ['--data-dir', server.data_dir, 'export', '--format', 'fhir', out], {encoding: 'utf8'});
    assert.equal(run.status, 0, run.stderr);
    const locations = readFileSync(path.join(out, 'Location.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    for (const [id, expected] of Object.entries(kPrecisions)) {
      const location = locations.find((l) => l.id === `${id}-office-1`);
      assert.ok(location, id);
      CheckLocation(location, expected, `export ${id}`);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
