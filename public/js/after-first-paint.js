/* Runs a page's scripts once the page is loaded and painted (on the home page its own picture of
   the map, server/http/map-poster.ts), or after two seconds when an image is slow: on a slow phone
   the text and the city show before Leaflet is evaluated. The page preloads the scripts, so they
   come from the cache, in order (async = false). Forms work without them until then. */
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
