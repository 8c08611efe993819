"""Reports of an :class:`~pipeline.evaluate.scorer.EvalResult`: terminal, Markdown and HTML.

The HTML report is one self-contained file (inline CSS, JS and SVG; no external resource), and
every piece of text in it is escaped, since article text and claims come from the web.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from pipeline.evaluate.reliability import ReliabilityBin, verdict
from pipeline.evaluate.scorer import (
    FIELDS,
    PRF,
    BaselineDiff,
    ClaimView,
    Delta,
    EntityError,
    ErrorItem,
    EvalResult,
)

TYPE_COLOURS = {
    "money": "#b8e0a8", "quantity": "#a8d0f0", "count": "#f5d98c", "percent": "#f0b8c8",
    "comparison": "#d0c0f0", "ranking": "#f8c898", "event": "#b0e8e0",
}
STATUS_COLOURS = {"exact": "#2e7d32", "partial": "#c77700", "miss": "#c62828", "false_positive": "#6a1b9a"}
STATUS_NAMES = {"exact": "exact", "partial": "partial", "miss": "miss", "false_positive": "false positive"}
MD_ERROR_LIMIT = 300
#: the page may load nothing from anywhere: a stray external reference shows up as a console error
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _signed(x: float) -> str:
    return f"{100 * x:+.1f}"


# ---------------------------------------------------------------------------------------------
# terminal


def summary_tables(result: EvalResult) -> list[Table]:
    """Rich tables: per type, per field, entities and (with a baseline) what changed."""
    types = Table(title="claims by type (%)")
    for col in ("type", "gold", "pred", "exact P / R / F1", "partial P / R / F1"):
        types.add_column(col, justify="left" if col == "type" else "right", no_wrap=True)

    def cell(x: PRF) -> str:
        return f"{_pct(x.precision)} / {_pct(x.recall)} / {_pct(x.f1)}"

    for name, ts in result.types.items():
        types.add_row(name, str(ts.gold), str(ts.pred), cell(ts.exact), cell(ts.partial))
    o = result.overall
    types.add_row("micro", str(o.micro_exact.tp + o.micro_exact.fn), str(o.micro_exact.tp + o.micro_exact.fp),
                  cell(o.micro_exact), cell(o.micro_partial), style="bold")
    types.add_row("macro F1", "", "", _pct(o.macro_exact_f1), _pct(o.macro_partial_f1), style="bold")
    tables = [types]

    fields = Table(title="fields on matched claims (%)")
    for col in ("field", "scored", "correct", "accuracy", "P", "R", "F1"):
        fields.add_column(col, justify="left" if col == "field" else "right")
    for name, fs in result.fields.items():
        if fs.scored:
            fields.add_row(name, str(fs.scored), str(fs.correct), _pct(fs.accuracy), _pct(fs.precision),
                           _pct(fs.recall), _pct(fs.f1))
        else:
            fields.add_row(name, "0", "0", "-", "-", "-", "-", style="dim")
    tables.append(fields)

    if result.entities is not None:
        ents = Table(title="entities (P / R / F1, %)")
        for col in ("label", "P", "R", "F1"):
            ents.add_column(col, justify="left" if col == "label" else "right")
        for label, prf in result.entities.labels.items():
            ents.add_row(label, _pct(prf.precision), _pct(prf.recall), _pct(prf.f1))
        e = result.entities
        ents.add_row("all (exact)", _pct(e.exact.precision), _pct(e.exact.recall), _pct(e.exact.f1), style="bold")
        ents.add_row("all (partial)", _pct(e.partial.precision), _pct(e.partial.recall), _pct(e.partial.f1),
                     style="bold")
        tables.append(ents)

    if result.diff is not None:
        changes = Table(title=f"change from {result.diff.baseline} (points)")
        for col in ("score", "before", "after", "change"):
            changes.add_column(col, justify="left" if col == "score" else "right")
        for d in [*result.diff.overall, *result.diff.types, *result.diff.fields, *result.diff.entities]:
            if d.delta or d in result.diff.overall:
                style = "green" if d.delta > 0 else "red" if d.delta < 0 else None
                changes.add_row(d.name, _pct(d.before), _pct(d.after), _signed(d.delta), style=style)
        changes.caption = (f"{len(result.diff.fixed)} error(s) fixed, {len(result.diff.broken)} new, "
                           f"{len(result.diff.changed)} changed kind")
        tables.append(changes)
    return tables


def print_summary(result: EvalResult, console: Console | None = None) -> None:
    """The summary tables on the terminal."""
    console = console or Console()
    for table in summary_tables(result):
        console.print(table)
    console.print(f"misses: {len(result.misses)}   false positives: {len(result.false_positives)}   "
                  f"mismatched fields: {len(result.mismatches)}")


# ---------------------------------------------------------------------------------------------
# Markdown


def _md(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _md_table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " if i == 0 else " ---: " for i in range(len(head)))
             + "|"]
    lines += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
    return lines


def _md_errors(title: str, errors: Sequence[ErrorItem]) -> list[str]:
    lines = [f"## {title} ({len(errors)})", ""]
    if not errors:
        return lines + ["None.", ""]
    for e in errors[:MD_ERROR_LIMIT]:
        where = f"{e.article_id}" + (f" (gold line {e.gold_line})" if e.gold_line else "")
        pattern = f" [{e.pattern}]" if e.pattern else ""
        lines.append(f"- **{_md(where)}** {_md(e.claim)}{_md(pattern)}: {_md('; '.join(e.reasons))}")
        lines.append(f"  > {_md(e.evidence)}")
    if len(errors) > MD_ERROR_LIMIT:
        lines.append(f"- ... and {len(errors) - MD_ERROR_LIMIT} more (see report.json or report.html)")
    return lines + [""]


def _md_delta_rows(deltas: Iterable[Delta]) -> list[list[str]]:
    return [[d.name, _pct(d.before), _pct(d.after), _signed(d.delta)] for d in deltas]


def markdown(result: EvalResult) -> str:
    """The report as Markdown: scores, what changed, and every error."""
    info, o = result.info, result.overall
    lines = ["# newsclaims evaluation", ""]
    lines += [f"- corpus: `{info.corpus}`  gold: `{info.gold}`  predictions: `{info.pred or 'pipeline run'}`",
              f"- articles: {info.articles}; value tolerance {info.tolerance:.1%} relative", ""]
    for w in info.warnings:
        lines.append(f"- warning: {_md(w)}")
    lines += ["## Summary", ""]
    lines += _md_table(["score", "P", "R", "F1"], [
        ["micro (exact)", _pct(o.micro_exact.precision), _pct(o.micro_exact.recall), _pct(o.micro_exact.f1)],
        ["micro (partial)", _pct(o.micro_partial.precision), _pct(o.micro_partial.recall), _pct(o.micro_partial.f1)],
        ["macro (exact)", "", "", _pct(o.macro_exact_f1)],
        ["macro (partial)", "", "", _pct(o.macro_partial_f1)],
    ])
    lines += ["", "## By claim type", ""]
    lines += _md_table(["type", "gold", "pred", "exact P", "exact R", "exact F1", "partial P", "partial R",
                        "partial F1"],
                       [[t, s.gold, s.pred, _pct(s.exact.precision), _pct(s.exact.recall), _pct(s.exact.f1),
                         _pct(s.partial.precision), _pct(s.partial.recall), _pct(s.partial.f1)]
                        for t, s in result.types.items()])
    lines += ["", "## By field (on matched claims)", ""]
    lines += _md_table(["field", "scored", "correct", "accuracy", "P", "R", "F1"],
                       [[f, s.scored, s.correct, *([_pct(s.accuracy), _pct(s.precision), _pct(s.recall), _pct(s.f1)]
                                                    if s.scored else ["-"] * 4)]
                        for f, s in result.fields.items()])
    if result.entities is not None:
        e = result.entities
        lines += ["", f"## Entities ({e.gold} gold, {e.pred} predicted)", ""]
        rows = [[label, _pct(p.precision), _pct(p.recall), _pct(p.f1)] for label, p in e.labels.items()]
        rows += [["all (exact)", _pct(e.exact.precision), _pct(e.exact.recall), _pct(e.exact.f1)],
                 ["all (partial)", _pct(e.partial.precision), _pct(e.partial.recall), _pct(e.partial.f1)]]
        lines += _md_table(["label", "P", "R", "F1"], rows)
    if result.reliability:
        lines += ["", "## Reliability of the confidence", "",
                  "Predicted claims by confidence; a calibrated confidence is the share of its bin's claims that "
                  f"are exactly right ({verdict(result.reliability)}).", ""]
        lines += _md_table(["confidence", "claims", "mean confidence", "exactly right", "holds"],
                           _reliability_rows(result.reliability))
    if result.diff is not None:
        lines += ["", *_md_diff(result.diff)]
    lines += [""]
    lines += _md_errors("Misses (gold claims not found)", result.misses)
    lines += _md_errors("False positives (predicted claims not in gold)", result.false_positives)
    lines += _md_errors("Matched claims with wrong fields", result.mismatches)
    if result.entities is not None:
        lines += [f"## Entity errors ({len(result.entity_misses)} missed, "
                  f"{len(result.entity_false_positives)} false positives)", ""]
        for ee in [*result.entity_misses, *result.entity_false_positives][:MD_ERROR_LIMIT]:
            lines.append(f"- {ee.kind.replace('_', ' ')}: **{_md(ee.article_id)}** {_md(ee.text)} "
                         f"{ee.label}: {_md(ee.reason)}")
        lines.append("")
    return "\n".join(lines)


def _reliability_rows(bins: Sequence[ReliabilityBin]) -> list[list[object]]:
    return [[f"{b.low:.1f}-{b.high:.1f}", b.claims, f"{b.mean_confidence:.2f}", f"{b.exactly_right:.2f}",
             {True: "yes", False: "no", None: "(too few)"}[b.holds]] for b in bins]


def _reliability_html(bins: Sequence[ReliabilityBin]) -> str:
    if not bins:
        return ""
    return (f"<h2 id=reliability>Reliability of the confidence</h2><p>{esc(verdict(bins))}</p>"
            + _table(["confidence", "claims", "mean confidence", "exactly right", "holds"], _reliability_rows(bins)))


def _md_diff(diff: BaselineDiff) -> list[str]:
    lines = [f"## Change from {_md(diff.baseline)}", ""]
    improved, regressed = diff.improved(), diff.regressed()
    lines += _md_table(["score", "before", "after", "change"], _md_delta_rows(diff.overall))
    if improved:
        lines += ["", "Improved:", ""] + _md_table(["score", "before", "after", "change"], _md_delta_rows(improved))
    if regressed:
        lines += ["", "Regressed:", ""] + _md_table(["score", "before", "after", "change"], _md_delta_rows(regressed))
    if not improved and not regressed:
        lines += ["", "No score changed."]
    lines += ["", f"Errors fixed: {len(diff.fixed)}; new errors: {len(diff.broken)}; "
              f"changed kind: {len(diff.changed)}", ""]
    for e in diff.broken[:50]:
        lines.append(f"- new {e.kind.replace('_', ' ')}: **{_md(e.article_id)}** {_md(e.claim)}: "
                     f"{_md('; '.join(e.reasons))}")
    for e in diff.fixed[:50]:
        lines.append(f"- fixed {e.kind.replace('_', ' ')}: **{_md(e.article_id)}** {_md(e.claim)}")
    return lines


def write_markdown(result: EvalResult, path: Path) -> Path:
    """Write ``report.md``."""
    path.write_text(markdown(result), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# HTML


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[float]]], series: Sequence[tuple[str, str]],
              width: int = 540) -> str:
    """A horizontal bar chart as inline SVG: one group of bars per row, values within 0..1."""
    label_w, bar_h, gap, top = 110, 11, 8, 46
    plot_w = width - label_w - 50
    group_h = bar_h * len(series) + gap
    height = top + group_h * len(rows) + 24
    parts = [f'<svg class="chart" role="img" aria-label="{esc(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="14" class="ct">{esc(title)}</text>']
    x_legend = label_w
    for name, colour in series:
        parts.append(f'<rect x="{x_legend}" y="22" width="10" height="10" fill="{esc(colour)}"/>'
                     f'<text x="{x_legend + 14}" y="31" class="cl">{esc(name)}</text>')
        x_legend += 14 + 8 * len(name) + 16
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + tick * plot_w
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 20}" class="grid"/>'
                     f'<text x="{x:.1f}" y="{height - 6}" class="cl" text-anchor="middle">{int(tick * 100)}</text>')
    for i, (name, values) in enumerate(rows):
        y0 = top + i * group_h
        parts.append(f'<text x="{label_w - 6}" y="{y0 + bar_h * len(series) / 2 + 4:.1f}" class="cl" '
                     f'text-anchor="end">{esc(name)}</text>')
        for j, ((sname, colour), v) in enumerate(zip(series, values, strict=True)):
            v = max(0.0, min(1.0, v))
            y = y0 + j * bar_h
            parts.append(f'<rect x="{label_w}" y="{y}" width="{v * plot_w:.1f}" height="{bar_h - 1}" '
                         f'fill="{esc(colour)}"><title>{esc(name)} {esc(sname)}: {_pct(v)}%</title></rect>'
                         f'<text x="{label_w + v * plot_w + 3:.1f}" y="{y + bar_h - 2}" class="cv">{_pct(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "") -> str:
    out = [f'<table class="{esc(cls)}"><thead><tr>' + "".join(f"<th>{esc(h)}</th>" for h in head)
           + "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{c if isinstance(c, _Raw) else esc(c)}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class _Raw(str):
    """Already-escaped HTML for a table cell."""


def _delta_cell(d: Delta) -> _Raw:
    cls = "up" if d.delta > 0 else "down" if d.delta < 0 else "same"
    return _Raw(f'<span class="{cls}">{esc(_signed(d.delta))}</span>')


def _article_text(text: str, views: Sequence[ClaimView]) -> str:
    """The article with claims highlighted: evidence underlined, values marked, labels after them."""
    n = len(text)
    bounds = {0, n}
    ev_g: list[tuple[int, int]] = []
    ev_p: list[tuple[int, int]] = []
    marks: list[tuple[int, int, ClaimView]] = []
    tags_at: dict[int, list[ClaimView]] = defaultdict(list)
    for v in views:
        if v.evidence is not None and 0 <= v.evidence[0] < v.evidence[1] <= n:
            (ev_g if v.side == "gold" else ev_p).append(v.evidence)
            bounds.update(v.evidence)
        if v.value is not None and 0 <= v.value[0] < v.value[1] <= n:
            marks.append((v.value[0], v.value[1], v))
            bounds.update(v.value)
            tags_at[v.value[1]].append(v)
        elif v.evidence is not None and 0 <= v.evidence[0] < v.evidence[1] <= n:
            tags_at[v.evidence[1]].append(v)
    cuts = sorted(bounds)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        classes = []
        if any(s <= a and b <= e for s, e in ev_g):
            classes.append("evg")
        if any(s <= a and b <= e for s, e in ev_p):
            classes.append("evp")
        covering = [v for s, e, v in marks if s <= a and b <= e]
        chunk = esc(text[a:b])
        if covering:
            first = covering[0]
            colour = TYPE_COLOURS.get(first.type, "#ddd")
            tip = " | ".join(f"{'gold' if v.side == 'gold' else 'pred'} {STATUS_NAMES[v.status]}: {v.label}"
                             for v in covering)
            chunk = f'<mark style="background:{colour}" title="{esc(tip)}">{chunk}</mark>'
        out.append(f'<span class="{" ".join(classes)}">{chunk}</span>' if classes else chunk)
        for v in tags_at.get(b, []):
            side = "G" if v.side == "gold" else "P"
            out.append(f'<span class="tag {side.lower()} st-{v.status}" title="{esc(v.label)}">'
                       f"{side} {esc(v.type)}</span>")
    return "".join(out)


def _error_card(e: ErrorItem) -> str:
    where = e.article_id + (f", gold line {e.gold_line}" if e.gold_line else "")
    pattern = f'<div class="pat">{esc(e.pattern)}</div>' if e.pattern else ""
    return (f'<div class="err {esc(e.kind)}" data-article="{esc(e.article_id)}">'
            f'<div class="eh"><b>{esc(e.type)}</b> {esc(e.claim.removeprefix(e.type + " · "))}</div>'
            f'<div class="ew">{esc(where)}</div>'
            f'<ul>{"".join(f"<li>{esc(r)}</li>" for r in e.reasons)}</ul>'
            f'<blockquote>{esc(e.evidence)}</blockquote>{pattern}</div>')


def _errors_side_by_side(misses: Sequence[ErrorItem], fps: Sequence[ErrorItem]) -> str:
    by_article: dict[str, tuple[list[ErrorItem], list[ErrorItem]]] = defaultdict(lambda: ([], []))
    for e in misses:
        by_article[e.article_id][0].append(e)
    for e in fps:
        by_article[e.article_id][1].append(e)
    if not by_article:
        return "<p>No misses and no false positives.</p>"
    out = ['<div class="sbs head"><div>misses (gold, not predicted)</div>'
           "<div>false positives (predicted, not gold)</div></div>"]
    for art in sorted(by_article):
        m, f = by_article[art]
        out.append(f'<h3 class="ah" data-article="{esc(art)}">{esc(art)}</h3>'
                   f'<div class="sbs" data-article="{esc(art)}">'
                   f'<div>{"".join(_error_card(e) for e in m) or "<p class=none>none</p>"}</div>'
                   f'<div>{"".join(_error_card(e) for e in f) or "<p class=none>none</p>"}</div></div>')
    return "".join(out)


def _entity_errors(misses: Sequence[EntityError], fps: Sequence[EntityError]) -> str:
    rows = [[e.article_id, e.kind.replace("_", " "), e.text, e.label, e.reason] for e in [*misses, *fps]]
    return _table(["article", "error", "text", "label", "why"], rows, "small") if rows else "<p>None.</p>"


def _diff_html(diff: BaselineDiff) -> str:
    def rows(ds: Iterable[Delta]) -> list[list[object]]:
        return [[d.name, _pct(d.before), _pct(d.after), _delta_cell(d)] for d in ds]

    head = ["score", "before", "after", "change"]
    parts = [f"<h2 id=diff>Change from {esc(diff.baseline)}</h2>", _table(head, rows(diff.overall))]
    improved, regressed = diff.improved(), diff.regressed()
    parts.append('<div class="sbs"><div><h3>improved</h3>'
                 + (_table(head, rows(improved)) if improved else "<p>none</p>")
                 + '</div><div><h3>regressed</h3>'
                 + (_table(head, rows(regressed)) if regressed else "<p>none</p>")
                 + "</div></div>")
    parts.append(f'<div class="sbs"><div><h3>errors fixed ({len(diff.fixed)})</h3>'
                 + "".join(_error_card(e) for e in diff.fixed[:100])
                 + f'</div><div><h3>new errors ({len(diff.broken)})</h3>'
                 + "".join(_error_card(e) for e in diff.broken[:100]) + "</div></div>")
    if diff.changed:
        parts.append(f"<h3>changed kind ({len(diff.changed)})</h3><ul>"
                     + "".join(f"<li>{esc(c)}</li>" for c in diff.changed[:100]) + "</ul>")
    return "".join(parts)


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#20232a;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header .meta{font-size:12px;color:#c8c8c8;margin-top:4px}
main{padding:8px 24px 40px;max-width:1280px}
nav a{margin-right:14px;color:#0b5cad}
h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0;background:#fff}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f0f0f0}
table.small{font-size:12px}
table.small td{text-align:left}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:130px}
.card .v{font-size:24px;font-weight:600}.card .k{font-size:12px;color:#666}
.charts{display:flex;gap:24px;flex-wrap:wrap;margin-top:14px}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px}
.chart .ct{font-weight:600;font-size:13px}
.chart .cl{font-size:11px;fill:#333}
.chart .cv{font-size:10px;fill:#333}
.chart .grid{stroke:#e4e4e4}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.sbs.head{font-weight:600;position:sticky;top:0;background:#fafafa;padding:4px 0}
.err{background:#fff;border:1px solid #ddd;border-left:4px solid #999;border-radius:4px;
  padding:6px 10px;margin:6px 0;font-size:13px}
.err.miss{border-left-color:#c62828}
.err.false_positive{border-left-color:#6a1b9a}
.err.mismatch{border-left-color:#c77700}
.err ul{margin:4px 0;padding-left:18px}
.err blockquote{margin:4px 0;color:#555;font-style:italic}
.ew,.pat{font-size:11px;color:#777}
.none{color:#999}
details.art{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:4px 12px}
details.art summary{cursor:pointer;font-weight:600}
.counts{font-weight:400;font-size:12px;color:#555;margin-left:8px}
.text{white-space:pre-wrap;line-height:2.1;font-size:14px;margin:8px 0}
.text mark{padding:2px 3px;border-radius:4px;color:inherit}
.evg{border-bottom:2px solid #2e7d32}
.evp{box-shadow:inset 0 -5px 0 -3px #1565c0}
.evg.evp{box-shadow:inset 0 -5px 0 -3px #1565c0}
.tag{font-size:10px;font-weight:700;color:#fff;border-radius:3px;padding:1px 4px;margin:0 2px;
  vertical-align:middle;white-space:nowrap}
""" + "".join(f".st-{k}{{background:{v}}}" for k, v in STATUS_COLOURS.items()) + """
.up{color:#2e7d32;font-weight:600}.down{color:#c62828;font-weight:600}.same{color:#888}
.legend span{margin-right:10px;font-size:12px}
.controls{margin:8px 0;font-size:13px}
.controls input[type=search]{width:220px}
.hidden{display:none}
"""

