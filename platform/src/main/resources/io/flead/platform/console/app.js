// FLEAD web console: plain JS over the REST API, one view per hash route, refreshed every 2 s.
// Data from the API (device ids, feature names, reasons, states) only ever becomes text nodes: pages are built with
// h() and textContent, never by parsing HTML that holds data.
'use strict';

const REFRESH_MS = 2000;
const page = document.getElementById('page');
const charts = {};
let current = null;     // the view shown: { refresh: async () => … }
let timer = null;

// ---- the API token ----
// `flead up` prints the console URL with the token in the fragment (#token=…), which browsers never send to a
// server; the console keeps it in this tab's sessionStorage and sends it on every request.
const TOKEN_KEY = 'flead.apiToken';

function takeTokenFromUrl() {
  const m = /^#token=([A-Za-z0-9_-]{32,256})$/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', location.pathname + '#/overview');
  }
}

function authorized(options) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const o = Object.assign({}, options);
  o.headers = Object.assign(token ? { Authorization: 'Bearer ' + token } : {}, o.headers);
  return o;
}

async function api(path, options) {
  const r = await fetch(path, authorized(options));
  const body = await r.json();
  if (!r.ok) {
    const e = new Error(body.error || ('HTTP ' + r.status));
    e.status = r.status;
    e.body = body;
    throw e;
  }
  return body;
}

function postJson(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body });
}

// ---- building the page ----
function text(v) { return v === null || v === undefined ? '' : String(v); }

/** An element with properties (attributes for data-*), and children: nodes, (nested) arrays of them, or anything else as text. */
function h(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (v === null || v === undefined) return;
    if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  });
  children.flat(Infinity).forEach(c => e.append(c instanceof Node ? c : text(c)));
  return e;
}

/** Replaces the children of the element with this id (absent when the view changed meanwhile). */
function show(id, ...nodes) {
  const e = document.getElementById(id);
  if (e) e.replaceChildren(...nodes);
  return e;
}

function num(v, digits) { return v === null || v === undefined ? '' : Number(v).toFixed(digits === undefined ? 3 : digits); }

/** A table: each column has a title and either value(row) (text) or node(row) (an element). */
function table(columns, rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c.title)))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', {}, c.node ? c.node(r) : text(c.value(r))))))));
}

function deviceLink(id, className) {
  return h('a', { className: className || '', href: '#/device/' + encodeURIComponent(id) }, id);
}

/** Creates or updates a Chart.js chart on a canvas; the canvas carries the number of points for tests. */
function chart(id, config, points) {
  const canvas = document.getElementById(id);
  if (!canvas) return;
  canvas.dataset.points = points;
  if (charts[id] && charts[id].canvas === canvas) {
    charts[id].data = config.data;
    charts[id].update('none');
  } else {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
    charts[id] = new Chart(canvas, config);
  }
}

// ---- Overview ----
const lastTopics = {};
function overview() {
  page.innerHTML = `
    <section><h2>Pipeline</h2><div id="flow" class="flow"></div></section>
    <div class="charts">
      <section><h2>Quality of each evaluated global version</h2><div class="chart"><canvas id="f1-chart"></canvas></div></section>
      <section><h2>Anomalies per minute (last hour of data)</h2><div class="chart"><canvas id="anomaly-rate-chart"></canvas></div></section>
    </div>
    <section><h2>Latency CDF (latest <code>flead bench latency</code>)</h2><div id="latency"></div></section>`;
  return { refresh: async () => { await Promise.all([flow(), quality(), anomalyRate(), latency()]); } };
}

function node(title, ...lines) {
  return h('div', { className: 'node' }, h('b', {}, title), lines);
}

function state(s) { return h('span', { className: text(s) }, s); }

