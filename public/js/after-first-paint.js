/* Runs a page's scripts once the page is loaded and painted (on the home page its own picture of
   the map, server/http/map-poster.ts), or after two seconds when an image is slow: on a slow phone
   the text and the city show before Leaflet is evaluated. The page preloads the scripts, so they
   come from the cache, in order (async = false). Forms work without them until then.
   With data-when-near="<selector>" (a map further down a form) they run only once that part of
   the page comes near the screen: a phone that never scrolls there never spends its time on them. */
(function () {
  'use strict';
  var runner = document.currentScript;
  var sources = (runner.getAttribute('data-scripts') || '').split(' ').filter(Boolean);
  var nearSelector = runner.getAttribute('data-when-near');
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
  var watching = false;
  function whenNear() {
    if (watching) return;
    watching = true;
    var part = document.querySelector(nearSelector);
    if (!part || !window.IntersectionObserver) return run();
    // Half a screen ahead: the map is ready by the time the person scrolls to it.
    var watcher = new window.IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      watcher.disconnect();
      run();
    }, { rootMargin: '50% 0px' });
    watcher.observe(part);
  }
  function afterPaint() {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(function () { window.setTimeout(nearSelector ? whenNear : run, 0); }); });
  }
  if (document.readyState === 'complete') afterPaint();
  else window.addEventListener('load', afterPaint);
  window.setTimeout(nearSelector ? whenNear : run, 2000);
})();
