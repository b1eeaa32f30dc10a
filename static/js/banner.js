/* The banner above (articles/_banner.html), closed for good in this browser: run where it
   stands, right after the banner and before the page below is drawn, so a reader who closed
   it does not see it flash. Nothing goes to the server: every reader gets the same page. */
(function () {
  "use strict";
  var KEY = "nr_thong_bao";
  var banner = document.getElementById("thong-bao");
  if (!banner) return;
  var version = banner.getAttribute("data-banner-version") || "1";
  var store = null;
  try {
    store = window.localStorage;
    if (store.getItem(KEY) === version) {
      banner.parentNode.removeChild(banner);
      return;
    }
  } catch (e) {
    store = null;  // storage blocked: the link still closes it on this page (site.css)
  }
  var close = banner.querySelector(".banner-close");
  function dismiss(event) {
    event.preventDefault();
    try {
      if (store) store.setItem(KEY, version);
    } catch (e) { /* full or blocked: closed on this page only */ }
    banner.parentNode.removeChild(banner);
    var home = document.querySelector(".site-name");
    if (home) home.focus();
  }
  close.addEventListener("click", dismiss);
  // role="button": Space presses it as it would a button.
  close.addEventListener("keydown", function (event) {
    if (event.key === " ") dismiss(event);
  });
})();
