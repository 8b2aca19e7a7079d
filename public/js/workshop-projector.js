/* The projector: totals, pins, who is in the room and the state, updated live from the
   stream. Without JavaScript the page shows the totals of when it loaded and reloads itself. */
(function () {
  'use strict';
  var page = document.querySelector('.projector');
  if (!page || !window.KopaWorkshop) return;
  var live = window.KopaWorkshop;
  var tally = page.querySelector('[data-tally]');
  var empty = page.querySelector('[data-tally-empty]');
  var map = live.roomMap(document.getElementById('projector-map'), page.dataset.categories);

  function render(snapshot) {
    page.dataset.state = snapshot.state;
    page.querySelector('[data-projector-state]').textContent = page.dataset['textState' + snapshot.state.charAt(0).toUpperCase() + snapshot.state.slice(1)] || '';
    page.querySelector('[data-participant-count]').textContent = live.plural(page.dataset.participantForms, snapshot.participants);
    page.querySelector('[data-dots-spent]').textContent = live.plural(page.dataset.countForms, snapshot.dotsSpent);
    page.querySelector('[data-projector-join]').hidden = snapshot.state !== 'open';
    var nicknames = page.querySelector('[data-nicknames]');
    nicknames.textContent = '';
    (snapshot.nicknames || []).forEach(function (nickname) {
      var item = document.createElement('li');
      item.textContent = nickname;
      nicknames.appendChild(item);
    });
    var ranked = snapshot.ideas.slice().sort(function (a, b) { return b.dots - a.dots || a.id - b.id; });
    live.renderTally(tally, ranked);
    if (empty) empty.hidden = ranked.length > 0;
    if (map) map.show(snapshot.ideas, function (idea) { return idea.title + ': ' + live.plural(page.dataset.countForms, idea.dots); }, snapshot.state !== 'open');
    page.dataset.updated = String(Date.now());
  }

  render(JSON.parse(page.dataset.snapshot));
  live.connect(page.dataset.streamUrl, page.querySelector('[data-live-status]'), page.dataset.textReconnecting, render);
})();
