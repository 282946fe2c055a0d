package report

import "html/template"

// sortScript sorts a table by the clicked column: numbers numerically
// (leading number of the cell, "." last), text alphabetically; a second
// click reverses. No libraries, no network.
const sortScript = `
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var asc = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var numeric = th.classList.contains("num");
      var key = function (row) {
        var t = row.cells[col].textContent.trim();
        if (!numeric) { return t; }
        var x = parseFloat(t);
        return isNaN(x) ? null : x;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === y) { return 0; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        var c = numeric ? x - y : String(x).localeCompare(String(y));
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
`

const css = `
:root { --shared: #0072B2; --tissue: #E69F00; --plasma: #CC79A7; --grey: #666; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 1.5rem 4rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 1.5rem 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 0.6rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
.banner { background: #D55E00; color: #fff; font-weight: bold; padding: 0.8rem 1rem; margin: 1rem 0; border-radius: 4px; font-size: 1.1rem; }
nav a { margin-right: 1rem; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.8rem; }
.headline > div { border: 1px solid #ddd; border-radius: 4px; padding: 0.6rem 0.8rem; }
.headline .v { font-size: 1.5rem; font-weight: bold; }
.headline .l { color: var(--grey); font-size: 0.85rem; }
.headline .d { font-size: 0.85rem; }
figure { margin: 1.5rem 0 2.5rem; }
svg.figure, img.figure { width: 100%; height: auto; display: block; border: 1px solid #eee; }
figcaption { font-size: 0.92rem; margin-top: 0.4rem; }
figcaption .note { color: var(--grey); }
.missing { color: #a00; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.4rem 0 1rem; }
td { white-space: nowrap; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; cursor: pointer; user-select: none; }
th[aria-sort=ascending]::after { content: " \25B2"; }
th[aria-sort=descending]::after { content: " \25BC"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.kv dt { font-weight: bold; }
dl.kv dd { margin: 0; word-break: break-word; }
code, .mono { font-family: "Liberation Mono", "Courier New", monospace; font-size: 0.85em; }
details { margin: 0.6rem 0; }
#table-models td { white-space: normal; }
#table-models td:last-child { min-width: 16rem; }
.wide { width: calc(100vw - 3rem); max-width: 1500px; position: relative; left: 50%; transform: translateX(-50%); }
table.explore { font-size: 0.8rem; }
table.explore td:nth-child(2) { white-space: normal; min-width: 8rem; }
#explore-filters select { max-width: 14rem; }
button.dl-table, button.dl-svg, button.dl-png { font-size: 0.75rem; margin-left: 0.4rem; }
#explore-filters label { margin-right: 0.8rem; font-size: 0.85rem; white-space: nowrap; }
.controls { margin: 0.5rem 0; display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }
table.explore th { position: sticky; top: 0; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.sides table { width: 100%; }
`

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>` + css + `</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{if .Synthetic}}<div class="banner" id="synthetic-banner">SYNTHETIC COHORT: these results come from simulated patients, not real ones. Do not report them as findings.</div>{{end}}
<nav><a href="#headline">Headline</a><a href="#figures">Figures</a><a href="#strata">Strata</a><a href="#alterations">Alterations</a><a href="#patient-view">Patients</a><a href="#explanation">Explanation</a><a href="#methods">Methods</a><a href="#ledger">Ledger</a><a href="#provenance">Provenance</a></nav>
{{if .Missing}}<p class="missing">Tables absent from the results folder: {{range $i, $m := .Missing}}{{if $i}}, {{end}}{{$m}}{{end}}.</p>{{end}}

<h2 id="headline">Headline</h2>
{{if .Headline}}<div class="headline">{{range .Headline}}<div><div class="l">{{.Label}}</div><div class="v">{{.Value}}</div><div class="d">{{.Detail}}</div></div>{{end}}</div>
{{else}}<p class="missing">summary.json is absent: no headline numbers.</p>{{end}}
{{if .Warnings}}<ul class="warnings">{{range .Warnings}}<li class="missing">Warning: {{.}}</li>{{end}}</ul>{{end}}