_JS = """
(function(){
  "use strict";
  var search=document.getElementById("q"), errOnly=document.getElementById("erronly");
  var showG=document.getElementById("showg"), showP=document.getElementById("showp");
  function apply(){
    var q=(search.value||"").toLowerCase(), only=errOnly.checked, shown=0;
    var arts=document.querySelectorAll("details.art");
    for(var i=0;i<arts.length;i++){
      var a=arts[i], id=(a.getAttribute("data-article")||"").toLowerCase();
      var text=a.textContent.toLowerCase();
      var hit=(!q||id.indexOf(q)>=0||text.indexOf(q)>=0)&&(!only||a.getAttribute("data-errors")!=="0");
      a.classList.toggle("hidden",!hit); if(hit){shown++;}
    }
    document.body.classList.toggle("nogold",!showG.checked);
    document.body.classList.toggle("nopred",!showP.checked);
    document.getElementById("nshown").textContent=String(shown);
  }
  [search,errOnly,showG,showP].forEach(function(el){el.addEventListener("input",apply);el.addEventListener("change",apply);});
  apply();
  document.body.setAttribute("data-ready","1");
})();
"""

_CSS_TOGGLES = """
body.nogold .evg{border-bottom:none}body.nogold .tag.g{display:none}
body.nopred .evp{box-shadow:none}body.nopred .tag.p{display:none}
"""


