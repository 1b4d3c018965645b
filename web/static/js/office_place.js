// How exact an office's point is (the API's offices[].geo_precision): an
// import that knew only the ZIP code or the city placed the office at its
// centre, so the pages say the location is approximate and distances are
// "about". Points from a street address or placed by an editor carry no note.

// What each approximate precision is the centre of, for the note.
const kApproximateOf = {zip: 'ZIP code area', city: 'city centre'};

// What a result card says under an approximate office (short on a phone).
export const kApproximateShort = 'Approximate location';

// Whether the office was placed only by its ZIP code or city.
export function IsApproximate(office) {
  return Boolean(office && kApproximateOf[office.geo_precision]);
}

// "Approximate location (city centre)", or null for an exact or unplaced office.
export function ApproximateNote(office) {
  return IsApproximate(office) ? `${kApproximateShort} (${kApproximateOf[office.geo_precision]})` : null;
}

// Whether any office of the list is placed only approximately.
export function AnyApproximate(offices) {
  return Array.isArray(offices) && offices.some(IsApproximate);
}
