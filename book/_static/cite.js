/* Cite this paragraph: a "cite" button beside each paragraph number of the article opens a
   dialog with the paragraph's citation (print page, paragraph number, version, stable address)
   in the reader's choice of style, ready to copy. Everything comes from the page itself (the
   JSON block #ed-cite-data that edition.sphinxext.citation writes into the head), so it works
   from the offline zip too. The button and the dialog are editorial (class "ed"): the button
   stands after the number, before the author's first word; the dialog outside the article. */
(function () {
  "use strict";
  var STORE = "edition-cite-style";
  var data, dialog, trigger, current;

  function fill(template, n) {
    return template.split(data.tokens.page).join(String(data.paragraphs[n])).split(data.tokens.para).join(n);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function chosenStyle() {
    var stored = null;
    try { stored = localStorage.getItem(STORE); } catch (e) { /* storage may be off for file: pages */ }
    return data.styles.some(function (s) { return s.id === stored; }) ? stored : data.styles[0].id;
  }

  function show() {
    var style = data.styles.find(function (s) { return s.id === chosenStyle(); });
    var output = dialog.querySelector(".ed-cite-output");
    var code = style.id === "bibtex" || style.id === "ris";
    output.innerHTML = code ? "<pre>" + fill(style.html, current) + "</pre>" : "<p>" + fill(style.html, current) + "</p>";
    dialog.querySelector(".ed-cite-status").textContent = "";
  }

  function copyText(text) {
    var status = dialog.querySelector(".ed-cite-status");
    function fallback() {
      var area = el("textarea", { "aria-hidden": "true", "tabindex": "-1", "class": "ed-cite-scratch" });
      area.value = text;
      dialog.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      dialog.removeChild(area);
      status.textContent = ok ? "Copied." : "Select the citation and copy it.";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = "Copied."; }, fallback);
    } else {
      fallback();
    }
  }

  function build() {
    dialog = el("dialog", { "class": "ed ed-cite-dialog", "aria-labelledby": "ed-cite-title" });
    var title = el("p", { "id": "ed-cite-title", "class": "ed-cite-title" });
    var where = el("p", { "class": "ed-cite-where" });
    var styles = el("fieldset", { "class": "ed-cite-styles" });
    styles.appendChild(el("legend", {}, "Style"));
    data.styles.forEach(function (s) {
      var label = el("label", {});
      var input = el("input", { "type": "radio", "name": "ed-cite-style", "value": s.id });
      input.addEventListener("change", function () {
        try { localStorage.setItem(STORE, s.id); } catch (e) { /* not remembered */ }
        show();
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + s.label));
      styles.appendChild(label);
    });
    var output = el("div", { "class": "ed-cite-output", "aria-label": "Citation", "role": "group" });
    var actions = el("div", { "class": "ed-cite-actions" });
    var copy = el("button", { "type": "button", "class": "ed-cite-copy" }, "Copy citation");
    copy.addEventListener("click", function () {
      var style = data.styles.find(function (s) { return s.id === chosenStyle(); });
      copyText(fill(style.text, current));
    });
    var status = el("span", { "class": "ed-cite-status", "role": "status" });
    var close = el("button", { "type": "button", "class": "ed-cite-close" }, "Close");
    close.addEventListener("click", function () { dialog.close(); });
    actions.appendChild(copy);
    actions.appendChild(status);
    actions.appendChild(close);
    var files = el("p", { "class": "ed-cite-files" });
    data.files.forEach(function (f, k) {
      if (k) files.appendChild(document.createTextNode(" · "));
      files.appendChild(el("a", { "href": f.href, "download": "" }, f.label));
    });
    files.appendChild(document.createTextNode(" · "));
    files.appendChild(el("a", { "href": data.about }, "How to cite"));
    [title, where, styles, output, actions, files].forEach(function (n) { dialog.appendChild(n); });
    dialog.addEventListener("close", function () { if (trigger) trigger.focus(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    document.body.appendChild(dialog);
  }

  function open(n, button) {
    if (!dialog) build();
    current = n;
    trigger = button;
    dialog.querySelector(".ed-cite-title").textContent = "Cite paragraph " + n;
    dialog.querySelector(".ed-cite-where").textContent =
      "¶ " + n + ", which begins on print page " + data.paragraphs[n] + "; version " + data.version + ".";
    var style = chosenStyle();
    dialog.querySelectorAll('input[name="ed-cite-style"]').forEach(function (input) { input.checked = input.value === style; });
    show();
    dialog.showModal();
    dialog.querySelector('input[name="ed-cite-style"]:checked').focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var block = document.getElementById("ed-cite-data");
    if (!block) return;
    data = JSON.parse(block.textContent);
    document.querySelectorAll("article.bd-article a.ed-pn").forEach(function (number) {
      var n = number.textContent.trim();
      if (!(n in data.paragraphs)) return;
      var button = el("button", { "type": "button", "class": "ed ed-cite-open", "aria-haspopup": "dialog" }, "cite");
      button.setAttribute("aria-label", "Cite paragraph " + n);
      button.addEventListener("click", function () { open(n, button); });
      number.insertAdjacentElement("afterend", button);
    });
  });
})();
