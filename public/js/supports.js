/* Supporting without leaving the page: the form still works alone; with JavaScript it is
   sent with fetch and the count, the button and the supports left are updated in place. */
(function () {
  'use strict';
  var form = document.querySelector('[data-support-form]');
  if (!form || !window.KopaPost) return;
  var lang = document.documentElement.lang;
  var rules = new Intl.PluralRules(lang);
  var number = new Intl.NumberFormat(lang);
  var button = form.querySelector('button');
  var panel = form.closest('.support-panel');
  var status = panel.querySelector('[data-support-status]');

  function plural(formsJson, count) {
    var forms = JSON.parse(formsJson);
    return (forms[rules.select(count)] || forms.other || '').replace('{{formatted}}', number.format(count)).replace('{{count}}', number.format(count));
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    window.KopaPost(form.action, new URLSearchParams(new FormData(form)))
      .then(function (result) {
        if (!result.ok) {
          status.textContent = result.body.error ? result.body.error.message : '';
          return;
        }
        var state = result.body;
        panel.querySelector('[data-support-count]').textContent = plural(form.dataset.countForms, state.supportCount);
        var remaining = panel.querySelector('[data-support-remaining]');
        if (remaining && state.remaining !== null) remaining.textContent = plural(form.dataset.remainingForms, state.remaining);
        form.action = state.supported ? form.dataset.withdrawAction : form.dataset.supportAction;
        button.textContent = state.supported ? form.dataset.textWithdraw : form.dataset.textSupport;
        button.className = state.supported ? 'button-secondary' : 'button-primary';
        button.setAttribute('aria-pressed', String(state.supported));
        status.textContent = state.message;
      })
      .catch(function () { form.submit(); })
      .then(function () { button.disabled = false; });
  });
})();
