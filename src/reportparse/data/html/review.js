// reportparse 审阅页面的交互：悬停显示数字的解析结果，点击问题跳到并高亮它涉及的数字。
// 只用 textContent 写入页面，从不拼接 HTML：报告里的任何文字都只会作为文字出现。
(function () {
  "use strict";
  var figs = JSON.parse(document.getElementById("figs").textContent);
  var doc = document.getElementById("doc");
  var tip = document.getElementById("tip");

  function tipText(ids) {
    var parts = [];
    ids.forEach(function (id) {
      var f = figs[id];
      if (!f) { return; }
      var lines = [f.kindName + "：" + f.text];
      lines.push("解析值：" + f.value);
      if (f.normalized) { lines.push("换算：" + f.normalized); }
      if (f.interval) { lines.push("区间：" + f.interval); }
      if (f.approx) { lines.push("近似：" + f.approx); }
      lines.push("指标：" + (f.label || "（未识别）"));
      lines.push("口径：" + (f.concept || "（未识别）"));
      lines.push("位置：" + f.where);
      parts.push(lines.join("\n"));
    });
    return parts.join("\n\n");
  }

  function showTip(el, x, y) {
    var ids = (el.getAttribute("data-q") || "").split(" ").filter(Boolean);
    var text = tipText(ids);
    if (!text) { hideTip(); return; }
    tip.textContent = text;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8);
    var top = y + 18 + h > window.innerHeight ? y - h - 10 : y + 18;
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
  }
  function hideTip() { tip.hidden = true; }

  doc.addEventListener("mouseover", function (e) {
    var el = e.target.closest ? e.target.closest(".fig") : null;
    if (el && el.hasAttribute("data-q")) { showTip(el, e.clientX, e.clientY); } else { hideTip(); }
  });
  doc.addEventListener("mouseleave", hideTip);
  doc.addEventListener("focusin", function (e) {
    var el = e.target.closest ? e.target.closest(".fig") : null;
    if (el && el.hasAttribute("data-q")) {
      var r = el.getBoundingClientRect();
      showTip(el, r.left, r.bottom);
    }
  });
  doc.addEventListener("focusout", hideTip);

  // Activating a finding: its figures get the class "active" (outlined in red) and the first one
  // scrolls into view; the finding itself gets "current".
  function activate(fid, scroll) {
    Array.prototype.forEach.call(document.querySelectorAll(".active, .current"), function (x) {
      x.classList.remove("active");
      x.classList.remove("current");
    });
    var item = document.getElementById(fid);
    if (item) { item.classList.add("current"); }
    var els = doc.querySelectorAll('[data-f~="' + fid + '"]');
    Array.prototype.forEach.call(els, function (x) { x.classList.add("active"); });
    if (els.length && scroll) { els[0].scrollIntoView({ block: "center" }); }
    return els.length;
  }
  window.reportparseActivate = activate;

  document.querySelector("aside.side").addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("[data-goto]") : null;
    if (!a) { return; }
    e.preventDefault();
    activate(a.getAttribute("data-goto"), true);
  });

  // Clicking a figure that belongs to findings selects the first of them in the side list.
  doc.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-f]") : null;
    if (!el) { return; }
    var fid = el.getAttribute("data-f").split(" ")[0];
    activate(fid, false);
    var item = document.getElementById(fid);
    if (item) {
      var det = item.closest("details");
      if (det) { det.open = true; }
      item.scrollIntoView({ block: "nearest" });
    }
  });

  // Hide or show the highlighting of one kind of figure.
  Array.prototype.forEach.call(document.querySelectorAll(".legend input[data-kind]"), function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
    });
  });
})();
