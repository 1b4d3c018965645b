// The public profile page (/therapists/{id}): everything public about one
// therapist, laid out for a client deciding whether to reach out.

import {ErrorMessage, GetJson, kApiBase} from './api.js';
import {AvailabilityLine, el, FormatDate, FormatFee} from './dom.js';
import {Label, LoadVocab} from './vocab.js';
import {ContactActions, LoadDirectoryContact, NoContactNote} from './contact.js';

const $ = (id) => document.getElementById(id);

function ProfileId() {
  const match = location.pathname.match(/^\/therapists\/([^/]+)\/?$/);
  return match ? decodeURIComponent(match[1]) : '';
}

function Tags(values, vocab, facet) {
  return el('ul', {class: 'tags'}, values.map((v) => el('li', {}, Label(vocab, facet, v))));
}

function Card(title, id, ...content) {
  const body = content.flat().filter(Boolean);
  if (!body.length) return null;
  return el('section', {class: 'card', 'aria-labelledby': id}, el('h2', {id}, title), body);
}

function List(value) {
  return Array.isArray(value) ? value : [];
}

function Labelled(label, content) {
  if (content === null || content === undefined || content === '' || (Array.isArray(content) && !content.length))
    return null;
  return el('div', {}, el('h3', {}, label), content);
}

// States where the therapist may see a client online: the server's computed
// list when given, else the states of their licenses.
function VirtualStates(profile) {
  if (Array.isArray(profile.virtual_states)) return profile.virtual_states;
  return [...new Set(List(profile.licenses).map((l) => l.state).filter(Boolean))];
}

function Render(profile, vocab, directory_contact) {
  const now = new Date();
  const name = profile.name || profile.id;
  document.title = `${name} — Rapport`;
  const credentials = List(profile.credentials).join(', ');
  const tele = profile.telehealth;
  // The page's one h1 (profile.html) names the therapist once loaded.
  $('profile-heading').replaceChildren(name, credentials ? el('span', {class: 'credentials'}, `, ${credentials}`) : '');
  const head =
      el('header', {class: 'profile-head'},
         el('p', {class: 'profession'},
            [
              profile.profession ? Label(vocab, 'profession', profile.profession) : null,
              profile.pronouns ? `(${profile.pronouns})` : null
            ].filter(Boolean)
                .join(' ')),
         el('p', {id: 'availability'}, AvailabilityLine(profile.accepting_new_clients, profile.availability_confirmed_at, now)),
         profile.verified_at ?
             el('p', {class: 'help'}, `License checked by an editor on ${FormatDate(profile.verified_at)}.`) :
             null);

  const virtual_states = VirtualStates(profile);
  const fee = FormatFee(profile.fee);
  const since = tele && Number.isInteger(tele.since) ? tele.since : null;
  const years = since === null ? null : now.getUTCFullYear() - since;

  const cards = [
    Card('Contact', 'contact', ContactActions(profile.contact) || NoContactNote(directory_contact)),
    Card('About', 'about', profile.bio ? el('p', {class: 'bio'}, profile.bio) : null),
    Card(
        'What they help with', 'treats',
        Labelled(
            'Specialties', List(profile.specialties).length ? Tags(profile.specialties, vocab, 'specialty') : null),
        Labelled(
            'Works with', List(profile.populations).length ? Tags(profile.populations, vocab, 'population') : null)),
    Card(
        'How they work', 'how',
        Labelled('Approaches', List(profile.modalities).length ? Tags(profile.modalities, vocab, 'modality') : null),
        Labelled(
            'Session formats',
            List(profile.session_formats).length ? Tags(profile.session_formats, vocab, 'session_format') : null),
        Labelled('Languages', List(profile.languages).length ? Tags(profile.languages, vocab, 'language') : null)),
    Card(
        'Online sessions', 'online',
        tele ? el('p', {id: 'can-see'}, el('strong', {}, 'Can see clients in: '),
                  virtual_states.length ? virtual_states.map((s) => Label(vocab, 'state', s)).join(', ') :
                                          'no state on record') :
               el('p', {}, 'Does not offer online sessions.'),
        tele && List(tele.modes).length ?
            Labelled('By', el('p', {}, tele.modes.map((m) => Label(vocab, 'mode', m)).join(', '))) :
            null,
        tele && List(tele.platforms).length ?
            Labelled('Platforms', el('p', {}, tele.platforms.map((m) => Label(vocab, 'platform', m)).join(', '))) :
            null,
        tele && List(tele.devices).length ?
            Labelled('Works on', el('p', {}, tele.devices.map((m) => Label(vocab, 'device', m)).join(', '))) :
            null,
        tele && typeof tele.group_therapy === 'boolean' ?
            Labelled('Online group therapy', el('p', {}, tele.group_therapy ? 'Yes' : 'No')) :
            null,
        since !== null ? Labelled(
                             'Experience',
                             el('p', {},
                                `Offering telehealth since ${since}${
                                    years > 0 ? ` (${years} year${years === 1 ? '' : 's'})` : ''}`)) :
                         null),
    Card(
        'Licenses', 'licenses',
        List(profile.licenses).length ? el('ul', {class: 'plain-list'},
                                           profile.licenses.map(
                                               (l) =>
                                                   el('li', {},
                                                      [
                                                        l.type, l.state ? `in ${Label(vocab, 'state', l.state)}` : null,
                                                        l.number ? `#${l.number}` : null
                                                      ].filter(Boolean)
                                                          .join(' ')))) :
                                        null,
        List(profile.compacts).length ? Labelled('Compact privileges', el('p', {}, profile.compacts.join(', '))) : null,
        profile.npi ? el('p', {}, `NPI ${profile.npi}`) : null),
    Card(
        'Offices', 'offices',
        List(profile.offices).length ?
            el('ul', {class: 'plain-list'},
               profile.offices.map((o) => el('li', {}, [o.city, o.state, o.zip].filter(Boolean).join(', ')))) :
            el('p', {}, 'Online only (no office).')),
    Card(
        'Fees and insurance', 'fees',
        el('p', {}, fee || 'Fee not listed',
           profile.fee && profile.fee.sliding_scale ? ' · sliding scale available' : ''),
        List(profile.insurance).length ? Labelled('Insurance accepted', Tags(profile.insurance, vocab, 'insurance')) :
                                         el('p', {}, 'No insurance listed.')),
  ].filter(Boolean);

  const article = $('profile');
  article.append(head, el('div', {class: 'profile-grid'}, cards));
  article.hidden = false;
  $('profile-status').hidden = true;
}

async function Init() {
  const id = ProfileId();
  if (document.referrer && new URL(document.referrer).origin === location.origin &&
      new URL(document.referrer).pathname === '/') {
    $('back-to-search').href = document.referrer;
  }
  if (!id) {
    $('profile-status').textContent = 'No therapist was named in the address.';
    return;
  }
  const [result, vocab, directory_contact] = await Promise.all([
    GetJson(`${kApiBase}/therapists/${encodeURIComponent(id)}`), LoadVocab(), LoadDirectoryContact()]);
  if (!result.ok) {
    $('profile-status').textContent =
        result.status === 404 ? 'This therapist is not listed (any more).' : ErrorMessage(result);
    document.title = 'Therapist not found — Rapport';
    $('profile-heading').textContent = 'Therapist not found';
    return;
  }
  Render(result.data, vocab, directory_contact);
}

Init();
