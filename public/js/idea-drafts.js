/* Drafts of a new idea kept in this browser only (localStorage, per account): saved while the
   person types, offered back after a lost connection or a closed tab, and removed once the server
   confirms the idea, on "discard" and at logout (library computers are shared). Photos are not kept.
   Nothing is sent anywhere until the person presses publish. */
(function () {
  'use strict';
  var script = document.currentScript;
  var prefix = 'kopa-draft:';
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem(prefix);
  } catch {
    return;
  }

  var loggingOut = false;
  function removeAllDrafts() {
    loggingOut = true;
    for (var index = storage.length - 1; index >= 0; index--) {
      var key = storage.key(index);
      if (key && key.indexOf(prefix) === 0) storage.removeItem(key);
    }
  }

  // The server has just confirmed this person's idea.
  if (script && script.dataset.clearUser) storage.removeItem(prefix + script.dataset.clearUser);

  Array.prototype.forEach.call(document.querySelectorAll('form[action="/logout"]'), function (form) {
    form.addEventListener('submit', removeAllDrafts);
  });

  var form = document.querySelector('form[data-draft-user]');
  if (!form) return;
  var key = prefix + form.dataset.draftUser;

  function keptFields() {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.name !== '_csrf' && field.type !== 'file' && field.type !== 'hidden' && field.type !== 'submit' && field.type !== 'button';
    });
  }

  function read() {
    try {
      var draft = JSON.parse(storage.getItem(key) || 'null');
      return draft && Array.isArray(draft.fields) ? draft : null;
    } catch {
      return null;
    }
  }

  function typedSomething() {
    return keptFields().some(function (field) {
      return (field.type === 'text' || field.tagName === 'TEXTAREA') && field.value.trim() !== '';
    });
  }

  function save() {
    // Leaving the page to log out must not write the draft back.
    if (loggingOut || !typedSomething()) return;
    var fields = keptFields().map(function (field) {
      return field.type === 'checkbox' || field.type === 'radio' ? [field.name, field.value, field.checked] : [field.name, field.value];
    });
    try {
      storage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), fields: fields }));
    } catch {
      // A full or blocked storage only means no draft is kept.
    }
  }

  function restore(draft) {
    keptFields().forEach(function (field) {
      draft.fields.forEach(function (kept) {
        if (kept[0] !== field.name) return;
        if (field.type === 'checkbox' || field.type === 'radio') {
          if (kept[1] === field.value) field.checked = kept[2];
        } else {
          field.value = kept[1];
        }
      });
      field.dispatchEvent(new window.Event('change', { bubbles: true }));
    });
  }

  var timer;
  function saveSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 400);
  }
  form.addEventListener('input', saveSoon);
  form.addEventListener('change', saveSoon);
  window.addEventListener('pagehide', save);

  var draft = read();
  // A form sent back with errors already holds what was typed: keep saving over the old draft.
  if (!draft || typedSomething()) return;

  var notice = document.createElement('div');
  notice.className = 'notice notice-info flash flash-success draft-notice';
  notice.setAttribute('role', 'region');
  notice.setAttribute('aria-label', form.dataset.draftLabel);
  var text = document.createElement('p');
  text.textContent = form.dataset.draftFound.replace('{time}', new Date(draft.savedAt).toLocaleString(document.documentElement.lang));
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  var restoreButton = document.createElement('button');
  restoreButton.type = 'button';
  restoreButton.className = 'button-primary';
  restoreButton.textContent = form.dataset.draftRestore;
  var discardButton = document.createElement('button');
  discardButton.type = 'button';
  discardButton.className = 'link-button';
  discardButton.textContent = form.dataset.draftDiscard;
  var actions = document.createElement('p');
  actions.className = 'actions';
  actions.appendChild(restoreButton);
  actions.appendChild(document.createTextNode(' '));
  actions.appendChild(discardButton);
  notice.appendChild(text);
  notice.appendChild(actions);
  notice.appendChild(status);
  form.parentNode.insertBefore(notice, form);

  function settle(message) {
    text.remove();
    actions.remove();
    status.textContent = message;
    var title = form.querySelector('[name="title"]');
    if (title) title.focus();
  }
  restoreButton.addEventListener('click', function () {
    restore(draft);
    settle(form.dataset.draftRestored);
  });
  discardButton.addEventListener('click', function () {
    storage.removeItem(key);
    settle(form.dataset.draftDiscarded);
  });
})();
