// Which concepts a bio speaks about (criteria.md, "Discussed in the bio").
//
// A concept's forms are its vocabulary label (without a parenthesis), the
// acronym or names in the label's parenthesis, its synonyms and a few extra
// everyday forms listed below. Words compare lower-cased with a plural "s"
// removed; hyphens count as spaces. A one-word form of at most four letters
// ("ACT", "ADD", "MI", "loss") is an acronym or too common a word, so it
// counts only written in capitals. Forms compete: reading the bio left to
// right, the longest form starting at a word wins and its words are used up,
// so "social anxiety" speaks of social anxiety, not of anxiety, and "Gottman
// method couples therapy" of the Gottman method, not of couples therapy.
//
//   const mentions = new BioMentions(vocabulary);
//   mentions.Concepts(profile.bio).has('specialty:grief')

const kShortFormLetters = 4;

// Facets whose values a bio can speak about. Gender is left out: "I help
// women" speaks of clients, not of the therapist's gender.
const kDiscussedFacets = [
  'specialty', 'modality', 'population', 'session_format', 'language', 'insurance', 'profession',
  'mode',
];

// Words that describe every therapist: never a form of one concept.
const kGenericForms = new Set(['therapist', 'counsellor', 'mental health counselor']);

// Everyday forms a bio uses that the vocabulary does not list.
const kExtraForms = {
  'specialty:grief': ['grief'],
  'specialty:insomnia': ['insomnia'],
  'specialty:divorce': ['divorce'],
  'specialty:postpartum': ['postpartum'],
  'specialty:transgender': ['transgender'],
  'specialty:lgbtq': ['lgbtq'],
  'specialty:career': ['career'],
  'specialty:premarital': ['premarital'],
  'specialty:spirituality': ['christian', 'spiritual', 'religious', 'faith-based'],
  'modality:gottman': ['gottman'],
  'modality:somatic': ['somatic'],
};

// Pseudo-concepts for constraints a bio can speak about.
export const kOnlineConcept = 'x:online';
export const kSlidingScaleConcept = 'x:sliding_scale';
const kPseudoForms = {
  [kOnlineConcept]: ['online', 'telehealth', 'teletherapy', 'virtual', 'virtually'],
  [kSlidingScaleConcept]: ['sliding scale', 'sliding fee', 'reduced fee'],
};

const kClauseBreak = /[.,;:!?()[\]{}"\u2013\u2014]/;

function Stem(word) {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

// The words of `text`: {word (as written), key (lower-cased, stemmed),
// clause}. Punctuation other than hyphens and apostrophes ends a clause, and
// a form matches only within one: "(CBT). I offer" is not "CBT-I".
export function Words(text) {
  const words = [];
  text.replace(/[’‘]/g, "'").split(kClauseBreak).forEach((clause, index) => {
    for (const match of clause.matchAll(/[\p{L}\p{N}']+/gu)) {
      const word = match[0].replace(/^'+|'+$/g, '');
      if (word) words.push({word, key: Stem(word.toLowerCase()), clause: index});
    }
  });
  return words;
}

// The forms of one vocabulary entry's label and synonyms.
function LabelForms(entry) {
  const forms = [];
  const open = entry.label.indexOf(' (');
  if (open < 0) {
    forms.push(entry.label);
  } else {
    forms.push(entry.label.slice(0, open));
    const inside = entry.label.slice(open + 2, entry.label.lastIndexOf(')'));
    for (const item of inside.split(',')) {
      if (!/\d/.test(item)) forms.push(item.trim());
    }
  }
  return forms.concat(entry.synonyms);
}

function Pattern(form) {
  const words = Words(form);
  const short = words.length === 1 && words[0].word.length <= kShortFormLetters;
  return {keys: words.map((w) => w.key), capitals: short ? words[0].word.toUpperCase() : null};
}

// Whether word i + k is in word i's clause.
function Continues(words, i, k) {
  return words[i + k].clause === words[i].clause;
}

export class BioMentions {
  constructor(vocabulary) {
    // first word key -> [{keys, capitals, concepts: Set}]
    this.patterns_ = new Map();
    const add = (concept, form) => {
      if (kGenericForms.has(form.toLowerCase())) return;
      const pattern = Pattern(form);
      if (pattern.keys.length === 0) return;
      const list = this.patterns_.get(pattern.keys[0]) || [];
      const same = list.find(
        (p) => p.keys.join(' ') === pattern.keys.join(' ') && p.capitals === pattern.capitals);
      if (same) {
        same.concepts.add(concept);
      } else {
        list.push({...pattern, concepts: new Set([concept])});
      }
      this.patterns_.set(pattern.keys[0], list);
    };
    for (const facet of kDiscussedFacets) {
      for (const [value, entry] of Object.entries(vocabulary[facet])) {
        const concept = `${facet}:${value}`;
        for (const form of LabelForms(entry).concat(kExtraForms[concept] || [])) add(concept, form);
      }
    }
    for (const [concept, forms] of Object.entries(kPseudoForms)) {
      for (const form of forms) add(concept, form);
    }
  }

  // The set of "facet:value" concepts (and pseudo-concepts) `text` speaks of.
  Concepts(text) {
    const words = Words(text);
    const found = new Set();
    for (let i = 0; i < words.length;) {
      let best = null;
      for (const pattern of this.patterns_.get(words[i].key) || []) {
        if (best && pattern.keys.length <= best.keys.length) continue;
        if (i + pattern.keys.length > words.length) continue;
        if (pattern.capitals && words[i].word !== pattern.capitals) continue;
        if (pattern.keys.every((key, k) => Continues(words, i, k) && words[i + k].key === key)) {
          best = pattern;
        }
      }
      if (best) {
        for (const concept of best.concepts) found.add(concept);
        i += best.keys.length;
      } else {
        ++i;
      }
    }
    return found;
  }
}

// Whether `text` contains the words of `phrase` in a row (a city or a state).
export function MentionsPhrase(text, phrase) {
  const words = Words(text);
  const keys = Words(phrase).map((w) => w.key);
  for (let i = 0; i + keys.length <= words.length; ++i) {
    if (keys.every((key, k) => Continues(words, i, k) && words[i + k].key === key)) return true;
  }
  return false;
}
