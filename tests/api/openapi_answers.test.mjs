// Every answer validates against /openapi.json: the real rapport-server over
// the sample profiles gets requests covering every operation and each status
// a test can reach (201, 204, 304, 400, 401, 403, 404, 405, 409, 412, 413,
// 415, 422, 428, 429), and each answer's status, body and headers are checked
// against the document's schema for that operation and status
// (lib/openapi_check.mjs). The suite fails listing any operation it never
// reached.

import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {StartServer, StopServer, kBuild, kEditors} from '../browser/lib/server.mjs';
import {OpenApiChecker} from './lib/openapi_check.mjs';

const kAdmin = {email: 'root@rapport.test', password: 'correct horse battery staple 3'};
const kBrowserOrigin = 'https://partner.example';
// Sends more than rapport-server's default --max-body-bytes (1 MiB).
const kOversizedBodyBytes = (1 << 20) + 1;
// A key that refills a token every 100 s: its burst runs out within the test.
const kSlowKeyRate = '0.01/s';
const kSlowKeyBurst = 2;

let server;
let checker;

function Admin(args, input) {
  const result = spawnSync(path.join(kBuild, 'web', 'rapport-admin'), ['--data-dir', server.data_dir, ...args],
                           {input, encoding: 'utf8'});
  assert.equal(result.status, 0, `rapport-admin ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

before(async () => {
  server = await StartServer();
  Admin(['editors', 'create', '--email', kAdmin.email, '--role', 'admin'], `${kAdmin.password}\n${kAdmin.password}\n`);
  const document = await (await fetch(`${server.base}/openapi.json`)).json();
  checker = new OpenApiChecker(document);
});

after(async () => {
  await StopServer(server);
});

// Sends a request and checks its answer against `operation` in the
// document; the answer's status must be `status`.
async function Expect(operation, status, target, {method, headers = {}, body} = {}) {
  const response = await fetch(`${server.base}${target}`, {
    method: method ?? operation.split(' ')[0], headers, body, redirect: 'manual',
  });
  const answer = {status: response.status, headers: response.headers, text: await response.text()};
  assert.equal(answer.status, status, `${operation} (${target}): status\n${answer.text.slice(0, 400)}`);
  checker.Check(operation, answer);
  return {...answer, json: () => JSON.parse(answer.text)};
}

// fetch options of a JSON body, with more request headers.
function JsonRequest(value, headers = {}) {
  return {headers: {'Content-Type': 'application/json', ...headers}, body: JSON.stringify(value)};
}

async function LogIn(editor) {
  const answer = await Expect('POST /api/v1/session', 200, '/api/v1/session',
                              JsonRequest({email: editor.email, password: editor.password}));
  const cookie = answer.headers.get('set-cookie').split(';')[0];
  return {Cookie: cookie, 'X-CSRF-Token': answer.json().csrf_token};
}

test('public search, multi-search and suggest answers match their schemas', async () => {
  const found = await Expect('GET /api/v1/search', 200, '/api/v1/search?q=anxiety&facets=modality,insurance&limit=5');
  assert.ok(found.json().results.length > 0, 'the sample has anxiety therapists');
  const walk = await Expect('GET /api/v1/search', 200, '/api/v1/search?near=37.80,-122.27&radius_km=200&cursor=*&limit=2');
  assert.equal(typeof walk.json().next_cursor, 'string', 'a walk names its next page');
  assert.equal(typeof walk.json().results[0].distance_km, 'number', 'near= gives distances');
  await Expect('GET /api/v1/search', 200, '/api/v1/search?q=anxeity');
  const interpreted = await Expect('GET /api/v1/search', 200, '/api/v1/search?q=spanish+speaking+anxiety&interpret=true');
  assert.notEqual(interpreted.json().interpreted, null, 'interpret=true names the filter words it read');
  await Expect('GET /api/v1/search', 400, '/api/v1/search?limit=0');
  await Expect('GET /api/v1/search', 405, '/api/v1/search', {method: 'DELETE'});
  await Expect('GET /api/v1/search', 401, '/api/v1/search', {headers: {Authorization: 'Bearer rk_nosuch_key'}});
  await Expect('POST /api/v1/search', 200, '/api/v1/search', JsonRequest({q: 'grief', modality: ['cbt', 'emdr'], virtual: true, state: 'CA'}));
  await Expect('POST /api/v1/search', 200, '/api/v1/search', {headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'q=anxiety&state=CA'});
  await Expect('POST /api/v1/search', 400, '/api/v1/search', JsonRequest({limit: [1, 2]}));
  await Expect('POST /api/v1/search', 415, '/api/v1/search', {headers: {'Content-Type': 'text/plain'}, body: 'q=x'});
  await Expect('POST /api/v1/search', 413, '/api/v1/search', {headers: {'Content-Type': 'application/json'}, body: ' '.repeat(kOversizedBodyBytes)});
  const multi = await Expect('POST /api/v1/multi-search', 200, '/api/v1/multi-search',
                             JsonRequest({searches: [{q: 'grief', limit: 3}, {limit: 0}]}));
  assert.equal(multi.json().results[1].status, 400, 'the bad search answers its own error');
  await Expect('POST /api/v1/multi-search', 400, '/api/v1/multi-search', JsonRequest({searches: []}));
  await Expect('POST /api/v1/multi-search', 415, '/api/v1/multi-search', {headers: {'Content-Type': 'text/plain'}, body: '{}'});
  await Expect('GET /api/v1/suggest', 200, '/api/v1/suggest?q=anx');
  await Expect('GET /api/v1/suggest', 400, '/api/v1/suggest');
});

test('profiles, vocabulary, directory and the document revalidate with ETag', async () => {
  const id = (await (await fetch(`${server.base}/api/v1/search?limit=1`)).json()).results[0].id;
  for (const [operation, target] of [['GET /api/v1/therapists/{id}', `/api/v1/therapists/${id}`],
                                     ['GET /api/v1/vocab', '/api/v1/vocab'],
                                     ['GET /api/v1/directory', '/api/v1/directory'],
                                     ['GET /openapi.json', '/openapi.json']]) {
    const first = await Expect(operation, 200, target);
    await Expect(operation, 304, target, {headers: {'If-None-Match': first.headers.get('etag')}});
  }
  await Expect('GET /api/v1/therapists/{id}', 404, '/api/v1/therapists/t-none');
  await Expect('GET /api/v1/therapists/{id}', 400, `/api/v1/therapists/${id}?x=1`);
  await Expect('GET /api/v1/vocab', 400, '/api/v1/vocab?x=1');
  await Expect('GET /api/v1/directory', 400, '/api/v1/directory?x=1');
});

test('partner keys: RateLimit headers, 429 and the browser-safe key\'s 403', async () => {
  const slow = Admin(['keys', 'create', '--partner', 'slow', '--rate', kSlowKeyRate, '--burst', String(kSlowKeyBurst)]);
  const keyed = {Authorization: `Bearer ${slow}`};
  const first = await Expect('GET /api/v1/suggest', 200, '/api/v1/suggest?q=gri', {headers: keyed});
  assert.equal(first.headers.get('ratelimit-limit'), String(kSlowKeyBurst), 'RateLimit-Limit is the burst');
  // Spend the rest of the burst; the next request is refused.
  for (let spent = 1; spent < kSlowKeyBurst; ++spent) {
    await (await fetch(`${server.base}/api/v1/vocab`, {headers: keyed})).arrayBuffer();
  }
  await Expect('GET /api/v1/vocab', 429, '/api/v1/vocab', {headers: keyed});
  const browser = Admin(['keys', 'create', '--partner', 'clinic', '--search-only', '--origin', kBrowserOrigin]);
  await Expect('GET /api/v1/search', 403, '/api/v1/search?q=grief', {headers: {Authorization: `Bearer ${browser}`}});
  // A route a browser-safe key may not call, even from its own origin.
  await Expect('GET /openapi.json', 403, '/openapi.json',
               {headers: {Authorization: `Bearer ${browser}`, Origin: kBrowserOrigin}});
  await Expect('GET /api/v1/search', 200, '/api/v1/search?q=grief',
               {headers: {Authorization: `Bearer ${browser}`, Origin: kBrowserOrigin}});
});

test('the editor API: session, writes, conflicts, history, stale list, batch', async () => {
  await Expect('GET /api/v1/session', 401, '/api/v1/session');
  await Expect('POST /api/v1/session', 400, '/api/v1/session', JsonRequest({email: kEditors[0].email}));
  await Expect('POST /api/v1/session', 415, '/api/v1/session', {headers: {'Content-Type': 'text/plain'}, body: '{}'});
  const stranger = {email: 'nobody@rapport.test', password: 'not the password at all'};
  await Expect('POST /api/v1/session', 401, '/api/v1/session', JsonRequest(stranger));
  let throttled;
  for (let attempt = 0; attempt < 10 && !throttled; ++attempt) {
    const response = await fetch(`${server.base}/api/v1/session`, {method: 'POST', ...JsonRequest(stranger)});
    await response.arrayBuffer();
    throttled = response.status === 429;
  }
  assert.ok(throttled, 'failed logins are delayed');
  await Expect('POST /api/v1/session', 429, '/api/v1/session', JsonRequest(stranger));

  const editor = await LogIn(kEditors[0]);
  await Expect('GET /api/v1/session', 200, '/api/v1/session', {headers: editor});
  const id = (await (await fetch(`${server.base}/api/v1/search?limit=1`)).json()).results[0].id;
  const read = await Expect('GET /api/v1/editor/therapists/{id}', 200, `/api/v1/editor/therapists/${id}`, {headers: editor});
  await Expect('GET /api/v1/editor/therapists/{id}', 404, '/api/v1/editor/therapists/t-none', {headers: editor});
  const profile = read.json();

  const fresh = {...profile, id: 't-openapi-check'};
  const created = await Expect('POST /api/v1/therapists', 201, '/api/v1/therapists', JsonRequest(fresh, editor));
  await Expect('POST /api/v1/therapists', 409, '/api/v1/therapists', JsonRequest(fresh, editor));
  await Expect('POST /api/v1/therapists', 422, '/api/v1/therapists', JsonRequest({id: 't-openapi-bad', name: ''}, editor));
  await Expect('POST /api/v1/therapists', 403, '/api/v1/therapists', JsonRequest(fresh, {Cookie: editor.Cookie}));
  await Expect('POST /api/v1/therapists', 400, '/api/v1/therapists', {headers: {...editor, 'Content-Type': 'application/json'}, body: '{'});

  const path_of = `/api/v1/therapists/${fresh.id}`;
  const etag = created.headers.get('etag');
  const changed = {...created.json(), bio: `${profile.bio ?? ''} Also sees couples.`};
  await Expect('PUT /api/v1/therapists/{id}', 428, path_of, {method: 'PUT', ...JsonRequest(changed, editor)});
  const updated = await Expect('PUT /api/v1/therapists/{id}', 200, path_of, {method: 'PUT', ...JsonRequest(changed, {...editor, 'If-Match': etag})});
  await Expect('PUT /api/v1/therapists/{id}', 412, path_of, {method: 'PUT', ...JsonRequest(changed, {...editor, 'If-Match': etag})});
  await Expect('PUT /api/v1/therapists/{id}', 422, path_of, {method: 'PUT', ...JsonRequest({...changed, id: 't-other'}, {...editor, 'If-Match': updated.headers.get('etag')})});
  await Expect('PUT /api/v1/therapists/{id}', 404, '/api/v1/therapists/t-none', {method: 'PUT', ...JsonRequest(changed, {...editor, 'If-Match': etag})});

  await Expect('POST /api/v1/therapists/{id}/confirm-availability', 200, `${path_of}/confirm-availability`, JsonRequest({accepting_new_clients: true}, editor));
  await Expect('POST /api/v1/therapists/{id}/verify', 200, `${path_of}/verify`, {method: 'POST', headers: editor});
  await Expect('DELETE /api/v1/therapists/{id}', 200, path_of, {headers: editor});
  await Expect('POST /api/v1/therapists/{id}/verify', 409, `${path_of}/verify`, {method: 'POST', headers: editor});
  await Expect('POST /api/v1/therapists/{id}/confirm-availability', 409, `${path_of}/confirm-availability`, {method: 'POST', headers: editor});
  await Expect('GET /api/v1/therapists/{id}/history', 200, `${path_of}/history`, {headers: editor});
  await Expect('POST /api/v1/therapists/{id}/restore', 200, `${path_of}/restore`, JsonRequest({version: 1}, editor));
  await Expect('POST /api/v1/therapists/{id}/restore', 400, `${path_of}/restore`, JsonRequest({version: 'one'}, editor));

  await Expect('GET /api/v1/editor/stale', 200, '/api/v1/editor/stale?days=1&limit=5', {headers: editor});
  await Expect('GET /api/v1/editor/stale', 400, '/api/v1/editor/stale?days=0', {headers: editor});

  const ndjson = {'Content-Type': 'application/x-ndjson'};
  const lines = `${JSON.stringify({...profile, id: 't-openapi-batch'})}\n${JSON.stringify({id: 't-openapi-broken'})}\n`;
  await Expect('POST /api/v1/therapists:batch', 403, '/api/v1/therapists:batch', {headers: {...editor, ...ndjson}, body: lines});
  const admin = await LogIn(kAdmin);
  const batch = await Expect('POST /api/v1/therapists:batch', 200, '/api/v1/therapists:batch', {headers: {...admin, ...ndjson}, body: lines});
  assert.deepEqual([batch.json().created, batch.json().invalid], [1, 1], 'one line written, one refused');

  await Expect('DELETE /api/v1/session', 403, '/api/v1/session', {headers: {Cookie: editor.Cookie}});
  await Expect('DELETE /api/v1/session', 204, '/api/v1/session', {headers: editor});
});

test('health, readiness and metrics', async () => {
  await Expect('GET /healthz', 200, '/healthz');
  await Expect('GET /readyz', 200, '/readyz');
  await Expect('GET /metrics', 200, '/metrics');
  await Expect('GET /metrics', 405, '/metrics', {method: 'POST'});
});

test('FHIR answers match their operations (application/fhir+json, OperationOutcome errors)', async () => {
  await Expect('GET /fhir/metadata', 200, '/fhir/metadata');
  await Expect('GET /fhir/metadata', 406, '/fhir/metadata?_format=xml');
  const bundle = await Expect('GET /fhir/PractitionerRole', 200,
                              '/fhir/PractitionerRole?_include=PractitionerRole:practitioner&_count=3');
  await Expect('GET /fhir/PractitionerRole', 400, '/fhir/PractitionerRole?_count=abc');
  await Expect('GET /fhir/PractitionerRole', 405, '/fhir/PractitionerRole', {method: 'DELETE'});
  const id = bundle.json().entry[0].resource.id;
  const read = await Expect('GET /fhir/{type}/{id}', 200, `/fhir/Practitioner/${id}`);
  await Expect('GET /fhir/{type}/{id}', 304, `/fhir/Practitioner/${id}`, {headers: {'If-None-Match': read.headers.get('etag')}});
  await Expect('GET /fhir/{type}/{id}', 404, '/fhir/Practitioner/t-none');
  await Expect('GET /fhir/{type}/{id}', 400, `/fhir/Practitioner/${id}?x=1`);
  const byId = await Expect('GET /fhir/Practitioner', 200, `/fhir/Practitioner?_id=${id}`);
  assert.equal(byId.json().total, 1);
  await Expect('GET /fhir/Practitioner', 400, '/fhir/Practitioner?identifier=1149145927');
  const location = bundle.json().entry.find((entry) => entry.resource.location).resource.location[0].reference;
  const locations = await Expect('GET /fhir/Location', 200, `/fhir/Location?_id=${location.split('/')[1]}`);
  assert.equal(locations.json().total, 1);
  await Expect('GET /fhir/Location', 400, '/fhir/Location');
});

test('every operation of the document was reached', () => {
  const pairs = [...checker.covered].sort();
  process.stdout.write(`# ${pairs.length} operation/status pairs validated:\n# ${pairs.join('\n# ')}\n`);
  assert.deepEqual(checker.Unreached(), [], 'operations no test reached');
});
