// Renders a JSON Schema of the OpenAPI document as a readable nested list:
// each property with its type, limits and description, nested objects and
// array items indented under it. `$ref`s to components are resolved and named;
// a component already open higher up the tree is named, not expanded again,
// so recursive schemas end.

import {el} from './dom.js';

const kMaxDepth = 8;

// The object a local `$ref` ("#/components/schemas/Profile") points at, or
// null when it does not resolve.
export function ResolveRef(document_root, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return null;
  let node = document_root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return null;
    node = node[key];
  }
  return node;
}

// The last part of a `$ref`: the component's name.
export function RefName(ref) {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function TypeText(schema) {
  const types = Array.isArray(schema.type) ? schema.type : (schema.type ? [schema.type] : []);
  let text = types.map((t) => (t === 'array' && schema.items ? `array of ${ItemTypeText(schema.items)}` : t)).join(' or ');
  if (schema.format) text += ` (${schema.format})`;
  if (schema.const !== undefined) text = `${text ? text + ' ' : ''}= ${JSON.stringify(schema.const)}`;
  return text;
}

function ItemTypeText(items) {
  if (items.$ref) return RefName(items.$ref);
  return TypeText(items) || 'values';
}

// "1–100 characters", "≥ 0", "one of: a, b": the limits a schema states.
function LimitTexts(schema) {
  const limits = [];
  const range = (low, high, unit) => {
    if (low !== undefined && high !== undefined) limits.push(`${low}–${high}${unit}`);
    else if (low !== undefined) limits.push(`at least ${low}${unit}`);
    else if (high !== undefined) limits.push(`at most ${high}${unit}`);
  };
  range(schema.minimum, schema.maximum, '');
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minItems, schema.maxItems, ' items');
  if (schema.exclusiveMinimum !== undefined) limits.push(`greater than ${schema.exclusiveMinimum}`);
  if (schema.exclusiveMaximum !== undefined) limits.push(`less than ${schema.exclusiveMaximum}`);
  if (Array.isArray(schema.enum)) limits.push(`one of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (schema.pattern) limits.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) limits.push(`default ${JSON.stringify(schema.default)}`);
  return limits;
}

// The facts line of one schema: type, limits, component name.
function Facts(schema, ref_name) {
  const parts = [];
  const type = TypeText(schema);
  if (ref_name) parts.push(el('span', {class: 'schema-ref'}, ref_name));
  if (type) parts.push(el('span', {class: 'schema-type'}, type));
  for (const limit of LimitTexts(schema)) parts.push(el('span', {class: 'schema-limit'}, limit));
  return parts;
}

// The schema's children: object properties, array items' properties, and
// the alternatives of oneOf/anyOf/allOf.
function Children(root, schema, open_refs, depth) {
  if (depth >= kMaxDepth) return null;
  const rows = [];
  const properties = schema.properties ?? schema.items?.properties;
  const owner = schema.properties ? schema : schema.items;
  if (properties) {
    const required = new Set(owner.required ?? []);
    for (const [name, child] of Object.entries(properties))
      rows.push(PropertyRow(root, name, child, required.has(name), open_refs, depth + 1));
  } else if (schema.items?.$ref || schema.items?.oneOf || schema.items?.anyOf) {
    rows.push(PropertyRow(root, 'each item', schema.items, false, open_refs, depth + 1));
  }
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    if (!Array.isArray(schema[keyword])) continue;
    const label = {oneOf: 'one of', anyOf: 'any of', allOf: 'all of'}[keyword];
    schema[keyword].forEach((alternative, i) =>
      rows.push(PropertyRow(root, `${label} (${i + 1})`, alternative, false, open_refs, depth + 1)));
  }
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object')
    rows.push(PropertyRow(root, 'any other member', extra, false, open_refs, depth + 1));
  return rows.length ? el('ul', {class: 'schema-tree'}, rows) : null;
}

function PropertyRow(root, name, schema, required, open_refs, depth) {
  const {resolved, ref_name} = Resolve(root, schema);
  const row = el('li', {},
    el('code', {class: 'schema-name'}, name),
    required ? el('span', {class: 'schema-required'}, 'required') : null,
    Facts(resolved, ref_name),
    resolved.description ? el('p', {class: 'schema-description'}, resolved.description) : null);
  if (ref_name && open_refs.has(ref_name)) {
    row.appendChild(el('p', {class: 'schema-description'}, `(${ref_name}, described above)`));
    return row;
  }
  const next = ref_name ? new Set([...open_refs, ref_name]) : open_refs;
  const children = Children(root, resolved, next, depth);
  if (children) row.appendChild(children);
  return row;
}

function Resolve(root, schema) {
  if (schema && schema.$ref) {
    const target = ResolveRef(root, schema.$ref);
    return {resolved: {...(target ?? {}), ...schema, $ref: undefined}, ref_name: RefName(schema.$ref)};
  }
  return {resolved: schema ?? {}, ref_name: null};
}

// The whole view of one schema: a facts line and its nested members.
export function SchemaView(root, schema) {
  const {resolved, ref_name} = Resolve(root, schema);
  const open = ref_name ? new Set([ref_name]) : new Set();
  return el('div', {class: 'schema'},
    el('p', {class: 'schema-facts'}, Facts(resolved, ref_name)),
    resolved.description ? el('p', {class: 'schema-description'}, resolved.description) : null,
    Children(root, resolved, open, 0));
}
