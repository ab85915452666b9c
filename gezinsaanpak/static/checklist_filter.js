// The home-visit screen's signal filter: type words of a signal (and a first name), Enter ticks the first match.
// The form works without this script: the filter stays hidden and every member's list opens as a section.
(function () {
  "use strict";
  var box = document.querySelector("[data-filter]");
  var input = document.getElementById("signal-filter");
  var status = document.getElementById("signal-filter-status");
  var texts = document.getElementById("filter-texts");
  if (!box || !input || !texts) { return; }
  var sections = Array.prototype.slice.call(document.querySelectorAll("#visit-checklist details.subject"));
  var items = Array.prototype.slice.call(document.querySelectorAll("#visit-checklist li[data-search]"));

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  items.forEach(function (item) { item.dataset.folded = fold(item.dataset.search); });
  sections.forEach(function (section) { section.dataset.wasOpen = section.open ? "1" : ""; });

  function fill(template, n) { return template.replace("{n}", n); }

  function countTicked(section) {
    var n = section.querySelectorAll("input[name=tick]:checked").length;
    section.querySelector("[data-ticked-count]").textContent = n ? fill(texts.dataset.tickedCount, n) : "";
  }

  function matches() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var found = [];
    items.forEach(function (item) {
      var hit = words.length > 0 && words.every(function (w) { return item.dataset.folded.indexOf(w) !== -1; });
      item.hidden = words.length > 0 && !hit;
      if (hit) { found.push(item); }
    });
    sections.forEach(function (section) {
      if (words.length === 0) {
        section.hidden = false;
        section.open = section.dataset.wasOpen === "1";
        return;
      }
      var any = found.some(function (item) { return section.contains(item); });
      section.hidden = !any;
      section.open = any;
    });
    if (words.length === 0) { status.textContent = ""; }
    else { status.textContent = found.length ? fill(texts.dataset.matches, found.length) : texts.dataset.none; }
    return found;
  }

  sections.forEach(function (section) {
    section.addEventListener("toggle", function () {
      if (!input.value) { section.dataset.wasOpen = section.open ? "1" : ""; }
    });
    section.addEventListener("change", function () { countTicked(section); });
  });
  input.addEventListener("input", matches);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      matches();
    } else if (event.key === "Enter") {
      event.preventDefault();  // never submits the visit
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
