/* Keyboard work on the moderators' desk. j/k move, a approve, r reject, s spam, e edit,
   x select. Keys are ignored while typing in a field (Esc leaves the field). */
(function () {
  "use strict";
  var desk = document.querySelector("[data-desk]");
  if (!desk) return;
  var REASON_NEEDED = "Hãy ghi lý do từ chối trước khi bấm Từ chối.";

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  // A reject button with an empty reason: ask for the reason instead of sending.
  document.addEventListener("click", function (event) {
    var reject = event.target.closest("[data-reject]");
    if (!reject) return;
    var reason = reject.form.querySelector("input[name=reason]");
    if (reason && !reason.value.trim()) {
      event.preventDefault();
      reason.setCustomValidity(REASON_NEEDED);
      reason.reportValidity();
      reason.focus();
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.name === "reason") event.target.setCustomValidity("");
  });
  // Enter in a reason box means "reject", whatever button comes first.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.name === "reason" && event.target.form &&
        event.target.form.id !== "desk-bulk") {
      event.preventDefault();
      var button = event.target.form.querySelector("[data-reject]");
      if (button) button.click();
    }
  });

  var selectAll = document.querySelector("[data-select-all]");
  if (selectAll) {
    selectAll.addEventListener("change", function () {
      document.querySelectorAll(".desk-item input[name=items]").forEach(function (box) {
        box.checked = selectAll.checked;
      });
    });
  }

  function press(scope, selector) {
    var element = scope.querySelector(selector);
    if (!element) return false;
    if (element.tagName === "INPUT" || element.tagName === "TEXTAREA") {
      element.focus();
    } else {
      element.click();
    }
    return true;
  }

  if (desk.dataset.desk === "detail") {
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event.target)) {
        if (event.key === "Escape") event.target.blur();
        return;
      }
      var handled = true;
      switch (event.key) {
        case "a": handled = press(desk, "[data-key=a]"); break;
        case "s": handled = press(desk, "[data-key=s]"); break;
        case "r": handled = press(desk, "[data-key=r]"); break;
        case "e": handled = press(desk, "[data-key=e]"); break;
        case "j": if (desk.dataset.nextUrl) window.location = desk.dataset.nextUrl; break;
        case "k": if (desk.dataset.prevUrl) window.location = desk.dataset.prevUrl; break;
        default: handled = false;
      }
      if (handled) event.preventDefault();
    });
    return;
  }

  var items = Array.prototype.slice.call(document.querySelectorAll(".desk-item"));
  var memory = "desk-position:" + window.location.pathname + window.location.search;
  var current = -1;

  function select(index) {
    if (!items.length) return;
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) items[current].classList.remove("is-current");
    current = index;
    var item = items[current];
    item.classList.add("is-current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    try { window.sessionStorage.setItem(memory, String(current)); } catch (e) { /* private mode */ }
  }

  // After an action the page comes back with #bl-<id>; if that comment left this list
  // (approved from the pending list), stay at the same position: the next one is there.
  (function restore() {
    var fromHash = window.location.hash.match(/^#bl-(\d+)$/);
    if (fromHash) {
      var found = items.findIndex(function (item) { return item.dataset.pk === fromHash[1]; });
      if (found >= 0) return select(found);
    }
    var stored = null;
    try { stored = window.sessionStorage.getItem(memory); } catch (e) { stored = null; }
    if (stored !== null && fromHash) return select(parseInt(stored, 10) || 0);
    select(0);
  })();

  items.forEach(function (item, index) {
    item.addEventListener("click", function (event) {
      if (!typing(event.target) && !event.target.closest("a, button")) select(index);
    });
    item.addEventListener("focusin", function () {
      if (current !== index) {
        if (current >= 0 && items[current]) items[current].classList.remove("is-current");
        current = index;
        item.classList.add("is-current");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") {
        event.target.blur();
        if (current >= 0) items[current].focus({ preventScroll: true });
      }
      return;
    }
    var item = items[current];
    var handled = true;
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": handled = item && press(item, "[data-key=a]"); break;
      case "s": handled = item && press(item, "[data-key=s]"); break;
      case "r": handled = item && press(item, "[data-key=r]"); break;
      case "e": handled = item && press(item, "[data-key=e]"); break;
      case "x": {
        var box = item && item.querySelector("input[name=items]");
        if (box) box.checked = !box.checked; else handled = false;
        break;
      }
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });
})();
