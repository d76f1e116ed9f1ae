/* global document, getComputedStyle */
// Herald console: the few behaviours htmx attributes do not cover. Every page works without it.
(function () {
  'use strict';

  // The template editor: after htmx refreshes the subject, text and problems, render the same
  // draft's HTML into the sandboxed frame (the form posts there with the Preview button).
  function renderHtmlPreview() {
    var button = document.getElementById('render-html');
    if (button && button.form && typeof button.form.requestSubmit === 'function') button.form.requestSubmit(button);
  }
  document.addEventListener('htmx:after:swap', function (event) {
    var target = event.target;
    if (target && (target.id === 'template-form' || target.id === 'preview-panel' || (target.closest && target.closest('#template-form')))) renderHtmlPreview();
  });

  // "MJML line 12": put the cursor on that line of the textarea.
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a.goto-line') : null;
    if (!link) return;
    var field = document.getElementById(link.getAttribute('href').slice(1));
    var line = Number(link.getAttribute('data-line'));
    if (!field || !line || typeof field.setSelectionRange !== 'function') return;
    event.preventDefault();
    var lines = field.value.split('\n');
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    var end = start + (lines[line - 1] || '').length;
    field.focus();
    field.setSelectionRange(start, end);
    // scroll the line into view: rows are roughly one line-height each
    var lineHeight = parseFloat(getComputedStyle(field).lineHeight) || 18;
    field.scrollTop = Math.max(0, (line - 3) * lineHeight);
  });
})();
