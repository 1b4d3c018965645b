// Checks real answers against the server's own /openapi.json: the answer's
// status must be documented for its operation, its body must validate
// (ajv, JSON Schema 2020-12 with ajv-formats) against the schema of its media
// type, and its headers against the documented headers (required ones
// present). Failures name the operation, the status and ajv's error path.
// Every checked (operation, status) pair is recorded, so a suite can list the
// operations it never reached.

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const kMethods = ['get', 'put', 'post', 'delete', 'patch'];
const kDocumentId = 'rapport-openapi';

function Resolve(document, node) {
  let resolved = node;
  while (resolved && resolved.$ref) {
    resolved = resolved.$ref.slice(2).split('/').reduce((at, part) => at?.[part], document);
  }
  return resolved;
}

// The document's operations as "GET /api/v1/therapists/{id}".
export function DocumentOperations(document) {
  const operations = [];
  for (const [path, item] of Object.entries(document.paths))
    for (const method of kMethods) if (item[method]) operations.push(`${method.toUpperCase()} ${path}`);
  return operations;
}

export class OpenApiChecker {
  constructor(document) {
    this.document = document;
    this.ajv = new Ajv2020({strict: false, allErrors: true});
    addFormats(this.ajv);
    // OpenAPI's own format names that JSON Schema does not define.
    this.ajv.addFormat('password', true);
    this.ajv.addSchema({$id: kDocumentId, components: document.components});
    this.validators = new Map();
    this.covered = new Set();
  }

  Validator(key, schema) {
    if (!this.validators.has(key)) {
      // Local $refs ("#/components/...") point into the document.
      const text = JSON.stringify(schema).replaceAll('"#/components/', `"${kDocumentId}#/components/`);
      this.validators.set(key, this.ajv.compile(JSON.parse(text)));
    }
    return this.validators.get(key);
  }

  // Throws, naming `operation` ("GET /path/{id}") and the status, unless
  // `answer` ({status, headers: Headers, text}) is what the document says.
  Check(operation, answer) {
    const [method, path] = operation.split(' ');
    const item = this.document.paths[path]?.[method.toLowerCase()];
    if (!item) throw new Error(`${operation}: not in the document`);
    const where = `${operation} → ${answer.status}`;
    const response = Resolve(this.document, item.responses[String(answer.status)]);
    if (!response) throw new Error(`${where}: status not documented (documented: ${Object.keys(item.responses).join(', ')})\n${answer.text.slice(0, 300)}`);
    this.CheckHeaders(where, response, answer.headers);
    this.CheckBody(where, response, answer);
    this.covered.add(`${operation} ${answer.status}`);
  }

  CheckHeaders(where, response, headers) {
    for (const [name, raw] of Object.entries(response.headers ?? {})) {
      const header = Resolve(this.document, raw);
      const value = headers.get(name);
      if (value === null) {
        if (header.required) throw new Error(`${where}: required header ${name} is missing`);
        continue;
      }
      const schema = header.schema ?? {};
      const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
      const validate = this.Validator(`header ${where} ${name}`, schema);
      if (!validate(typed)) {
        throw new Error(`${where}: header ${name}: ${value}: ${this.ajv.errorsText(validate.errors, {dataVar: name})}`);
      }
    }
  }

  CheckBody(where, response, answer) {
    const content = response.content ?? {};
    const media = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
    if (Object.keys(content).length === 0) {
      if (answer.text !== '') throw new Error(`${where}: the document says no body, the answer has one`);
      return;
    }
    if (!content[media]) throw new Error(`${where}: Content-Type ${media} not documented (${Object.keys(content).join(', ')})`);
    const body = media.endsWith('json') ? JSON.parse(answer.text) : answer.text;
    const validate = this.Validator(`body ${where} ${media}`, content[media].schema ?? {});
    if (!validate(body)) {
      const errors = validate.errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message} (schema ${e.schemaPath})`);
      throw new Error(`${where}: the body does not match its schema:\n  ${errors.join('\n  ')}`);
    }
  }

  // Operations of the document no checked answer belonged to.
  Unreached() {
    const reached = new Set([...this.covered].map((pair) => pair.split(' ').slice(0, 2).join(' ')));
    return DocumentOperations(this.document).filter((operation) => !reached.has(operation));
  }
}
