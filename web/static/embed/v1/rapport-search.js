// <rapport-search>: Rapport's search as one element a partner site drops into
// its page (docs/widget.md):
//
//   <script type="module" src="https://rapport.example/embed/v1/rapport-search.js"></script>
//   <rapport-search key="rk_…" state="CA"></rapport-search>
//
// Everything renders inside a shadow root, so the partner's CSS cannot reach
// it; the --rapport-* custom properties theme it. Every request goes to the
// server this script came from, with the browser-safe key as a bearer token.
// The search page's own modules (DOM-pure, served with CORS) build the form's
// parts, the cards, facets, pager, profile and crisis note, so the widget and
// the page never disagree.

import {ErrorMessage, GetJson, kApiBase, SiteUrl, UseKey} from '/static/js/api.js';
import {Combobox} from '/static/js/combobox.js';
import {NeedsCrisisNote} from '/static/js/crisis_note.js';
import {clear, el} from '/static/js/dom.js';
import {LoadDirectoryContact} from '/static/js/contact.js';
import {ProfileCards, ProfileHead, ProfileName} from '/static/js/profile_view.js';
import {ResultCard} from '/static/js/result_card.js';
import {FacetPanels, FilterLabel, Pager, SuggestionOptions, TherapistCount} from '/static/js/search_render.js';
import {ActiveFilters, AdoptInterpreted, ApiParams, EmptyState, FacetSchema, kMeetChoices, kOwnControlFacets, kPageSize, WithFacetControl} from '/static/js/search_state.js';
import {FilterFacets, LoadVocab, PanelFacets} from '/static/js/vocab.js';
import {WidgetShell} from './widget_shell.js';
import {WidgetStyleSheet} from './widget_style.js';

// The API answers at most this many results a page.
const kMaxPageSize = 100;
// performance.mark name for when the first results are painted (docs/widget.md).
export const kFirstResultsMark = 'rapport-search:first-results';

// Refusals no visitor can change: the form goes, the notice stays.
const kKeyRefusals = [401, 403];
// What a partner's visitor reads when the API refuses the search, by status.
const kRefusals = {
  0: 'The therapist directory could not be reached. Please try again in a moment.',
  401: 'This site’s search key is not valid (any more), so the therapist search cannot run here.',
  403: 'This site is not allowed to use this search key, so the therapist search cannot run here.',
  429: 'Too many searches from here right now. Please try again in a minute.',
};

