/* The import's confirmation: once sent, the button cannot be pressed twice and a line says the
   rows are on their way (a file of thousands of rows takes a few seconds). */
(function () {
  'use strict';
  var form = document.querySelector('form[data-working-text]');
  var status = document.getElementById('import-working');
  if (!form || !status) return;
  form.addEventListener('submit', function () {
    status.textContent = form.getAttribute('data-working-text');
    var button = form.querySelector('button[type="submit"]');
    // Disabled after this event: the form is already on its way.
    if (button) window.setTimeout(function () { button.disabled = true; }, 0);
  });
})();
