/* UMIN password renewal: small helps for browsers that run scripts. Every
 * page works without this file, and the server decides every rule. */
(function () {
  "use strict";

  /* A form is sent once. A double-click would otherwise send a second
   * request that the first one's answer has already made stale (the code
   * page rotates the flow cookie), and the browser would show the answer to
   * the second. After RESUBMIT_AFTER_MS the form may be sent again, in case
   * the user stopped the first request. */
  var RESUBMIT_AFTER_MS = 15000;

  /* While a form is being sent, it says so: its submit buttons are marked
   * aria-disabled and a status line (a polite live region made empty when
   * the page loads, so screen readers announce the text when it appears)
   * shows the layout's data-sending-text. A second click finds the same
   * line. */
  function statusOf(form) {
    var status = form.querySelector(".sending-status");
    if (status) return status;
    status = document.createElement("p");
    status.className = "sending-status";
    status.setAttribute("role", "status");
    var button = form.querySelector("button[type=submit], button:not([type])");
    var anchor = button && button.parentNode !== form ? button.parentNode : button;
    if (anchor && anchor.parentNode) {
      anchor.parentNode.insertBefore(status, anchor.nextSibling);
    } else {
      form.appendChild(status);
    }
    return status;
  }

  function markSending(form, sending) {
    var buttons = form.querySelectorAll("button[type=submit], button:not([type])");
    for (var i = 0; i < buttons.length; i++) {
      if (sending) {
        buttons[i].setAttribute("aria-disabled", "true");
      } else {
        buttons[i].removeAttribute("aria-disabled");
      }
    }
    form.classList.toggle("is-sending", sending);
    if (sending) {
      form.setAttribute("aria-busy", "true");
    } else {
      form.removeAttribute("aria-busy");
    }
    statusOf(form).textContent =
        sending ? document.body.getAttribute("data-sending-text") || "" : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var sent = Number(form.getAttribute("data-sent-at") || 0);
    if (sent && Date.now() - sent < RESUBMIT_AFTER_MS) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent-at", String(Date.now()));
    markSending(form, true);
    window.setTimeout(function () {
      if (form.getAttribute("data-sent-at")) markSending(form, false);
    }, RESUBMIT_AFTER_MS);
  });

  /* A page restored by the back button keeps its attributes: its forms may
   * be sent again. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    var forms = document.querySelectorAll("form[data-sent-at]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute("data-sent-at");
      markSending(forms[i], false);
    }
  });

  /* Every POST form gets its empty status line now, and a page that comes
   * back with an error summary moves the focus to it. */
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[method=post]");
    for (var i = 0; i < forms.length; i++) statusOf(forms[i]);
    var summary = document.getElementById("error_summary");
    if (summary) summary.focus();
  });

  /* The new password page: marks the rules of the list that can be checked
   * here as met or broken while the user types. The UMIN ID and dictionary
   * rules stay unmarked; the server checks them, and how guessable the
   * password is as a whole (zxcvbn), on submit. These checks mirror
   * lib/domain/password_policy.cc (ContainsSequentialRun: the same keyboard
   * lines and shifted symbols); tests/unit/password_marks_test.cc runs one
   * table of passwords through both and fails on any disagreement. */
  /* The rows of a US keyboard with their punctuation keys, and the columns
   * its staggered rows form from each digit down. */
  var KEYBOARD_LINES = [
    "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./",
    "1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.",
    "0p;/"
  ];
  /* A shifted symbol and, at the same index, its key: "!@#$" is "1234". */
  var SHIFTED_SYMBOLS = "~!@#$%^&*()_+{}|:\"<>?";
  var UNSHIFTED_KEYS = "`1234567890-=[]\\;',./";
  var MIN_LENGTH = 8;
  var MAX_LENGTH = 64;
  var MIXED_PREFIX = 8;
  var MIN_RUN = 4;

  function isStepRun(window4, step) {
    if (!/^[a-z]+$/.test(window4) && !/^[0-9]+$/.test(window4)) return false;
    for (var i = 1; i < window4.length; i++) {
      if (window4.charCodeAt(i) - window4.charCodeAt(i - 1) !== step) {
        return false;
      }
    }
    return true;
  }

  function keyOf(c) {
    var at = SHIFTED_SYMBOLS.indexOf(c);
    return at < 0 ? c : UNSHIFTED_KEYS.charAt(at);
  }

  function isKeyboardRun(keys) {
    var reversed = keys.split("").reverse().join("");
    return KEYBOARD_LINES.some(function (line) {
      return line.indexOf(keys) >= 0 || line.indexOf(reversed) >= 0;
    });
  }

  /* Only ASCII letters change case, as the server's ToLowerAscii. */
  function toLowerAscii(text) {
    return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  function containsSequentialRun(text) {
    var lower = toLowerAscii(text);
    var keys = lower.split("").map(keyOf).join("");
    for (var i = 0; i + MIN_RUN <= lower.length; i++) {
      var w = lower.substr(i, MIN_RUN);
      if (isStepRun(w, 1) || isStepRun(w, -1) ||
          isKeyboardRun(keys.substr(i, MIN_RUN))) {
        return true;
      }
    }
    return false;
  }

  var CHECKS = {
    length: function (password) {
      var length = Array.from(password).length;
      return length >= MIN_LENGTH && length <= MAX_LENGTH &&
          /^[\x21-\x7e]*$/.test(password);
    },
    mix: function (password) {
      var prefix = Array.from(password).slice(0, MIXED_PREFIX).join("");
      return /[a-z]/.test(prefix) && /[A-Z]/.test(prefix) &&
          /[0-9]/.test(prefix);
    },
    sequence: function (password) {
      return !containsSequentialRun(password);
    }
  };

  function markRules(list, password) {
    var items = list.querySelectorAll("li[data-rule]");
    for (var i = 0; i < items.length; i++) {
      var check = CHECKS[items[i].getAttribute("data-rule")];
      var met = check && password !== "" ? check(password) : null;
      items[i].classList.toggle("rule-met", met === true);
      items[i].classList.toggle("rule-broken", met === false);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.getElementById("password-rules");
    var field = document.getElementById("password");
    if (!list || !field) return;
    field.addEventListener("input", function () {
      markRules(list, field.value);
    });
  });
})();
