// The Child Bridge form by keyboard: on a benchmark's radio group, G, O, R and N choose green, orange, red or
// "not discussed" and move on to the next benchmark. The letters are the same in Dutch (groen, oranje, rood,
// niet besproken) and English. Without this script the radio groups work as usual (arrow keys).
(function () {
  "use strict";
  var form = document.querySelector("form[data-colour-keys]");
  if (!form) {
    return;
  }
  var KEYS = { g: "green", o: "orange", r: "red", n: "" };
  var groups = Array.prototype.slice.call(form.querySelectorAll("fieldset.benchmark"));

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.altKey || event.metaKey || target.type !== "radio") {
      return;
    }
    var value = KEYS[event.key.toLowerCase()];
    var group = target.closest("fieldset.benchmark");
    if (value === undefined || !group) {
      return;
    }
    var option = group.querySelector('input[type="radio"][value="' + value + '"]');
    if (!option) {
      return;
    }
    event.preventDefault();
    option.checked = true;
    option.dispatchEvent(new Event("change", { bubbles: true }));
    var next = groups[groups.indexOf(group) + 1];
    var focus = next ? (next.querySelector('input[type="radio"]:checked') || next.querySelector('input[type="radio"]'))
      : form.querySelector('button[type="submit"]');
    focus.focus();
  });
}());