def _article_sections(result: EvalResult, articles: Mapping[str, Any]) -> str:
    views: dict[str, list[ClaimView]] = defaultdict(list)
    for v in result.claims:
        views[v.article_id].append(v)
    out = []
    for art_id in sorted(set(views) | set(result.info.articles_without_gold) & set(articles)):
        art = articles.get(art_id)
        if art is None:
            continue
        text = art if isinstance(art, str) else str(getattr(art, "text", ""))
        vs = views.get(art_id, [])
        counts: dict[str, int] = defaultdict(int)
        for v in vs:
            if v.side == "gold" or v.status == "false_positive":
                counts[v.status] += 1
        n_err = counts["miss"] + counts["false_positive"] + counts["partial"]
        summary = " ".join(f'<span class="tag st-{k}">{esc(STATUS_NAMES[k])} {counts[k]}</span>'
                           for k in STATUS_NAMES if counts[k])
        title = getattr(art, "title", None)
        heading = esc(art_id) + (f" · {esc(title)}" if title else "")
        body = _article_text(text, vs)
        out.append(f'<details class="art" data-article="{esc(art_id)}" data-errors="{n_err}"{" open" if n_err else ""}>'
                   f'<summary>{heading}<span class="counts">{summary}</span></summary>'
                   f'<div class="text">{body}</div></details>')
    return "".join(out)


