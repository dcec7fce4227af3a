/* cchc_extract report page: claim details on hover, focus and click; links into the text.
   No network, no eval, no innerHTML: every string from the article goes in through textContent. */
(function () {
  "use strict";

  function init(dataEl) {
    if (dataEl.getAttribute("data-ready")) return;
    dataEl.setAttribute("data-ready", "1");
    var data;
    try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
    var root = document.getElementById(data.root);
    if (!root) return;
    var tip = document.getElementById(data.root + "-tip");
    var pinned = null;
    var shownFor = null;

    var marksOf = {};
    Array.prototype.forEach.call(root.querySelectorAll("mark[data-c]"), function (m) {
      m.getAttribute("data-c").split(" ").forEach(function (i) {
        (marksOf[i] = marksOf[i] || []).push(m);
      });
    });

    function add(parent, tag, cls, text) {
      var el = document.createElement(tag);
      if (cls) el.className = cls;
      if (text !== undefined && text !== null) el.textContent = text;
      parent.appendChild(el);
      return el;
    }

    function fill(mark) {
      tip.textContent = "";
      var ids = mark.getAttribute("data-c").split(" ");
      ids.forEach(function (i) {
        var c = data.claims[+i];
        if (!c) return;
        var box = add(tip, "div", "cx-tip-claim cx-f-" + c.fam);
        add(box, "div", "cx-tip-h", c.head);
        var dl = add(box, "dl", "cx-tip-dl");
        c.rows.forEach(function (r) {
          if (r[1] === null || r[1] === "") return;
          add(dl, "dt", null, r[0]);
          add(dl, "dd", r[2] ? "cx-v-" + r[2] : null, r[1]);
        });
      });
      var close = add(tip, "button", "cx-tip-close", data.close);
      close.type = "button";
      close.addEventListener("click", function (e) { e.stopPropagation(); hide(true); });
    }

    function place(mark) {
      var r = mark.getBoundingClientRect();
      var rr = root.getBoundingClientRect();
      var w = tip.offsetWidth, h = tip.offsetHeight;
      var left = Math.max(4, Math.min(r.left - rr.left, root.clientWidth - w - 4));
      var top = r.bottom - rr.top + 6;
      if (r.bottom + h + 8 > window.innerHeight && r.top - h - 8 > 0) top = r.top - rr.top - h - 6;
      tip.style.left = left + "px";
      tip.style.top = top + "px";
    }

    function show(mark, pin) {
      if (pinned && pinned !== mark) pinned.classList.remove("cx-on");
      fill(mark);
      tip.hidden = false;
      place(mark);
      mark.setAttribute("aria-describedby", tip.id);
      shownFor = mark;
      pinned = pin ? mark : null;
      if (pin) mark.classList.add("cx-on");
      mark.setAttribute("aria-expanded", pin ? "true" : "false");
    }

    function hide(refocus) {
      var was = pinned || shownFor;
      tip.hidden = true;
      if (was) {
        was.classList.remove("cx-on");
        was.removeAttribute("aria-describedby");
        was.setAttribute("aria-expanded", "false");
        if (refocus) was.focus({ preventScroll: true });
      }
      pinned = null;
      shownFor = null;
    }

    function markOf(el) { return el && el.closest ? el.closest("mark.cx-m") : null; }

    root.addEventListener("mouseover", function (e) {
      var m = markOf(e.target);
      if (m && !pinned && shownFor !== m) show(m, false);
    });
    root.addEventListener("mouseout", function (e) {
      var m = markOf(e.target);
      if (m && !pinned && shownFor === m && !m.contains(e.relatedTarget)) hide(false);
    });
    root.addEventListener("focusin", function (e) {
      var m = markOf(e.target);
      if (m && !pinned) show(m, false);
    });
    root.addEventListener("focusout", function (e) {
      var m = markOf(e.target);
      if (m && !pinned && !tip.contains(e.relatedTarget)) hide(false);
    });
    root.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !tip.hidden) { hide(true); return; }
      var m = e.target && e.target.matches && e.target.matches("mark.cx-m") ? e.target : null;
      if (m && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        if (pinned === m) hide(false); else show(m, true);
      }
    });

    function flash(el) {
      el.classList.remove("cx-flash");
      void el.offsetWidth;
      el.classList.add("cx-flash");
    }

    root.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
      if (a && root.contains(a)) {
        var target = document.getElementById(a.getAttribute("href").slice(1));
        if (target && root.contains(target)) {
          e.preventDefault();
          target.scrollIntoView({ block: "center" });
          flash(target);
          if (target.matches("mark.cx-m")) {
            target.focus({ preventScroll: true });
            show(target, true);
          } else {
            hide(false);
          }
          return;
        }
      }
      var m = markOf(e.target);
      if (m) {
        e.preventDefault();
        if (pinned === m) hide(false); else show(m, true);
        return;
      }
      if (pinned && !tip.contains(e.target)) hide(false);
    });

    window.addEventListener("resize", function () { if (!tip.hidden && shownFor) place(shownFor); });

    Array.prototype.forEach.call(root.querySelectorAll("li.cx-fd[data-c]"), function (li) {
      var ids = li.getAttribute("data-c").split(" ");
      function toggle(on) {
        ids.forEach(function (i) {
          (marksOf[i] || []).forEach(function (m) { m.classList.toggle("cx-hl", on); });
        });
      }
      li.addEventListener("mouseenter", function () { toggle(true); });
      li.addEventListener("mouseleave", function () { toggle(false); });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("script[data-cchc-report]"), init);
})();
