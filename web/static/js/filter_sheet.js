// The search page's filters on narrow screens: a "Filters" button opens them
// as a sheet (a modal <dialog>: focus moves in, Escape closes, focus returns
// to the button) over the results, with a sticky "Show N therapists" button.
// On wide screens the same panels sit beside the results; the panels move
// between the two places as the width changes, keeping their listeners.

import {TherapistCount} from './search_render.js';

export const kWideLayoutPx = 800;

export class FilterSheet {
  // `panels`: the facet panels element; `side`: its place on wide screens;
  // the ids below are the sheet's parts in index.html.
  constructor(panels, side) {
    this.panels = panels;
    this.side = side;
    this.dialog = document.getElementById('filter-sheet');
    this.body = document.getElementById('sheet-body');
    this.open_button = document.getElementById('open-filters');
    this.show_button = document.getElementById('show-results');
    this.wide = window.matchMedia(`(min-width: ${kWideLayoutPx}px)`);
    this.open_button.addEventListener('click', () => this.Open());
    document.getElementById('close-filters').addEventListener('click', () => this.Close());
    this.show_button.addEventListener('click', () => this.Close());
    this.dialog.addEventListener('close', () => this.open_button.focus());
    this.wide.addEventListener('change', () => this.Place());
    this.Place();
  }

  // The panels go beside the results on wide screens, into the sheet on narrow ones.
  Place() {
    if (this.wide.matches) {
      if (this.dialog.open) this.dialog.close();
      this.side.append(this.panels);
    } else {
      this.body.append(this.panels);
    }
  }

  Open() {
    this.dialog.showModal();
  }

  Close() {
    this.dialog.close();
  }

  // The number of therapists the current filters find (the API's total).
  SetTotal(total) {
    this.show_button.textContent = `Show ${TherapistCount(total)}`;
  }
}
