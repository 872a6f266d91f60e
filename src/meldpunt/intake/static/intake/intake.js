/*
 * Small improvements to the wizard's pages; every page works the same without them.
 * - The error summary takes focus, and its links focus the input they name.
 * - "Nog niets" (an exclusive checkbox) and the other checkboxes clear each other.
 * - The description shows how many characters are left.
 * - "Verstuur melding" cannot be pressed twice (the server refuses a second case anyway).
 * - The confirmation page gets a print button.
 * - The school question shows results while typing, from the registry's JSON search.
 */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) {
        return;
      }
      event.preventDefault();
      var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
      (legend || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  document.querySelectorAll("[data-exclusive-group]").forEach(function (group) {
    group.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox" || !box.checked) {
        return;
      }
      group.querySelectorAll("input[type='checkbox']").forEach(function (other) {
        if (other !== box && (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) {
          other.checked = false;
        }
      });
    });
  });

  document.querySelectorAll("textarea[data-count-max]").forEach(function (area) {
    var status = document.querySelector("[data-count-status]");
    if (!status || !status.getAttribute("data-count-left") || !status.getAttribute("data-count-over")) {
      return;
    }
    var max = parseInt(area.getAttribute("data-count-max"), 10);
    var left = status.getAttribute("data-count-left");
    var over = status.getAttribute("data-count-over");
    var timer = null;
    function update() {
      var remaining = max - area.value.trim().length;
      status.textContent = (remaining >= 0 ? left : over).replace("{n}", Math.abs(remaining).toLocaleString(document.documentElement.lang));
    }
    area.addEventListener("input", function () {
      // Screen readers hear the count once typing pauses, not after every key.
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 600);
    });
    status.setAttribute("aria-live", "polite");
  });

  document.querySelectorAll("button[data-submit-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      window.setTimeout(function () {
        button.disabled = true;
      }, 0);
    });
  });

  var schoolSearch = document.querySelector("[data-school-search]");
  if (schoolSearch) {
    enhanceSchoolSearch(schoolSearch);
  }

  function enhanceSchoolSearch(input) {
    var fieldset = document.querySelector("#resultaten fieldset");
    var list = fieldset && fieldset.querySelector(".mp-choices");
    var status = fieldset && fieldset.querySelector("[data-school-status]");
    var legend = fieldset && fieldset.querySelector("[data-school-legend]");
    var notSaying = list && list.querySelector("input[value='none']");
    if (!list || !status || !legend || !notSaying) {
      return;
    }
    var notSayingRow = notSaying.closest(".mp-choice");
    var divider = list.querySelector(".mp-choices__divider");
    var shown = input.value.trim();
    var timer = null;
    var pending = null;
    status.setAttribute("aria-live", "polite");

    function element(tag, className) {
      var node = document.createElement(tag);
      node.className = className;
      return node;
    }

    function row(school) {
      var item = element("div", "utrecht-form-field utrecht-form-field--radio mp-choice");
      var inputBox = element("div", "utrecht-form-field__input");
      var radio = element("input", "utrecht-radio-button utrecht-radio-button--html-input");
      radio.type = "radio";
      radio.name = "school";
      radio.value = school.code;
      inputBox.appendChild(radio);
      var labelBox = element("div", "utrecht-form-field__label utrecht-form-field__label--radio");
      var label = element("label", "utrecht-form-label utrecht-form-label--radio");
      label.textContent = school.name;
      labelBox.appendChild(label);
      var hint = element("div", "utrecht-form-field__description utrecht-form-field-description mp-choice__hint");
      hint.textContent = status.getAttribute("data-hint").replace("{place}", school.place).replace("{code}", school.code);
      item.appendChild(inputBox);
      item.appendChild(labelBox);
      item.appendChild(hint);
      return item;
    }

    function renumber() {
      list.querySelectorAll(".mp-choice").forEach(function (item, index) {
        var radio = item.querySelector("input");
        var label = item.querySelector("label");
        var hint = item.querySelector(".mp-choice__hint");
        radio.id = "id_school_" + index;
        label.htmlFor = radio.id;
        if (hint) {
          hint.id = radio.id + "_hint";
          radio.setAttribute("aria-describedby", hint.id);
        }
      });
    }

    function show(results) {
      var chosen = list.querySelector("input:checked");
      list.querySelectorAll(".mp-choice").forEach(function (item) {
        var radio = item.querySelector("input");
        // A school chosen earlier stays in view, so a new search never silently drops the choice.
        if (item !== notSayingRow && !(radio === chosen && !results.some(function (s) { return s.code === radio.value; }))) {
          item.remove();
        }
      });
      results.forEach(function (school) {
        var item = row(school);
        if (chosen && chosen.value === school.code) {
          item.querySelector("input").checked = true;
        }
        list.insertBefore(item, divider || notSayingRow);
      });
      renumber();
      var count = list.querySelectorAll(".mp-choice").length - 1;
      if (divider) {
        divider.hidden = count === 0;
      }
      if (count > 0) {
        legend.textContent = legend.getAttribute("data-school-legend");
      }
      if (results.length === 0) {
        status.textContent = status.getAttribute("data-found-none");
      } else if (results.length === 1) {
        status.textContent = status.getAttribute("data-found-one");
      } else {
        status.textContent = status.getAttribute("data-found-many").replace("{n}", results.length);
      }
    }

    function search() {
      var query = input.value.trim();
      if (query === shown || query.length < 2) {
        return;
      }
      shown = query;
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(input.getAttribute("data-school-search") + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: pending.signal
      })
        .then(function (response) {
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (data) {
          show(data.results.slice(0, 10));
        })
        .catch(function () {
          // The "Zoeken" button still works: nothing to do when the quick search fails.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 350);
    });
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
