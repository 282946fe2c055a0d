package report

// exploreScript drives the explorable parts of the page, without libraries
// or network: the alteration table (filters, search, numeric sort, pages),
// the patient view, and the TSV / SVG / PNG downloads (data: URLs, so a
// download fetches nothing). Text from the data reaches the page through
// textContent or esc, never as markup.
const exploreScript = `
(function () {
  "use strict";
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function cell(v) { return v === null || v === undefined ? "." : v; }
  function fmt(v, num) {
    if (v === null || v === undefined) { return "."; }
    if (num && typeof v === "number" && v % 1 !== 0) { return v.toFixed(4); }
    return String(v);
  }
  function download(name, type, data) {
    var a = document.createElement("a");
    a.href = "data:" + type + ";charset=utf-8," + encodeURIComponent(data);
    a.download = name;
    a.className = "download-link";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function tsvCell(v) { return String(cell(v)).replace(/[\t\r\n]/g, " "); }
  window.concordDownload = download;

  // tables of the page: TSV of what the table shows
  document.querySelectorAll("button.dl-table").forEach(function (b) {
    b.addEventListener("click", function () {
      var t = document.getElementById(b.getAttribute("data-table"));
      var lines = Array.prototype.map.call(t.rows, function (r) {
        return Array.prototype.map.call(r.cells, function (c) { return tsvCell(c.textContent.trim()); }).join("\t");
      });
      download(b.getAttribute("data-table").replace(/^table-/, "") + ".tsv", "text/tab-separated-values", lines.join("\n") + "\n");
    });
  });

  // figures: the inline SVG as a file, or drawn onto a canvas as PNG
  document.querySelectorAll("button.dl-svg, button.dl-png").forEach(function (b) {
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-figure");
      var svg = document.querySelector("#" + id + " svg");
      var src = new XMLSerializer().serializeToString(svg);
      if (src.indexOf("xmlns=") < 0) { src = src.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"'); }
      if (b.classList.contains("dl-svg")) { download(id + ".svg", "image/svg+xml", src); return; }
      var box = svg.viewBox.baseVal, scale = 2;
      var img = new Image();
      img.onload = function () {
        var c = document.createElement("canvas");
        c.width = Math.round(box.width * scale); c.height = Math.round(box.height * scale);
        var g = c.getContext("2d");
        g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
        g.drawImage(img, 0, 0, c.width, c.height);
        var a = document.createElement("a");
        a.href = c.toDataURL("image/png"); a.download = id + ".png"; a.className = "download-link";
        document.body.appendChild(a); a.click(); a.remove();
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(src.replace(/width="100%"/, ""));
    });
  });

  var holder = document.getElementById("alterations-data");
  if (!holder) { return; }
  var data = JSON.parse(holder.textContent);
  var cols = data.columns, rows = data.rows, col = {};
  cols.forEach(function (c, i) { col[c.name] = i; });
  var state = {filters: {}, search: "", gene: "", sort: -1, asc: true, page: 0, per: 100};
  var shown = rows;

  // filters: one select per categorical column, its values from the data
  var fbox = document.getElementById("explore-filters");
  cols.forEach(function (c, i) {
    if (!c.filter) { return; }
    var seen = {};
    rows.forEach(function (r) {
      var v = r[i];
      (c.name === "flags" && v ? String(v).split(",") : [cell(v)]).forEach(function (x) { seen[x] = true; });
    });
    var label = document.createElement("label");
    label.textContent = c.label + " ";
    var sel = document.createElement("select");
    sel.id = "filter-" + c.name;
    sel.appendChild(new Option("all", ""));
    Object.keys(seen).sort().forEach(function (v) { sel.appendChild(new Option(v, v)); });
    sel.addEventListener("change", function () { state.filters[i] = sel.value; state.page = 0; apply(); });
    label.appendChild(sel);
    fbox.appendChild(label);
  });
  document.getElementById("explore-search").addEventListener("input", function (e) { state.search = e.target.value.toLowerCase(); state.page = 0; apply(); });
  document.getElementById("explore-gene").addEventListener("input", function (e) { state.gene = e.target.value.trim().toUpperCase(); state.page = 0; apply(); });

  function keep(r) {
    for (var k in state.filters) {
      var want = state.filters[k];
      if (!want) { continue; }
      var v = r[k];
      if (cols[k].name === "flags") {
        if (!v || String(v).split(",").indexOf(want) < 0) { return false; }
      } else if (String(cell(v)) !== want) { return false; }
    }
    if (state.gene && String(cell(r[col.gene])).toUpperCase().indexOf(state.gene) !== 0) { return false; }
    if (state.search) {
      for (var j = 0; j < r.length; j++) {
        if (r[j] !== null && String(r[j]).toLowerCase().indexOf(state.search) >= 0) { return true; }
      }
      return false;
    }
    return true;
  }
  function apply() {
    shown = rows.filter(keep);
    if (state.sort >= 0) {
      var k = state.sort, num = cols[k].num, dir = state.asc ? 1 : -1;
      shown = shown.map(function (r, i) { return [r, i]; });
      shown.sort(function (a, b) {
        var x = a[0][k], y = b[0][k];
        if (x === y) { return a[1] - b[1]; }
        if (x === null) { return 1; }   // missing values last, either way
        if (y === null) { return -1; }
        var c = num ? x - y : String(x).localeCompare(String(y));
        return c === 0 ? a[1] - b[1] : dir * c;
      });
      shown = shown.map(function (p) { return p[0]; });
    }
    render();
  }
  var table = document.getElementById("explore-table");
  var head = table.tHead.insertRow();
  cols.forEach(function (c, i) {
    var th = document.createElement("th");
    th.textContent = c.label;
    if (c.num) { th.className = "num"; }
    th.addEventListener("click", function () {
      state.asc = state.sort === i ? !state.asc : true;
      state.sort = i;
      head.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.asc ? "ascending" : "descending");
      apply();
    });
    head.appendChild(th);
  });
  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / state.per));
    state.page = Math.min(state.page, pages - 1);
    var from = state.page * state.per, to = Math.min(shown.length, from + state.per);
    var html = [];
    for (var i = from; i < to; i++) {
      var r = shown[i], tds = [];
      for (var j = 0; j < cols.length; j++) {
        var v = esc(fmt(r[j], cols[j].num));
        if (j === col.patient_id) { v = '<a href="#patient-view" class="open-patient" data-patient="' + esc(r[j]) + '">' + v + "</a>"; }
        tds.push(cols[j].num ? '<td class="num">' + v + "</td>" : "<td>" + v + "</td>");
      }
      html.push("<tr>" + tds.join("") + "</tr>");
    }
    table.tBodies[0].innerHTML = html.join("");
    document.getElementById("explore-count").textContent = shown.length + " of " + rows.length + " alterations";
    document.getElementById("explore-page").textContent = "rows " + (shown.length ? from + 1 : 0) + "–" + to + ", page " + (state.page + 1) + " of " + pages;
  }
  document.getElementById("explore-prev").addEventListener("click", function () { if (state.page > 0) { state.page--; render(); } });
  document.getElementById("explore-next").addEventListener("click", function () { state.page++; render(); });
  document.getElementById("explore-download").addEventListener("click", function () {
    var lines = [cols.map(function (c) { return c.name; }).join("\t")];
    shown.forEach(function (r) { lines.push(r.map(tsvCell).join("\t")); });
    download("alterations-filtered.tsv", "text/tab-separated-values", lines.join("\n") + "\n");
  });
  table.tBodies[0].addEventListener("click", function (e) {
    var a = e.target.closest("a.open-patient");
    if (a) { showPatient(a.getAttribute("data-patient")); }
  });

  // the patient view: tissue and plasma side by side
  var pick = document.getElementById("patient-select"), ids = [], seenID = {};
  rows.forEach(function (r) { var p = r[col.patient_id]; if (!seenID[p]) { seenID[p] = true; ids.push(p); } });
  ids.forEach(function (p) { pick.appendChild(new Option(p, p)); });
  pick.addEventListener("change", function () { showPatient(pick.value); });
  function side(list, name) {
    var vaf = col[name + "_vaf"], st = col[name + "_status"], depth = col[name + "_depth"];
    var out = ['<div class="side"><h3>' + (name === "tissue" ? "Tissue" : "Plasma") + '</h3><table class="patient-side" id="patient-' + name + '"><thead><tr><th>gene</th><th>alteration</th><th class="num">VAF</th><th class="num">depth</th><th>status</th><th>category</th><th>flags</th><th>reason</th></tr></thead><tbody>'];
    list.forEach(function (r) {
      if (r[st] === "not_detected" || r[st] === "not_covered") { return; }
      out.push("<tr><td>" + esc(cell(r[col.gene])) + "</td><td>" + esc(cell(r[col.alteration])) + '</td><td class="num">' + esc(fmt(r[vaf], true)) +
        '</td><td class="num">' + esc(fmt(r[depth], true)) + "</td><td>" + esc(cell(r[st])) + "</td><td>" + esc(cell(r[col.category])) +
        "</td><td>" + esc(cell(r[col.flags])) + "</td><td>" + esc(cell(r[col.reason])) + "</td></tr>");
    });
    return out.join("") + "</tbody></table></div>";
  }
  function showPatient(p) {
    pick.value = p;
    var list = rows.filter(function (r) { return r[col.patient_id] === p; });
    var first = list[0] || [];
    document.getElementById("patient-summary").textContent = list.length ? p + ": " + cell(first[col.cancer_type]) + ", stage " + cell(first[col.stage]) + "; " + list.length + " alterations" : "";
    document.getElementById("patient-view-body").innerHTML = list.length ? side(list, "tissue") + side(list, "plasma") : "";
  }
  window.concordExplore = {state: state, apply: apply, shown: function () { return shown; }, showPatient: showPatient};
  apply();
})();
`
