/* Small enhancements of our own; every page works without this file. */
(function () {
  "use strict";

  // "Tắt [X]": close the banner in place and remember it with the same cookie that the
  // form (used without JavaScript) makes the server set.
  var banner = document.getElementById("thong-bao");
  if (banner) {
    var form = banner.querySelector("form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var version = banner.getAttribute("data-banner-version") || "1";
      var secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie = "nr_thong_bao=" + encodeURIComponent(version) +
        "; path=/; max-age=31536000; SameSite=Lax" + secure;
      banner.parentNode.removeChild(banner);
      var home = document.querySelector(".site-name");
      if (home) { home.focus(); }
    });
  }

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
