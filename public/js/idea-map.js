/* The small map on an idea page: one pin, no clustering. */
(function () {
  'use strict';
  var element = document.getElementById('idea-map');
  if (!element || !window.L || !window.Kopa) return;
  var position = [Number(element.dataset.latitude), Number(element.dataset.longitude)];
  var map = Kopa.baseMap(element, { center: position, zoom: 16, scrollWheelZoom: false });
  var category = JSON.parse(element.dataset.category);
  L.marker(position, { icon: Kopa.markerIcon(category), title: category.name, keyboard: false }).addTo(map);
})();
