/* Shared map helpers: a base map with the configured tiles, and category markers that
   differ by shape as well as colour. Pins work even when tiles cannot load. */
(function () {
  'use strict';

  var shapes = {
    circle: '<circle cx="14" cy="14" r="10"/>',
    square: '<rect x="4" y="4" width="20" height="20"/>',
    triangle: '<polygon points="14,3 26,24 2,24"/>',
    diamond: '<polygon points="14,2 26,14 14,26 2,14"/>',
    star: '<polygon points="14,2 17.5,10.5 26.5,10.8 19.5,16.5 22,25.5 14,20.3 6,25.5 8.5,16.5 1.5,10.8 10.5,10.5"/>',
    hexagon: '<polygon points="8,3 20,3 26,14 20,25 8,25 2,14"/>',
    pentagon: '<polygon points="14,2 26,11 21.5,25 6.5,25 2,11"/>',
    cross: '<polygon points="10,2 18,2 18,10 26,10 26,18 18,18 18,26 10,26 10,18 2,18 2,10 10,10"/>',
    drop: '<path d="M14 2 C14 2 4 13 4 18 a10 10 0 0 0 20 0 C24 13 14 2 14 2z"/>'
  };

  function markerIcon(category) {
    var shape = shapes[category && category.icon] || shapes.circle;
    var color = category && /^#[0-9a-fA-F]{3,8}$/.test(category.color) ? category.color : '#333333';
    return L.divIcon({
      className: 'idea-marker',
      html: '<svg viewBox="0 0 28 28" width="28" height="28" aria-hidden="true" focusable="false"><g fill="' + color +
        '" stroke="#ffffff" stroke-width="2">' + shape + '</g></svg>',
      iconSize: [28, 28],
      iconAnchor: [14, 14],
      popupAnchor: [0, -12]
    });
  }

  function numbers(text) {
    return String(text || '').split(',').map(Number);
  }

  function baseMap(element, options) {
    var map = L.map(element, options);
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
    return map;
  }

  window.Kopa = { markerIcon: markerIcon, baseMap: baseMap, numbers: numbers };
})();
