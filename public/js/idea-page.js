/* The idea page's photo gallery and its "Copy link" button. Without JavaScript the thumbnails
   are plain links to the full photos and the button stays hidden behind the share links. */
(function () {
  'use strict';

  var gallery = document.querySelector('[data-gallery]');
  var dialog = gallery && gallery.querySelector('[data-gallery-dialog]');
  if (dialog && typeof dialog.showModal === 'function') {
    var items = Array.prototype.slice.call(gallery.querySelectorAll('[data-gallery-item]'));
    var frame = dialog.querySelector('[data-gallery-frame]');
    var caption = dialog.querySelector('[data-gallery-caption]');
    var previous = dialog.querySelector('[data-gallery-previous]');
    var next = dialog.querySelector('[data-gallery-next]');
    var close = dialog.querySelector('[data-gallery-close]');
    var current = 0;
    var opener = null;

    var show = function (index) {
      current = (index + items.length) % items.length;
      var item = items[current];
      var image = document.createElement('img');
      image.src = item.href;
      image.alt = item.dataset.alt;
      frame.replaceChildren(image);
      caption.textContent = item.dataset.position + ': ' + item.dataset.alt;
    };

    items.forEach(function (item, index) {
      item.addEventListener('click', function (event) {
        // A new tab or window (a modifier or the middle button) still gets the plain link.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        opener = item;
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    if (previous) previous.addEventListener('click', function () { show(current - 1); });
    if (next) next.addEventListener('click', function () { show(current + 1); });
    close.addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('keydown', function (event) {
      if (items.length < 2) return;
      if (event.key === 'ArrowLeft') { event.preventDefault(); show(current - 1); }
      if (event.key === 'ArrowRight') { event.preventDefault(); show(current + 1); }
    });
    // A click on the backdrop (outside the dialog's box) closes it too.
    dialog.addEventListener('click', function (event) {
      if (event.target !== dialog) return;
      var box = dialog.getBoundingClientRect();
      var inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close();
    });
    // Escape closes a modal dialog by itself; either way the focus goes back to the thumbnail.
    dialog.addEventListener('close', function () {
      frame.replaceChildren();
      if (opener) opener.focus();
    });
  }

  var copyArea = document.querySelector('[data-copy-link-area]');
  if (copyArea && window.navigator.clipboard) {
    var button = copyArea.querySelector('[data-copy-link]');
    var status = copyArea.querySelector('[data-copy-status]');
    copyArea.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = '';
      window.navigator.clipboard.writeText(button.dataset.copyLink).then(
        function () { status.textContent = button.dataset.copied; },
        function () { status.textContent = button.dataset.copyFailed; }
      );
    });
  }
})();
