// An accessible autocomplete (WAI-ARIA combobox with a listbox popup):
// typing asks `source` for options, Arrow keys move through them
// (aria-activedescendant keeps focus in the text box), Enter picks, Escape
// closes. Used for search suggestions and for the city box.

import {clear, el} from './dom.js';

const kDebounceMs = 120;

export class Combobox {
  constructor(input, listbox, {source, onPick, minChars = 1}) {
    this.input_ = input;
    this.listbox_ = listbox;
    this.source_ = source;
    this.on_pick_ = onPick;
    this.min_chars_ = minChars;
    this.options_ = [];
    this.active_ = -1;
    this.timer_ = null;
    this.request_ = 0;
    input.addEventListener('input', () => this.Schedule());
    input.addEventListener('keydown', (event) => this.OnKey(event));
    input.addEventListener('blur', () => setTimeout(() => this.Close(), 0));
    listbox.addEventListener('mousedown', (event) => event.preventDefault());
    listbox.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.Pick(Number(option.dataset.index));
    });
  }

  IsOpen() {
    return !this.listbox_.hidden;
  }

  Schedule() {
    clearTimeout(this.timer_);
    this.timer_ = setTimeout(() => this.Refresh(), kDebounceMs);
  }

  async Refresh() {
    const text = this.input_.value.trim();
    const request = ++this.request_;
    if (text.length < this.min_chars_) {
      this.Close();
      return;
    }
    let options = [];
    try {
      options = await this.source_(text);
    } catch {
      options = [];
    }
    // The root node's activeElement also sees focus inside a shadow root (the widget).
    if (request !== this.request_ || this.input_.getRootNode().activeElement !== this.input_) return;
    this.Show(options);
  }

  Show(options) {
    this.options_ = options;
    this.active_ = -1;
    this.input_.removeAttribute('aria-activedescendant');
    clear(this.listbox_);
    if (!options.length) {
      this.Close();
      return;
    }
    options.forEach((option, index) => {
      this.listbox_.appendChild(
          el('li', {
            id: `${this.listbox_.id}-${index}`,
            role: 'option',
            'aria-selected': 'false',
            'data-index': index,
          },
             option.label, option.detail ? el('span', {class: 'option-detail'}, ` ${option.detail}`) : null));
    });
    this.listbox_.hidden = false;
    this.input_.setAttribute('aria-expanded', 'true');
  }

  Close() {
    this.listbox_.hidden = true;
    this.active_ = -1;
    this.input_.setAttribute('aria-expanded', 'false');
    this.input_.removeAttribute('aria-activedescendant');
  }

  Move(step) {
    if (!this.options_.length) return;
    const count = this.options_.length;
    this.active_ = this.active_ < 0 ? (step > 0 ? 0 : count - 1) : (this.active_ + step + count) % count;
    for (const node of this.listbox_.children) {
      const selected = Number(node.dataset.index) === this.active_;
      node.setAttribute('aria-selected', String(selected));
      if (selected) {
        this.input_.setAttribute('aria-activedescendant', node.id);
        node.scrollIntoView({block: 'nearest'});
      }
    }
  }

  Pick(index) {
    const option = this.options_[index];
    if (!option) return;
    this.Close();
    this.on_pick_(option);
  }

  OnKey(event) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!this.IsOpen()) {
        this.Refresh();
        return;
      }
      this.Move(1);
    } else if (event.key === 'ArrowUp') {
      if (!this.IsOpen()) return;
      event.preventDefault();
      this.Move(-1);
    } else if (event.key === 'Enter') {
      if (this.IsOpen() && this.active_ >= 0) {
        event.preventDefault();
        this.Pick(this.active_);
      } else {
        this.Close();
      }
    } else if (event.key === 'Escape') {
      if (this.IsOpen()) {
        event.preventDefault();
        this.Close();
      }
    } else if (event.key === 'Tab') {
      this.Close();
    }
  }
}
