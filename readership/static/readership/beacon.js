/* "Đọc nhiều" counts readers with this: the article page is the same bytes for everyone and
   may come from the edge cache without Django seeing it, so the page says it was read with a
   small request of its own (readership.views.beacon), once per page view. Not while the page
   is prerendered or loading unseen in a background tab: only once someone is shown it.
   The address comes from this script's own data-url ({% view_beacon %}). No fallback without
   JavaScript: a page read without scripts is not counted. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-url");
  if (!url) return;
  var sent = false;

  function send() {
    sent = true;
    // An empty POST; the server reads no cookie and needs no token.
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit", cache: "no-store" })
        .catch(function () { /* offline: this view is not counted */ });
    }
  }

  function shown() {
    return !document.prerendering && document.visibilityState === "visible";
  }

  function sendWhenShown() {
    if (sent || !shown()) return;
    document.removeEventListener("visibilitychange", sendWhenShown);
    document.removeEventListener("prerenderingchange", sendWhenShown);
    send();
  }

  if (shown()) {
    send();
  } else {
    document.addEventListener("visibilitychange", sendWhenShown);
    document.addEventListener("prerenderingchange", sendWhenShown);
  }
})();
