// The verslag form: live totals (per row offered and difference, the totals row and the province
// totals against the opgave), a warning before leaving with unsaved changes, Enter moving to the
// same column of the next gemeente instead of submitting (the error summary: formulier.js).
// The server computes and checks everything again on save; this only helps while typing.
(function () {
  "use strict";
  var formulier = document.getElementById("verslag-form");
  var tabel = document.getElementById("verslag-tabel");
  var totalen = document.getElementById("totalen");
  if (!tabel || !totalen || !formulier) {
    return;
  }
  var opgave = parseInt(totalen.getAttribute("data-opgave"), 10) || 0;
  var SOORTEN = ["bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens"];

  function toon(n) {
    return n.toLocaleString("nl-NL");
  }

  function zet(id, n, negatiefRood) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = toon(n);
      if (negatiefRood) {
        el.classList.toggle("rt-rt-negatief", n < 0);
      }
    }
  }

  // What the server takes: a whole number of 0 to 1,000,000 places. Anything else counts as 0
  // here (the server refuses it on save), so a typo of twenty digits does not show a total of
  // 100.000.000.000.000.000.000 places.
  var MAXIMUM = 1000000;

  function getal(invoer) {
    if (!invoer) {
      return 0;
    }
    var tekst = invoer.value.trim();
    if (!/^\d{1,7}$/.test(tekst)) {
      return 0;
    }
    var n = parseInt(tekst, 10);
    return n > MAXIMUM ? 0 : n;
  }

  function herbereken() {
    var sommen = { bestaande_locaties: 0, vastgestelde_plannen: 0, bestuurlijke_voornemens: 0 };
    var totaal = 0;
    var indicatiefTotaal = 0;
    var amv = 0;
    var regels = tabel.querySelectorAll("tbody tr.rt-rt-regel");
    for (var i = 0; i < regels.length; i++) {
      var regel = regels[i];
      var aangeboden = 0;
      for (var j = 0; j < SOORTEN.length; j++) {
        var waarde = getal(regel.querySelector('input[data-veld="' + SOORTEN[j] + '"]'));
        sommen[SOORTEN[j]] += waarde;
        aangeboden += waarde;
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
      indicatiefTotaal += indicatief;
      amv += getal(regel.querySelector('input[data-veld="amv"]'));
    }
    for (var k = 0; k < SOORTEN.length; k++) {
      zet("som-" + SOORTEN[k], sommen[SOORTEN[k]], false);
    }
    zet("som-aangeboden", totaal, false);
    zet("som-verschil", totaal - indicatiefTotaal, true);
    zet("som-amv", amv, false);
    zet("som-verschil-opgave", totaal - opgave, true);
    zet("totaal-aangeboden", totaal, false);
    zet("totaal-verschil", totaal - opgave, true);
    zet("totaal-amv", amv, false);
  }

  herbereken();

  // Unsaved changes: warn before the page is left another way than by saving.
  var gewijzigd = false;
  formulier.addEventListener("input", function (event) {
    gewijzigd = true;
    if (event.target && event.target.hasAttribute("data-veld")) {
      herbereken();
    }
  });
  formulier.addEventListener("submit", function () {
    gewijzigd = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (gewijzigd) {
      event.preventDefault();
      event.returnValue = formulier.getAttribute("data-waarschuwing") || "";
    }
  });

  // Enter in an input of the table goes to the same column of the next gemeente (as in a
  // spreadsheet) and never submits the form by accident; Shift+Enter goes up.
  tabel.addEventListener("keydown", function (event) {
    var invoer = event.target;
    if (event.key !== "Enter" || !invoer || invoer.tagName !== "INPUT") {
      return;
    }
    event.preventDefault();
    var kolom = invoer.getAttribute("data-kolom");
    var rij = invoer.closest("tr");
    var volgende = event.shiftKey ? rij.previousElementSibling : rij.nextElementSibling;
    var doel = volgende && volgende.querySelector('input[data-kolom="' + kolom + '"]');
    if (doel) {
      doel.focus();
      doel.select();
    }
  });
  // Elsewhere in the form (outside the text areas and buttons) Enter does not submit either.
  formulier.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key === "Enter" && el && el.tagName === "INPUT" && el.type !== "submit") {
      event.preventDefault();
    }
  });
})();
