// policybot pages: small progressive enhancements. Every form also works without this file
// (it posts and the server renders the whole page); here the same server-rendered result is
// fetched as a fragment and placed in an aria-live region, without a page load.
(function () {
  "use strict";

  var ORG_KEY = "policybot.org";

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: the cookie still works */ }
  }
  function setOrgCookie(org) {
    document.cookie = "pb_org=" + encodeURIComponent(org || "all") + "; path=/; max-age=31536000; samesite=lax";
  }

  // The organization chooser: the server preselects from the cookie; localStorage brings the
  // choice back if the cookie was cleared.
  function rememberOrg() {
    var hasCookie = /(?:^|;\s*)pb_org=/.test(document.cookie);
    var inAddress = new URLSearchParams(window.location.search).has("org");
    document.querySelectorAll("select[data-remember-org]").forEach(function (select) {
      var saved = storageGet(ORG_KEY);
      if (!hasCookie && !inAddress && saved !== null) {
        for (var i = 0; i < select.options.length; i++) {
          if (select.options[i].value === saved) { select.value = saved; break; }
        }
      }
      select.addEventListener("change", function () {
        storageSet(ORG_KEY, select.value);
        setOrgCookie(select.value);
      });
    });
  }

  function focusResult(target) {
    var heading = target.querySelector("h2[tabindex], .error");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  function submitFragment(form) {
    var target = document.querySelector(form.getAttribute("data-target"));
    if (!target) { form.submit(); return; }
    var button = form.querySelector("button[type=submit]");
    var body = new URLSearchParams(new FormData(form));
    target.setAttribute("aria-busy", "true");
    target.innerHTML = '<p class="loading">Working on it…</p>';
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Policybot-Fragment": "1" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      // Server-rendered and escaped on the server.
      target.innerHTML = html;
    }).catch(function () {
      target.innerHTML = '<div class="error" role="alert"><p>Could not reach policybot. Check your connection and try again.</p></div>';
    }).then(function () {
      target.removeAttribute("aria-busy");
      if (button) button.disabled = false;
      focusResult(target);
    });
  }

  function sendFeedback(form, submitter) {
    var status = form.querySelector(".feedback-status");
    var helpful = !submitter || submitter.value === "yes";
    var answerId = form.querySelector("input[name=answer_id]").value;
    form.querySelectorAll("button[name=helpful]").forEach(function (b) {
      b.setAttribute("aria-pressed", b === submitter ? "true" : "false");
    });
    fetch("/api/feedback", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answer_id: answerId, helpful: helpful })
    }).then(function (response) {
      return response.json().then(function (data) {
        status.textContent = response.ok ? "Thanks for the feedback." : (data.error || "Could not save the feedback.");
      });
    }).catch(function () {
      status.textContent = "Could not reach policybot to save the feedback.";
    });
  }

  function gradeQuiz(form) {
    var right = 0;
    var total = 0;
    form.querySelectorAll("fieldset.quiz-question").forEach(function (fieldset) {
      total += 1;
      var chosen = fieldset.querySelector("input:checked");
      var correct = fieldset.querySelector("input[data-correct]");
      var label = correct ? form.querySelector('label[for="' + CSS.escape(correct.id) + '"]') : null;
      var feedback = fieldset.querySelector(".quiz-feedback");
      fieldset.classList.remove("right", "wrong");
      if (!chosen) {
        feedback.textContent = "Not answered yet.";
        return;
      }
      if (chosen.hasAttribute("data-correct")) {
        right += 1;
        fieldset.classList.add("right");
        feedback.textContent = "Right.";
      } else {
        fieldset.classList.add("wrong");
        feedback.textContent = "Not quite. The answer is: " + (label ? label.textContent : "") + ".";
      }
      var details = fieldset.querySelector("details");
      if (details) details.open = true;
    });
    form.querySelector(".quiz-score").textContent = "You got " + right + " of " + total + " right.";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("[data-fragment-form]")) {
      event.preventDefault();
      submitFragment(form);
    } else if (form.matches("form.feedback")) {
      event.preventDefault();
      sendFeedback(form, event.submitter);
    } else if (form.matches("form[data-quiz]")) {
      event.preventDefault();
      gradeQuiz(form);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) return;
    var done = function () { button.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    } else {
      input.select();
      try { document.execCommand("copy"); done(); } catch (e) { /* the text is selected for the person to copy */ }
    }
  });

  // A citation link lands on a clause: move keyboard focus there too, so reading continues
  // from the quoted clause (the :target style highlights it).
  function focusTarget() {
    if (window.location.hash.length < 2) return;
    var el = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (el && el.classList.contains("clause")) el.focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    rememberOrg();
    focusTarget();
    var auto = document.querySelector("form[data-autosubmit]");
    if (auto && auto.querySelector("textarea").value.trim()) submitFragment(auto);
  });
  window.addEventListener("hashchange", focusTarget);
})();
