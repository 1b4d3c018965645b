// The copyable curl example of one OpenAPI operation: the page's own origin,
// path parameters and query parameters from the document's examples, the
// credentials the operation's security needs as shell variables, and the
// request body's example. Everything literal is single-quoted for the shell;
// only the credential variables are left for the shell to expand.

import {ResolveRef} from './docs_schema.js';

const kIndent = '  ';
const kMaxExampleDepth = 6;

function ShellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

// "$RAPPORT_API_KEY" for a scheme or header name: the variable a partner sets.
export function ShellVariable(name) {
  return `$RAPPORT_${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

function Resolved(root, node) {
  return node && node.$ref ? (ResolveRef(root, node.$ref) ?? {}) : (node ?? {});
}

// The first example the document gives for a parameter or media type.
function ExampleOf(node) {
  if (!node) return undefined;
  if (node.example !== undefined) return node.example;
  const examples = node.examples;
  if (examples && typeof examples === 'object') {
    const first = Array.isArray(examples) ? examples[0] : Object.values(examples)[0];
    if (first !== undefined) return (first && typeof first === 'object' && 'value' in first) ? first.value : first;
  }
  if (node.schema) return ExampleOf(node.schema);
  return undefined;
}

function QueryValue(value) {
  return encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value));
}

// The operation's parameters, the path item's first, each `$ref` resolved
// (the parameter's and its schema's, where an example may be).
export function OperationParameters(root, path_item, operation) {
  const merged = new Map();
  for (const raw of [...(path_item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const resolved = Resolved(root, raw);
    const parameter = resolved.schema ? {...resolved, schema: Resolved(root, resolved.schema)} : resolved;
    merged.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...merged.values()];
}

// The URL as one shell word: literal parts single-quoted, a path parameter
// without an example left as "$RAPPORT_NAME" for the shell to fill in.
function UrlWord(origin, path, parameters) {
  const query = [];
  const values = new Map();
  for (const parameter of parameters) {
    const example = ExampleOf(parameter);
    if (parameter.in === 'path') values.set(parameter.name, example);
    else if (parameter.in === 'query' && example !== undefined)
      query.push(`${encodeURIComponent(parameter.name)}=${QueryValue(example)}`);
  }
  const words = [];
  let literal = origin;
  for (const piece of path.split(/(\{[^}]+\})/)) {
    const name = piece.startsWith('{') ? piece.slice(1, -1) : null;
    if (name === null) {
      literal += piece;
    } else if (values.get(name) !== undefined) {
      literal += encodeURIComponent(String(values.get(name)));
    } else {
      words.push(ShellQuote(literal), `"${ShellVariable(name)}"`);
      literal = '';
    }
  }
  literal += query.length ? '?' + query.join('&') : '';
  if (literal) words.push(ShellQuote(literal));
  return words.join('');
}

// Credential options for the operation's security: none when it may be
// called without credentials (an empty requirement), else the first
// requirement's schemes.
function CredentialOptions(root, operation) {
  const requirements = operation.security ?? root.security ?? [];
  if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) return [];
  const schemes = root.components?.securitySchemes ?? {};
  const options = [];
  for (const name of Object.keys(requirements[0])) {
    const scheme = Resolved(root, schemes[name]);
    const variable = ShellVariable(name);
    if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer')
      options.push(`-H "Authorization: Bearer ${variable}"`);
    else if (scheme.type === 'apiKey' && scheme.in === 'cookie')
      options.push(`-b "${scheme.name}=${variable}"`);
    else if (scheme.type === 'apiKey' && scheme.in === 'header')
      options.push(`-H "${scheme.name}: ${variable}"`);
  }
  return options;
}

function HeaderOptions(parameters) {
  return parameters.filter((p) => p.in === 'header' && (p.required || ExampleOf(p) !== undefined))
      .map((p) => {
        const example = ExampleOf(p);
        return example !== undefined ? `-H ${ShellQuote(`${p.name}: ${example}`)}`
                                     : `-H "${p.name}: ${ShellVariable(p.name)}"`;
      });
}

// A smallest value the schema accepts, for a body the document gives no
// example of: required members only, one item where items are required.
function MinimalValue(root, node, depth = 0) {
  const schema = Resolved(root, node);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > kMaxExampleDepth) return null;
  if (type === 'object' || schema.properties) {
    const value = {};
    for (const name of schema.required ?? []) value[name] = MinimalValue(root, schema.properties?.[name] ?? {}, depth + 1);
    return value;
  }
  if (type === 'array') return (schema.minItems ?? 0) > 0 ? [MinimalValue(root, schema.items ?? {}, depth + 1)] : [];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 0;
  if (type === 'boolean') return false;
  if (type === 'string') return '';
  return null;
}

function BodyOptions(root, operation) {
  const body = Resolved(root, operation.requestBody);
  const content = body.content ?? {};
  const type = 'application/json' in content ? 'application/json' : Object.keys(content)[0];
  if (!type) return [];
  const media = content[type];
  const example = ExampleOf(media) ?? (type === 'application/json' ? MinimalValue(root, media.schema ?? {type: 'object'}) : undefined);
  if (example === undefined) return [`-H ${ShellQuote(`Content-Type: ${type}`)}`];
  const text = typeof example === 'string' ? example : JSON.stringify(example);
  return [`-H ${ShellQuote(`Content-Type: ${type}`)}`, `--data-raw ${ShellQuote(text)}`];
}

// The example as lines ending in " \" for the shell, e.g.
//   curl -X POST 'https://host/api/v1/search' \
//     -H 'Content-Type: application/json' \
//     --data-raw '{"q":"anxiety"}'
export function CurlExample(root, origin, path, method, path_item, operation) {
  const parameters = OperationParameters(root, path_item, operation);
  const first = `curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} ${UrlWord(origin, path, parameters)}`;
  const options = [...CredentialOptions(root, operation), ...HeaderOptions(parameters), ...BodyOptions(root, operation)];
  return [first, ...options.map((o) => kIndent + o)].join(' \\\n');
}
