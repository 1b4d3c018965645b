// Contact actions of a therapist (call, email, website, book) and the
// directory's own contact for profiles that list none. Links are built with
// DOM APIs, never innerHTML, and each URL's scheme is checked again here:
// only tel:, mailto: and https: links are ever made, whatever the data says.

import {el} from './dom.js';
import {GetJson, kApiBase} from './api.js';

const kPhone = /^\+[1-9][0-9]{6,14}$/;
const kEmail = /^[^\s@<>"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

// An https URL as a URL object, or null for anything else (javascript:,
// data:, http:, a user name or password in it, text that is not a URL).
export function SafeHttpsUrl(text) {
  if (typeof text !== 'string') return null;
  let url;
  try { url = new URL(text); } catch { return null; }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname) return null;
  return url;
}

// "+15105550142" → "(510) 555-0142"; other countries' numbers stay in E.164.
export function FormatPhone(e164) {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

// Links open in the same tab (Back returns to the search); rel keeps our
// address from the other site and tells search engines we vouch for nothing.
function Action(href, label, kind) {
  return el('li', {}, el('a', {href, class: `contact-action contact-${kind}`, rel: 'noopener nofollow'}, label));
}

// The list of contact actions for `contact` ({phone, email, website,
// booking_url}), or null when none is usable.
export function ContactActions(contact) {
  if (!contact || typeof contact !== 'object') return null;
  const items = [];
  const booking = SafeHttpsUrl(contact.booking_url);
  if (booking) items.push(Action(booking.href, 'Book a session', 'book'));
  if (typeof contact.phone === 'string' && kPhone.test(contact.phone)) {
    items.push(Action(`tel:${contact.phone}`, `Call ${FormatPhone(contact.phone)}`, 'call'));
  }
  if (typeof contact.email === 'string' && kEmail.test(contact.email)) {
    items.push(Action(`mailto:${contact.email}`, 'Email', 'email'));
  }
  const website = SafeHttpsUrl(contact.website);
  if (website) items.push(Action(website.href, 'Website', 'website'));
  return items.length ? el('ul', {class: 'contact-actions'}, items) : null;
}

let directory = null;

// How to reach the directory itself ({email, website}), from /api/v1/directory.
export async function LoadDirectoryContact() {
  if (!directory) {
    directory = GetJson(`${kApiBase}/directory`).then((r) => (r.ok && r.data && r.data.contact) || {});
  }
  return directory;
}

// What a profile without contact shows: how to reach the directory instead.
export function NoContactNote(directory_contact) {
  const email = directory_contact && typeof directory_contact.email === 'string' && kEmail.test(directory_contact.email)
    ? directory_contact.email : null;
  const page = directory_contact ? SafeHttpsUrl(directory_contact.website) : null;
  return el('p', {class: 'no-contact'},
    'This therapist has not listed a way to contact them. ',
    email || page ? 'Ask us and we will help you reach them: ' : 'Try another therapist from your search.',
    email ? el('a', {href: `mailto:${email}`, rel: 'nofollow'}, email) : null,
    email && page ? ' or ' : null,
    page ? el('a', {href: page.href, rel: 'noopener nofollow'}, 'our contact page') : null,
    email || page ? '.' : null);
}
