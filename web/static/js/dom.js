// Small DOM helpers shared by every page. Text always goes in through
// textContent, never innerHTML, so user-supplied strings cannot become markup.

// el('a', {href: '/x', class: 'c'}, 'text', child) builds an element.
// Attributes whose value is null/undefined/false are skipped; `true` sets an
// empty attribute. Children may be strings (as text), nodes, or arrays.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text')
      node.textContent = String(value);
    else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else
      node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child))
      append(node, child);
    else if (child instanceof Node)
      node.appendChild(child);
    else
      node.appendChild(document.createTextNode(String(child)));
  }
}

// A string safe to use as an element id: the parts joined with '-', any
// character outside [A-Za-z0-9_-] replaced by '_'.
export function SafeId(...parts) {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// The search API returns snippets already HTML-escaped, with matches wrapped
// in <mark>…</mark>. We do not trust that as markup: split on the two mark
// tags, decode the entities of each piece as plain text, and rebuild the
// highlights with createElement. Any other tag stays visible as text.
const kEntities = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': '\'',
  '&#x27;': '\'',
  '&apos;': '\''
};

export function DecodeEntities(text) {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (m) => kEntities[m] ?? m);
}

export function RenderSnippet(snippet) {
  const fragment = document.createDocumentFragment();
  if (typeof snippet !== 'string') return fragment;
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') {
      marked = true;
      continue;
    }
    if (part === '</mark>') {
      marked = false;
      continue;
    }
    if (!part) continue;
    const text = DecodeEntities(part);
    fragment.appendChild(marked ? el('mark', {}, text) : document.createTextNode(text));
  }
  return fragment;
}

export function FormatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleDateString('en-US', {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'});
}

// "3 days ago", "5 months ago": how fresh a confirmation is.
export function Freshness(iso, now = new Date()) {
  if (!iso) return null;
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return null;
  const days = Math.floor((now - then) / 86400000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  const months = Math.floor(days / 30.4);
  if (months < 24) return `${months} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

export function FormatFee(fee) {
  if (!fee || (fee.min == null && fee.max == null)) return null;
  let text;
  if (fee.min != null && fee.max != null && fee.min !== fee.max)
    text = `$${fee.min}–$${fee.max}`;
  else
    text = `$${fee.min ?? fee.max}`;
  return text + ' per session';
}

// Distances: the API speaks kilometres, the pages show miles to US users.
export const kKmPerMile = 1.609344;
const kWholeMilesFrom = 10;

// "3.2 mi" under 10 miles, "27 mi" from there on.
export function FormatMiles(km) {
  const miles = km / kKmPerMile;
  return `${miles < kWholeMilesFrom ? miles.toFixed(1) : Math.round(miles)} mi`;
}

// A therapist's "accepting new clients" claim counts as current for this
// many days after they last confirmed it; older claims are shown as
// unconfirmed, never in the reassuring colour.
export const kAvailabilityFreshDays = 90;
const kMsPerDay = 86400000;

// What a page says about availability, one rule for cards and profiles:
// {state: 'fresh' | 'stale' | 'unknown', status, detail, class}.
export function Availability(accepting, confirmed_at, now = new Date()) {
  if (accepting === undefined || accepting === null)
    return {state: 'unknown', status: 'Availability not stated', detail: '', class: 'muted'};
  const status = accepting ? 'Accepting new clients' : 'Not accepting new clients';
  const then = confirmed_at ? new Date(confirmed_at) : null;
  const known = then && !Number.isNaN(then.getTime());
  if (known && (now - then) / kMsPerDay <= kAvailabilityFreshDays)
    return {state: 'fresh', status, detail: `last confirmed ${Freshness(confirmed_at, now)}`, class: accepting ? 'ok' : 'muted'};
  return {
    state: 'stale',
    status: `${status} (unconfirmed)`,
    detail: known ? `last confirmed ${FormatDate(confirmed_at)}` : 'not confirmed',
    class: 'unconfirmed',
  };
}

// The availability line of a card or profile: status in its colour, then how
// fresh it is.
export function AvailabilityLine(accepting, confirmed_at, now) {
  const claim = Availability(accepting, confirmed_at, now);
  return el('span', {class: 'availability', 'data-freshness': claim.state},
            el('span', {class: claim.class}, claim.status), claim.detail ? ` · ${claim.detail}` : null);
}
