// Remembers the client's last search (its page URL and scroll position) in
// sessionStorage, so a profile's "Back to search" returns to exactly that
// search: the server sends Referrer-Policy: no-referrer, so the profile page
// cannot learn it from document.referrer. Nothing leaves the browser tab.

const kKey = 'rapport:last-search';
const kSearchPath = '/';

// A same-origin search page address, never another site or page.
function IsSearchUrl(url) {
  return typeof url === 'string' && (url === kSearchPath || url.startsWith(`${kSearchPath}?`));
}

// Records the search page's current URL and scroll position.
export function RememberSearch() {
  try {
    sessionStorage.setItem(
        kKey, JSON.stringify({url: `${location.pathname}${location.search}`, scroll: window.scrollY}));
  } catch {
    // Storage disabled or full: "Back to search" then goes to the empty search.
  }
}

// The remembered search {url, scroll}, or null.
export function LastSearch() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(kKey) || 'null');
    if (!saved || !IsSearchUrl(saved.url)) return null;
    return {url: saved.url, scroll: Number.isFinite(saved.scroll) && saved.scroll > 0 ? saved.scroll : 0};
  } catch {
    return null;
  }
}

// Where "Back to search" leads: the remembered search, or the empty one.
export function BackToSearchUrl() {
  const saved = LastSearch();
  return saved ? saved.url : kSearchPath;
}
