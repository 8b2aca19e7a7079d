/* The home map: published ideas as clustered pins from /api/ideas.geojson (filters are in
   the URL), details fetched when a pin is opened, and the cards beside the map following the
   visible area (an HTML fragment from /ideas/cards, rendered and escaped by the server). Every
   text from people goes in as text. */
(function () {
  'use strict';
  var element = document.getElementById('ideas-map');
  if (!element || !window.L || !window.Kopa) return;
  var data = element.dataset;
  var status = document.getElementById('map-status');
  var categories = Kopa.categoriesBySlug(data.categories);
  var countForms = JSON.parse(data.countForms);
  var pluralRules = new Intl.PluralRules(document.documentElement.lang);

  function say(text) { if (status) status.textContent = text; }
  function countText(count) {
    var form = countForms[pluralRules.select(count)] || countForms.other || '';
    // Below 1,000 every one of our languages writes the plain digits; Intl's number data costs a long task on a slow phone.
    var formatted = count < 1000 ? String(count) : new Intl.NumberFormat(document.documentElement.lang).format(count);
    return form.replace('{{count}}', formatted);
  }
  function paragraph(className, text) {
    var node = document.createElement('p');
    node.className = className;
    node.textContent = text;
    return node;
  }

  function popupContent(idea) {
    var box = document.createElement('div');
    box.className = 'idea-popup';
    var title = document.createElement('p');
    title.className = 'idea-popup-title';
    // The visitor's language when someone translated the idea, else as it was written.
    var translation = idea.translations && idea.translations[document.documentElement.lang];
    title.lang = translation ? document.documentElement.lang : idea.originalLanguage;
    title.textContent = translation ? translation.title : idea.title;
    box.appendChild(title);
    var category = categories[idea.category.slug];
    var categoryLine = paragraph('idea-popup-category', ' ' + (category ? category.name : idea.category.slug));
    // The drawing is the server's own icon markup; the name stays text.
    categoryLine.insertAdjacentHTML('afterbegin', Kopa.iconSvg(category));
    box.appendChild(categoryLine);
    // Ideas entered for a resident say how they came (on paper, by phone …), never who typed them.
    if (idea.submittedVia) box.appendChild(paragraph('idea-popup-channel', idea.submittedVia));
    box.appendChild(paragraph('idea-popup-counts', data.textSupports + ': ' + idea.supportCount + ' · ' + data.textComments + ': ' + idea.commentCount));
    var link = document.createElement('a');
    link.href = idea.url;
    link.textContent = data.textOpen;
    box.appendChild(link);
    return box;
  }

  function markerFor(feature) {
    var category = categories[feature.properties.category] || { name: feature.properties.category };
    var coordinates = feature.geometry.coordinates;
    var marker = L.marker([coordinates[1], coordinates[0]], { icon: Kopa.markerIcon(category), title: category.name, keyboard: true });
    marker.bindPopup(data.textLoading);
    marker.on('popupopen', function (event) {
      fetch('/api/ideas/' + encodeURIComponent(feature.id), { headers: { Accept: 'application/json' } })
        .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.json(); })
        .then(function (idea) { event.popup.setContent(popupContent(idea)); })
        .catch(function () { event.popup.setContent(data.textFailed); });
    });
    return marker;
  }

  /**
   * Drawing the pins is the costly part: they join the map a few at a time, each batch in a turn
   * of its own sized to take about 8 ms, so a slow phone never waits long for a tap.
   */
  function addInSlices(markers, done) {
    var next = 0;
    var size = 8;
    function slice() {
      var started = Date.now();
      cluster.addLayers(markers.slice(next, next + size));
      next += size;
      var took = Math.max(Date.now() - started, 1);
      // At most 200: the cluster layer is given each batch whole (no chunks of its own), so it is drawn before done().
      size = Math.max(1, Math.min(size * 4, 200, Math.round((size * 8) / took)));
      if (next < markers.length) window.setTimeout(slice, 0);
      else done();
    }
    window.setTimeout(slice, 0);
  }

  // The points are asked for first, so the network works while the map is being built.
  var points = fetch(data.geojsonUrl, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.json(); });
  // Handled in the last turn; until then a failure must not count as unhandled.
  points.catch(function () {});
  var center = Kopa.numbers(data.center);
  var map;
  var cluster;
  Kopa.inTurns([
    function () {
      map = Kopa.baseMap(element, { center: [center[0], center[1]], zoom: Number(data.zoom) });
      window.Kopa.ideasMap = map;
    },
    function () {
      cluster = L.markerClusterGroup({ showCoverageOnHover: false });
      map.addLayer(cluster);
      say(data.textLoading);
    },
    function () {
      points
        .then(function (collection) {
          var markers = collection.features.map(markerFor);
          addInSlices(markers, function () {
            element.setAttribute('data-loaded', String(markers.length));
            say(countText(markers.length));
          });
        })
        .catch(function () { say(data.textFailed); });
      followWithCards();
    }
  ]);

  var cardsBox = document.getElementById('area-cards');
  var cardsStatus = document.getElementById('cards-status');
  var cardsTimer;
  var cardsAsked = 0;
  function clamp(value, limit) { return Math.max(-limit, Math.min(limit, value)); }
  /* Leaflet's bounds run past ±180 when the world wraps; the server wants real coordinates. */
  function visibleBbox() {
    var bounds = map.getBounds();
    return [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90), clamp(bounds.getEast(), 180), clamp(bounds.getNorth(), 90)]
      .map(function (value) { return value.toFixed(5); }).join(',');
  }
  function loadCards() {
    var asked = ++cardsAsked;
    var bbox = visibleBbox();
    var url = data.cardsUrl + (data.cardsUrl.indexOf('?') < 0 ? '?' : '&') + 'bbox=' + encodeURIComponent(bbox);
    fetch(url, { headers: { Accept: 'text/html' } })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (html) {
        if (asked !== cardsAsked) return; // a later move has asked again
        var fragment = new window.DOMParser().parseFromString(html, 'text/html').body.firstElementChild;
        if (!fragment) throw new Error('empty answer');
        cardsBox.replaceChildren(document.importNode(fragment, true));
        cardsBox.setAttribute('data-bbox', bbox);
        if (cardsStatus) cardsStatus.textContent = fragment.getAttribute('data-count-text') || '';
      })
      .catch(function () { if (asked === cardsAsked && cardsStatus) cardsStatus.textContent = data.textCardsFailed; });
  }
  function followWithCards() {
    if (!cardsBox || !data.cardsUrl) return;
    map.on('moveend', function () {
      window.clearTimeout(cardsTimer);
      cardsTimer = window.setTimeout(loadCards, 400);
    });
  }
})();
