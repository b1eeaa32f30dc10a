/* Comment form: post in place, keep a draft until the server confirms, reply links.
   The article page is the same for every reader, so its form comes without a CSRF token and
   signed timestamp: they are fetched from data-session when the reader starts writing.
   Without this script the form posts normally; the server answers with the form drawn again,
   the text kept and its tokens in it (comments.views), and every page still works. */
(function () {
  "use strict";

  var NETWORK_ERROR =
    "Không gửi được vì mất kết nối mạng. Bình luận của bạn vẫn còn đây và được lưu tạm " +
    "trên máy này; vui lòng thử lại.";
  var SERVER_ERROR =
    "Máy chủ đang gặp sự cố nên chưa nhận được bình luận. Bình luận của bạn vẫn còn đây; " +
    "vui lòng thử lại sau ít phút.";

  function storage() {
    try {
      var probe = "__binh_luan__";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  // The browser's own messages follow the browser's language; readers get ours.
  var INVALID = {
    author_name: { valueMissing: "Vui lòng cho biết tên của bạn." },
    body: { valueMissing: "Vui lòng viết ý kiến của bạn." },
    author_email: { typeMismatch: "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com." }
  };

  function vietnameseValidity(form) {
    Object.keys(INVALID).forEach(function (name) {
      var input = form.elements[name];
      if (!input) return;
      input.addEventListener("invalid", function () {
        var messages = INVALID[name];
        var message = "";
        Object.keys(messages).forEach(function (kind) {
          if (!message && input.validity[kind]) message = messages[kind];
        });
        input.setCustomValidity(message);
      });
      input.addEventListener("input", function () { input.setCustomValidity(""); });
    });
  }

  function setup(form) {
    var store = storage();
    var key = "binh-luan:nhap:" + form.dataset.article;
    // Name and e-mail are remembered on this device for the next comment, like a paper form.
    var authorKey = "binh-luan:nguoi-gui";
    var body = form.elements.body;
    var name = form.elements.author_name;
    var email = form.elements.author_email;
    var parent = form.elements.parent;
    var status = form.querySelector(".comment-form__status");
    var counter = form.querySelector("[data-counter]");
    var replying = form.querySelector(".comment-form__replying");
    var replyName = replying && replying.querySelector("[data-reply-name]");
    var button = form.querySelector("button[type=submit]");
    var max = parseInt(form.dataset.maxLength, 10) || 0;
    var sending = false;
    var session = null;

    // The form's per-reader values, once per page (a refusal sends new ones with it).
    function fetchSession() {
      if (session) return session;
      if (form.elements.csrfmiddlewaretoken.value && form.elements.token.value) {
        session = Promise.resolve();
        return session;
      }
      session = fetch(form.dataset.session, {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          form.elements.csrfmiddlewaretoken.value = data.csrf;
          form.elements.token.value = data.token;
        })
        .catch(function () {
          session = null;  // asked again at the next keystroke or at sending
        });
      return session;
    }

    function saveDraft() {
      if (!store) return;
      if (!body.value.trim()) {
        store.removeItem(key);
        return;
      }
      store.setItem(key, JSON.stringify({
        body: body.value,
        name: name.value,
        email: email.value,
        parent: parent.value,
        parentName: replyName ? replyName.textContent : ""
      }));
    }

    function showReply(id, who) {
      parent.value = id || "";
      if (!replying) return;
      replying.hidden = !id;
      if (replyName) replyName.textContent = who || "";
    }

    function count() {
      if (!counter || !max) return;
      var length = body.value.normalize ? body.value.normalize("NFC").length : body.value.length;
      counter.textContent = "(" + length + "/" + max + ")";
      counter.classList.toggle("is-over", length > max);
    }

    function say(message, kind) {
      status.textContent = "";
      var p = document.createElement("p");
      p.className = kind === "ok" ? "comment-form__ok" : "comment-form__error";
      if (kind !== "ok") p.setAttribute("role", "alert");
      p.textContent = message;
      status.appendChild(p);
    }

    function clearFieldErrors() {
      form.querySelectorAll("[data-js-error]").forEach(function (el) { el.remove(); });
      form.querySelectorAll("[aria-invalid]").forEach(function (el) {
        el.removeAttribute("aria-invalid");
      });
    }

    function fieldErrors(errors, shown) {
      Object.keys(errors || {}).forEach(function (field) {
        var input = form.elements[field];
        if (!input || input.type === "hidden") return;
        input.setAttribute("aria-invalid", "true");
        var messages = errors[field].filter(function (m) { return m !== shown; });
        if (!messages.length) return;
        var span = document.createElement("span");
        span.className = "comment-form__error";
        span.setAttribute("data-js-error", "");
        span.textContent = messages.join(" ");
        input.insertAdjacentElement("afterend", span);
      });
    }

    if (store) {
      var draft = null;
      try {
        draft = JSON.parse(store.getItem(key) || "null");
      } catch (e) {
        draft = null;
      }
      if (draft && !body.value) {
        body.value = draft.body || "";
        if (!name.value) name.value = draft.name || "";
        if (!email.value) email.value = draft.email || "";
        if (draft.parent && !parent.value) showReply(draft.parent, draft.parentName);
      }
    }
    if (store) {
      var author = null;
      try {
        author = JSON.parse(store.getItem(authorKey) || "null");
      } catch (e) {
        author = null;
      }
      if (author) {
        if (!name.value) name.value = author.name || "";
        if (!email.value) email.value = author.email || "";
      }
    }
    count();
    vietnameseValidity(form);
    // A draft brought back can be sent at once: its timestamp starts now.
    if (body.value) fetchSession();

    form.addEventListener("focusin", fetchSession);
    form.addEventListener("input", function () {
      fetchSession();
      saveDraft();
      count();
    });

    document.addEventListener("click", function (event) {
      var link = event.target.closest("a.comment__reply");
      if (link) {
        event.preventDefault();
        showReply(link.dataset.replyTo, link.dataset.replyName);
        saveDraft();
        form.scrollIntoView({ behavior: "smooth", block: "start" });
        body.focus({ preventScroll: true });
        return;
      }
      if (event.target.closest("[data-reply-cancel]")) {
        event.preventDefault();
        showReply("", "");
        saveDraft();
        body.focus();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return;
      sending = true;
      button.disabled = true;
      saveDraft();
      clearFieldErrors();
      Promise.resolve(fetchSession())
        .then(function () {
          return fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            credentials: "same-origin",
            headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" }
          });
        })
        .then(function (response) {
          return response.json().then(
            function (data) { return data; },
            function () { return { ok: false, message: SERVER_ERROR }; }
          );
        })
        .then(function (data) {
          if (data.ok) {
            if (store) {
              store.removeItem(key);
              store.setItem(authorKey, JSON.stringify({ name: name.value, email: email.value }));
            }
            body.value = "";
            showReply("", "");
            count();
            say(data.message, "ok");
            return;
          }
          if (data.token) form.elements.token.value = data.token;
          if (data.csrf) form.elements.csrfmiddlewaretoken.value = data.csrf;
          say(data.message || SERVER_ERROR, "error");
          fieldErrors(data.errors, data.message);
        })
        .catch(function () {
          say(NETWORK_ERROR, "error");
        })
        .then(function () {
          sending = false;
          button.disabled = false;
        });
    });
  }

  document.querySelectorAll("form.comment-form").forEach(setup);
})();
