// Thin wrappers around fetch for the JSON API of DESIGN.md §3. Every call
// resolves to {ok, status, data, etag}; errors keep the API's error object so
// pages can show its message and field. Addresses are on the server this
// module came from, so the search widget (docs/widget.md), which imports it
// into a partner's page, asks Rapport and not the partner's site.

// An address on the Rapport server that served this module.
export function SiteUrl(path) {
  return new URL(path, import.meta.url).href;
}

export const kApiBase = SiteUrl('/api/v1');

// Headers every call sends: the widget's browser-safe partner key (one key
// per page: the last UseKey wins).
let key_headers = {};

export function UseKey(key) {
  key_headers = key ? {Authorization: `Bearer ${key}`} : {};
}

export async function GetJson(path, options = {}) {
  return Request('GET', path, null, options);
}

export async function Request(method, path, body, {headers = {}, signal, cache = 'default'} = {}) {
  const init = {method, headers: {Accept: 'application/json', ...key_headers, ...headers}, credentials: 'same-origin', signal, cache};
  if (body !== null && body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return {
      ok: false,
      status: 0,
      data: {error: {code: 'network', message: 'The server could not be reached.'}},
      etag: null
    };
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = {error: {code: 'bad_response', message: text.slice(0, 200)}};
    }
  }
  return {ok: response.ok, status: response.status, data, etag: response.headers.get('ETag')};
}

export function ErrorMessage(result) {
  const error = result && result.data && result.data.error;
  if (error && error.message) return error.message;
  return `Request failed (HTTP ${result ? result.status : '?'})`;
}