<h2 id="figures">Figures</h2>
{{range $i, $f := .Figures}}<figure id="{{$f.ID}}">
{{if $f.SVG}}{{$f.SVG}}{{else if $f.PNG}}<img class="figure" alt="{{$f.Title}}" src="{{$f.PNG}}">{{else}}<p class="missing">Not drawn: {{$f.Missing}}</p>{{end}}
<figcaption><b>Figure {{inc $i}}. {{$f.Title}}.</b> {{$f.Caption}}{{if $f.Note}} <span class="note">{{$f.Note}}</span>{{end}}{{if $f.SVG}}<button type="button" class="dl-svg" data-figure="{{$f.ID}}">SVG</button><button type="button" class="dl-png" data-figure="{{$f.ID}}">PNG</button>{{end}}</figcaption>
</figure>
{{end}}

<h2 id="strata">Strata</h2>
<p>Alterations as the unit (strata.tsv). Click a column heading to sort.</p>
{{range .Strata}}{{template "table" .}}{{else}}<p class="missing">strata.tsv is absent.</p>{{end}}
{{if .Patient}}<h3>Patients as the unit (patient_strata.tsv)</h3>{{range .Patient}}{{template "table" .}}{{end}}{{end}}
{{with .Models}}{{template "table" .}}{{end}}

<h2 id="alterations">Alterations</h2>
<p>{{if lt .NAlterations .AllAlterations}}The first patients' rows of alterations.tsv, {{.NAlterations}} of {{.AllAlterations}} (the file has every row){{else}}Every row of alterations.tsv ({{.NAlterations}}){{end}}: filter, search any column, click a heading to sort (numbers as numbers, missing values last), 100 rows a page. Click a patient to open it below.</p>
<div id="explore-filters"></div>
<div class="controls"><input id="explore-search" type="search" placeholder="search any column" aria-label="search any column"><input id="explore-gene" placeholder="gene (prefix)" aria-label="gene"><button id="explore-download" type="button">Download the filtered rows (TSV)</button><span id="explore-count"></span></div>
<div class="scroll wide"><table id="explore-table" class="explore"><thead></thead><tbody></tbody></table></div>
<div class="controls"><button id="explore-prev" type="button">previous</button><span id="explore-page"></span><button id="explore-next" type="button">next</button></div>
<script type="application/json" id="alterations-data">{{.Alterations}}</script>

<h2 id="patient-view">Patients</h2>
<p><label>Patient <select id="patient-select"><option value="">choose a patient</option></select></label> <span id="patient-summary"></span></p>
<p>Each side lists the alterations it called or holds below its threshold, with VAF, status, category, flags and the reason of a discordant one.</p>
<div id="patient-view-body" class="sides"></div>

<h2 id="explanation">Explanation</h2>
{{range .Explain}}{{if .Collapsed}}<details><summary>{{.Title}}</summary>{{template "table" .}}</details>{{else}}{{template "table" .}}{{end}}{{else}}<p class="missing">blood_alone.tsv, reasons.tsv and power.tsv are absent.</p>{{end}}

<h2 id="methods">Methods</h2>
<dl class="kv">{{range .Methods}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{end}}</dl>
<h3>Parameters</h3>
{{if .Parameters}}<dl class="kv mono">{{range .Parameters}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{end}}</dl>{{else}}<p>No parameters recorded.</p>{{end}}

<h2 id="ledger">Ledger</h2>
<p>Every input record is counted once: used, or excluded with a reason.</p>
<dl class="kv">{{range .LedgerSum}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{end}}</dl>
{{with .Ledger}}<details><summary>Per input file</summary>{{template "table" .}}</details>{{end}}
{{if .LedgerNote}}<p>{{.LedgerNote}}</p>{{end}}

<h2 id="provenance">Provenance</h2>
<dl class="kv">{{range .Provenance}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{end}}</dl>
{{with .Inputs}}<p id="inputs">Every input file with its size and SHA-256: <a href="{{.}}">{{.}}</a>, beside this report.</p>{{end}}
<script>` + sortScript + exploreScript + `</script>
</body>
</html>
{{define "table"}}<h3 id="h-{{.ID}}">{{.Title}}<button type="button" class="dl-table" data-table="table-{{.ID}}">TSV</button></h3>{{if .Note}}<p>{{.Note}}</p>{{end}}
<div class="scroll"><table class="sortable" id="table-{{.ID}}">{{.Cells}}</table></div>{{end}}
`))
