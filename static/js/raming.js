// Optional: filter the gemeente table while typing. Without JS the GET search form works.
(function () {
  "use strict";
  var veld = document.querySelector("[data-raming-zoek]");
  if (!veld) {
    return;
  }
  var tabel = document.getElementById(veld.getAttribute("data-raming-zoek"));
  var teller = document.getElementById("gemeenten-aantal");
  if (!tabel) {
    return;
  }
  var rijen = Array.prototype.slice.call(tabel.querySelectorAll("tbody tr[data-zoek]"));
  var totaal = rijen.length;
  veld.addEventListener("input", function () {
    var term = veld.value.trim().toLowerCase();
    var zichtbaar = 0;
    rijen.forEach(function (rij) {
      var past = !term || rij.getAttribute("data-zoek").indexOf(term) !== -1;
      rij.classList.toggle("rt-raming-verborgen", !past);
      if (past) {
        zichtbaar += 1;
      }
    });
    if (teller) {
      teller.textContent = zichtbaar + " van " + totaal + " gemeenten" + (term ? " voor ‘" + veld.value.trim() + "’." : ".");
    }
  });
})();
