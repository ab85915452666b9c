// The goal form offers only the chosen member's own domains: when the member changes, the domain list follows.
// Without this script the server offers the domains of the member the page was opened for, and explains a mismatch.
(function () {
  "use strict";
  var form = document.querySelector("form[data-member-scales]");
  var groups = document.getElementById("domain-groups");
  if (!form || !groups) { return; }
  var scales = JSON.parse(form.dataset.memberScales);
  var member = form.querySelector("select[name=member]");
  var domain = form.querySelector("select[name=domain_id]");
  if (!member || !domain) { return; }
  member.addEventListener("change", function () {
    var chosen = domain.value;
    var group = groups.content.querySelector('optgroup[data-scale="' + scales[member.value] + '"]');
    Array.prototype.slice.call(domain.querySelectorAll("optgroup")).forEach(function (g) {
      if (g.label) { g.remove(); }  // the unlabelled group holds "Choose a domain"
    });
    if (group) { domain.appendChild(group.cloneNode(true)); }
    domain.value = domain.querySelector('option[value="' + chosen + '"]') ? chosen : "";
  });
})();