class RapportSearch extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({mode: 'open'});
    root.adoptedStyleSheets = [WidgetStyleSheet()];
    this.ui_ = WidgetShell(SiteUrl('/static/css/site.css'));
    root.append(...this.ui_.nodes);
    this.run_ = 0;
    this.controller_ = null;
    this.expanded_ = new Set();
    this.narrowed_ = new Map();
    this.last_ = null;
    this.Init();
  }

  // Attributes (docs/widget.md): key, state, meet, filters, page-size.
  PageSize() {
    const size = Number.parseInt(this.getAttribute('page-size') || '', 10);
    return Number.isInteger(size) && size >= 1 ? Math.min(size, kMaxPageSize) : kPageSize;
  }

  // The partner's fixed filters: search parameters sent with every search,
  // whose facets get no panel.
  FixedFilters() {
    return new URLSearchParams(this.getAttribute('filters') || '');
  }

  async Init() {
    UseKey(this.getAttribute('key') || '');
    const fixed = this.FixedFilters();
    const vocab = await LoadVocab();
    // A facet the partner fixed, by its name or the state field it drives.
    const open = (facet) => !fixed.has(facet.name) && !fixed.has(kOwnControlFacets[facet.name]);
    this.vocab_ = {...vocab, catalogue: (vocab.catalogue || []).filter(open)};
    this.schema_ = FacetSchema(PanelFacets(this.vocab_), FilterFacets(this.vocab_));
    const state = EmptyState(this.schema_);
    const client_state = (this.getAttribute('state') || '').toUpperCase();
    if (/^[A-Z]{2}$/.test(client_state)) state.state = client_state;
    const meet = this.getAttribute('meet');
    if (kMeetChoices.includes(meet)) state.meet = meet;
    const ui = this.ui_;
    for (const s of vocab.state || []) ui.state.append(el('option', {value: s.value}, s.label));
    this.state_ = state;
    this.SyncForm();
    this.Listen();
    await this.Run();
    if (!performance.getEntriesByName(kFirstResultsMark).length) performance.mark(kFirstResultsMark);
  }

  Listen() {
    const ui = this.ui_;
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.Change((s) => {
        s.q = ui.q.value.trim();
        s.meet = ui.meet.value;
        s.state = ui.state.value;
      });
    });
    for (const select of [ui.meet, ui.state]) select.addEventListener('change', () => ui.form.requestSubmit());
    ui.panels.addEventListener('change', (event) => {
      if (event.target.dataset.narrow) return;
      const next = WithFacetControl(this.WithBoxText(), event.target, this.schema_.lists);
      if (next) this.Search(next);
    });
    ui.panels.addEventListener('click', (event) => this.OnToggle(event));
    ui.panels.addEventListener('input', (event) => {
      if (!event.target.dataset.narrow) return;
      this.narrowed_.set(event.target.dataset.narrow, event.target.value);
      this.RenderFacets();
    });
    ui.filters_toggle.addEventListener('click', () => {
      const open = ui.panels.classList.toggle('collapsed') === false;
      ui.filters_toggle.setAttribute('aria-expanded', String(open));
    });
    ui.pager.addEventListener('click', (event) => {
      const button = event.target.closest('[data-offset]');
      if (!button) return;
      const next = structuredClone(this.state_);
      next.offset = Number(button.dataset.offset);
      this.Search(next).then(() => ui.results_heading.focus());
    });
    ui.did_you_mean.addEventListener('click', (event) => {
      if (!event.target.closest('button')) return;
      ui.q.value = event.target.textContent;
      ui.form.requestSubmit();
    });
    ui.results.addEventListener('click', (event) => this.OnResultClick(event));
    ui.back.addEventListener('click', () => this.CloseProfile());
    new Combobox(ui.q, ui.suggestions, {source: (text) => this.Suggest(text), onPick: (o) => this.OnSuggestionPick(o)});
  }

  SyncForm() {
    this.ui_.q.value = this.state_.q;
    this.ui_.meet.value = this.state_.meet;
    this.ui_.state.value = this.state_.state;
  }

  WithBoxText() {
    const state = structuredClone(this.state_);
    state.q = this.ui_.q.value.trim();
    return state;
  }

  Change(mutate) {
    const state = this.WithBoxText();
    mutate(state);
    state.offset = 0;
    return this.Search(state);
  }

  Search(state) {
    this.state_ = state;
    this.SyncForm();
    this.CloseProfile({focus: false});
    return this.Run();
  }

  ApiUrl(state, options) {
    const params = ApiParams(state, options);
    for (const [name, value] of this.FixedFilters()) params.append(name, value);
    return `${kApiBase}/search?${params}`;
  }

  async Run() {
    const run = ++this.run_;
    if (this.controller_) this.controller_.abort();
    this.controller_ = new AbortController();
    const state = this.state_;
    this.ui_.results.setAttribute('aria-busy', 'true');
    let result;
    try {
      result = await GetJson(this.ApiUrl(state, {counted: this.schema_.counted, limit: this.PageSize()}),
                             {signal: this.controller_.signal});
    } catch {
      return;  // superseded by a newer search
    }
    if (run !== this.run_) return;
    this.ui_.results.removeAttribute('aria-busy');
    if (!result.ok) {
      this.ShowRefusal(result);
      return;
    }
    this.ui_.notice.hidden = true;
    this.ui_.form.hidden = false;
    this.ui_.search_view.hidden = false;
    // Filter words the API read as filters become removable chips, as on the page.
    const adopted = result.data.interpreted ? AdoptInterpreted(state, result.data.interpreted) : null;
    if (adopted) {
      this.state_ = adopted;
      this.SyncForm();
      // The API searched a place it read at its default radius; the widget's radius differs.
      if (adopted.near !== state.near) return this.Run();
    }
    this.Render(adopted || state, result.data);
  }

  // A refused search says why in words, never an empty box, and offers
  // the crisis line as a search that finds nobody does.
  ShowRefusal(result) {
    const ui = this.ui_;
    ui.form.hidden = kKeyRefusals.includes(result.status);
    ui.crisis.hidden = false;
    const known = kRefusals[result.status];
    clear(ui.notice).append(el('p', {}, el('strong', {}, known || 'The therapist search failed.')),
                            el('p', {class: 'help'}, `The directory said: ${ErrorMessage(result)}`));
    ui.notice.dataset.status = String(result.status);
    ui.notice.hidden = false;
    ui.search_view.hidden = true;
  }

  Render(state, data) {
    const ui = this.ui_;
    this.last_ = {state, data};
    const total = Number(data.total) || 0;
    const results = Array.isArray(data.results) ? data.results : [];
    ui.status.dataset.total = String(total);
    ui.status.textContent = total === 0 ? 'No therapists found' :
        TherapistCount(total) +
            (total > results.length ? ` · showing ${state.offset + 1}–${state.offset + results.length}` : '');
    const now = new Date();
    clear(ui.list).setAttribute('start', String(state.offset + 1));
    for (const item of results) ui.list.append(ResultCard(item, this.vocab_, now, state.state));
    ui.crisis.hidden = !NeedsCrisisNote(data);
    clear(ui.did_you_mean).hidden = !data.did_you_mean;
    if (data.did_you_mean) {
      ui.did_you_mean.append('Did you mean ', el('button', {type: 'button', class: 'link'}, String(data.did_you_mean)), '?');
    }
    this.RenderChips(state);
    this.RenderFacets();
    clear(ui.pager).append(...Pager(total, state.offset, this.PageSize()));
  }

  RenderChips(state) {
    const chips = clear(this.ui_.chips);
    for (const filter of ActiveFilters(state)) {
      const label = FilterLabel(filter, this.vocab_);
      chips.append(el('li', {}, el('button', {
        type: 'button',
        class: 'chip',
        'aria-label': `Remove filter ${label}`,
        onclick: () => this.Search(filter.kind === 'q' ? filter.remove() : {...filter.remove(), q: this.ui_.q.value.trim()}),
      }, label, el('span', {'aria-hidden': 'true'}, ' ×'))));
    }
  }

  // Rebuilds the panels from the last answer, keeping focus on the control
  // the client used.
  RenderFacets() {
    if (!this.last_) return;
    const panels = this.ui_.panels;
    const root = this.shadowRoot;
    const focused = root.activeElement && panels.contains(root.activeElement) ? root.activeElement.id : null;
    clear(panels).append(...FacetPanels(this.last_.state, this.last_.data.facets || {}, this.vocab_,
                                        {expanded: this.expanded_, narrowed: this.narrowed_}));
    const again = focused && root.getElementById(focused);
    if (!again) return;
    again.focus();
    if (again.dataset.narrow) again.setSelectionRange(again.value.length, again.value.length);
  }

  OnToggle(event) {
    const toggle = event.target.closest('[data-toggle]');
    if (!toggle) return;
    const facet = toggle.dataset.toggle;
    if (!this.expanded_.delete(facet)) this.expanded_.add(facet);
    this.RenderFacets();
    const again = this.ui_.panels.querySelector(`[data-toggle="${facet}"]`);
    if (again) again.focus();
  }

  // A card's links to the profile open it here, in the widget; contact
  // links work as links.
  OnResultClick(event) {
    const link = event.target.closest('a');
    const card = link && link.closest('[data-id]');
    if (!card || !link.href.startsWith(SiteUrl('/therapists/'))) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    this.OpenProfile(card.dataset.id, link);
  }

  async OpenProfile(id, opener = null) {
    const ui = this.ui_;
    this.opener_ = opener;
    ui.search_view.hidden = true;
    ui.crisis.hidden = true;
    ui.profile_view.hidden = false;
    clear(ui.profile_body);
    ui.profile_heading.textContent = 'Loading profile…';
    ui.profile_heading.focus();
    const [result, directory_contact] =
        await Promise.all([GetJson(`${kApiBase}/therapists/${encodeURIComponent(id)}`), LoadDirectoryContact()]);
    if (ui.profile_view.hidden) return;  // closed meanwhile
    if (!result.ok) {
      ui.profile_heading.textContent =
          result.status === 404 ? 'This therapist is not listed (any more).' : ErrorMessage(result);
      return;
    }
    const profile = result.data;
    ui.profile_heading.replaceChildren(...ProfileName(profile));
    ui.profile_body.append(ProfileHead(profile, this.vocab_),
                           el('div', {class: 'profile-grid'}, ProfileCards(profile, this.vocab_, directory_contact, {level: 3})));
  }

  CloseProfile({focus = true} = {}) {
    const ui = this.ui_;
    if (ui.profile_view.hidden) return;
    ui.profile_view.hidden = true;
    ui.search_view.hidden = false;
    ui.crisis.hidden = !(this.last_ && NeedsCrisisNote(this.last_.data));
    const opener = this.opener_;
    this.opener_ = null;
    if (!focus) return;
    if (opener && opener.isConnected) opener.focus();
    else ui.results_heading.focus();
  }

  async Suggest(text) {
    const r = await GetJson(`${kApiBase}/suggest?q=${encodeURIComponent(text)}`);
    return r.ok ? SuggestionOptions(r.data, this.vocab_) : [];
  }

  // A therapist's name opens their profile; a vocabulary value becomes a
  // filter; anything else is searched as text.
  OnSuggestionPick(option) {
    if (option.kind === 'name' && option.value) {
      this.OpenProfile(option.value);
    } else if (this.schema_.lists.includes(option.kind) && option.value) {
      this.ui_.q.value = '';
      this.Change((s) => {
        if (!s.filters[option.kind].includes(option.value)) s.filters[option.kind].push(option.value);
      });
    } else {
      this.ui_.q.value = option.label;
      this.Change(() => {});
    }
  }
}

if (!customElements.get('rapport-search')) customElements.define('rapport-search', RapportSearch);
