// Live totals on the verslag form: per row offered and difference, province totals against the
// opgave. The server computes the same numbers on save; this only helps while typing.
(function () {
  "use strict";
  var tabel = document.getElementById("verslag-tabel");
  var totalen = document.getElementById("totalen");
  if (!tabel || !totalen) {
    return;
  }
  var opgave = parseInt(totalen.getAttribute("data-opgave"), 10) || 0;
  var SOORTEN = ["bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens"];

  function toon(n) {
    return n.toLocaleString("nl-NL");
  }

  function getal(invoer) {
    if (!invoer) {
      return 0;
    }
    var tekst = invoer.value.trim();
    if (!/^\d+$/.test(tekst)) {
      return 0;
    }
    return parseInt(tekst, 10);
  }

  function herbereken() {
    var totaal = 0;
    var amv = 0;
    var regels = tabel.querySelectorAll("tr.rt-rt-regel");
    for (var i = 0; i < regels.length; i++) {
      var regel = regels[i];
      var aangeboden = 0;
      for (var j = 0; j < SOORTEN.length; j++) {
        aangeboden += getal(regel.querySelector('input[data-veld="' + SOORTEN[j] + '"]'));
      }
      var indicatief = parseInt(regel.getAttribute("data-indicatief"), 10) || 0;
      var cel = regel.querySelector(".rt-rt-aangeboden");
      var verschil = regel.querySelector(".rt-rt-verschil");
      if (cel) {
        cel.textContent = toon(aangeboden);
      }
      if (verschil) {
        verschil.textContent = toon(aangeboden - indicatief);
        verschil.classList.toggle("rt-rt-negatief", aangeboden - indicatief < 0);
      }
      totaal += aangeboden;
      amv += getal(regel.querySelector('input[data-veld="amv"]'));
    }
    document.getElementById("totaal-aangeboden").textContent = toon(totaal);
    var verschilTotaal = document.getElementById("totaal-verschil");
    verschilTotaal.textContent = toon(totaal - opgave);
    verschilTotaal.classList.toggle("rt-rt-negatief", totaal - opgave < 0);
    var amvTotaal = document.getElementById("totaal-amv");
    if (amvTotaal) {
      amvTotaal.textContent = toon(amv);
    }
  }

  tabel.addEventListener("input", function (event) {
    if (event.target && event.target.hasAttribute("data-veld")) {
      herbereken();
    }
  });
})();
