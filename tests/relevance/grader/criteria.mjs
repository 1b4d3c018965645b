// Grades a profile 0–3 for a judged query by the rules of
// tests/relevance/criteria.md, from the profile's fields and bio only.
//
//   const grader = new Grader(data);
//   const {grade, reason} = grader.Grade(query, profile);

import {BioMentions, MentionsPhrase, kOnlineConcept, kSlidingScaleConcept} from './bio_mentions.mjs';
import {ListedValues} from './data.mjs';

// The radius of "in <city>": the search API's default radius_km.
const kCityRadiusKm = 40;
const kEarthRadiusKm = 6371.0088;

const kGrade = {unrelated: 0, related: 1, partial: 2, full: 3};

// How a query part or constraint holds for a profile.
const kListed = 'L';
const kDiscussed = 'B';

// Great-circle distance between two {lat, lon} points.
export function DistanceKm(a, b) {
  const rad = (degrees) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * kEarthRadiusKm * Math.asin(Math.sqrt(h));
}

export class Grader {
  // `data`: {vocabulary, cities, compacts} from data.mjs.
  constructor({vocabulary, cities, compacts}) {
    this.vocabulary_ = vocabulary;
    this.cities_ = cities;
    this.compacts_ = compacts;
    this.mentions_ = new BioMentions(vocabulary);
    this.bioConcepts_ = new Map();  // profile id -> concepts its bio speaks of
  }

  // {grade, reason}: reason lists each part and constraint as the grader saw it.
  Grade(query, profile) {
    const bio = this.BioConcepts(profile);
    const notes = [];
    let capAtRelated = false;
    const constraintParts = [];
    for (const constraint of query.require) {
      const status = this.ConstraintStatus(constraint, profile, bio);
      notes.push(`${status.name}:${status.met}`);
      if (status.met === 'no') return {grade: kGrade.unrelated, reason: notes.join(' ')};
      if (status.met === 'partial') capAtRelated = true;
      constraintParts.push(status.part);
    }
    // A query without a topic is judged on its constraints as its topic.
    const parts = query.need.length > 0
      ? query.need.map((alternatives) => this.PartStatus(alternatives, profile, bio))
      : constraintParts;
    for (const part of parts) notes.push(`${part.name}:${part.how || '-'}`);
    let grade = this.TopicGrade(parts);
    const relatedHit = query.related.some(
      (c) => this.Listed(c, profile) || bio.has(`${c.facet}:${c.value}`));
    if (grade < kGrade.related && relatedHit) {
      grade = kGrade.related;
      notes.push('related');
    }
    if (capAtRelated && grade > kGrade.related) grade = kGrade.related;
    return {grade, reason: notes.join(' ')};
  }

  BioConcepts(profile) {
    let concepts = this.bioConcepts_.get(profile.id);
    if (!concepts) {
      concepts = this.mentions_.Concepts(profile.bio || '');
      this.bioConcepts_.set(profile.id, concepts);
    }
    return concepts;
  }

  // 3 when every part is listed and discussed, 2 when every part is at least
  // one of the two, 1 when some part is, else 0.
  TopicGrade(parts) {
    if (parts.every((p) => p.how === kListed + kDiscussed)) return kGrade.full;
    if (parts.every((p) => p.how)) return kGrade.partial;
    if (parts.some((p) => p.how)) return kGrade.related;
    return kGrade.unrelated;
  }

  Listed(concept, profile) {
    return ListedValues(profile, concept.facet).includes(concept.value);
  }

  // {name, how}: how is "LB", "L", "B" or "" for the best alternative.
  PartStatus(alternatives, profile, bio) {
    let best = '';
    for (const concept of alternatives) {
      const how = (this.Listed(concept, profile) ? kListed : '') +
        (bio.has(`${concept.facet}:${concept.value}`) ? kDiscussed : '');
      if (how.length > best.length) best = how;
    }
    return {name: alternatives.map((c) => c.value).join('|'), how: best};
  }

  // {name, met: 'yes' | 'partial' | 'no', part}: `part` is the constraint as
  // a topic part (listed when met, discussed when the bio speaks of it).
  ConstraintStatus(constraint, profile, bio) {
    // A partly met constraint counts as listed; Grade caps the grade at 1.
    const asPart = (name, met, discussed) => ({
      name,
      met,
      part: {name, how: (met === 'no' ? '' : kListed) + (discussed ? kDiscussed : '')},
    });
    switch (constraint.kind) {
      case 'facet': {
        const concept = `${constraint.facet}:${constraint.value}`;
        return asPart(constraint.value, this.Listed(constraint, profile) ? 'yes' : 'no', bio.has(concept));
      }
      case 'online': {
        const online = (profile.telehealth?.modes || []).length > 0;
        const spoken = bio.has(kOnlineConcept) || [...bio].some((c) => c.startsWith('mode:'));
        return asPart('online', online ? 'yes' : 'no', spoken);
      }
      case 'sliding_scale':
        return asPart('sliding_scale', profile.fee?.sliding_scale === true ? 'yes' : 'no',
          bio.has(kSlidingScaleConcept));
      case 'virtual_in': {
        const state = constraint.value;
        const met = this.CanSeeOnlineIn(profile, state) ? 'yes' : 'no';
        return asPart(`virtual_in:${state}`, met,
          MentionsPhrase(profile.bio || '', this.vocabulary_.state[state].label));
      }
      case 'city': {
        const city = this.cities_.get(constraint.value);
        const near = (profile.offices || []).some(
          (o) => typeof o.lat === 'number' && DistanceKm(o, city) <= kCityRadiusKm);
        // Seeing the client online in the city's state fits only part of "in <city>".
        const met = near ? 'yes' : this.CanSeeOnlineIn(profile, city.state) ? 'partial' : 'no';
        const name = constraint.value.split(',')[0];
        return asPart(`city:${name}`, met, MentionsPhrase(profile.bio || '', name));
      }
      default:
        throw new Error(`unknown constraint kind '${constraint.kind}'`);
    }
  }

  // Telehealth and a license or an operational compact covering `state`.
  CanSeeOnlineIn(profile, state) {
    if ((profile.telehealth?.modes || []).length === 0) return false;
    if ((profile.licenses || []).some((l) => l.state === state)) return true;
    return (profile.compacts || []).some((c) => this.compacts_.get(c)?.has(state));
  }
}
