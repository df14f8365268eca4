// Portico's admin console: reads /admin/routes, /admin/backends and /admin/stats with the admin's token
// (kept in this closure only: never in storage, a cookie or the URL) every two seconds, and draws each
// route's request rate and p99 from two readings of the latency histogram's cumulative buckets.
(function () {
  'use strict';
  const POLL_MS = 2000;
  const KEEP = 150; // points per series: 5 minutes
  let token = null;
  let timer = null;
  let previous = null; // the last /admin/stats reading
  let routes = [];
  const history = { time: [], rate: {}, p99: {} };
  const charts = {}; // rate and p99: { ids, chart }

  const $ = (id) => document.getElementById(id);

  function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  }

  async function get(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' });
    if (!response.ok) {
      let detail = response.status + ' ' + response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  /** The p99 in ms of the requests between two readings of cumulative [le seconds, count] buckets. */
  function p99(before, after) {
    if (!after) return null;
    const old = new Map((before ? before.buckets : []).map(([le, n]) => [le, n]));
    const delta = after.buckets.map(([le, n]) => [le, n - (old.get(le) || 0)]);
    // Counted from the buckets alone (the count is read apart from them, a request may fall between).
    const total = delta.length ? delta[delta.length - 1][1] : 0;
    if (total <= 0) return null;
    const wanted = Math.ceil(total * 0.99);
    for (const [le, n] of delta) if (n >= wanted) return le * 1000;
    return null;
  }

  function showBackends(list) {
    const body = $('backends').tBodies[0];
    body.replaceChildren();
    for (const b of list.backends) {
      b.instances.forEach((instance, i) => {
        const row = body.insertRow();
        row.dataset.backend = b.id;
        cell(row, i === 0 ? b.id : '');
        cell(row, i === 0 ? b.protocol : '');
        cell(row, i === 0 ? b.loadBalancer : '');
        cell(row, i === 0 ? b.circuit : '', b.circuit === 'closed' ? 'good' : 'bad');
        cell(row, instance.url);
        if (b.activeHealthCheck) {
          cell(row, instance.healthy ? 'healthy' : 'unhealthy', instance.healthy ? 'good' : 'bad');
        } else {
          cell(row, 'not probed', 'quiet');
        }
        cell(row, instance.ejected ? 'ejected' : '', instance.ejected ? 'warn' : '');
        cell(row, String(instance.inFlight));
      });
    }
  }

  function showRoutes(stats) {
    const body = $('routes').tBodies[0];
    body.replaceChildren();
    const seconds = previous ? (stats.time - previous.time) / 1000 : 0;
    for (const r of routes) {
      const now = stats.routes[r.id] || {};
      const before = (previous && previous.routes[r.id]) || {};
      const row = body.insertRow();
      row.dataset.route = r.id;
      cell(row, r.id);
      cell(row, r.methods.join(','));
      cell(row, r.path);
      cell(row, r.kind + (r.backend ? ' → ' + r.backend : r.parts ? ' → ' + r.parts.map((p) => p.backend).join(' + ') : ''));
      cell(row, r.auth === 'none' ? 'none' : 'jwt ' + r.roles.join(','));
      cell(row, r.rateLimit || '');
      const rate = seconds > 0 ? ((now.requests || 0) - (before.requests || 0)) / seconds : null;
      cell(row, rate === null ? '' : rate.toFixed(1));
      const q = previous ? p99(before.latency, now.latency) : null;
      cell(row, q === null ? '' : q.toFixed(0));
      cell(row, String(now.rejected || 0), now.rejected ? 'warn' : '');
      const cache = now.cache;
      if (cache) {
        const hits = (cache.hit || 0) + (cache.stale || 0);
        const all = Object.values(cache).reduce((a, n) => a + n, 0);
        cell(row, all ? Math.round((100 * hits) / all) + ' %' : '0 %');
      } else {
        cell(row, '');
      }
      if (rate !== null) {
        (history.rate[r.id] = history.rate[r.id] || []).push(rate);
        (history.p99[r.id] = history.p99[r.id] || []).push(q);
      }
    }
  }

  /** The routes drawn: those that had requests since sign-in (the admin routes aside). */
  function drawn() {
    return routes.map((r) => r.id).filter((id) => !id.startsWith('admin-') && (history.rate[id] || []).some((v) => v > 0));
  }

  function draw() {
    const ids = drawn();
    for (const [key, name, el, series] of [['rate', 'req/s', $('rate-chart'), history.rate], ['p99', 'ms', $('p99-chart'), history.p99]]) {
      const data = [history.time, ...ids.map((id) => series[id])];
      let plot = charts[key];
      if (plot && plot.ids.join() !== ids.join()) { // another set of routes: a chart of its own
        plot.chart.destroy();
        plot = null;
      }
      if (plot) {
        plot.chart.setData(data);
        continue;
      }
      const opts = {
        width: Math.max(360, el.clientWidth || 600),
        height: 200,
        series: [{}, ...ids.map((id, i) => ({ label: id, stroke: 'hsl(' + ((i * 67) % 360) + ',65%,42%)', width: 2, spanGaps: true }))],
        axes: [{}, { label: name }],
      };
      charts[key] = { ids, chart: new uPlot(opts, data, el) };
    }
  }

  async function poll() {
    try {
      const [backends, stats] = await Promise.all([get('/admin/backends'), get('/admin/stats')]);
      showBackends(backends);
      if (previous) history.time.push(stats.time / 1000);
      showRoutes(stats);
      if (history.time.length > KEEP) {
        history.time.shift();
        for (const s of [history.rate, history.p99]) for (const id in s) s[id].shift();
      }
      previous = stats;
      if (history.time.length > 0) draw();
      $('status').textContent = 'updated ' + new Date(stats.time).toLocaleTimeString();
    } catch (e) {
      $('status').textContent = 'cannot read: ' + e.message;
      if (e.status === 401 || e.status === 403) signOut(e.message);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    token = $('token').value.trim().replace(/^Bearer\s+/i, '');
    $('token').value = '';
    try {
      routes = (await get('/admin/routes')).routes;
    } catch (e) {
      signOut(e.message);
      return;
    }
    $('login').hidden = true;
    $('console').hidden = false;
    $('login-error').textContent = '';
    await poll();
    timer = setInterval(poll, POLL_MS);
  }

  function signOut(reason) {
    token = null;
    previous = null;
    history.time = [];
    history.rate = {};
    history.p99 = {};
    for (const key in charts) {
      charts[key].chart.destroy();
      delete charts[key];
    }
    clearInterval(timer);
    $('console').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = reason || '';
  }

  $('login').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut(''));
})();
