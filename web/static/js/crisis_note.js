// The crisis note a search shows above its results when the API says the
// search names suicide or self-harm ("crisis": true) and whenever it finds
// nobody (docs/pages.md, Crisis line): the search page and the search widget
// show the same words and links. A role="note", never an alert: it must not
// interrupt a screen reader or feel like a siren.

import {el} from './dom.js';

// Whether a search answer calls for the note.
export function NeedsCrisisNote(answer) {
  return answer.crisis === true || Number(answer.total) === 0;
}

// The note's content: what to do now, with tel: and sms: links to 988 and 911.
export function CrisisNoteContent() {
  return [
    el('p', {}, el('strong', {}, 'If you are thinking about suicide or hurting yourself, you do not have to wait for a therapist.')),
    el('p', {}, 'Call or text ', el('a', {href: 'tel:988'}, '988'), ' (', el('a', {href: 'sms:988'}, 'send a text'),
       ') to reach the 988 Suicide & Crisis Lifeline: free, confidential, any time of day or night. If you are in danger right now, call ',
       el('a', {href: 'tel:911'}, '911'), '.'),
  ];
}
