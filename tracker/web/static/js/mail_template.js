/* Progressive enhancement of the mail template editor. The page works fully without this script: tokens are
   typed as listed, and "Show the preview" asks the server for the preview. With it, a button beside each token
   inserts it where the cursor is (in the last text of its language), and the preview is refreshed from the
   server while typing (the same form, posted with action=preview; nothing is saved). */
(function () {
  "use strict";
  var form = document.getElementById("template-form");
  var preview = document.getElementById("mail-preview");
  if (!form || !preview || !window.fetch || !window.FormData || !window.DOMParser) { return; }
  var last = { sv: document.getElementById("body_sv"), en: document.getElementById("body_en") };

  Array.prototype.forEach.call(form.querySelectorAll(".template-text"), function (field) {
    field.addEventListener("focus", function () { last[field.getAttribute("data-language")] = field; });
  });

  function insert(field, text) {
    var start = field.selectionStart || 0;
    var end = field.selectionEnd || start;
    field.value = field.value.slice(0, start) + text + field.value.slice(end);
    field.focus();
    field.setSelectionRange(start + text.length, start + text.length);
    refreshSoon();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".token-insert"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = last[button.getAttribute("data-language")];
      if (field && field.getAttribute("data-subject") === "1" && button.getAttribute("data-subject") === "0") {
        field = document.getElementById("body_" + button.getAttribute("data-language"));
      }
      if (field) { insert(field, button.getAttribute("data-token")); }
    });
  });

  var timer = null;
  var asked = 0;
  function refresh() {
    var data = new FormData(form);
    data.set("action", "preview");
    var mine = ++asked;
    fetch(form.getAttribute("data-preview-url"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== asked) { return; }  // an older answer arriving late
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("mail-preview");
        if (fresh) { preview.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { /* the button still works */ });
  }
  function refreshSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  }
  form.addEventListener("input", refreshSoon);
  form.addEventListener("change", refreshSoon);
})();
