/* Draws a consultation's area on the map (Leaflet-Geoman) and keeps the GeoJSON text field
   in step with it; pasting GeoJSON into the field redraws the map. Without JavaScript the
   text field works on its own. */
(function () {
  'use strict';
  var element = document.getElementById('area-map');
  var field = document.getElementById('area');
  if (!element || !field || !window.L || !window.Kopa || !L.PM) return;
  element.hidden = false;
  var hint = document.querySelector('.map-hint');
  if (hint) hint.hidden = false;

  var center = Kopa.numbers(element.dataset.center);
  var map = Kopa.baseMap(element, { center: [center[0], center[1]], zoom: Number(element.dataset.zoom) });
  var shapes = L.featureGroup().addTo(map);

  function writeField() {
    var polygons = [];
    shapes.eachLayer(function (layer) {
      var geometry = layer.toGeoJSON().geometry;
      if (geometry.type === 'Polygon') polygons.push(geometry.coordinates);
      else if (geometry.type === 'MultiPolygon') polygons = polygons.concat(geometry.coordinates);
    });
    field.value = polygons.length === 0 ? '' : JSON.stringify(
      polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons });
  }

  function watch(layer) {
    layer.on('pm:edit', writeField);
  }

  function readField() {
    shapes.clearLayers();
    if (!field.value.trim()) return;
    try {
      L.geoJSON(JSON.parse(field.value)).eachLayer(function (layer) {
        shapes.addLayer(layer);
        watch(layer);
      });
    } catch {
      return; // The server says what is wrong with the text when the form is sent.
    }
    if (shapes.getLayers().length) map.fitBounds(shapes.getBounds(), { padding: [20, 20] });
  }

  // Geoman's own texts, in the page's language (it has no Latvian of its own).
  map.pm.setLang('kopa', JSON.parse(element.dataset.drawTexts || '{}'), 'en');
  map.pm.addControls({
    position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawCircle: false,
    drawText: false, cutPolygon: false, rotateMode: false, dragMode: false
  });
  // Geoman titles the wrapper, not the button: give each button its name for screen readers.
  Array.prototype.forEach.call(element.querySelectorAll('.leaflet-buttons-control-button'), function (button) {
    var title = button.parentElement && button.parentElement.getAttribute('title');
    if (title) button.setAttribute('aria-label', title);
  });
  map.on('pm:create', function (event) {
    shapes.addLayer(event.layer);
    watch(event.layer);
    writeField();
  });
  map.on('pm:remove', function (event) {
    shapes.removeLayer(event.layer);
    writeField();
  });
  field.addEventListener('change', readField);
  readField();
})();
