// Resolves city names against the shipped gazetteer (data/cities.json,
// served at kGazetteerUrl). Loaded only when the client first uses the city
// box, so it does not weigh on the search page's first paint.

export const kGazetteerUrl = '/static/data/cities.json';
const kMaxMatches = 8;

let cities_promise = null;

function Fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function LoadCities() {
  if (!cities_promise) {
    cities_promise =
        fetch(kGazetteerUrl, {credentials: 'same-origin'})
            .then((r) => (r.ok ? r.json() : []))
            .then(
                (list) => (Array.isArray(list) ? list : [])
                              .filter((c) => c && c.city && c.state && Number.isFinite(c.lat) && Number.isFinite(c.lon))
                              .map((c) => ({...c, folded: Fold(c.city)})))
            .catch(() => []);
  }
  return cities_promise;
}

export function PlaceName(city) {
  return `${city.city}, ${city.state}`;
}

// Cities whose name starts with the typed text (optionally ", ST"), the
// biggest first; names that merely contain the text come after.
export async function MatchCities(text) {
  const cities = await LoadCities();
  const [name_part, state_part] = text.split(',');
  const name = Fold(name_part || '');
  const state = (state_part || '').trim().toUpperCase();
  if (!name) return [];
  const fits = (c) => !state || c.state.startsWith(state);
  const starts = cities.filter((c) => c.folded.startsWith(name) && fits(c));
  const contains = cities.filter((c) => !c.folded.startsWith(name) && c.folded.includes(name) && fits(c));
  const by_population = (a, b) => (b.population || 0) - (a.population || 0);
  return [...starts.sort(by_population), ...contains.sort(by_population)].slice(0, kMaxMatches);
}

export function NearParam(city) {
  return `${city.lat.toFixed(4)},${city.lon.toFixed(4)}`;
}
