/* A participant's room: new pins and totals arrive live; dots are added and taken back with
   fetch, and the dots left are updated in place. The forms work on their own without it. */
(function () {
  'use strict';
  var room = document.getElementById('room');
  var live = window.KopaWorkshop;
  if (!room || !live || !window.KopaPost) return;
  var list = room.querySelector('[data-room-ideas]');
  var status = room.querySelector('[data-room-status]');
  var mine = JSON.parse(room.dataset.mine);
  var voting = room.dataset.state === 'voting';
  var map = live.roomMap(document.getElementById('room-map'), room.dataset.categories);

  function mineText(count) {
    return room.dataset.textMine.replace('{{number}}', String(count));
  }

  function dotButton(change, label, title) {
    var button = document.createElement('button');
    button.type = 'submit';
    button.name = 'change';
    button.value = change;
    button.className = 'dot-button';
    button.textContent = change === 'add' ? '+' : '−';
    button.setAttribute('aria-label', label + ': ' + title);
    return button;
  }

  function newRow(idea) {
    var row = document.createElement('li');
    row.className = 'room-idea';
    row.id = 'idea-' + idea.id;
    row.dataset.ideaId = String(idea.id);
    var title = document.createElement('span');
    title.className = 'room-idea-title';
    title.textContent = idea.title;
    var total = document.createElement('span');
    total.className = 'room-idea-total';
    total.setAttribute('data-idea-total', '');
    row.appendChild(title);
    row.appendChild(total);
    if (voting) {
      var form = document.createElement('form');
      form.method = 'post';
      form.action = room.dataset.actionBase + idea.id + '/dots';
      form.className = 'dot-form';
      form.setAttribute('data-dot-form', '');
      var token = document.createElement('input');
      token.type = 'hidden';
      token.name = '_csrf';
      token.value = room.dataset.formToken;
      var count = document.createElement('span');
      count.className = 'dot-mine';
      count.setAttribute('data-mine-count', '');
      count.textContent = mineText(0);
      var remove = dotButton('remove', room.dataset.textRemove, idea.title);
      remove.disabled = true;
      form.appendChild(token);
      form.appendChild(remove);
      form.appendChild(count);
      form.appendChild(dotButton('add', room.dataset.textAdd, idea.title));
      row.appendChild(form);
    }
    return row;
  }

  function render(snapshot) {
    // A new phase brings other controls: the server renders them.
    if (snapshot.state !== room.dataset.state) {
      window.location.reload();
      return;
    }
    var keep = {};
    snapshot.ideas.forEach(function (idea) {
      var row = list.querySelector('[data-idea-id="' + idea.id + '"]') || list.appendChild(newRow(idea));
      row.querySelector('[data-idea-total]').textContent = live.plural(room.dataset.countForms, idea.dots);
      keep[idea.id] = true;
    });
    Array.prototype.slice.call(list.children).forEach(function (row) {
      if (!keep[row.dataset.ideaId]) list.removeChild(row);
    });
    var empty = room.querySelector('[data-room-empty]');
    if (empty) empty.hidden = snapshot.ideas.length > 0;
    if (map) map.show(snapshot.ideas, function (idea) { return idea.title + ': ' + live.plural(room.dataset.countForms, idea.dots); }, false);
    room.dataset.updated = String(Date.now());
  }

  list.addEventListener('submit', function (event) {
    var form = event.target.closest('[data-dot-form]');
    if (!form) return;
    event.preventDefault();
    var change = event.submitter && event.submitter.value;
    if (change !== 'add' && change !== 'remove') return;
    var buttons = form.querySelectorAll('button');
    Array.prototype.forEach.call(buttons, function (button) { button.disabled = true; });
    var body = new URLSearchParams();
    body.set('_csrf', room.dataset.formToken);
    body.set('change', change);
    window.KopaPost(form.action, body)
      .then(function (answer) {
        if (!answer.ok) {
          status.textContent = answer.body.error ? answer.body.error.message : '';
          return;
        }
        var state = answer.body;
        mine[state.ideaId] = state.mine;
        form.querySelector('[data-mine-count]').textContent = mineText(state.mine);
        var left = room.querySelector('[data-dots-left]');
        if (left) left.textContent = live.plural(room.dataset.dotsLeftForms, state.dotsLeft);
        status.textContent = state.message;
      })
      .catch(function () { status.textContent = room.dataset.textReconnecting; })
      .then(function () {
        Array.prototype.forEach.call(buttons, function (button) {
          button.disabled = button.value === 'remove' && !mine[form.closest('[data-idea-id]').dataset.ideaId];
        });
      });
  });

  render(JSON.parse(room.dataset.snapshot));
  live.connect(room.dataset.streamUrl, status, room.dataset.textReconnecting, render);
})();
