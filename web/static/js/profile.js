// The public profile page (/therapists/{id}): everything public about one
// therapist (profile_view.js), laid out for a client deciding whether to
// reach out.

import {ErrorMessage, GetJson, kApiBase} from './api.js';
import {LoadDirectoryContact} from './contact.js';
import {el} from './dom.js';
import {BackToSearchUrl} from './last_search.js';
import {ProfileCards, ProfileHead, ProfileName} from './profile_view.js';
import {LoadVocab} from './vocab.js';

const $ = (id) => document.getElementById(id);

function ProfileId() {
  const match = location.pathname.match(/^\/therapists\/([^/]+)\/?$/);
  return match ? decodeURIComponent(match[1]) : '';
}

function Render(profile, vocab, directory_contact) {
  const now = new Date();
  document.title = `${profile.name || profile.id} — Rapport`;
  // The page's one h1 (profile.html) names the therapist once loaded.
  $('profile-heading').replaceChildren(...ProfileName(profile));
  const article = $('profile');
  article.append(ProfileHead(profile, vocab, now),
                 el('div', {class: 'profile-grid'}, ProfileCards(profile, vocab, directory_contact, {now})));
  article.hidden = false;
  $('profile-status').hidden = true;
}

async function Init() {
  const id = ProfileId();
  $('back-to-search').href = BackToSearchUrl();
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
