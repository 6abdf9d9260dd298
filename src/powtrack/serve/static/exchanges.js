// Filter as soon as a menu changes (the Filter button does the same without scripts).
(function () {
  "use strict";
  const form = document.getElementById("filters");
  if (!form) return;
  form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.submit()));
})();
