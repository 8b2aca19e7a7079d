/* Shared map helpers: a base map with the configured tiles, and category markers: a round pin in
   the category's colour with its icon in white, ringed white and dark so it reads on any tile.
   The icon's drawing comes from the server (the page's category data). Pins work without tiles. */
(function () {
  'use strict';

  var circle = '<circle cx="12" cy="12" r="4"/>';
  var strokes = 'viewBox="0 0 24 24" fill="none" stroke-linecap="round" stroke-linejoin="round" ';

  /** A category's icon, decorative like the server's icon(): a text label goes beside it. */
  function iconSvg(category) {
    return '<svg class="icon" width="24" height="24" ' + strokes + 'stroke="currentColor" stroke-width="2" aria-hidden="true" focusable="false">' +
      ((category && category.drawing) || circle) + '</svg>';
  }

  var pinDrawings = {};
  /** The pin's drawing, parsed once per colour and icon: each pin gets a copy (cheaper than parsing its HTML again). */
  function pinDrawing(color, drawing) {
    var key = color + drawing;
    if (!pinDrawings[key]) {
      var holder = document.createElement('div');
      holder.innerHTML = '<svg viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">' +
        '<circle cx="16" cy="16" r="15.25" fill="#1f2937"/><circle cx="16" cy="16" r="13.5" fill="' + color + '" stroke="#ffffff" stroke-width="2"/>' +
        '<svg class="idea-marker-icon" x="8" y="8" width="16" height="16" ' + strokes + 'stroke="#ffffff" stroke-width="2.25">' +
        drawing + '</svg></svg>';
      pinDrawings[key] = holder.firstChild;
    }
    return pinDrawings[key];
  }

  var PinIcon;
  function markerIcon(category) {
    var color = category && /^#[0-9a-fA-F]{6}$/.test(category.color) ? category.color : '#333333';
    PinIcon = PinIcon || L.DivIcon.extend({
      createIcon: function (oldIcon) {
        var box = L.DivIcon.prototype.createIcon.call(this, oldIcon);
        box.appendChild(this.options.drawing.cloneNode(true));
        return box;
      }
    });
    return new PinIcon({
      className: 'idea-marker',
      html: false,
      drawing: pinDrawing(color, (category && category.drawing) || circle),
      iconSize: [32, 32],
      iconAnchor: [16, 16],
      popupAnchor: [0, -14]
    });
  }

  function categoriesBySlug(json) {
    var bySlug = {};
    JSON.parse(json || '[]').forEach(function (category) { bySlug[category.slug] = category; });
    return bySlug;
  }

  function numbers(text) {
    return String(text || '').split(',').map(Number);
  }

  /**
   * Runs each step in a task of its own, in order. On a slow phone a tap is answered between two
   * steps instead of waiting for the whole map (Lighthouse counts every task over 50 ms there).
   */
  function inTurns(steps) {
    var next = 0;
    function step() {
      steps[next++]();
      if (next < steps.length) window.setTimeout(step, 0);
    }
    window.setTimeout(step, 0);
  }

  function baseMap(element, options) {
    // No fade-in of tiles: on a slow phone it only delays the first picture of the map.
    var map = L.map(element, Object.assign({ fadeAnimation: false }, options));
    var tiles = L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 });
    // Making the map and making its first tiles each cost a long task on a slow phone: two turns.
    inTurns([function () { tiles.addTo(map); }]);
    // The page's own first picture of the map (server/http/map-poster.ts) lies under Leaflet's
    // same tiles until the map first moves, when it would show through out of place.
    var poster = element.querySelector('.map-poster');
    if (poster) map.once('movestart zoomstart', function () { poster.remove(); });
    return map;
  }

  window.Kopa = { markerIcon: markerIcon, iconSvg: iconSvg, categoriesBySlug: categoriesBySlug, baseMap: baseMap, numbers: numbers, inTurns: inTurns };
})();
