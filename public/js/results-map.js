/* The map of results: one pin per built or started idea, each opening its page. The cards below hold the same. */
(function () {
  'use strict';
  var element = document.getElementById('results-map');
  if (!element || !window.L || !window.Kopa) return;
  var points = JSON.parse(element.dataset.points || '[]');
  var categories = Kopa.categoriesBySlug(element.dataset.categories);
  var map = Kopa.baseMap(element, { center: Kopa.numbers(element.dataset.center), zoom: Number(element.dataset.zoom), scrollWheelZoom: false });
  var bounds = [];
  points.forEach(function (point) {
    var link = document.createElement('a');
    link.href = '/ideas/' + point.id;
    link.textContent = point.title;
    L.marker([point.lat, point.lon], { icon: Kopa.markerIcon(categories[point.category]), title: point.title }).bindPopup(link).addTo(map);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  else if (bounds.length === 1) map.setView(bounds[0], 16);
})();
