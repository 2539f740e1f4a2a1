/* Progressive enhancement of the report form: recompute the derived figures (totals, shares) when the
   contact leaves a field they are computed from. The page works fully without this script: the server
   computes the same figures when the draft is saved, and the saved figure is what counts. */
(function () {
  "use strict";
  var outputs = document.querySelectorAll("output[data-operands]");
  if (!outputs.length || !window.Intl) { return; }
  var lang = document.documentElement.lang || "sv";
  // As the server shows them: grouped by no-break spaces, a decimal comma (a point in English), shares with
  // one decimal and sums with at most four.
  var formats = {
    ratio: new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 }),
    sum: new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 4 })
  };
  function show(kind, value) {
    var text = formats[kind].format(value).replace(/\s/g, "\u00a0");
    return lang === "en" ? text.replace(",", ".") : text;
  }

  function number(id) {
    var input = document.getElementById(id);
    if (!input) { return null; }
    var text = input.value.replace(/[\s\u00a0\u202f]/g, "").replace(/[^0-9,.\-\u2212]+$/, "");
    if (!text) { return null; }
    if (text.indexOf(",") >= 0 && text.indexOf(".") >= 0) { return NaN; }
    var value = Number(text.replace(",", ".").replace("\u2212", "-"));
    return isFinite(value) ? value : NaN;
  }

  function compute(output) {
    var values = output.getAttribute("data-operands").split(" ").map(number);
    if (values.some(function (v) { return v !== null && isNaN(v); })) { return null; }
    if (output.getAttribute("data-kind") === "sum") {
      var present = values.filter(function (v) { return v !== null; });
      return present.length ? present.reduce(function (a, b) { return a + b; }, 0) : null;
    }
    if (values.length !== 2 || values[0] === null || !values[1]) { return null; }
    return values[0] * 100 / values[1];
  }

  function update() {
    Array.prototype.forEach.call(outputs, function (output) {
      var value = compute(output);
      var unit = output.getAttribute("data-unit");
      output.value = value === null ? output.getAttribute("data-empty")
        : show(output.getAttribute("data-kind"), value) + (unit ? "\u00a0" + unit : "");
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches("input")) { update(); }
  });
}());
