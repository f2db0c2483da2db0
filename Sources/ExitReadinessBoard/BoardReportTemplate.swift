/// The report's page as mustache templates, kept in the source so that exitreadyctl is installed
/// as one file. `{{ }}` escapes HTML; `{{{ }}}` only takes the SVG that `ReportCharts` escaped.
/// Every inventory string sits in `<bdi>`, so that a right-to-left override stays in its cell.
enum BoardReportTemplate {
    static let partials: [String: String] = ["band": band, "provenance": provenance, "bars": bars]

    /// A band badge: marker, word and pattern.
    static let band = #"<span class="badge {{class}}"><span aria-hidden="true">{{marker}}</span> {{band}}</span>"#

    /// The four family scores as bars with their numbers.
    static let bars = #"""
        <span class="families">{{#families}}<span class="family"><span class="fname">{{name}}</span><span class="track" aria-hidden="true"><span class="fill" style="width:{{width}}%"></span></span><span class="fvalue">{{value}}</span></span>{{/families}}</span>
        """#

    static let provenance = #"""
        {{#missing}}<p class="note">{{missing}}</p>{{/missing}}{{#hasRows}}<dl class="provenance">{{#rows}}<div><dt>{{name}}</dt><dd><code>{{value}}</code></dd></div>{{/rows}}</dl>{{/hasRows}}
        """#

    static let page = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} — {{evaluated}}</title>
        <style>
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --nr: #b42318; --ar: #9a6700; --ok: #1a7f37; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 1100px; padding: 24px 20px 48px; color: var(--ink);
          font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
        h1 { font-size: 30px; margin: 0 0 4px; }
        h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 16px; margin: 20px 0 6px; }
        p { margin: 6px 0; }
        .meta, .note { color: var(--muted); }
        bdi { unicode-bidi: isolate; overflow-wrap: anywhere; }
        code { font-size: 12px; overflow-wrap: anywhere; }
        .cover-grid { display: flex; flex-wrap: wrap; gap: 14px; margin: 18px 0; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; min-width: 150px; flex: 1 1 150px; }
        .card .big { font-size: 40px; font-weight: 700; line-height: 1.1; }
        .card .label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
        .card.headline { flex: 2 1 260px; border: 2px solid var(--ink); }
        .card.band-not-ready { border-left: 8px solid var(--nr); }
        .card.band-at-risk { border-left: 8px solid var(--ar); }
        .card.band-ready { border-left: 8px solid var(--ok); }
        .message { font-size: 17px; padding: 10px 14px; border-left: 6px solid var(--nr); background: #fdf0ef; margin: 12px 0; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 700; font-size: 13px;
          white-space: nowrap; border: 1px solid currentColor; }
        .badge.band-not-ready { color: #fff; background: var(--nr)
          repeating-linear-gradient(135deg, rgba(255,255,255,.28) 0 3px, transparent 3px 7px); }
        .badge.band-at-risk { color: #4d3300; background: #f5d27a
          radial-gradient(rgba(0,0,0,.22) 1px, transparent 1.5px) 0 0 / 5px 5px; }
        .badge.band-ready { color: var(--ok); background: #e8f5ec; }
        .badge.band-unknown { color: var(--muted); }
        .card .badge { font-size: 18px; padding: 2px 12px; border-radius: 14px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; table-layout: auto; }
        th, td { text-align: left; vertical-align: top; padding: 5px 6px; border-bottom: 1px solid var(--line);
          overflow-wrap: break-word; }
        th { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; border-bottom: 2px solid var(--line); }
        td.num, th.num { text-align: right; white-space: nowrap; }
        tr.row-not-ready td { background: #fdf0ef; }
        tr.row-not-ready td:first-child { box-shadow: inset 5px 0 0 var(--nr); }
        tr.row-at-risk td:first-child { box-shadow: inset 5px 0 0 var(--ar); }
        .urgent { font-weight: 700; color: var(--nr); }
        .families { display: grid; grid-template-columns: 1fr; gap: 1px; min-width: 170px; max-width: 320px; }
        .family { display: flex; align-items: center; gap: 4px; font-size: 11px; white-space: nowrap; }
        .fname { width: 62px; color: var(--muted); }
        .track { flex: 1; height: 7px; background: #eaeef2; border: 1px solid #afb8c1; min-width: 50px; }
        .fill { display: block; height: 100%; background: #57606a; }
        .fvalue { width: 34px; text-align: right; font-variant-numeric: tabular-nums; }
        .date { white-space: nowrap; }
        table.contracts td:nth-child(-n+2) { min-width: 8.5em; }
        figure { margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-weight: 700; margin-bottom: 4px; }
        svg text { font: 11px "DejaVu Sans", Arial, sans-serif; fill: var(--ink); unicode-bidi: isolate; direction: ltr; }
        svg text.urgent { fill: var(--nr); font-weight: 700; }
        svg .grid { stroke: #d0d7de; stroke-width: 1; }
        svg .threshold { stroke: var(--ink); stroke-width: 1.2; stroke-dasharray: 5 4; }
        svg .zone { opacity: .55; }
        svg .line { fill: none; stroke: #0b3d91; stroke-width: 2.4; }
        svg .line-dot { fill: #0b3d91; }
        svg .alert { fill: var(--nr); }
        svg .bar { stroke: var(--ink); stroke-width: .8; }
        svg .notice { fill: var(--ink); stroke: #fff; stroke-width: 1; }
        svg .window { fill: #fdf0ef; }
        .text-equivalent { font-size: 13px; color: var(--muted); margin-top: 6px; }
        .legend { font-size: 12px; color: var(--muted); }
        .contract-section { break-before: page; page-break-before: always; }
        .contract-section h2 { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; }
        .placeholder { display: none; }
        ul.compact { margin: 4px 0; padding-left: 18px; }
        @media (max-width: 720px) {
          body { padding: 14px 10px 32px; font-size: 14px; }
          h1 { font-size: 24px; }
          table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
          table.stack thead { display: none; }
          table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 4px 6px; }
          table.stack td { border: 0; padding: 2px 0; text-align: left; white-space: normal; }
          table.stack td::before { content: attr(data-label); display: inline-block; min-width: 10.5em; color: var(--muted);
            font-size: 11px; text-transform: uppercase; }
          /* the deadlines table has a row per active contract: its labels are here, not in each cell */
          table.deadlines td:nth-child(1)::before { content: "Contract"; }
          table.deadlines td:nth-child(2)::before { content: "Band"; }
          table.deadlines td:nth-child(3)::before { content: "Notice deadline"; }
          table.deadlines td:nth-child(4)::before { content: "Days left"; }
          table.deadlines td:nth-child(5)::before { content: "Term end"; }
        }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, .card, figure, dl.provenance div { break-inside: avoid; page-break-inside: avoid; }
          table { font-size: 10px; }
          section.part { break-before: auto; }
          #part-appendix { break-before: page; page-break-before: always; }
        }
        </style>
        </head>
        <body>
        <svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false">
        <defs>
        <pattern id="pattern-not-ready" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f4c7c3"/><rect width="3" height="8" fill="#b42318"/></pattern>
        <pattern id="pattern-at-risk" width="7" height="7" patternUnits="userSpaceOnUse"><rect width="7" height="7" fill="#f8e3a8"/><circle cx="3.5" cy="3.5" r="1.6" fill="#9a6700"/></pattern>
        <pattern id="pattern-ready" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#cfe8d6"/></pattern>
        <pattern id="pattern-unknown" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#eaeef2"/></pattern>
        </defs>
        </svg>

        <section class="part" id="part-cover">
        <h1>{{title}}</h1>
        <p class="meta">Evaluated {{evaluated}} · {{source}} · window {{since}} to {{evaluated}}</p>
        <div class="cover-grid">
        {{#portfolio}}<div class="card headline {{class}}"><div class="label">Portfolio score</div><div class="big">{{score}}</div>{{>band}}<div class="meta">{{activeContracts}} active contracts, weighted by criticality</div></div>{{/portfolio}}
        {{#bandCounts}}<div class="card {{class}}"><div class="label">{{marker}} {{band}}</div><div class="big">{{count}}</div><div class="meta">active contracts</div></div>{{/bandCounts}}
        <div class="card"><div class="label">Effort to ready</div><div class="big">{{totalEffort}}</div><div class="meta">person-days{{#unreachable}}; {{unreachable}} not reachable by actions{{/unreachable}}</div></div>
        </div>
        {{#notReadyMessage}}<p class="message"><strong>{{count}} not ready:</strong> {{#contracts}}<bdi>{{name}}</bdi>{{^last}}, {{/last}}{{/contracts}}</p>{{/notReadyMessage}}
        {{#stale}}<p class="message">{{stale}}</p>{{/stale}}
        <h3>Provenance</h3>
        {{#provenance}}{{>provenance}}{{/provenance}}
        </section>

        <section class="part" id="part-trend">
        <h2>Portfolio trend</h2>
        {{#trend}}<figure id="chart-trend"><figcaption>Daily portfolio score, {{from}} to {{to}}</figcaption>{{{svg}}}
        <p class="legend">Line: the portfolio score each day. Background: ready zone (green, plain), at-risk zone (amber, dotted), not-ready zone (red, hatched); dashed lines: band thresholds; red triangles: days with alerts.</p>
        <p class="text-equivalent">{{summary}}</p></figure>{{/trend}}
        {{#noTrend}}<p class="note">{{noTrend}}</p>{{/noTrend}}
        </section>
        <!-- Forecast: the place for the forecast chart, right after the portfolio trend. -->
        {{#forecast}}<section class="part" id="part-forecast"><h2>Forecast</h2><figure id="chart-forecast"><figcaption>{{caption}}</figcaption>{{{svg}}}<p class="text-equivalent">{{summary}}</p></figure></section>{{/forecast}}

        <section class="part" id="part-deadlines">
        <h2>Deadlines in the next 24 months</h2>
        {{#deadlines}}<p class="text-equivalent">{{summary}}</p>
        <p class="legend">Bar: the contract's remaining term, filled by its band (hatched not-ready, dotted at-risk, plain ready); diamond: notice deadline; ◆ and a shaded row: inside the notice window ({{window}} days).</p>
        {{#charts}}<figure id="chart-deadlines-{{number}}"><figcaption>{{caption}}</figcaption>{{{svg}}}</figure>
        {{/charts}}<div class="text-equivalent"><table class="stack deadlines"><thead><tr><th>Contract</th><th>Band</th><th>Notice deadline</th><th class="num">Days left</th><th>Term end</th></tr></thead><tbody>
        {{#rows}}<tr><td>{{#inWindow}}◆ {{/inWindow}}<bdi>{{id}}</bdi></td><td>{{#band}}{{>band}}{{/band}}</td><td>{{notice}}</td><td class="num">{{daysLeft}}</td><td>{{termEnd}}</td></tr>{{/rows}}
        </tbody></table></div>{{/deadlines}}
        {{#noDeadlines}}<p class="note">{{noDeadlines}}</p>{{/noDeadlines}}
        </section>

        <section class="part" id="part-contracts">
        <h2>Contracts</h2>
        <p class="meta">Not ready first, then at risk, then ready; each by score, lowest first.{{#moreSections}} {{moreSections}}{{/moreSections}}</p>
        <table class="stack contracts"><thead><tr><th>Contract</th><th>Supplier</th><th>Criticality</th><th>Families</th><th class="num">Score</th><th>Band</th><th>Notice deadline</th><th class="num">Effort to ready</th><th class="num">Change</th><th>Next band change</th></tr></thead><tbody>
        {{#contracts}}<tr class="row-{{bandName}}"><td data-label="Contract">{{#section}}<a href="#{{section}}"><bdi>{{id}}</bdi></a>{{/section}}{{^section}}<bdi>{{id}}</bdi>{{/section}}{{#ended}} <span class="note">(ended)</span>{{/ended}}</td><td data-label="Supplier"><bdi>{{supplier}}</bdi></td><td data-label="Criticality">{{criticality}}</td><td data-label="Families">{{>bars}}</td><td class="num" data-label="Score"><strong>{{score}}</strong></td><td data-label="Band">{{#band}}{{>band}}{{/band}}</td><td data-label="Notice deadline" class="date{{#inWindow}} urgent{{/inWindow}}">{{notice}}<br><span class="note">{{daysLeft}}</span></td><td class="num" data-label="Effort to ready">{{effort}}</td><td class="num" data-label="Change">{{change}}</td><td data-label="Next band change">{{nextBandChange}}</td></tr>{{/contracts}}
        </tbody></table>
        </section>

        <section class="part" id="part-changes">
        <h2>Changes since {{since}}</h2>
        {{#changesNote}}<p class="note">{{changesNote}}</p>{{/changesNote}}
        {{#hasChanges}}<table class="stack"><thead><tr><th>Contract</th><th>Score then → now</th><th>Band then → now</th><th>Findings that appeared</th><th>Findings resolved</th></tr></thead><tbody>
        {{#changes}}<tr><td data-label="Contract"><bdi>{{contract}}</bdi></td><td data-label="Score">{{scoreThen}} → {{scoreNow}}</td><td data-label="Band">{{bandThen}} → {{bandNow}}</td><td data-label="Appeared"><ul class="compact">{{#appeared}}<li><bdi>{{.}}</bdi></li>{{/appeared}}</ul></td><td data-label="Resolved"><ul class="compact">{{#resolved}}<li><bdi>{{.}}</bdi></li>{{/resolved}}</ul></td></tr>{{/changes}}
        </tbody></table>{{/hasChanges}}
        </section>

        <section class="part" id="part-sections">
        <h2>Contracts in detail</h2>
        <p class="meta">{{sectionsNote}}</p>
        {{#sections}}<section class="contract-section" id="{{anchor}}">
        <h2><bdi>{{id}}</bdi> {{#band}}{{>band}}{{/band}} <span>{{score}}</span></h2>
        <p><bdi>{{supplier}}</bdi> · <bdi>{{service}}</bdi> · {{criticality}} · notice deadline {{notice}} ({{daysLeft}}) · term end {{termEnd}}</p>
        <h3>Families</h3>
        {{>bars}}
        {{#trend}}<figure id="chart-trend-{{anchor}}"><figcaption>Daily score of <bdi>{{id}}</bdi></figcaption>{{{svg}}}<p class="text-equivalent">{{summary}}</p></figure>{{/trend}}
        {{#noTrend}}<p class="note">{{noTrend}}</p>{{/noTrend}}
        <h3>Plan to ready</h3>
        {{#plan}}<p>{{summary}}</p>
        {{#hasSteps}}<table class="stack"><thead><tr><th class="num">#</th><th>Code</th><th>Subject</th><th>Fixes</th><th class="num">Effort (days)</th><th class="num">Score after</th></tr></thead><tbody>
        {{#steps}}<tr><td class="num" data-label="Step">{{number}}</td><td data-label="Code">{{code}}</td><td data-label="Subject"><bdi>{{subject}}</bdi></td><td data-label="Fixes"><bdi>{{fixes}}</bdi></td><td class="num" data-label="Effort">{{effort}}</td><td class="num" data-label="Score after">{{scoreAfter}}</td></tr>{{/steps}}
        </tbody></table>{{/hasSteps}}{{/plan}}
        {{#noPlan}}<p class="note">{{noPlan}}</p>{{/noPlan}}
        <h3>Findings</h3>
        {{#hasFindings}}<table class="stack"><thead><tr><th>Severity</th><th>Code</th><th>Subject</th><th class="num">Impact</th><th>Message</th><th>Remedy</th><th>Action</th></tr></thead><tbody>
        {{#findings}}<tr><td data-label="Severity">{{severity}}</td><td data-label="Code">{{code}}</td><td data-label="Subject"><bdi>{{subject}}</bdi></td><td class="num" data-label="Impact">{{impact}}</td><td data-label="Message"><bdi>{{message}}</bdi></td><td data-label="Remedy"><bdi>{{remedy}}</bdi></td><td data-label="Action"><bdi>{{action}}</bdi></td></tr>{{/findings}}
        </tbody></table>{{/hasFindings}}
        {{^hasFindings}}<p class="note">No findings.</p>{{/hasFindings}}
        </section>{{/sections}}
        </section>

        <section class="part" id="part-appendix">
        <h2>Appendix: how the score is computed</h2>
        <p>Each contract gets four family scores from 0 to 100: <strong>contract</strong> (exit plan, clauses, notice, termination assistance, data return), <strong>dataroom</strong> (the checklist's documents present and current), <strong>processes</strong> (documented, reviewed and tested) and <strong>staff</strong> (key people, knowledge transfer, turnover).
        The overall score is their weighted mean: {{weights}}. A contract without an exit plan is capped at 40.
        Bands: <strong>ready</strong> from {{ready}}, <strong>at-risk</strong> from {{atRisk}}, <strong>not-ready</strong> below. The portfolio score is the mean of the active contracts weighted by criticality (critical 3, important 2, standard 1).
        Notice window: {{noticeWindow}} days before a notice deadline ({{criticalNoticeWindow}} days for the critical alert). Effort to ready is the least work, in person-days, whose findings resolved bring the contract to the ready threshold.</p>
        <p>To recompute the inventory's SHA-256, in the inventory directory: <code>find . -type f ! -path '*/.*' -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum</code></p>
        <h3>Provenance</h3>
        {{#provenance}}{{>provenance}}{{/provenance}}
        </section>
        </body>
        </html>

        """#
}
