/* Reader tools (issue 15): previews of cross-references and "copy a quotation with its citation".
   Data comes from the build, inline in the page (#report-reader-data, written by
   report_site/outputs/reader.py): no fetch, no third-party code, no cookies.

   Previews follow WCAG 1.4.13 (content on hover or focus): shown on hover and on keyboard
   focus, hoverable itself, dismissed by Escape or by moving away, placed above or below
   the link (never over it) in a layer outside the text flow (no layout shift), tied to the
   link with aria-describedby (role=tooltip). Touch simply follows the link. */
(function () {
  "use strict";
  var node = document.getElementById("report-reader-data");
  if (!node) return;
  var data;
  try { data = JSON.parse(node.textContent); } catch (e) { return; }
  // The generator's words: English here; the page's data carries the report's language where it
  // differs (report_site/labels.py, the same keys). A counted one has its forms by CLDR plural.
  var WORDS = {
    focus_area_label: { one: "Focus area", other: "Focus areas" },
    copy_quotation: "Copy quotation with citation",
    copy_quotation_in: "Copy quotation with citation ({style})",
    quotation_style: "Citation style for copied quotations (the buttons beside each paragraph): ",
    copied: "Copied: quotation with {style} citation",
    copy_failed: "Could not copy: your browser blocked the clipboard"
  };
  Object.keys(data.labels || {}).forEach(function (k) { WORDS[k] = data.labels[k]; });
  function say(key, values, count) {
    var w = WORDS[key];
    if (typeof w === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(document.documentElement.lang || "en").select(count); } catch (e) { /* no Intl: other */ }
      w = w[form] || w.other;
    }
    return String(w).replace(/\{(\w+)\}/g, function (m, name) { return values && name in values ? values[name] : m; });
  }
  previews(data.previews || {});
  if (data.quote) quotes(data.quote);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function previews(map) {
    var byUrl = {};
    Object.keys(map).forEach(function (href) { byUrl[new URL(href, location.href).href] = map[href]; });
    // A note's marker previews the note, which is on the page already (its list item, by the link's target).
    function noteOf(a) {
      if (!a.classList.contains("footnote-ref")) return null;
      var li = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      return li && li.closest(".report-notes") ? li : null;
    }
    if (!Object.keys(byUrl).length && !document.querySelector(".report-notes a.footnote-backref")) return;
    var tip = el("div", "report-preview");
    tip.id = "report-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var current = null, dismissed = null, timer = 0, touchedAt = 0;

    function linkOf(target) {
      var a = target && target.closest ? target.closest("a[href]") : null;
      return a && (byUrl[a.href] || noteOf(a)) ? a : null;
    }

    function fillNote(a, li) {
      tip.textContent = "";
      tip.appendChild(el("p", "report-preview__kicker", a.getAttribute("aria-label") || a.textContent));
      li.querySelectorAll(":scope > p, :scope > ul, :scope > ol, :scope > blockquote").forEach(function (block) {
        var c = block.cloneNode(true);
        c.querySelectorAll(".footnote-backref").forEach(function (n) { n.remove(); });
        var text = c.textContent.replace(/\s+/g, " ").trim();
        if (text) tip.appendChild(el("p", "report-preview__note", text));
      });
    }

    function fill(d) {
      tip.textContent = "";
      tip.appendChild(el("p", "report-preview__kicker", d.kicker));
      if (d.kind === "recommendation") {
        tip.appendChild(el("p", "report-preview__title", d.title));
        if (d.areas && d.areas.length) {
          tip.appendChild(el("p", "report-preview__areas", say("focus_area_label", null, d.areas.length) + ": " + d.areas.join(", ")));
        }
      } else {
        tip.appendChild(el("blockquote", "report-preview__text", d.text));
      }
    }

    function place(a) {
      var r = a.getBoundingClientRect();
      var gap = 6, margin = 8;
      tip.style.left = "0px";
      tip.style.top = "0px";
      var w = tip.offsetWidth, h = tip.offsetHeight;
      var below = window.innerHeight - r.bottom, above = r.top;
      var top = (below >= h + gap + margin || below >= above) ? r.bottom + gap : r.top - gap - h;
      var left = Math.max(margin, Math.min(r.left, document.documentElement.clientWidth - w - margin));
      tip.style.left = Math.round(left + window.scrollX) + "px";
      tip.style.top = Math.round(top + window.scrollY) + "px";
    }

    function show(a) {
      clearTimeout(timer);
      if (a === dismissed) return;
      if (current && current !== a) current.removeAttribute("aria-describedby");
      current = a;
      var note = noteOf(a);
      if (note) fillNote(a, note); else fill(byUrl[a.href]);
      tip.hidden = false;
      place(a);
      a.setAttribute("aria-describedby", tip.id);
    }

    function hide() {
      clearTimeout(timer);
      tip.hidden = true;
      if (current) current.removeAttribute("aria-describedby");
      current = null;
    }

    function hideSoon() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (current && (current.matches(":hover") || current === document.activeElement)) return;
        if (tip.matches(":hover")) return;
        hide();
      }, 200);
    }

    document.addEventListener("pointerdown", function (e) { if (e.pointerType === "touch") touchedAt = Date.now(); }, true);
    document.addEventListener("pointerover", function (e) {
      if (e.pointerType === "touch") return;
      var a = linkOf(e.target);
      if (a) show(a);
      else if (tip.contains(e.target)) clearTimeout(timer);
    });
    document.addEventListener("pointerout", function (e) {
      if (e.pointerType === "touch") return;
      var a = linkOf(e.target);
      if (a && a.contains(e.relatedTarget)) return;
      if (a) { if (dismissed === a) dismissed = null; hideSoon(); }
      else if (tip.contains(e.target) && !tip.contains(e.relatedTarget)) hideSoon();
    });
    document.addEventListener("focusin", function (e) {
      var a = linkOf(e.target);
      if (a && Date.now() - touchedAt > 800) show(a);
      else if (current) hide();
    });
    document.addEventListener("focusout", function (e) {
      var a = linkOf(e.target);
      if (a && dismissed === a) dismissed = null;
      if (a === current) hideSoon();
    });
    document.addEventListener("keydown", function (e) {
      // Dismissed until the pointer or focus leaves the link; if neither is on it (the pointer is on the card), at once.
      if (e.key === "Escape" && !tip.hidden) {
        dismissed = current && (current.matches(":hover") || current === document.activeElement) ? current : null;
        hide();
      }
    });
    window.addEventListener("resize", function () { if (current) place(current); });
  }

  function quotes(q) {
    var KEY = "report-site.quote-style";
    var styles = q.styles || [];
    if (!styles.length) return;

    function chosen() {
      var key = null;
      try { key = localStorage.getItem(KEY); } catch (e) { /* storage off: the first style */ }
      return styles.filter(function (s) { return s.key === key; })[0] || styles[0];
    }

    function remember(key) {
      try { localStorage.setItem(KEY, key); } catch (e) { /* storage off: choice lasts this page */ }
    }

    var status = el("div", "report-copy-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);

    var buttons = [];
    document.querySelectorAll("a.report-permalink").forEach(function (link) {
      var p = link.closest("[data-paragraph][id]");
      if (!p) return;
      var b = el("button", "report-copy");
      b.type = "button";
      b.setAttribute("aria-label", say("copy_quotation"));
      b.setAttribute("data-search-exclude", "");
      link.insertAdjacentElement("afterend", b);
      buttons.push(b);
    });
    if (!buttons.length) return;

    function label() {
      var s = chosen();
      buttons.forEach(function (b) { b.title = say("copy_quotation_in", { style: s.label }); });
    }
    label();

    // The style is chosen once, in the page's "Cite" box (remembered in this browser only).
    var box = document.querySelector(".report-cite__body");
    if (box) {
      var row = el("p", "report-quote-style");
      var id = "report-quote-style";
      var lab = el("label", "", say("quotation_style"));
      lab.htmlFor = id;
      var select = document.createElement("select");
      select.id = id;
      styles.forEach(function (s) {
        var o = document.createElement("option");
        o.value = s.key;
        o.textContent = s.label;
        select.appendChild(o);
      });
      select.value = chosen().key;
      select.addEventListener("change", function () { remember(select.value); label(); });
      row.appendChild(lab);
      row.appendChild(select);
      box.insertBefore(row, box.firstChild);
    }

    function words(p) {
      var c = p.cloneNode(true);
      // A nested list's items are paragraphs of their own: not part of the item that holds them.
      c.querySelectorAll(".report-permalink, .report-copy, sup.endnote-ref, [data-search-exclude], ul, ol").forEach(function (n) { n.remove(); });
      return c.textContent.replace(/\s+/g, " ").trim();
    }

    function quotation(p, s) {
      var text = words(p).replace(/“/g, "‘").replace(/”/g, "’").replace(/\.(’?)$/, "$1");
      var url = (q.url || location.href.split("#")[0]) + "#" + p.id;
      var where = [s.lead, q.section, s.para + " " + p.getAttribute("data-paragraph")].filter(Boolean).join(", ");
      return "“" + text + "” (" + where + "). " + url;
    }

    function write(text) {
      if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
      return new Promise(function (resolve, reject) {
        var t = document.createElement("textarea");
        t.value = text;
        t.setAttribute("readonly", "");
        t.className = "report-copy-buffer";
        document.body.appendChild(t);
        t.select();
        var ok = document.execCommand("copy");
        t.remove();
        if (ok) resolve(); else reject(new Error("copy refused"));
      });
    }

    var clearTimer = 0;
    function announce(message) {
      clearTimeout(clearTimer);
      status.textContent = message;
      status.classList.add("is-shown");
      clearTimer = setTimeout(function () { status.classList.remove("is-shown"); status.textContent = ""; }, 4000);
    }

    document.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("button.report-copy") : null;
      if (!b) return;
      var p = b.closest("[data-paragraph][id]");
      var s = chosen();
      write(quotation(p, s)).then(function () {
        announce(say("copied", { style: s.label }));
      }, function () {
        announce(say("copy_failed"));
      });
    });
  }
})();
