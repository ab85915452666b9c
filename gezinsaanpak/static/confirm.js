/* Confirmation before a destructive action: a button with data-confirm="question" asks first, in a <dialog>.
   The dialog's texts come from the button (data-confirm, data-confirm-yes, data-confirm-no); without script the
   form is sent at once, as before. Static file, so the strict Content-Security-Policy allows it. */
(function () {
  "use strict";
  function ask(button) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-labelledby", "confirm-question");
    var question = document.createElement("p");
    question.id = "confirm-question";
    question.textContent = button.getAttribute("data-confirm");
    var actions = document.createElement("div");
    actions.className = "utrecht-button-group";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "utrecht-button utrecht-button--primary-action utrecht-button--danger";
    yes.textContent = button.getAttribute("data-confirm-yes") || button.textContent;
    var no = document.createElement("button");
    no.type = "button";
    no.className = "utrecht-button utrecht-button--secondary-action";
    no.textContent = button.getAttribute("data-confirm-no") || "Cancel";
    actions.appendChild(yes);
    actions.appendChild(no);
    dialog.appendChild(question);
    dialog.appendChild(actions);
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (dialog.returnValue === "yes") {
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
