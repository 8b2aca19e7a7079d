/* The background post of the pages whose buttons update in place (supports, workshop dots):
   the form's fields go as a normal form post, the answer comes back as JSON. */
(function () {
  'use strict';
  if (!window.fetch) return;

  /** Resolves to { ok, body }: the JSON answer, and whether its status was a success. */
  window.KopaPost = function (url, fields) {
    return fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    });
  };
})();
