/* The home map: published ideas as clustered pins from /api/ideas.geojson (filters are in
   the URL), details fetched when a pin is opened. Every text from people goes in as text. */
(function () {
  'use strict';
  var element = document.getElementById('ideas-map');
  if (!element || !window.L || !window.Kopa) return;
  var data = element.dataset;
  var status = document.getElementById('map-status');
  var categories = {};
  JSON.parse(data.categories).forEach(function (category) { categories[category.slug] = category; });
  var countForms = JSON.parse(data.countForms);
  var pluralRules = new Intl.PluralRules(document.documentElement.lang);

  function say(text) { if (status) status.textContent = text; }
  function countText(count) {
    var form = countForms[pluralRules.select(count)] || countForms.other || '';
    return form.replace('{{count}}', new Intl.NumberFormat(document.documentElement.lang).format(count));
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
    box.appendChild(paragraph('idea-popup-category', category ? category.name : idea.category.slug));
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

  var center = Kopa.numbers(data.center);
  var map = Kopa.baseMap(element, { center: [center[0], center[1]], zoom: Number(data.zoom) });
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true });
  map.addLayer(cluster);
  say(data.textLoading);
  fetch(data.geojsonUrl, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.json(); })
    .then(function (collection) {
      cluster.addLayers(collection.features.map(markerFor));
      element.setAttribute('data-loaded', String(collection.features.length));
      say(countText(collection.features.length));
    })
    .catch(function () { say(data.textFailed); });
})();
