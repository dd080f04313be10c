/**
 * The report's only styling, inlined: system fonts, no assets, so the file reads the same
 * offline, by mail and on paper. Colour is never the only signal: every verdict also has its
 * word, and charts write their values out.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1b1f24; margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 0.5rem; border-bottom: 1px solid #c9d1dc; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
.note { border-left: 4px solid #8a6d00; background: #fff8db; padding: 0.5rem 0.8rem; margin: 1rem 0; }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; }
th, td { border: 1px solid #c9d1dc; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top;
  unicode-bidi: isolate; overflow-wrap: anywhere; }
th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
table.facts th { width: 14rem; }
code, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; }
blockquote { margin: 0.4rem 0 1rem; padding: 0.4rem 0.8rem; border-left: 4px solid #9fb1cc; background: #f6f8fb; }
.verdict { display: inline-block; padding: 0 0.45rem; border-radius: 3px; font-weight: 700; border: 1px solid; }
.verdict.pass { color: #0b5d1e; background: #dcf5e3; border-color: #0b5d1e; }
.verdict.fail { color: #8b0a0a; background: #fde2e2; border-color: #8b0a0a; }
.verdict.not-applicable { color: #444; background: #eee; border-color: #777; }
.overall { font-size: 1.25rem; padding: 0.8rem 1rem; border: 2px solid; border-radius: 4px; margin: 1.2rem 0; }
.overall.pass { color: #0b5d1e; background: #dcf5e3; }
.overall.fail { color: #8b0a0a; background: #fde2e2; }
.overall strong { font-size: 1.6rem; margin-right: 0.6rem; }
.invisible { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85em; color: #8b0a0a;
  background: #fff0c2; border: 1px dotted #8b0a0a; border-radius: 2px; padding: 0 1px; }
figure { margin: 0.6rem 0 1.2rem; }
figcaption { font-weight: 600; margin-bottom: 0.3rem; }
svg.chart { max-width: 100%; height: auto; }
footer { margin-top: 3rem; color: #555; font-size: 0.85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, figcaption { break-after: avoid; }
  tr, figure, .overall { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 15mm; }
`;
