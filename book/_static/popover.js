/* Popovers in place: an editorial mark, a note reference or a ¶ reference opens its target
   where the reader is. The content comes with the page, in the table window.edPopovers (link ->
   [title, markup]) that edition.sphinxext.popovers writes into a script beside it, loaded
   before this one; nothing is fetched, and a popover's elements are made when it opens.
   Opens on hover (mouse), on click or tap, and on Enter (a link's activation); closes on
   Escape, a second click or tap, a click elsewhere, or when focus leaves it. Escape returns
   focus to the link. The link stays a link: with a modifier key it opens as usual, and with
   the editorial layer switched off (edition.js) there are no popovers. */
(function () {
  "use strict";
  var templates = {};
  var open = null; /* { trigger, box, pinned } */
  var hoverTimer = null;
  var count = 0;

  function layerHidden() {
    return document.documentElement.classList.contains("ed-layer-hidden");
  }

  function templateFor(a) {
    return templates[a.href];
  }

  /* Below the link, or above it where there is more room; never wider or taller than the screen's room. */
  function place(box, trigger) {
    var parent = box.offsetParent || document.body;
    var base = parent.getBoundingClientRect();
    var r = trigger.getBoundingClientRect();
    var screenWidth = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left, screenWidth - box.offsetWidth - 8));
    var screenHeight = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    var roomBelow = screenHeight - r.bottom - 14, roomAbove = r.top - 14;
    var above = box.offsetHeight > roomBelow && roomAbove > roomBelow;
    box.style.maxHeight = Math.max(Math.min(box.offsetHeight, above ? roomAbove : roomBelow), 160) + "px";
    var top = above ? r.top - 6 - box.offsetHeight : r.bottom + 6;
    box.style.left = (left - base.left - parent.clientLeft) + "px";
    box.style.top = (top - base.top - parent.clientTop) + "px";
    if (!above && roomBelow < 160) box.scrollIntoView({ block: "nearest" });
  }

  function close(refocus) {
    if (!open) return;
    var trigger = open.trigger;
    open.box.remove();
    trigger.setAttribute("aria-expanded", "false");
    trigger.removeAttribute("aria-controls");
    open = null;
    if (refocus) trigger.focus();
  }

  function show(trigger, pinned) {
    if (open && open.trigger === trigger) {
      open.pinned = open.pinned || pinned;
      return;
    }
    close(false);
    var t = templateFor(trigger);
    var content = document.createElement("template");
    content.innerHTML = t.markup;
    var box = document.createElement("div");
    box.className = "ed ed-popover";
    box.id = "ed-popover-" + (++count);
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", t.title);
    var head = document.createElement("div");
    head.className = "ed-popover-head";
    var title = document.createElement("span");
    title.className = "ed-popover-title";
    title.textContent = t.title;
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "ed-popover-close";
    shut.setAttribute("aria-label", "Close");
    shut.textContent = "×";
    shut.addEventListener("click", function () { close(true); });
    head.appendChild(title);
    head.appendChild(shut);
    box.appendChild(head);
    box.appendChild(content.content);
    box.addEventListener("mouseenter", function () { clearTimeout(hoverTimer); });
    box.addEventListener("mouseleave", function () { if (open && !open.pinned) hoverClose(); });
    /* After the link in the document, so that Tab goes from the link into the popover. */
    var after = trigger.parentElement.tagName === "SUP" ? trigger.parentElement : trigger;
    after.insertAdjacentElement("afterend", box);
    trigger.setAttribute("aria-expanded", "true");
    trigger.setAttribute("aria-controls", box.id);
    open = { trigger: trigger, box: box, pinned: pinned };
    place(box, trigger);
  }

  function hoverClose() {
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () { if (open && !open.pinned) close(false); }, 300);
  }

  function triggerOf(target) {
    var a = target.closest && target.closest("a[href]");
    // A paragraph's own number links to itself: it is a place to land, never a trigger.
    if (!a || a.classList.contains("ed-pn") || a.closest(".ed-popover") || !templateFor(a) || layerHidden()) return null;
    return a;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = window.edPopovers || {};
    Object.keys(table).forEach(function (link) {
      templates[new URL(link, document.baseURI).href] = { title: table[link][0], markup: table[link][1] };
    });
    document.querySelectorAll("article a[href]").forEach(function (a) {
      if (!templateFor(a) || a.classList.contains("ed-pn") || a.closest(".ed-popover")) return;
      a.setAttribute("aria-expanded", "false");
      if (a.classList.contains("footnote-reference")) a.setAttribute("aria-label", "The author’s note " + a.textContent.replace(/\D/g, ""));
    });
  });

  document.addEventListener("click", function (e) {
    var a = triggerOf(e.target);
    if (a && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button)) {
      e.preventDefault();
      clearTimeout(hoverTimer); // a hover still pending must not reopen (unpinned) what this click decides
      if (open && open.trigger === a && open.pinned) close(false);
      else show(a, true);
      return;
    }
    if (open && !open.box.contains(e.target)) close(false);
  });

  document.addEventListener("pointerover", function (e) {
    if (e.pointerType !== "mouse") return;
    var a = triggerOf(e.target);
    if (!a) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () {
      if (!(open && open.trigger === a)) show(a, false); // never turn an open popover into a hover one
    }, 150);
  });

  document.addEventListener("pointerout", function (e) {
    if (e.pointerType !== "mouse" || !triggerOf(e.target)) return;
    if (open && !open.pinned) hoverClose();
    else clearTimeout(hoverTimer);
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && open) {
      e.preventDefault();
      /* Focus goes back to the link when it was on the link or in the popover (not when a mouse opened it). */
      var active = document.activeElement;
      close(active === open.trigger || open.box.contains(active));
    }
  });

  document.addEventListener("focusout", function (e) {
    if (!open) return;
    var to = e.relatedTarget;
    if (to && (open.box.contains(to) || to === open.trigger)) return;
    if (to) close(false);
  });

  window.addEventListener("resize", function () { if (open) place(open.box, open.trigger); });
})();
