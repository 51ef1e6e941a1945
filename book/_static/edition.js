/* The theme reads its colour mode from localStorage and logs an error when none is stored
   yet (a first visit): start such a visit in "auto", the theme's own default. */
if (!document.documentElement.dataset.mode) document.documentElement.dataset.mode = "auto";

/* Search lands on the paragraph: a page opened from the search results (?highlight=...)
   scrolls to the first paragraph that holds a highlighted word and puts its number (#p-14)
   in the address, so the result can be cited and shared. Runs after Sphinx's highlighter. */
window.addEventListener("load", function () {
  if (!new URLSearchParams(window.location.search).get("highlight") || window.location.hash) return;
  window.setTimeout(function () {
    var hit = document.querySelector("article p span.highlighted");
    var number = hit && hit.closest("p") && hit.closest("p").querySelector("a.ed-pn");
    if (!number) return;
    history.replaceState(null, "", "#" + number.id);
    number.scrollIntoView({ block: "center" });
  }, 200);
});

/* myst-nb's "Show code cell source" toggles are named "Toggle hidden content", which is not
   the text they show (axe: label-content-name-mismatch): let the visible text name them. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('summary[aria-label="Toggle hidden content"]').forEach(function (s) {
    s.removeAttribute("aria-label");
  });
});
