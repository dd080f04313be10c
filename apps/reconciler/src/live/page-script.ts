/**
 * The live page's script, served as /live/live.js (no inline script: the page's CSP refuses it).
 * Plain browser JavaScript in a string, since the build compiles for Node only. It listens to
 * /live/events: `init` (history and recent outputs, again after every reconnect), `tick` (once a
 * second) and `output` (each new output). `window.live` exposes the charts (uPlot instances and
 * their data) and counters, for tests and for a curious reader's console.
 */
export const LIVE_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var ROUTES = ['UA-MD', 'MD-UA'];
  var TYPES = ['CrossingMatched', 'CrossingOverdue', 'CrossingDiscrepancy', 'FeedStale'];
  var RATE_LABELS = {
    CrossingMatched: 'matched/s',
    CrossingOverdue: 'overdue/s',
    CrossingDiscrepancy: 'discrepancies/s',
    FeedStale: 'stale/s',
  };
  var TYPE_COLORS = {
    CrossingMatched: '#1b7f3b',
    CrossingOverdue: '#b3261e',
    CrossingDiscrepancy: '#7b3fb3',
    FeedStale: '#a15c00',
  };
  var ROUTE_COLORS = { 'UA-MD': '#1f6feb', 'MD-UA': '#d9480f' };
  var LIST_LENGTH = 20;
  var HEIGHT = 180;
  var historyPoints = 300;
  var live = { charts: {}, ticks: 0, outputs: 0, connected: false, lastTick: null };
  window.live = live;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(ms) {
    var d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }
  function utc(ms) {
    return ms === null || ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
  }
  function ms(v) { return v === null || v === undefined ? '–' : Math.round(v) + ' ms'; }
  function num(v) { return v === null || v === undefined ? '–' : String(v); }

  function chartWidth(container) { return Math.max(280, container.clientWidth - 4); }

  function makeChart(id, container, series, unit, format) {
    var data = [[]];
    series.forEach(function () { data.push([]); });
    var u = new uPlot({
      width: chartWidth(container),
      height: HEIGHT,
      scales: { x: { time: true } },
      series: [{}].concat(series.map(function (s) {
        return Object.assign({ width: 2, spanGaps: false, value: function (_u, v) { return format(v); } }, s);
      })),
      axes: [{}, { label: unit, size: 56 }],
    }, data, container);
    var chart = { id: id, u: u, data: data, container: container, dirty: false };
    live.charts[id] = chart;
    return chart;
  }
  function push(chart, t, values) {
    chart.data[0].push(t / 1000);
    for (var i = 0; i < values.length; i++) chart.data[i + 1].push(values[i] === undefined ? null : values[i]);
    while (chart.data[0].length > historyPoints) chart.data.forEach(function (a) { a.shift(); });
    chart.dirty = true;
  }
  function clear(chart) {
    chart.data.forEach(function (a) { a.length = 0; });
    chart.dirty = true;
  }
  function render(chart) {
    if (!chart.dirty) return;
    // A copy: what uPlot holds (u.data) is then exactly what it has drawn.
    chart.u.setData(chart.data.map(function (a) { return a.slice(); }));
    chart.container.dataset.points = String(chart.data[0].length);
    var values = 0;
    for (var i = 1; i < chart.data.length; i++)
      chart.data[i].forEach(function (v) { if (v !== null) values += 1; });
    chart.container.dataset.values = String(values);
    chart.dirty = false;
  }
  function renderAll() { Object.keys(live.charts).forEach(function (k) { render(live.charts[k]); }); }

  var pending = makeChart('pending', document.getElementById('chart-pending'), [
    { label: 'exits waiting', stroke: '#1f6feb' },
    { label: 'overdue exits', stroke: '#b3261e' },
    { label: 'entries waiting', stroke: '#d9480f' },
  ], 'vehicles', num);
  var merge = makeChart('merge', document.getElementById('chart-merge'), [
    { label: 'buffered records', stroke: '#1f6feb' },
    { label: 'waiting inputs', stroke: '#a15c00' },
  ], 'records / inputs', num);

  var posts = {};
  function post(id) {
    if (posts[id]) return posts[id];
    var card = el('div', 'card');
    card.dataset.post = id;
    card.appendChild(el('h3', null, id));
    var latencyBox = el('div', 'chart');
    latencyBox.dataset.chart = 'latency';
    var facts = el('div', 'facts');
    var rateBox = el('div', 'chart');
    rateBox.dataset.chart = 'throughput';
    var waiting = el('div', 'waiting');
    card.appendChild(latencyBox);
    card.appendChild(facts);
    card.appendChild(rateBox);
    card.appendChild(waiting);
    var all = document.getElementById('posts');
    var after = Array.prototype.find.call(all.children, function (c) { return c.dataset.post > id; });
    all.insertBefore(card, after || null);
    var latencySeries = [];
    ROUTES.forEach(function (r) {
      latencySeries.push({ label: 'p50 ' + r, stroke: ROUTE_COLORS[r] });
      latencySeries.push({ label: 'p99 ' + r, stroke: ROUTE_COLORS[r], dash: [6, 4] });
    });
    posts[id] = {
      latency: makeChart('latency ' + id, latencyBox, latencySeries, 'match latency, ms', ms),
      throughput: makeChart('throughput ' + id, rateBox, TYPES.map(function (t) {
        return { label: RATE_LABELS[t], stroke: TYPE_COLORS[t] };
      }), 'outputs/s', num),
      facts: facts,
      waiting: waiting,
    };
    return posts[id];
  }

  function applyTick(tick) {
    Object.keys(tick.posts).sort().forEach(function (id) {
      var p = tick.posts[id];
      var card = post(id);
      var values = [];
      ROUTES.forEach(function (r) {
        var w = p.window[r];
        values.push(w ? w.p50 : null, w ? w.p99 : null);
      });
      push(card.latency, tick.t, values);
      push(card.throughput, tick.t, TYPES.map(function (t) { return p.rate[t]; }));
    });
    var n = tick.pending;
    push(pending, tick.t, n ? [n.exits, n.overdueExits, n.entries] : [null, null, null]);
    push(merge, tick.t, tick.merge ? [tick.merge.buffered, tick.merge.waiting] : [null, null]);
  }

  function showTick(tick) {
    live.lastTick = tick;
    var status = document.getElementById('status');
    status.textContent = (tick.consuming ? 'consuming' : 'not consuming yet') + ' · updated ' + clock(tick.t) +
      ' · ' + tick.stream.clients + ' viewer(s)';
    status.className = 'status ' + (tick.consuming ? 'up' : 'down');
    document.getElementById('window-note').textContent = 'Match latency: p50 (solid) and p99 (dashed) over the last ' +
      tick.windowSeconds + ' s, once a second, for the last ' + historyPoints + ' s; outputs per second; ' +
      'since-start percentiles (HDR) below each chart.';
    var totals = document.getElementById('totals');
    totals.textContent = '';
    var t = tick.totals;
    var items = t ? [
      ['inputs', t.consumed], ['crossings', t.outputs.CrossingMatched], ['overdue', t.outputs.CrossingOverdue],
      ['discrepancies', t.outputs.CrossingDiscrepancy], ['feed stale', t.outputs.FeedStale], ['dead letters', t.deadLettered],
    ] : [];
    if (tick.pending) items.push(['pending exits', tick.pending.exits + tick.pending.overdueExits], ['pending entries', tick.pending.entries]);
    if (tick.merge) items.push(['merge buffered', tick.merge.buffered], ['merge waiting on', tick.merge.waiting]);
    if (tick.stream.dropped || tick.stream.skipped)
      items.push(['slow viewers dropped', tick.stream.dropped], ['outputs not streamed', tick.stream.skipped]);
    items.forEach(function (item) {
      var box = el('div', null, item[0] + ' ');
      box.appendChild(el('b', null, item[1]));
      totals.appendChild(box);
    });
    Object.keys(tick.posts).forEach(function (id) {
      var p = tick.posts[id];
      var card = post(id);
      card.facts.textContent = ROUTES.map(function (r) {
        var s = p.sinceStart[r];
        return r + ' since start: ' + (s ? 'p50 ' + ms(s.p50) + ', p99 ' + ms(s.p99) + ', max ' + ms(s.max) + ' (' + s.count + ')' : 'no crossing');
      }).join(' · ');
      card.waiting.textContent = '';
      if (p.waitingOn.length === 0) card.waiting.appendChild(el('span', null, 'merge: waiting on nothing'));
      else {
        card.waiting.appendChild(el('span', null, 'merge waiting on (stale or silent feed): '));
        card.waiting.appendChild(el('span', 'stale', p.waitingOn.join(', ')));
      }
    });
    var waiting = document.getElementById('waiting');
    waiting.textContent = tick.merge
      ? (tick.merge.waiting === 0 ? 'waiting on no input' : 'waiting on ' + tick.merge.waitingOn.join(', ') +
        (tick.merge.waiting > tick.merge.waitingOn.length ? ' …' : ''))
      : '';
  }

  var lists = {};
  TYPES.forEach(function (t) { lists[t] = []; });
  function addOutput(o) {
    var list = lists[o.type];
    if (!list) return;
    for (var i = list.length - 1; i >= 0; i--) if (list[i].id === o.id) list.splice(i, 1);
    list.unshift(o);
    if (list.length > LIST_LENGTH) list.length = LIST_LENGTH;
  }
  function renderList(type) {
    var table = document.getElementById('list-' + type);
    table.textContent = '';
    var head = el('tr');
    var plateOrDetail = type === 'CrossingMatched' || type === 'CrossingOverdue' ? 'plate' : 'detail';
    var msLabel = type === 'CrossingOverdue' ? 'lateness' : 'latency';
    ['time', plateOrDetail, 'post', 'route', msLabel, 'event time', 'id'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    var list = lists[type];
    if (list.length === 0) {
      var row = el('tr');
      var cell = el('td', 'empty', 'none yet');
      cell.colSpan = 7;
      row.appendChild(cell);
      table.appendChild(row);
    }
    var now = Date.now();
    list.forEach(function (o) {
      var tr = el('tr', now - o.at < 5000 ? 'fresh' : null);
      tr.dataset.id = o.id;
      [clock(o.at), o.plate !== null ? o.plate : (o.detail || ''), o.crossingPoint, o.route || '',
        o.latencyMs === null ? '' : ms(o.latencyMs), utc(o.eventTime), o.id].forEach(function (v) {
        var td = el('td', null, v);
        td.title = v;
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
  }
  function renderLists() { TYPES.forEach(renderList); }

  function setConnected(up, text) {
    live.connected = up;
    document.body.dataset.connected = String(up);
    if (text) {
      var status = document.getElementById('status');
      status.textContent = text;
      status.className = 'status ' + (up ? 'up' : 'down');
    }
  }

  var dirtyLists = false;
  var source = new EventSource('/live/events');
  source.onopen = function () { setConnected(true); };
  source.onerror = function () { setConnected(false, 'disconnected, reconnecting…'); };
  source.addEventListener('init', function (e) {
    var init = JSON.parse(e.data);
    historyPoints = init.historyTicks || historyPoints;
    Object.keys(live.charts).forEach(function (k) { clear(live.charts[k]); });
    init.history.forEach(applyTick);
    TYPES.forEach(function (t) {
      lists[t] = [];
      (init.recent[t] || []).slice().reverse().forEach(addOutput);
    });
    renderAll();
    renderLists();
    if (init.history.length > 0) showTick(init.history[init.history.length - 1]);
  });
  source.addEventListener('tick', function (e) {
    var tick = JSON.parse(e.data);
    applyTick(tick);
    renderAll();
    showTick(tick);
    live.ticks += 1;
    document.body.dataset.ticks = String(live.ticks);
  });
  source.addEventListener('output', function (e) {
    addOutput(JSON.parse(e.data));
    live.outputs += 1;
    document.body.dataset.outputs = String(live.outputs);
    if (!dirtyLists) {
      dirtyLists = true;
      setTimeout(function () { dirtyLists = false; renderLists(); }, 100);
    }
  });
  renderLists();

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      Object.keys(live.charts).forEach(function (k) {
        var c = live.charts[k];
        c.u.setSize({ width: chartWidth(c.container), height: HEIGHT });
      });
    }, 150);
  });
})();
`;
