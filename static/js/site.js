/* Small enhancements of our own; every page works without this file. */
(function () {
  "use strict";

  // "Sao chép liên kết": shown only where the browser can copy.
  if (navigator.clipboard && window.isSecureContext) {
    var buttons = document.querySelectorAll("[data-copy-url]");
    Array.prototype.forEach.call(buttons, function (button) {
      var status = button.closest(".share").querySelector(".copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(
          function () { status.textContent = button.getAttribute("data-copied"); },
          function () { status.textContent = button.getAttribute("data-copy-failed"); }
        );
      });
    });
  }
})();
