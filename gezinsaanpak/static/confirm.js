/* Confirmation before a destructive action: a button with data-confirm="question" asks first, in a <dialog>.
   The dialog's texts come from the button (data-confirm, data-confirm-detail: what will happen, data-confirm-yes,
   data-confirm-no). "Yes" sends the form with the field confirmed=yes (CONFIRMATION in gezinsaanpak/forms.py), so
   the server acts at once; without that field (no script, or this one failed) the server asks the same question
   on a page of its own and changes nothing. Static file, so the strict Content-Security-Policy allows it. */
(function () {
  "use strict";
  function ask(button) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-labelledby", "confirm-question");
    var question = document.createElement("p");
    question.id = "confirm-question";
    question.textContent = button.getAttribute("data-confirm");
    var detail = null;
    if (button.hasAttribute("data-confirm-detail")) {
      detail = document.createElement("p");
      detail.id = "confirm-detail";
      detail.textContent = button.getAttribute("data-confirm-detail");
      dialog.setAttribute("aria-describedby", "confirm-detail");
    }
    var actions = document.createElement("div");
    actions.className = "utrecht-button-group";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "utrecht-button utrecht-button--primary-action utrecht-button--danger";
    yes.textContent = button.getAttribute("data-confirm-yes") || button.textContent;
    var no = document.createElement("button");
    no.type = "button";
    no.className = "utrecht-button utrecht-button--secondary-action";
    no.textContent = button.getAttribute("data-confirm-no") || "No, go back";
    actions.appendChild(yes);
    actions.appendChild(no);
    dialog.appendChild(question);
    if (detail) { dialog.appendChild(detail); }
    dialog.appendChild(actions);
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (dialog.returnValue === "yes") {
        var field = button.form.querySelector("input[name=confirmed]");
        if (!field) {
          field = document.createElement("input");
          field.type = "hidden";
          field.name = "confirmed";
          button.form.appendChild(field);
        }
        field.value = "yes";
        button.setAttribute("data-confirmed", "1");
        button.form.requestSubmit(button);
      } else {
        button.focus();
      }
    });
    yes.addEventListener("click", function () { dialog.close("yes"); });
    no.addEventListener("click", function () { dialog.close("no"); });
    dialog.showModal();
    no.focus();
  }
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute("data-confirm")) { return; }
    if (button.getAttribute("data-confirmed") === "1") { button.removeAttribute("data-confirmed"); return; }
    event.preventDefault();
    ask(button);
  });
}());
