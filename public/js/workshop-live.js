/* Shared by the workshop pages: the live connection (Server-Sent Events; the first event is
   always the whole current state, so a view that reconnects catches up), plural texts, the
   bar list of dots and the map of the room's pins. Texts are set with textContent only. */
(function () {
  'use strict';
  var svgNs = 'http://www.w3.org/2000/svg';
  var lang = document.documentElement.lang;
  var rules = new Intl.PluralRules(lang);
  var number = new Intl.NumberFormat(lang);

  function plural(formsJson, count) {
    var forms = JSON.parse(formsJson);
    return (forms[rules.select(count)] || forms.other || '').replace('{{formatted}}', number.format(count)).replace('{{count}}', number.format(count));
  }

  /** Opens the stream; EventSource reconnects by itself after a drop, and the status says so meanwhile. */
  function connect(url, status, reconnectingText, onSnapshot) {
    if (!window.EventSource) return null;
    var source = new window.EventSource(url);
    source.addEventListener('snapshot', function (event) {
      if (status) status.textContent = '';
      onSnapshot(JSON.parse(event.data));
    });
    source.addEventListener('error', function () {
      if (!status) return;
      // Closed means the server refused the stream (too many screens, or no longer a participant): the browser will not retry.
      status.textContent = source.readyState === window.EventSource.CLOSED && status.dataset.textLiveOff ? status.dataset.textLiveOff : reconnectingText;
    });
    return source;
  }

  function tallyRow(list, idea) {
    var row = list.querySelector('[data-idea-id="' + idea.id + '"]');
    if (row) return row;
    row = document.createElement('li');
    row.className = 'tally-row';
    row.dataset.ideaId = String(idea.id);
    var title = document.createElement('span');
    title.className = 'tally-title';
    var svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('class', 'tally-bar');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('viewBox', '0 0 100 10');
    svg.setAttribute('preserveAspectRatio', 'none');
    var rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('height', '10');
    svg.appendChild(rect);
    var count = document.createElement('span');
    count.className = 'tally-count';
    count.setAttribute('data-tally-count', '');
    row.appendChild(title);
    row.appendChild(svg);
    row.appendChild(count);
    return row;
  }

  /** Puts the rows in the order given, with counts and bar lengths; rows of ideas gone are removed. */
  function renderTally(list, ideas) {
    var most = Math.max.apply(null, [1].concat(ideas.map(function (idea) { return idea.dots; })));
    var keep = {};
    ideas.forEach(function (idea) {
      var row = tallyRow(list, idea);
      row.querySelector('.tally-title').textContent = idea.title;
      row.querySelector('[data-tally-count]').textContent = plural(list.dataset.countForms, idea.dots);
      row.querySelector('rect').setAttribute('width', String(Math.round((idea.dots / most) * 100)));
      keep[idea.id] = true;
      list.appendChild(row);
    });
    Array.prototype.slice.call(list.children).forEach(function (row) {
      if (!keep[row.dataset.ideaId]) list.removeChild(row);
    });
  }

  /** A map of the room's pins, each with its title and dots as a tooltip (built from text, not HTML). */
  function roomMap(element, categoriesJson) {
    if (!element || !window.L || !window.Kopa) return null;
    element.hidden = false;
    var categories = Kopa.categoriesBySlug(categoriesJson);
    var center = Kopa.numbers(element.dataset.center);
    var map = Kopa.baseMap(element, { center: [center[0], center[1]], zoom: Number(element.dataset.zoom) });
    var layer = L.layerGroup().addTo(map);
    var fitted = false;
    return {
      show: function (ideas, label, permanent) {
        layer.clearLayers();
        var points = [];
        ideas.forEach(function (idea) {
          var tooltip = document.createElement('span');
          tooltip.textContent = label(idea);
          var marker = L.marker([idea.latitude, idea.longitude], { icon: Kopa.markerIcon(categories[idea.category]), title: idea.title, keyboard: false });
          marker.bindTooltip(tooltip, { permanent: Boolean(permanent), direction: 'top', offset: [0, -10] });
          marker.addTo(layer);
          points.push([idea.latitude, idea.longitude]);
        });
        if (points.length && !fitted) {
          map.fitBounds(points, { padding: [30, 30], maxZoom: 16 });
          fitted = true;
        }
      }
    };
  }

  window.KopaWorkshop = { plural: plural, connect: connect, renderTally: renderTally, roomMap: roomMap };
})();
