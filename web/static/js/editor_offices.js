// The offices of a profile as addresses: each office's city is chosen from
// the shipped gazetteer (places.js, the search page's city matcher, through
// the same Combobox), which fills state, latitude and longitude. The
// coordinates are shown read-only; an "advanced" switch lets an editor
// correct them. Offices are added and removed with buttons. Fields of an
// office the form does not show are kept. An office an import placed only by
// its ZIP code or city says so; changing its point removes that precision
// (the server does the same: the editor placed it).

import {Combobox} from './combobox.js';
import {clear, el} from './dom.js';
import {ApproximateNote} from './office_place.js';
import {MatchCities, PlaceName} from './places.js';

// Numbers stay numbers; anything else is sent as typed so the API's 422
// names the field.
export function NumberOrText(text) {
  const trimmed = String(text).trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

export class OfficeList {
  constructor({id, described}) {
    this.id_ = id;
    this.offices_ = [];
    this.list_ = el('ol', {class: 'office-list'});
    this.root = el(
        'div', {id, role: 'group', 'aria-labelledby': `${id}-legend`, 'aria-describedby': described}, this.list_,
        el('button', {type: 'button', class: 'add-office', onclick: () => this.Add()}, 'Add office'));
  }

  get value() {
    return this.offices_.map((office) => ({...office}));
  }

  set value(list) {
    this.offices_ = Array.isArray(list) ? list.map((office) => ({...office})) : [];
    this.Render();
  }

  get dataset() {
    return this.root.dataset;
  }

  setAttribute(name, value) {
    this.root.setAttribute(name, value);
  }

  removeAttribute(name) {
    this.root.removeAttribute(name);
  }

  focus() {
    const first = this.root.querySelector('input');
    (first || this.root.querySelector('button')).focus();
  }

  Add() {
    this.offices_.push({});
    this.Render();
    this.list_.lastElementChild.querySelector('input').focus();
  }

  Remove(index) {
    this.offices_.splice(index, 1);
    this.Render();
    this.focus();
  }

  Render() {
    clear(this.list_);
    this.offices_.forEach((office, index) => this.list_.append(this.Row(office, index)));
  }

  Row(office, index) {
    const base = `${this.id_}-${index}`;
    const number = index + 1;
    const approximate = ApproximateNote(office);
    const precision = approximate ?
        el('p', {class: 'help', id: `${base}-precision`},
           `${approximate}, placed by an import. Changing the coordinates makes them yours.`) :
        null;
    const placed_by_editor = () => {
      delete office.geo_precision;
      if (precision) precision.hidden = true;
    };
    const coordinate = (key, label) => {
      const input = el('input', {
        id: `${base}-${key}`,
        type: 'text',
        inputmode: 'decimal',
        readonly: true,
        value: office[key] ?? '',
        oninput: (event) => {
          office[key] = NumberOrText(event.target.value);
          if (office[key] === null) delete office[key];
          placed_by_editor();
        }
      });
      return el('div', {class: 'form-row'}, el('label', {for: input.id}, `${label} (office ${number})`), input);
    };
    const lat = coordinate('lat', 'Latitude');
    const lon = coordinate('lon', 'Longitude');
    const city = el('input', {
      id: `${base}-city`,
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${base}-cities`,
      'aria-describedby': `${base}-city-help`,
      value: office.city ? PlaceName(office) : ''
    });
    const cities = el('ul', {id: `${base}-cities`, role: 'listbox', class: 'listbox', hidden: true});
    new Combobox(city, cities, {
      source: async (text) => (await MatchCities(text)).map((place) => ({...place, label: PlaceName(place)})),
      onPick: (place) => {
        office.city = place.city;
        office.state = place.state;
        office.lat = place.lat;
        office.lon = place.lon;
        placed_by_editor();
        city.value = PlaceName(place);
        lat.querySelector('input').value = String(place.lat);
        lon.querySelector('input').value = String(place.lon);
      }
    });
    const zip = el('input', {
      id: `${base}-zip`,
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      value: office.zip ?? '',
      oninput: (event) => {
        const text = event.target.value.trim();
        if (text)
          office.zip = text;
        else
          delete office.zip;
      }
    });
    const advanced = el('input', {
      id: `${base}-advanced`,
      type: 'checkbox',
      onchange: (event) => {
        for (const input of [lat, lon].map((row) => row.querySelector('input'))) input.readOnly = !event.target.checked;
      }
    });
    return el(
        'li', {class: 'card office'}, el('h3', {}, `Office ${number}`),
        el('div', {class: 'form-row'}, el('label', {for: city.id}, `City (office ${number})`),
           el('div', {class: 'picker-box'}, city, cities),
           el('p', {class: 'help', id: `${base}-city-help`}, 'Type a city and choose it from the list; state and coordinates follow.')),
        el('div', {class: 'form-row'}, el('label', {for: zip.id}, `ZIP (office ${number})`), zip), lat, lon, precision,
        el('div', {class: 'form-row check'}, advanced,
           el('label', {for: advanced.id}, `Advanced: edit the coordinates of office ${number}`)),
        el('button', {type: 'button', class: 'danger', onclick: () => this.Remove(index)}, `Remove office ${number}`));
  }
}
