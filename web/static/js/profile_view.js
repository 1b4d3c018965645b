// The public facts of one therapist profile as DOM, for a client deciding
// whether to reach out: the profile page (profile.js) and the search widget's
// profile view (docs/widget.md) show the same thing. Pure DOM construction:
// all text goes in as text.

import {ContactActions, NoContactNote} from './contact.js';
import {AvailabilityLine, el, FormatDate, FormatFee} from './dom.js';
import {ApproximateNote} from './office_place.js';
import {Label} from './vocab.js';

function Tags(values, vocab, facet) {
  return el('ul', {class: 'tags'}, values.map((v) => el('li', {}, Label(vocab, facet, v))));
}

// A card headed at `level` (its facts' own headings one level below).
function Card(level, title, id, ...content) {
  const body = content.flat().filter(Boolean);
  if (!body.length) return null;
  return el('section', {class: 'card', 'aria-labelledby': id}, el(`h${level}`, {id}, title), body);
}

function List(value) {
  return Array.isArray(value) ? value : [];
}

function Labelled(level, label, content) {
  if (content === null || content === undefined || content === '' || (Array.isArray(content) && !content.length))
    return null;
  return el('div', {}, el(`h${level}`, {}, label), content);
}

// States where the therapist may see a client online: the server's computed
// list when given, else the states of their licenses.
function VirtualStates(profile) {
  if (Array.isArray(profile.virtual_states)) return profile.virtual_states;
  return [...new Set(List(profile.licenses).map((l) => l.state).filter(Boolean))];
}

// The therapist's name and credentials, for the heading that names them.
export function ProfileName(profile) {
  const credentials = List(profile.credentials).join(', ');
  return [profile.name || profile.id, credentials ? el('span', {class: 'credentials'}, `, ${credentials}`) : ''];
}

// Profession, availability and when an editor last checked the licenses.
export function ProfileHead(profile, vocab, now = new Date()) {
  return el('header', {class: 'profile-head'},
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
}

// The profile's cards (contact first), headed at `level` (the page's h1 names
// the therapist, so 2 there); `directory_contact` is what a profile without
// contact offers instead (contact.js LoadDirectoryContact).
export function ProfileCards(profile, vocab, directory_contact, {level = 2, now = new Date()} = {}) {
  const card = (...args) => Card(level, ...args);
  const labelled = (...args) => Labelled(level + 1, ...args);
  const tele = profile.telehealth;
  const virtual_states = VirtualStates(profile);
  const fee = FormatFee(profile.fee);
  const since = tele && Number.isInteger(tele.since) ? tele.since : null;
  const years = since === null ? null : now.getUTCFullYear() - since;

  return [
    card('Contact', 'contact', ContactActions(profile.contact) || NoContactNote(directory_contact)),
    card('About', 'about', profile.bio ? el('p', {class: 'bio'}, profile.bio) : null),
    card(
        'What they help with', 'treats',
        labelled(
            'Specialties', List(profile.specialties).length ? Tags(profile.specialties, vocab, 'specialty') : null),
        labelled(
            'Works with', List(profile.populations).length ? Tags(profile.populations, vocab, 'population') : null)),
    card(
        'How they work', 'how',
        labelled('Approaches', List(profile.modalities).length ? Tags(profile.modalities, vocab, 'modality') : null),
        labelled(
            'Session formats',
            List(profile.session_formats).length ? Tags(profile.session_formats, vocab, 'session_format') : null),
        labelled('Languages', List(profile.languages).length ? Tags(profile.languages, vocab, 'language') : null)),
    card(
        'Online sessions', 'online',
        tele ? el('p', {id: 'can-see'}, el('strong', {}, 'Can see clients in: '),
                  virtual_states.length ? virtual_states.map((s) => Label(vocab, 'state', s)).join(', ') :
                                          'no state on record') :
               el('p', {}, 'Does not offer online sessions.'),
        tele && List(tele.modes).length ?
            labelled('By', el('p', {}, tele.modes.map((m) => Label(vocab, 'mode', m)).join(', '))) :
            null,
        tele && List(tele.platforms).length ?
            labelled('Platforms', el('p', {}, tele.platforms.map((m) => Label(vocab, 'platform', m)).join(', '))) :
            null,
        tele && List(tele.devices).length ?
            labelled('Works on', el('p', {}, tele.devices.map((m) => Label(vocab, 'device', m)).join(', '))) :
            null,
        tele && typeof tele.group_therapy === 'boolean' ?
            labelled('Online group therapy', el('p', {}, tele.group_therapy ? 'Yes' : 'No')) :
            null,
        since !== null ? labelled(
                             'Experience',
                             el('p', {},
                                `Offering telehealth since ${since}${
                                    years > 0 ? ` (${years} year${years === 1 ? '' : 's'})` : ''}`)) :
                         null),
    card(
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
        List(profile.compacts).length ? labelled('Compact privileges', el('p', {}, profile.compacts.join(', '))) : null,
        profile.npi ? el('p', {}, `NPI ${profile.npi}`) : null),
    card(
        'Offices', 'offices',
        List(profile.offices).length ?
            el('ul', {class: 'plain-list'},
               profile.offices.map((o) => {
                 const note = ApproximateNote(o);
                 return el('li', {}, [o.city, o.state, o.zip].filter(Boolean).join(', '),
                           note ? el('span', {class: 'approximate'}, ` · ${note}`) : null);
               })) :
            el('p', {}, 'Online only (no office).')),
    card(
        'Fees and insurance', 'fees',
        el('p', {}, fee || 'Fee not listed',
           profile.fee && profile.fee.sliding_scale ? ' · sliding scale available' : ''),
        List(profile.insurance).length ? labelled('Insurance accepted', Tags(profile.insurance, vocab, 'insurance')) :
                                         el('p', {}, 'No insurance listed.')),
  ].filter(Boolean);
}
