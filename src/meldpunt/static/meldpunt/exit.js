/*
 * "Verlaat deze pagina": the link in the page frame already works without JavaScript. This adds:
 * - leaving with location.replace, so the Back button does not bring this page back;
 * - pressing Escape three times in a row (within two seconds) leaves as well.
 */
(function () {
  "use strict";

  var link = document.querySelector("[data-exit-link]");
  if (!link) {
    return;
  }

  var ESCAPE_PRESSES = 3;
  var PRESS_WINDOW_MS = 2000;
  var presses = 0;
  var resetTimer = null;

  function leave() {
    // Hide the page at once: the next page may take a moment to load.
    document.body.classList.add("mp-leaving");
    window.location.replace(link.href);
  }

  link.addEventListener("click", function (event) {
    // Let a modified click (new tab or window) do what the person asked for.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(resetTimer);
    if (presses >= ESCAPE_PRESSES) {
      presses = 0;
      leave();
      return;
    }
    resetTimer = window.setTimeout(function () {
      presses = 0;
    }, PRESS_WINDOW_MS);
  });

  var hint = document.querySelector("[data-exit-hint]");
  if (hint) {
    hint.hidden = false;
  }
})();
