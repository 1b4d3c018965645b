// A searchable multi-select of vocabulary values for the profile form
// (WAI-ARIA combobox with a multi-selectable listbox): typing filters the
// labelled values, Arrow keys move (aria-activedescendant keeps focus in the
// text box), Enter or Space toggles the active value, Backspace in the empty
// box removes the last chosen value, Escape closes. Chosen values show as
// removable buttons; a value the vocabulary does not know (already on the
// profile) is shown, kept and marked.

import {clear, el} from './dom.js';

function Fold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export class Picker {
  // `id`: the text box's id (the form row's label points at it);
  // `values`: [{value, label}] of the vocabulary; `described`: ids for
  // aria-describedby (help, error).
  constructor({id, values, described}) {
    this.values_ = values;
    this.chosen_ = [];
    this.shown_ = [];
    this.active_ = -1;
    this.chips_ = el('ul', {class: 'picker-chosen', 'aria-label': 'Chosen'});
    this.listbox_ = el('ul', {id: `${id}-options`, role: 'listbox', class: 'listbox', 'aria-multiselectable': 'true', hidden: true});
    this.input_ = el('input', {
      id,
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': this.listbox_.id,
      'aria-describedby': described,
      placeholder: 'Type to filter, arrows to choose'
    });
    this.root = el('div', {class: 'picker'}, this.chips_, el('div', {class: 'picker-box'}, this.input_, this.listbox_));
    this.input_.addEventListener('input', () => this.Open());
    this.input_.addEventListener('focus', () => this.Open());
    this.input_.addEventListener('keydown', (event) => this.OnKey(event));
    this.input_.addEventListener('blur', () => setTimeout(() => this.Close(), 0));
    this.listbox_.addEventListener('mousedown', (event) => event.preventDefault());
    this.listbox_.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.Toggle(option.dataset.value);
    });
  }

  get value() {
    return [...this.chosen_];
  }

  set value(list) {
    this.chosen_ = Array.isArray(list) ? list.map(String) : [];
    this.RenderChips();
  }

  get dataset() {
    return this.input_.dataset;
  }

  setAttribute(name, value) {
    this.input_.setAttribute(name, value);
  }

  removeAttribute(name) {
    this.input_.removeAttribute(name);
  }

  focus() {
    this.input_.focus();
  }

  LabelOf(value) {
    const known = this.values_.find((v) => v.value === value);
    return known ? known.label : null;
  }

  RenderChips() {
    clear(this.chips_);
    for (const value of this.chosen_) {
      const label = this.LabelOf(value);
      const text = label || `${value} (not in the vocabulary)`;
      this.chips_.append(
          el('li', {},
             el('button', {
               type: 'button',
               class: `chip${label ? '' : ' unknown'}`,
               'aria-label': `Remove ${text}`,
               onclick: () => this.Toggle(value)
             },
                text, el('span', {'aria-hidden': 'true'}, ' ×'))));
    }
  }

  Open() {
    const text = Fold(this.input_.value);
    this.shown_ = this.values_.filter((v) => !text || Fold(v.label).includes(text) || Fold(v.value).includes(text));
    this.active_ = this.shown_.length && text ? 0 : -1;
    this.RenderOptions();
  }

  RenderOptions() {
    clear(this.listbox_);
    this.shown_.forEach((option, index) => {
      this.listbox_.append(el(
          'li', {
            id: `${this.listbox_.id}-${index}`,
            role: 'option',
            class: index === this.active_ ? 'active' : null,
            'aria-selected': String(this.chosen_.includes(option.value)),
            'data-value': option.value
          },
          option.label));
    });
    const open = this.shown_.length > 0;
    this.listbox_.hidden = !open;
    this.input_.setAttribute('aria-expanded', String(open));
    const active = this.active_ >= 0 ? this.listbox_.children[this.active_] : null;
    if (active) {
      this.input_.setAttribute('aria-activedescendant', active.id);
      active.scrollIntoView({block: 'nearest'});
    } else {
      this.input_.removeAttribute('aria-activedescendant');
    }
  }

  Close() {
    this.listbox_.hidden = true;
    this.active_ = -1;
    this.input_.setAttribute('aria-expanded', 'false');
    this.input_.removeAttribute('aria-activedescendant');
  }

  Toggle(value) {
    this.chosen_ = this.chosen_.includes(value) ? this.chosen_.filter((v) => v !== value) : [...this.chosen_, value];
    this.RenderChips();
    if (!this.listbox_.hidden) this.RenderOptions();
    this.input_.dispatchEvent(new Event('change', {bubbles: true}));
  }

  Move(step) {
    if (this.listbox_.hidden) this.Open();
    const count = this.shown_.length;
    if (!count) return;
    this.active_ = this.active_ < 0 ? (step > 0 ? 0 : count - 1) : (this.active_ + step + count) % count;
    this.RenderOptions();
  }

  OnKey(event) {
    const active = this.active_ >= 0 && !this.listbox_.hidden ? this.shown_[this.active_] : null;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.Move(event.key === 'ArrowDown' ? 1 : -1);
    } else if ((event.key === 'Enter' || event.key === ' ') && active) {
      event.preventDefault();
      this.Toggle(active.value);
    } else if (event.key === 'Enter') {
      event.preventDefault();  // never submits the form from a picker
    } else if (event.key === 'Backspace' && this.input_.value === '' && this.chosen_.length) {
      event.preventDefault();
      this.Toggle(this.chosen_[this.chosen_.length - 1]);
    } else if (event.key === 'Escape' && !this.listbox_.hidden) {
      event.preventDefault();
      this.Close();
    }
  }
}