async function flow() {
  const p = await api('/api/pipeline');
  const now = Date.parse(p.time);
  const rate = t => {
    const prev = lastTopics[t.topic];
    lastTopics[t.topic] = { records: t.records, at: now };
    return prev && now > prev.at ? ((t.records - prev.records) * 1000 / (now - prev.at)) : 0;
  };
  const topics = p.topics.map(t => {
    const n = node(t.topic, t.records + ' records', h('br'), num(rate(t), 1) + '/s');
    n.dataset.topic = t.topic;
    return n;
  });
  const connectors = p.connectors.map(c => node(c.name, state(c.state),
    (c.tasks || []).map(t => [h('br'), 'task ' + t.id + ': ', state(t.state)])));
  const functions = Object.entries(p.functions).map(([n, s]) => node(n, state(s)));
  const tables = p.tables.map(t => node(t.table, text(t.rows) + ' rows'));
  const lag = p.consumer_groups.map(g => node(g.group, 'lag ' + g.lag));
  const arrow = () => h('span', { className: 'arrow' }, '→');
  show('flow',
    h('div', { className: 'flow' }, connectors), arrow(),
    h('div', { className: 'flow' }, topics), arrow(),
    h('div', { className: 'flow' }, functions), arrow(),
    h('div', { className: 'flow' }, tables),
    h('div', { className: 'flow lag' }, h('span', {}, 'consumer lag:'), lag));
}

/**
 * One point per evaluated version: a model's `evaluation` is the evaluation of one earlier version (the newest base of
 * its round), summed over more updates as later versions publish it again; the latest publication of each wins.
 * Versions without an evaluation have no point (never a 0).
 */
