// The API reference page (/docs): fetches the server's own /openapi.json and
// renders it — operations grouped by tag, each with its parameters, request
// body, answers by status and a copyable curl example. Nothing is loaded from
// elsewhere; every string of the document goes in as text.

import {el, clear, SafeId} from './dom.js';
import {SchemaView, ResolveRef} from './docs_schema.js';
import {CurlExample, OperationParameters, ShellVariable} from './docs_curl.js';

const kMethods = ['get', 'post', 'put', 'patch', 'delete'];
const kUntagged = 'Other';

// Every operation of the document in path order, with its group.
function Operations(root) {
  const operations = [];
  for (const [path, path_item] of Object.entries(root.paths ?? {})) {
    for (const method of kMethods) {
      const operation = path_item[method];
      if (!operation) continue;
      operations.push({path, method, path_item, operation, tag: operation.tags?.[0] ?? kUntagged});
    }
  }
  return operations;
}

function OperationId(entry) {
  return SafeId('op', entry.operation.operationId ?? `${entry.method}${entry.path}`);
}

function Description(text) {
  if (!text) return null;
  return text.split(/\n{2,}/).map((paragraph) => el('p', {}, paragraph));
}

function Resolved(root, node) {
  return node && node.$ref ? (ResolveRef(root, node.$ref) ?? {}) : node;
}

function ParametersView(root, parameters) {
  if (parameters.length === 0) return null;
  return el('section', {class: 'op-part'},
    el('h4', {}, 'Parameters'),
    el('ul', {class: 'schema-tree top'}, parameters.map((p) => el('li', {},
      el('code', {class: 'schema-name'}, p.name),
      el('span', {class: 'schema-in'}, `in ${p.in}`),
      p.required ? el('span', {class: 'schema-required'}, 'required') : null,
      p.schema ? SchemaView(root, p.schema) : null,
      p.description ? el('p', {class: 'schema-description'}, p.description) : null))));
}

function RequestBodyView(root, operation) {
  const body = Resolved(root, operation.requestBody);
  if (!body) return null;
  return el('section', {class: 'op-part'},
    el('h4', {}, body.required ? 'Request body (required)' : 'Request body'),
    Description(body.description),
    Object.entries(body.content ?? {}).map(([type, media]) => el('div', {class: 'media'},
      el('p', {class: 'media-type'}, el('code', {}, type)),
      media.schema ? SchemaView(root, media.schema) : null)));
}

function HeadersView(root, headers) {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return null;
  return el('ul', {class: 'schema-tree top'}, entries.map(([name, raw]) => {
    const header = Resolved(root, raw);
    return el('li', {}, el('code', {class: 'schema-name'}, name), el('span', {class: 'schema-in'}, 'header'),
      header.description ? el('p', {class: 'schema-description'}, header.description) : null);
  }));
}

function ResponsesView(root, operation) {
  const responses = Object.entries(operation.responses ?? {});
  if (responses.length === 0) return null;
  return el('section', {class: 'op-part'},
    el('h4', {}, 'Answers'),
    responses.map(([status, raw]) => {
      const response = Resolved(root, raw) ?? {};
      const media = Object.entries(response.content ?? {});
      return el('details', {class: 'response'},
        el('summary', {}, el('span', {class: `status status-${status[0]}xx`}, status), ' ', response.description ?? ''),
        HeadersView(root, response.headers),
        media.map(([type, body]) => el('div', {class: 'media'},
          el('p', {class: 'media-type'}, el('code', {}, type)),
          body.schema ? SchemaView(root, body.schema) : null)));
    }));
}

function CurlView(root, entry) {
  const text = CurlExample(root, location.origin, entry.path, entry.method, entry.path_item, entry.operation);
  const label = `Copy the curl example of ${entry.method.toUpperCase()} ${entry.path}`;
  return el('section', {class: 'op-part curl'},
    el('h4', {}, 'Example'),
    el('pre', {class: 'curl-text'}, el('code', {}, text)),
    el('button', {type: 'button', class: 'copy', 'aria-label': label, onclick: () => Copy(text)}, 'Copy'));
}

async function Copy(text) {
  const status = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied the example.';
  } catch {
    status.textContent = 'Copying is not allowed here: select the example and copy it by hand.';
  }
}

function OperationView(root, entry) {
  const {operation} = entry;
  const id = OperationId(entry);
  return el('article', {class: 'op', id, 'aria-labelledby': `${id}-title`},
    el('h3', {id: `${id}-title`},
      el('span', {class: `method method-${entry.method}`}, entry.method.toUpperCase()), ' ',
      el('code', {class: 'op-path'}, entry.path)),
    operation.summary ? el('p', {class: 'op-summary'}, operation.summary) : null,
    Description(operation.description),
    ParametersView(root, OperationParameters(root, entry.path_item, operation)),
    RequestBodyView(root, operation),
    ResponsesView(root, operation),
    CurlView(root, entry));
}

function Groups(operations) {
  const groups = new Map();
  for (const entry of operations) {
    if (!groups.has(entry.tag)) groups.set(entry.tag, []);
    groups.get(entry.tag).push(entry);
  }
  return groups;
}

function TagDescription(root, tag) {
  return (root.tags ?? []).find((t) => t.name === tag)?.description;
}

// Which shell variable each security scheme's examples read, and what it holds.
function CredentialsView(root) {
  const schemes = Object.entries(root.components?.securitySchemes ?? {});
  if (schemes.length === 0) return [];
  return [el('p', {}, 'The examples read credentials from shell variables:'),
    el('ul', {class: 'credentials'}, schemes.map(([name, raw]) => el('li', {},
      el('code', {}, ShellVariable(name)), ' — ', Resolved(root, raw)?.description ?? name)))];
}

function Render(root) {
  const operations = Operations(root);
  const groups = Groups(operations);
  const info = root.info ?? {};
  clear(document.getElementById('docs-intro')).append(
    el('p', {class: 'docs-version'}, `${info.title ?? 'API'}, version ${info.version ?? '?'} (OpenAPI ${root.openapi ?? '?'})`),
    ...(Description(info.description) ?? []),
    ...CredentialsView(root));

  const toc = document.getElementById('docs-toc');
  toc.append(el('ul', {}, [...groups].map(([tag, entries]) => el('li', {},
    el('a', {href: `#${SafeId('tag', tag)}`}, tag),
    el('ul', {}, entries.map((entry) => el('li', {},
      el('a', {href: `#${OperationId(entry)}`}, `${entry.method.toUpperCase()} ${entry.path}`))))))));
  toc.hidden = false;

  const container = clear(document.getElementById('docs-operations'));
  for (const [tag, entries] of groups) {
    container.append(el('section', {class: 'tag', 'aria-labelledby': SafeId('tag', tag)},
      el('h2', {id: SafeId('tag', tag)}, tag),
      Description(TagDescription(root, tag)),
      entries.map((entry) => OperationView(root, entry))));
  }
  const status = document.getElementById('docs-status');
  status.textContent = `${operations.length} operations.`;
  status.dataset.operations = String(operations.length);
}

async function Load() {
  const status = document.getElementById('docs-status');
  try {
    const response = await fetch('/openapi.json', {headers: {Accept: 'application/json'}});
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    Render(await response.json());
  } catch (error) {
    status.textContent = `The API description could not be loaded (${error.message}). Try again, or read /openapi.json directly.`;
    status.dataset.failed = 'true';
  }
}

Load();
