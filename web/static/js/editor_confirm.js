// An accessible confirmation before an editor action that changes what the
// public sees: a modal <dialog> (the browser keeps focus inside it and Escape
// cancels) that names the action and says what will happen.

import {el} from './dom.js';

let dialog = null;

function TheDialog() {
  if (dialog) return dialog;
  dialog = el(
      'dialog', {id: 'confirm-dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text'},
      el('h2', {id: 'confirm-title'}), el('p', {id: 'confirm-text'}),
      el('div', {class: 'toolbar'}, el('button', {type: 'button', id: 'confirm-go', class: 'danger'}),
         el('button', {type: 'button', id: 'confirm-cancel'}, 'Cancel')));
  document.body.append(dialog);
  return dialog;
}

// Resolves true when the editor chooses `action`, false on Cancel or Escape;
// focus returns to where it was.
export function Confirm({title, text, action}) {
  const box = TheDialog();
  const back = document.activeElement;
  box.querySelector('#confirm-title').textContent = title;
  box.querySelector('#confirm-text').textContent = text;
  box.querySelector('#confirm-go').textContent = action;
  return new Promise((resolve) => {
    const finish = (answer) => {
      box.onclose = null;
      if (box.open) box.close();
      if (back && back.isConnected) back.focus();
      resolve(answer);
    };
    box.querySelector('#confirm-go').onclick = () => finish(true);
    box.querySelector('#confirm-cancel').onclick = () => finish(false);
    box.onclose = () => finish(false);
    box.showModal();
    box.querySelector('#confirm-cancel').focus();
  });
}
