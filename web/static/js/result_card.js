// One search result as a card: name, profession, snippet, the facts a client
// decides on, and the contact actions. Pure DOM construction: all text goes in
// as text.

import {SiteUrl} from './api.js';
import {ContactActions} from './contact.js';
import {AvailabilityLine, el, FormatFee, FormatMiles, RenderSnippet, SafeId} from './dom.js';
import {AnyApproximate, IsApproximate, kApproximateShort} from './office_place.js';
import {Label} from './vocab.js';

// Insurance plans named on a card before "and N more".
const kCardInsurancePlans = 3;

// Whether the therapist may see a client in `state` online, and why: a
// license there, or a licensure compact covering it (the API's
// virtual_states holds both); null when neither or no state was chosen.
function OnlineInState(result, state) {
  if (!state) return null;
  const licenses = Array.isArray(result.licenses) ? result.licenses : [];
  if (licenses.some((license) => license && license.state === state)) return `Licensed in ${state}`;
  const covered = Array.isArray(result.virtual_states) && result.virtual_states.includes(state);
  return covered ? `Can see clients in ${state} through a licensure compact (not licensed there)` : null;
}

// `state`: the client's state when the search names one ("CA"), else "".
export function ResultCard(result, vocab, now, state = '') {
  const credentials = Array.isArray(result.credentials) ? result.credentials.join(', ') : '';
  const facts = el('dl', {class: 'facts'});
  const fact = (term, ...value) => {
    facts.append(el('dt', {}, term), el('dd', {}, ...value));
  };
  if (Array.isArray(result.modalities) && result.modalities.length) {
    fact('Approaches', result.modalities.map((m) => Label(vocab, 'modality', m)).join(', '));
  }
  const tele = result.telehealth;
  if (tele && Array.isArray(tele.modes) && tele.modes.length) {
    let text = tele.modes.map((m) => Label(vocab, 'mode', m)).join(', ');
    if (Number.isInteger(tele.since)) {
      const years =
          Number.isInteger(result.telehealth_years) ? result.telehealth_years : now.getUTCFullYear() - tele.since;
      text += years > 0 ? ` · online for ${years} year${years === 1 ? '' : 's'} (since ${tele.since})` :
                          ` · online since ${tele.since}`;
    }
    fact('Online', text);
  }
  const online_here = OnlineInState(result, state);
  if (online_here) fact('Your state', online_here);
  if (typeof result.distance_km === 'number') {
    // The nearest office may be one placed only by its ZIP code or city.
    fact('Distance', `${AnyApproximate(result.offices) ? 'about ' : ''}${FormatMiles(result.distance_km)}`);
  }
  if (Array.isArray(result.offices) && result.offices.length) {
    const office = result.offices[0];
    const more = result.offices.length > 1 ? ` (+${result.offices.length - 1} more)` : '';
    fact('Office', `${office.city || ''}${office.state ? `, ${office.state}` : ''}${more}`,
         IsApproximate(office) ? el('span', {class: 'approximate on-own-line'}, kApproximateShort) : null);
  }
  if (Array.isArray(result.insurance) && result.insurance.length) {
    const named = result.insurance.slice(0, kCardInsurancePlans).map((p) => Label(vocab, 'insurance', p));
    const more = result.insurance.length - named.length;
    fact('Insurance', named.join(', ') + (more > 0 ? ` and ${more} more` : ''));
  }
  const fee = FormatFee(result.fee);
  if (fee || (result.fee && result.fee.sliding_scale)) {
    fact(
        'Fee',
        [fee, result.fee && result.fee.sliding_scale ? 'sliding scale available' : null].filter(Boolean).join(' · '));
  }
  fact('Availability', AvailabilityLine(result.accepting_new_clients, result.availability_confirmed_at, now));
  const profession = result.profession ? Label(vocab, 'profession', result.profession) : '';
  const profile_url = SiteUrl(`/therapists/${encodeURIComponent(result.id)}`);
  const contact = ContactActions(result.contact) ||
      el('p', {class: 'help no-contact'}, 'No contact details listed. ',
         el('a', {href: `${profile_url}#contact`}, 'How to reach them'));
  return el(
      'li', {
        class: 'result',
        'data-id': result.id,
        'data-distance': typeof result.distance_km === 'number' ? String(result.distance_km) : null
      },
      el('article', {'aria-labelledby': SafeId('r', result.id)},
         el('h3', {id: SafeId('r', result.id)}, el('a', {href: profile_url}, result.name || result.id),
            credentials ? el('span', {class: 'credentials'}, `, ${credentials}`) : null),
         profession ? el('p', {class: 'profession'}, profession) : null,
         result.snippet ? el('p', {class: 'snippet'}, RenderSnippet(result.snippet)) : null, facts, contact));
}