def html_report(result: EvalResult, articles: Mapping[str, Any] | None = None) -> str:
    """The whole report as one self-contained HTML page."""
    articles = articles or {}
    info, o = result.info, result.overall
    cards = [("micro F1 exact", o.micro_exact.f1), ("micro F1 partial", o.micro_partial.f1),
             ("macro F1 exact", o.macro_exact_f1), ("macro F1 partial", o.macro_partial_f1)]
    if result.entities is not None:
        cards += [("entity F1 exact", result.entities.exact.f1), ("entity F1 partial", result.entities.partial.f1)]
    cards_html = "".join(f'<div class="card"><div class="v">{_pct(v)}</div><div class="k">{esc(k)}</div></div>'
                         for k, v in cards)
    n_gold = o.micro_exact.tp + o.micro_exact.fn
    n_pred = o.micro_exact.tp + o.micro_exact.fp
    cards_html += (f'<div class="card"><div class="v">{n_gold} / {n_pred}</div><div class="k">gold / predicted claims'
                   f"</div></div>")
    type_rows: list[list[object]] = [
        [t, s.gold, s.pred, _pct(s.exact.precision), _pct(s.exact.recall), _pct(s.exact.f1),
         _pct(s.partial.precision), _pct(s.partial.recall), _pct(s.partial.f1)] for t, s in result.types.items()]
    type_rows.append(["micro", n_gold, n_pred, _pct(o.micro_exact.precision), _pct(o.micro_exact.recall),
                      _pct(o.micro_exact.f1), _pct(o.micro_partial.precision), _pct(o.micro_partial.recall),
                      _pct(o.micro_partial.f1)])
    type_rows.append(["macro", "", "", "", "", _pct(o.macro_exact_f1), "", "", _pct(o.macro_partial_f1)])
    field_rows = [[f, s.scored, s.correct, s.partial,
                   *([_pct(s.accuracy), _pct(s.precision), _pct(s.recall), _pct(s.f1)] if s.scored else ["-"] * 4)]
                  for f, s in result.fields.items()]
    charts = bar_chart("F1 by claim type (%)", [(t, (s.exact.f1, s.partial.f1)) for t, s in result.types.items()],
                       [("exact", "#1565c0"), ("partial", "#90caf9")])
    charts += bar_chart("fields on matched claims (%)",
                        [(f, (s.accuracy, s.f1)) for f in FIELDS
                         if (s := result.fields.get(f)) is not None and s.scored],
                        [("accuracy", "#2e7d32"), ("F1", "#a5d6a7")])
    if result.entities is not None and result.entities.labels:
        charts += bar_chart("entity F1 by label (%)", [(k, (p.f1,)) for k, p in result.entities.labels.items()],
                            [("exact F1", "#6a1b9a")])
    entity_html = ""
    if result.entities is not None:
        e = result.entities
        rows = [[k, _pct(p.precision), _pct(p.recall), _pct(p.f1)] for k, p in e.labels.items()]
        rows += [["all (exact)", _pct(e.exact.precision), _pct(e.exact.recall), _pct(e.exact.f1)],
                 ["all (partial)", _pct(e.partial.precision), _pct(e.partial.recall), _pct(e.partial.f1)]]
        entity_html = (f"<h2 id=entities>Entities ({e.gold} gold, {e.pred} predicted)</h2>"
                       + _table(["label", "P", "R", "F1"], rows)
                       + "<details><summary>entity errors</summary>"
                       + _entity_errors(result.entity_misses, result.entity_false_positives) + "</details>")
    warnings = "".join(f"<li>{esc(w)}</li>" for w in info.warnings)
    legend = "".join(f'<span><span class="tag st-{k}">{esc(n)}</span></span>' for k, n in STATUS_NAMES.items())
    legend += ('<span><span class="evg">gold evidence</span></span><span><span class="evp">predicted evidence</span>'
               "</span><span>G = gold claim, P = predicted claim; hover a mark or tag for the claim</span>")
    mismatches = "".join(_error_card(e) for e in result.mismatches) or "<p>None.</p>"
    nav = ('<nav><a href="#summary">summary</a><a href="#types">types</a><a href="#fields">fields</a>'
           + ('<a href="#entities">entities</a>' if result.entities is not None else "")
           + ('<a href="#diff">change</a>' if result.diff is not None else "")
           + '<a href="#errors">misses &amp; false positives</a><a href="#mismatches">wrong fields</a>'
           '<a href="#articles">articles</a></nav>')
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>newsclaims evaluation</title><style>{_CSS}{_CSS_TOGGLES}</style></head>
<body><header><h1>newsclaims evaluation</h1><div class="meta">corpus {esc(info.corpus)} · gold {esc(info.gold)} ·
predictions {esc(info.pred or "pipeline run")} · {info.articles} articles · value tolerance {info.tolerance:.1%}
{(" · " + esc(info.created)) if info.created else ""}</div></header>
<main>{nav}
{f"<ul class=warnings>{warnings}</ul>" if warnings else ""}
<h2 id=summary>Summary</h2><div class="cards">{cards_html}</div>
<div class="charts">{charts}</div>
<h2 id=types>By claim type</h2>
{_table(["type", "gold", "pred", "exact P", "exact R", "exact F1", "partial P", "partial R", "partial F1"], type_rows)}
<h2 id=fields>By field (on matched claims)</h2>
{_table(["field", "scored", "correct", "partly", "accuracy", "P", "R", "F1"], field_rows)}
{entity_html}
{_reliability_html(result.reliability)}
{_diff_html(result.diff) if result.diff is not None else ""}
<h2 id=errors>Misses and false positives ({len(result.misses)} / {len(result.false_positives)})</h2>
{_errors_side_by_side(result.misses, result.false_positives)}
<h2 id=mismatches>Matched claims with wrong fields ({len(result.mismatches)})</h2>{mismatches}
<h2 id=articles>Articles</h2>
<div class="legend">{legend}</div>
<div class="controls"><input type="search" id="q" placeholder="filter by id or text" aria-label="filter articles">
<label><input type="checkbox" id="erronly"> only articles with errors</label>
<label><input type="checkbox" id="showg" checked> gold</label>
<label><input type="checkbox" id="showp" checked> predicted</label>
· <span id="nshown">0</span> shown</div>
{_article_sections(result, articles)}
</main><script>{_JS}</script></body></html>
"""
    return page


def write_html(result: EvalResult, path: Path, articles: Mapping[str, Any] | None = None) -> Path:
    """Write ``report.html``; ``articles`` maps article ids to an Article (or its text) for highlighting."""
    path.write_text(html_report(result, articles), encoding="utf-8")
    return path
