/* Runs a map page's scripts once the page and its own picture of the map (server/http/map-poster.ts)
   are loaded and painted, or after two seconds when a tile is slow: on a slow phone the city shows
   before Leaflet is evaluated. The page preloads the scripts, so they come from the cache, in
   order (async = false). */
(function () {
  'use strict';
  var sources = (document.currentScript.getAttribute('data-scripts') || '').split(' ').filter(Boolean);
  var started = false;
  function run() {
    if (started) return;
    started = true;
    sources.forEach(function (source) {
      var script = document.createElement('script');
      script.src = source;
      script.async = false;
      document.head.appendChild(script);
    });
  }
  function afterPaint() {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(function () { window.setTimeout(run, 0); }); });
  }
  if (document.readyState === 'complete') afterPaint();
  else window.addEventListener('load', afterPaint);
  window.setTimeout(run, 2000);
})();
