// Before the session ends for idleness: a notice with the time left and a button to stay logged in.
// The idle timeout and the session's remaining lifetime come from data attributes on <body>, the texts from
// <template id="idle-texts"> (rendered in the user's language). Other tabs of the same session count too: each
// page load and each "stay logged in" is noted in localStorage.
(function () {
  "use strict";
  var body = document.body;
  var region = document.getElementById("idle-notice");
  var texts = document.getElementById("idle-texts");
  var idle = Number(body.getAttribute("data-idle-seconds"));
  var warning = Number(body.getAttribute("data-idle-warning-seconds"));
  var lifetimeEnds = Date.now() + 1000 * Number(body.getAttribute("data-session-ends-in"));
  var KEY = "gezinsaanpak.seen";
  if (!region || !texts || !idle) {
    return;
  }
  // When the server last noted this user: the page says how long ago, since it notes activity once a minute.
  var seen = Date.now() - 1000 * (Number(body.getAttribute("data-seen-ago")) || 0);
  var shown = null;
  var refused = false;  // the server answered that the session has ended

  function remember(at) {
    seen = at;
    try { window.localStorage.setItem(KEY, String(at)); } catch (e) { /* storage off: this tab counts alone */ }
  }

  function lastSeen() {
    var other = 0;
    try { other = Number(window.localStorage.getItem(KEY)) || 0; } catch (e) { other = 0; }
    return Math.max(seen, other);
  }

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function show(when) {
    if (shown === when) {
      return;
    }
    shown = when;
    region.textContent = "";
    if (when) {
      var notice = texts.content.querySelector('[data-when="' + when + '"]').cloneNode(true);
      var form = notice.querySelector("form");
      if (form) {
        form.addEventListener("submit", stay);
      }
      region.appendChild(notice);
    }
  }

  function stay(event) {
    event.preventDefault();
    var form = event.target;
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual"})
      .then(function (response) {
        if (response.status === 204) {
          remember(Date.now());
          show(null);
        } else {
          refused = true;
          show("ended");
        }
      })
      .catch(function () { show("ended"); });
  }

  function tick() {
    var now = Date.now();
    var idleLeft = idle - (now - lastSeen()) / 1000;
    var lifeLeft = (lifetimeEnds - now) / 1000;
    var left = Math.min(idleLeft, lifeLeft);
    if (refused || left <= 0) {
      show("ended");
    } else if (left <= warning) {
      show(lifeLeft < idleLeft ? "lifetime" : "idle");
      var timer = region.querySelector("[data-time-left]");
      if (timer) {
        timer.textContent = clock(left);
      }
    } else {
      show(null);
    }
  }

  remember(seen);
  tick();
  window.setInterval(tick, 1000);
}());
