/* The theme reads its colour mode from localStorage and logs an error when none is stored
   yet (a first visit): start such a visit in "auto", the theme's own default. */
if (!document.documentElement.dataset.mode) document.documentElement.dataset.mode = "auto";

/* Search lands on the paragraph. Sphinx's search page leaves the query's words in
   localStorage for the page a reader opens from the results; read them now, before Sphinx's
   highlighter clears them, and once the page is loaded go to the first numbered paragraph that
   holds them all (or the first that holds any), putting its number (#p-14) in the address. */
var editionSearchTerms = (localStorage.getItem("sphinx_highlight_terms") || "").toLowerCase().split(/\s+/).filter(Boolean);
window.addEventListener("load", function () {
  if (!editionSearchTerms.length || window.location.hash) return;
  var numbered = Array.prototype.slice.call(document.querySelectorAll("a.ed-pn")).map(function (a) {
    return { anchor: a, text: a.parentElement.textContent.toLowerCase() };
  });
  var hit = numbered.find(function (p) { return editionSearchTerms.every(function (t) { return p.text.indexOf(t) >= 0; }); })
    || numbered.find(function (p) { return editionSearchTerms.some(function (t) { return p.text.indexOf(t) >= 0; }); });
  if (!hit) return;
  history.replaceState(null, "", "#" + hit.anchor.id);
  hit.anchor.scrollIntoView({ block: "center" });
});

/* myst-nb's "Show code cell source" toggles are named "Toggle hidden content", which is not
   the text they show (axe: label-content-name-mismatch): let the visible text name them. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('summary[aria-label="Toggle hidden content"]').forEach(function (s) {
    s.removeAttribute("aria-label");
  });
  /* Docutils marks bibliography entries with the deprecated role doc-biblioentry, which is not
     allowed on their element (axe: aria-allowed-role), and their list with doc-bibliography,
     which then lacks its required children: the list and entries read as plain text without. */
  document.querySelectorAll('[role="doc-biblioentry"], [role="doc-bibliography"], .citation-list[role="list"]').forEach(function (e) { e.removeAttribute("role"); });
});

/* A switch for the editorial layer on the article's pages: hide or show the editors' marks,
   notes and figures (the reader's choice is remembered). */
if (localStorage.getItem("edition-layer") === "hidden") document.documentElement.classList.add("ed-layer-hidden");
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector("article.bd-article button.ed-toggle");  // in the page (page.html)
  if (!button) return;
  var label = function () {
    var hidden = document.documentElement.classList.contains("ed-layer-hidden");
    var text = hidden ? "Show the editors' notes and marks" : "Hide the editors' notes and marks";
    if (button.textContent !== text) button.textContent = text;  // as the page has it: no repaint for nothing
    button.setAttribute("aria-pressed", hidden ? "true" : "false");
  };
  button.addEventListener("click", function () {
    var hidden = document.documentElement.classList.toggle("ed-layer-hidden");
    localStorage.setItem("edition-layer", hidden ? "hidden" : "shown");
    label();
  });
  label();
});
