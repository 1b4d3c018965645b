// The search widget's own styles (docs/widget.md), adopted by its shadow
// root after the pages' stylesheet (/static/css/site.css), which styles the
// cards, facets, chips and pager the widget shares with the search page.
// Only layout and the guards against the partner's page live here.

const kWidgetCss = `
/* The partner's CSS stops at the shadow root, but the host element is theirs:
   it stays shown (an !important rule inside wins over one outside) and
   inherits nothing but the --rapport-* theme. */
:host { display: block !important; }
.rapport {
  all: initial; display: block; container-type: inline-size;
  font-family: var(--font); font-size: 1rem; line-height: 1.5; color: var(--text); background: var(--bg);
}
.rapport * { box-sizing: border-box; }
/* The widget's width, not the window's, picks the layout: these undo the
   pages' window-wide rules, and the container query below redoes them. */
.search-form { margin: 0; grid-template-columns: 1fr; }
.layout { display: grid; gap: 1rem; margin-top: 1rem; grid-template-columns: 1fr; }
.filters-toggle { justify-self: start; font-weight: 600; }
.facet-panels.collapsed { display: none; }
.results-bar h2 { font-size: 1.2rem; }
.result-list h3 { font-size: 1.05rem; }
.profile-view { margin-top: 1rem; }
.profile-view > h2 { font-size: 1.3rem; margin: 0.75rem 0 0.25rem; }
.profile-grid { display: grid; gap: 1rem; grid-template-columns: 1fr; }
.card h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
.card h4 { font-size: 1rem; margin: 0.6rem 0 0.25rem; }
.notice { margin-top: 1rem; }
@container (min-width: 48rem) {
  .search-form { grid-template-columns: 2fr 1fr 1fr auto; align-items: end; }
  .field-q { grid-column: 1 / -1; }
  .layout { grid-template-columns: 15rem 1fr; align-items: start; }
  .filters-toggle { display: none; }
  .facet-panels.collapsed { display: grid; }
  .profile-grid { grid-template-columns: 1fr 1fr; }
}
`;

let sheet = null;

// One constructed stylesheet shared by every widget of the page.
export function WidgetStyleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(kWidgetCss);
  }
  return sheet;
}