function evaluatedVersions(models) {
  const byVersion = new Map();
  models.filter(m => m.evaluation).sort((a, b) => a.version - b.version).forEach(m => byVersion.set(m.evaluation.version, m.evaluation));
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

async function quality() {
  const evaluated = evaluatedVersions(await api('/api/models?limit=500'));
  chart('f1-chart', {
    type: 'line',
    data: {
      labels: evaluated.map(e => 'v' + e.version),
      datasets: ['f1', 'precision', 'recall'].map((k, i) => ({ label: k, data: evaluated.map(e => e[k]),
        borderColor: ['#4fa3ff', '#1a7f37', '#b26a00'][i], pointRadius: 2 }))
    },
    options: { scales: { y: { min: 0, max: 1 } } }
  }, evaluated.length);
}

function reasons(counts) {
  const entries = Object.entries(counts || {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([k, v]) => k + ' ' + v).join(', ') : 'none';
}

async function anomalyRate() {
  const c = await api('/api/anomalies/count?range=1h&bucket=1m');
  const buckets = c.buckets || [];
  chart('anomaly-rate-chart', {
    type: 'bar',
    data: { labels: buckets.map(b => b.time.substring(11, 16)), datasets: [{ label: 'anomalies', data: buckets.map(b => b.count), backgroundColor: '#c62828' }] }
  }, buckets.length);
}

async function latency() {
  const b = await api('/api/bench/latency');
  const el = document.getElementById('latency');
  if (!b.available) {
    el.replaceChildren('No latency CDF yet: run ', h('code', {}, './flead bench latency --producers 1,2,3,4'), '.');
  } else if (b.svg && el.dataset.modified !== b.modified) {
    // an <img> cannot send the token: the SVG is fetched with it and shown from a blob URL
    const r = await fetch(b.svg, authorized());
    if (!r.ok) throw new Error('latency CDF: HTTP ' + r.status);
    const old = document.getElementById('latency-cdf');
    if (old) URL.revokeObjectURL(old.src);
    el.dataset.modified = b.modified;
    el.replaceChildren(h('img', { id: 'latency-cdf', alt: 'latency CDF', src: URL.createObjectURL(await r.blob()) }),
      h('div', {}, 'written ' + text(b.modified)));
  }
}

// ---- Devices ----
function devices() {
  const state = { page: 1, perPage: 10, q: '', sort: 'device_id' };
  page.innerHTML = `
    <section><h2>Devices</h2>
      <input id="device-search" placeholder="search device id">
      <select id="device-sort">
        <option>device_id</option><option>-anomalies</option><option>-anomaly_rate</option><option>-rows</option><option>-last_seen</option>
      </select>
      <div class="pager"><button id="prev-page">‹ previous</button><span id="page-info"></span><button id="next-page">next ›</button>
        <span id="device-as-of"></span></div>
      <div id="device-table"></div>
    </section>`;
  const refresh = async () => {
    const qs = new URLSearchParams({ page: state.page, per_page: state.perPage, sort: state.sort });
    if (state.q) qs.set('q', state.q);
    const seq = state.seq = (state.seq || 0) + 1;
    const d = await api('/api/devices?' + qs);
    if (seq !== state.seq) return;   // a newer search or page was asked for meanwhile: its answer wins
    const pages = Math.max(1, Math.ceil(d.total / d.per_page));
    show('page-info', `page ${d.page} of ${pages} (${d.total} devices)`);
    show('device-as-of', d.as_of ? 'counts as of ' + new Date(d.as_of).toLocaleTimeString() : '');
    show('device-table', table([
      { title: 'device', node: r => deviceLink(r.device_id, 'device-link') },
      { title: 'rows', value: r => r.rows },
      { title: 'first seen', value: r => r.first_seen },
      { title: 'last seen', value: r => r.last_seen },
      { title: 'anomalies', value: r => r.anomalies },
      { title: 'anomaly rate', value: r => num(r.anomaly_rate) },
      { title: 'last drift alert', node: r => r.last_drift_time
        ? h('span', {}, h('span', { className: text(r.last_drift_severity) }, `${text(r.last_drift_feature)} (${text(r.last_drift_method)})`),
          ' ' + r.last_drift_time)
        : '' }
    ], d.devices));
    state.pages = pages;
  };
  document.getElementById('device-search').addEventListener('input', e => { state.q = e.target.value.trim(); state.page = 1; refresh(); });
  document.getElementById('device-sort').addEventListener('change', e => { state.sort = e.target.value; state.page = 1; refresh(); });
  document.getElementById('prev-page').addEventListener('click', () => { if (state.page > 1) { state.page--; refresh(); } });
  document.getElementById('next-page').addEventListener('click', () => { if (state.page < (state.pages || 1)) { state.page++; refresh(); } });
  return { refresh };
}

// ---- Device ----
function device(id) {
  const state = { features: ['tcp.len', 'tcp.ack'] };
  page.innerHTML = `
    <section><h2>Device <span id="device-id"></span></h2><div id="device-summary"></div></section>
    <section><h2>Telemetry</h2>
      features: <select id="feature-select" multiple size="4"></select>
      <div class="chart"><canvas id="telemetry-chart"></canvas></div>
      <div>anomalies marked: <span id="anomaly-marks">0</span></div>
    </section>
    <section><h2>Drift alerts</h2><div id="device-alerts"></div></section>
    <section><h2>Local updates</h2><div id="device-updates"></div></section>`;
  show('device-id', id);
  const select = document.getElementById('feature-select');
  select.addEventListener('change', () => {
    state.features = Array.from(select.selectedOptions).map(o => o.value).slice(0, 6);
    refresh();
  });
  const refresh = async () => {
    const [d, t] = await Promise.all([api('/api/devices/' + encodeURIComponent(id)),
      api('/api/devices/' + encodeURIComponent(id) + '/telemetry?limit=300')]);
    show('device-summary', `${text(d.rows)} rows from ${text(d.first_seen)} to ${text(d.last_seen)}; `
      + `${text(d.anomalies)} anomalies (rate ${num(d.anomaly_rate)})`);
    const names = Object.keys((t.rows[0] || {}).features || {}).sort();
    if (select.options.length !== names.length) {
      select.replaceChildren(...names.map(n => h('option', { value: n, selected: state.features.includes(n) }, n)));
    }
    const flagged = new Set(t.anomalies.map(a => a.seq));
    const labels = t.rows.map(r => r.time.substring(11, 19));
    const datasets = state.features.map((f, i) => ({ label: f, data: t.rows.map(r => r.features[f] === undefined ? null : r.features[f]),
      borderColor: ['#4fa3ff', '#1a7f37', '#b26a00', '#6f42c1', '#00838f', '#795548'][i % 6], pointRadius: 0, borderWidth: 1 }));
    const first = state.features[0];
    datasets.push({ label: 'anomaly', type: 'scatter', showLine: false, pointRadius: 5, backgroundColor: '#c62828',
      data: t.rows.map(r => flagged.has(r.seq) ? (r.features[first] === undefined ? 0 : r.features[first]) : null) });
    const marks = t.rows.filter(r => flagged.has(r.seq)).length;
    show('anomaly-marks', marks);
    chart('telemetry-chart', { type: 'line', data: { labels, datasets } }, t.rows.length);
    document.getElementById('telemetry-chart').dataset.anomalies = marks;
    show('device-alerts', table([
      { title: 'time', value: r => r.time }, { title: 'feature', value: r => r.feature }, { title: 'method', value: r => r.method },
      { title: 'statistic', value: r => num(r.statistic) }, { title: 'threshold', value: r => num(r.threshold) },
      { title: 'severity', node: r => h('span', { className: text(r.severity) }, r.severity) }, { title: 'model', value: r => r.model_version }
    ], d.drift_alerts));
    show('device-updates', table([
      { title: 'time', value: r => r.time }, { title: 'update', value: r => r.update_id }, { title: 'base version', value: r => r.base_version },
      { title: 'samples', value: r => r.n_samples }, { title: 'loss', value: r => num(r.loss, 4) }
    ], d.local_updates));
  };
  return { refresh };
}

// ---- Models ----
function models() {
  page.innerHTML = `
    <section><h2>Predict with the current global model</h2>
      <button id="load-row">Load a device's latest reading</button> <button id="predict-button">Predict</button> <button id="close-round">Close the round now</button>
      <textarea id="predict-input">{"features":{}}</textarea>
      <pre id="predict-result"></pre>
    </section>
    <section><h2>Global model versions</h2><div id="latest-version"></div><div id="model-table"></div></section>`;
  document.getElementById('load-row').addEventListener('click', loadRow);
  document.getElementById('predict-button').addEventListener('click', predict);
  document.getElementById('close-round').addEventListener('click', closeRound);
  const refresh = async () => {
    const m = await api('/api/models?limit=200');
    const after = await api('/api/rejections');
    const latest = m[0];
    show('latest-version', latest
      ? `latest v${latest.version}: accepted ${text(latest.accepted)}; rejected: ${reasons(latest.rejected_counts)}; `
        + `rejected after it: ${reasons(after.rejected_after)}; `
        + (latest.evaluation ? `evaluated v${latest.evaluation.version}: F1 ${num(latest.evaluation.f1)}` : 'evaluation none')
      : `no global version yet; rejected: ${reasons(after.rejected_after)}`);
    show('model-table', table([
      { title: 'version', value: r => r.version }, { title: 'time', value: r => r.time }, { title: 'strategy', value: r => r.strategy },
      { title: 'accepted', value: r => r.accepted }, { title: 'samples', value: r => r.n_samples },
      { title: 'max staleness', value: r => r.max_staleness },
      { title: 'threshold', value: r => num(r.threshold) },
      { title: 'evaluated', value: r => r.evaluation ? 'v' + r.evaluation.version + ' (' + r.evaluation.updates + ' updates)' : 'none' },
      { title: 'precision', value: r => r.evaluation ? num(r.evaluation.precision) : '' },
      { title: 'recall', value: r => r.evaluation ? num(r.evaluation.recall) : '' },
      { title: 'F1', value: r => r.evaluation ? num(r.evaluation.f1) : '' },
      { title: 'rejected', node: r => r.rejected_count
        ? h('details', {}, h('summary', {}, reasons(r.rejected_counts)),
          (r.rejected || []).map(x => h('div', { className: 'rejection' }, text(x.update_id) + ': ' + text(x.reason))))
        : reasons(r.rejected_counts) }
    ], m));
  };
  return { refresh };
}

async function loadRow() {
  const d = await api('/api/devices?per_page=1&sort=-anomalies');
  const m = (await api('/api/models?limit=1'))[0];
  const model = await api('/api/models/' + m.version);
  const t = await api('/api/devices/' + encodeURIComponent(d.devices[0].device_id) + '/telemetry?limit=1');
  const features = {};
  model.feature_names.forEach(n => { const v = t.rows[0].features[n]; features[n] = typeof v === 'number' ? v : 0; });
  document.getElementById('predict-input').value = JSON.stringify({ features }, null, 1);
}

async function predict() {
  const out = document.getElementById('predict-result');
  try {
    const r = await postJson('/api/predict', document.getElementById('predict-input').value);
    out.className = '';
    out.textContent = JSON.stringify(r, null, 2);
  } catch (e) {
    out.className = 'error';
    out.textContent = e.message;
  }
}

async function closeRound() {
  const out = document.getElementById('predict-result');
  try {
    out.textContent = JSON.stringify(await postJson('/api/rounds/close', ''), null, 2);
  } catch (e) {
    out.textContent = (e.body && e.body.reason) || e.message;
  }
}

// ---- Anomalies ----
function anomalies() {
  const state = { device: '', limit: 50 };
  page.innerHTML = `
    <section><h2>Latest anomalies</h2>
      <input id="anomaly-device" placeholder="filter by device id"> <select id="anomaly-limit"><option>50</option><option>100</option><option>500</option></select>
      <span id="anomaly-count"></span>
      <div id="anomaly-table"></div>
    </section>`;
  document.getElementById('anomaly-device').addEventListener('change', e => { state.device = e.target.value.trim(); refresh(); });
  document.getElementById('anomaly-limit').addEventListener('change', e => { state.limit = e.target.value; refresh(); });
  const refresh = async () => {
    const qs = new URLSearchParams({ limit: state.limit });
    if (state.device) qs.set('device', state.device);
    const rows = await api('/api/anomalies/latest?' + qs);
    show('anomaly-count', rows.length + ' shown');
    show('anomaly-table', table([
      { title: 'time', value: r => r.time },
      { title: 'device', node: r => deviceLink(r.device_id) },
      { title: 'seq', value: r => r.seq }, { title: 'score', value: r => num(r.score) }, { title: 'threshold', value: r => num(r.threshold) },
      { title: 'model', value: r => r.model_version }, { title: 'method', value: r => r.method }, { title: 'label', value: r => r.label },
      { title: 'top features', value: r => (r.top_features || []).map(f => f.feature).join(', ') }
    ], rows));
  };
  return { refresh };
}

// ---- Sign in (no token, or a token this server does not accept) ----
function signIn(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  page.dataset.view = 'sign-in';
  page.replaceChildren(h('section', { id: 'sign-in' },
    h('h2', {}, 'Sign in'),
    h('p', {}, message),
    h('p', {}, 'Open the console URL that ', h('code', {}, 'flead up'), ' printed (it ends in ', h('code', {}, '#token=…'),
      '), or paste the token from ', h('code', {}, '<work dir>/api-token'), ' (docker-compose: ', h('code', {}, 'FLEAD_API_TOKEN'), '):'),
    h('input', { id: 'token-input', type: 'password', autocomplete: 'off', size: 50 }), ' ',
    h('button', { id: 'token-button' }, 'Sign in')));
  document.getElementById('token-button').addEventListener('click', () => {
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token-input').value.trim());
    route();
  });
}

// ---- routing and live refresh ----
function decoded(segment) {
  try { return decodeURIComponent(segment); } catch (e) { return segment; }
}

function route() {
  const hash = location.hash || '#/overview';
  const [, name, arg] = hash.split('/');
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === '#/' + name));
  Object.keys(charts).forEach(k => { charts[k].destroy(); delete charts[k]; });
  const views = { overview, devices, models, anomalies, device: () => device(decoded(arg || '')) };
  page.dataset.loaded = 'false';
  current = (views[name] || overview)();
  page.dataset.view = views[name] ? name : 'overview';
  tick();
}

async function tick() {
  clearTimeout(timer);
  const view = current;
  try {
    await view.refresh();
    show('refreshed', 'updated ' + new Date().toLocaleTimeString());
    page.dataset.loaded = 'true';
  } catch (e) {
    if (e.status === 401) {
      show('refreshed', '');
      if (view === current) signIn(e.message);
      return;   // nothing to refresh until signed in
    }
    show('refreshed', h('span', { className: 'error' }, e.message));
  }
  if (view === current) timer = setTimeout(tick, REFRESH_MS);
}

window.addEventListener('hashchange', () => { takeTokenFromUrl(); route(); });
takeTokenFromUrl();
route();
