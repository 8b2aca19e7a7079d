/* Enhances the location fields of the idea form: tap the map or drag the pin to fill
   latitude and longitude; choosing a place or typing coordinates moves the pin.
   Without JavaScript the same fields work on their own. */
(function () {
  'use strict';
  var element = document.getElementById('location-map');
  if (!element || !window.L || !window.Kopa) return;
  var latitude = document.getElementById('latitude');
  var longitude = document.getElementById('longitude');
  var place = document.getElementById('place');
  element.hidden = false;
  var hint = document.querySelector('.map-hint');
  if (hint) hint.hidden = false;

  var center = Kopa.numbers(element.dataset.center);
  var map = Kopa.baseMap(element, { center: [center[0], center[1]], zoom: Number(element.dataset.zoom) });
  var marker = null;

  function readNumber(input) {
    var text = input.value.trim().replace(',', '.');
    if (text === '') return null;
    var value = Number(text);
    return isFinite(value) ? value : null;
  }
  function write(latlng) {
    latitude.value = latlng.lat.toFixed(6);
    longitude.value = latlng.lng.toFixed(6);
  }
  function putMarker(latlng, pan) {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: true, title: element.dataset.markerLabel }).addTo(map);
      marker.on('dragend', function () { write(marker.getLatLng()); });
    } else {
      marker.setLatLng(latlng);
    }
    if (pan) map.panTo(latlng);
  }
  function fromInputs() {
    var lat = readNumber(latitude);
    var lng = readNumber(longitude);
    if (lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) putMarker(L.latLng(lat, lng), true);
  }

  map.on('click', function (event) {
    putMarker(event.latlng, false);
    write(event.latlng);
  });
  latitude.addEventListener('change', fromInputs);
  longitude.addEventListener('change', fromInputs);
  function chosenPlace() {
    var option = place && place.options[place.selectedIndex];
    if (!option || !option.dataset.latitude) return null;
    return L.latLng(Number(option.dataset.latitude), Number(option.dataset.longitude));
  }
  if (place) place.addEventListener('change', function () {
    var latlng = chosenPlace();
    if (!latlng) return;
    putMarker(latlng, true);
    write(latlng);
  });
  fromInputs();
  // The map loads as the person reaches it (after-first-paint.js): a place chosen before then is shown, its coordinates left to the server.
  var placed = !marker && chosenPlace();
  if (placed) putMarker(placed, true);
})();
