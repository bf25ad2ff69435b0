// Uitruil proposal form: an "extra partijrij" button (the form works without it: it has 5 rows).
(function () {
  "use strict";
  var tabel = document.querySelector(".rt-uitruil-partijtabel tbody");
  var totaal = document.getElementById("id_partij-TOTAL_FORMS");
  var maximum = document.getElementById("id_partij-MAX_NUM_FORMS");
  if (!tabel || !totaal) {
    return;
  }
  var knop = document.createElement("button");
  knop.type = "button";
  knop.className = "utrecht-button utrecht-button--secondary-action";
  knop.textContent = "Extra partijrij";
  tabel.closest(".rt-tabel-container").after(knop);
  knop.addEventListener("click", function () {
    var aantal = parseInt(totaal.value, 10);
    if (maximum && aantal >= parseInt(maximum.value, 10)) {
      return;
    }
    var laatste = tabel.querySelector("tr:last-child");
    var nieuw = laatste.cloneNode(true);
    var oud = "partij-" + (aantal - 1) + "-";
    var nieuwVoorvoegsel = "partij-" + aantal + "-";
    nieuw.querySelectorAll("[name], [id], [for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var waarde = el.getAttribute(attr);
        if (waarde) {
          el.setAttribute(attr, waarde.replace(oud, nieuwVoorvoegsel));
        }
      });
      if (el.tagName === "INPUT") {
        el.value = "";
      }
      if (el.tagName === "SELECT") {
        el.selectedIndex = 0;
      }
    });
    nieuw.querySelectorAll(".utrecht-form-field-error-message").forEach(function (el) {
      el.remove();
    });
    nieuw.querySelector("th").textContent = String(aantal + 1);
    nieuw.querySelectorAll("label").forEach(function (label) {
      label.textContent = label.textContent.replace(/rij \d+/, "rij " + (aantal + 1));
    });
    tabel.appendChild(nieuw);
    totaal.value = String(aantal + 1);
    nieuw.querySelector("select").focus();
  });
})();
