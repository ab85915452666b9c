// The type-to-filter over a checklist, on the signals page and the home-visit screen alike (signals/_filter.html):
// type words of a signal (and a first name), and only the items that match stay, in the groups that hold them
// (a member, a heading), opened; a live region says how many. Enter ticks the first match not ticked yet; Escape
// clears. Ticks and notes are never lost: a hidden item stays ticked and is saved. The page works without this
// script: the filter stays hidden and every group opens as it is.
(function () {
  "use strict";
  var box = document.querySelector("[data-filter]");
  var input = document.getElementById("signal-filter");
  var status = document.getElementById("signal-filter-status");
  var texts = document.getElementById("filter-texts");
  var list = input && document.getElementById(input.getAttribute("aria-controls"));
  if (!box || !input || !status || !texts || !list) { return; }
  var groups = Array.prototype.slice.call(list.querySelectorAll("[data-filter-group]"));
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  items.forEach(function (item) { item.dataset.folded = fold(item.dataset.search); });
  function isFoldable(group) { return group.tagName === "DETAILS"; }
  groups.forEach(function (group) { group.dataset.wasOpen = isFoldable(group) && group.open ? "1" : ""; });

  function fill(template, n) { return template.replace("{n}", n); }

  function countTicked(group) {
    var count = group.querySelector(":scope > summary [data-ticked-count]");
    if (!count) { return; }
    var n = group.querySelectorAll("input[name=tick]:checked").length;
    count.textContent = n ? fill(texts.dataset.tickedCount, n) : "";
  }

  function matches() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var found = [];
    items.forEach(function (item) {
      var hit = words.length > 0 && words.every(function (w) { return item.dataset.folded.indexOf(w) !== -1; });
      item.hidden = words.length > 0 && !hit;
      if (hit) { found.push(item); }
    });
    groups.forEach(function (group) {
      if (words.length === 0) {
        group.hidden = false;
        if (isFoldable(group)) { group.open = group.dataset.wasOpen === "1"; }
        return;
      }
      var any = found.some(function (item) { return group.contains(item); });
      group.hidden = !any;
      if (isFoldable(group)) { group.open = any; }
    });
    if (words.length === 0) { status.textContent = ""; }
    else { status.textContent = found.length === 1 ? texts.dataset.match
      : found.length ? fill(texts.dataset.matches, found.length) : texts.dataset.none; }
    return found;
  }

  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!input.value) { group.dataset.wasOpen = group.open ? "1" : ""; }
    });
    group.addEventListener("change", function () { countTicked(group); });
  });
  input.addEventListener("input", matches);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      matches();
    } else if (event.key === "Enter") {
      event.preventDefault();  // never submits the form
      var first = matches().filter(function (item) { return !item.querySelector("input[name=tick]").checked; })[0];
      if (!first) { status.textContent = texts.dataset.none; return; }
      var tick = first.querySelector("input[name=tick]");
      tick.checked = true;
      tick.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
      matches();
      status.textContent = fill(texts.dataset.ticked, first.dataset.label);
    }
  });
  box.hidden = false;
})();
