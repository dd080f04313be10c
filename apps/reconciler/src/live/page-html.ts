/** The live page's markup; the script (page-script.ts) fills it from `/live/events`. */
export const LIVE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>UA–MD reconciler · live</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/live/uplot.min.css">
<link rel="stylesheet" href="/live/live.css">
</head>
<body data-ticks="0" data-outputs="0" data-connected="false">
<header>
  <h1>UA–MD reconciler <span class="sub">live</span></h1>
  <div id="status" class="status">connecting…</div>
</header>
<main>
  <section class="totals" id="totals" aria-label="totals"></section>
  <section>
    <h2>Crossing points</h2>
    <p class="note" id="window-note">Match latency: p50 and p99 over a sliding window; outputs per second; since-start percentiles below each chart.</p>
    <div id="posts" class="posts"></div>
  </section>
  <section class="runtime">
    <div class="card">
      <h3>Pending vehicles</h3>
      <div class="chart" id="chart-pending"></div>
    </div>
    <div class="card">
      <h3>Merge</h3>
      <div class="chart" id="chart-merge"></div>
      <div class="waiting" id="waiting"></div>
    </div>
  </section>
  <section class="lists">
    <div class="card"><h3>Latest crossings</h3><table id="list-CrossingMatched"></table></div>
    <div class="card"><h3>Overdue alarms</h3><table id="list-CrossingOverdue"></table></div>
    <div class="card"><h3>Discrepancies</h3><table id="list-CrossingDiscrepancy"></table></div>
    <div class="card"><h3>Feed stale alerts</h3><table id="list-FeedStale"></table></div>
  </section>
</main>
<script src="/live/uplot.iife.min.js"></script>
<script src="/live/live.js"></script>
</body>
</html>
`;

export const LIVE_PAGE_CSS = `
:root { color-scheme: light; --fg: #1d232a; --muted: #66707a; --line: #d8dde3; --bad: #b3261e; --warn: #a15c00; --ok: #1b7f3b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: #f5f7f9; }
header { display: flex; align-items: baseline; gap: 1.5rem; padding: 0.75rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.2rem; margin: 0; }
h1 .sub { color: var(--muted); font-weight: normal; }
h2 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
h3 { font-size: 0.95rem; margin: 0 0 0.5rem; }
main { padding: 0 1.25rem 2rem; }
.note { color: var(--muted); margin: 0 0 0.5rem; }
.status { color: var(--muted); }
.status.up { color: var(--ok); }
.status.down { color: var(--bad); }
.totals { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin-top: 0.75rem; }
.totals div { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 0.3rem 0.6rem; }
.totals b { font-variant-numeric: tabular-nums; }
.posts, .runtime, .lists { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(430px, 1fr)); }
.runtime, .lists { margin-top: 0.75rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.75rem; min-width: 0; overflow-x: auto; }
.chart { min-height: 190px; }
.facts { color: var(--muted); font-size: 0.85rem; margin-top: 0.25rem; font-variant-numeric: tabular-nums; }
.waiting { font-size: 0.85rem; margin-top: 0.25rem; }
.waiting .stale { color: var(--warn); font-weight: 600; }
table { width: 100%; border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.15rem 0.4rem; border-bottom: 1px solid var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 12rem; }
td:last-child { max-width: 9rem; color: var(--muted); }
th { color: var(--muted); font-weight: 600; }
tr.fresh td { background: #fff6d6; }
td.empty { color: var(--muted); }
`;
