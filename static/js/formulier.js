// The form error summary: focus moves to it when a page is shown again after a form error,
// and each link in it moves the focus to its field (a fragment alone does not focus an input).
(function () {
  "use strict";
  var samenvatting = document.querySelector("[data-foutsamenvatting]");
  if (!samenvatting) {
    return;
  }
  samenvatting.focus();
  samenvatting.addEventListener("click", function (gebeurtenis) {
    var link = gebeurtenis.target.closest("a[data-veld]");
    if (!link) {
      return;
    }
    var veld = document.getElementById(link.getAttribute("data-veld"));
    if (!veld) {
      return;
    }
    gebeurtenis.preventDefault();
    var label = document.querySelector('label[for="' + veld.id + '"]');
    (label || veld).scrollIntoView({ block: "center" });
    veld.focus({ preventScroll: true });
  });
})();
