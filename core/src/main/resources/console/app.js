// The Baihua web console: one page, hash routes, the REST API with the user's key as Bearer.
// The key lives in sessionStorage only. All UI text comes from i18n/<lang>.json.
(function () {
  'use strict';

  const C = window.BaihuaCharts;
  const el = C.el;
  const KEY = 'baihua.key';
  const LANG = 'baihua.lang';
  const state = { texts: {}, lang: 'en', me: null, domains: null };

  // ---- text ----------------------------------------------------------------------------------

  function t(key, params) {
    let text = state.texts[key];
    if (text === undefined) {
      text = key; // a missing key shows itself, and a test keeps both files complete
    }
    Object.entries(params || {}).forEach(([k, v]) => {
      text = text.split('{' + k + '}').join(String(v));
    });
    return text;
  }

  async function loadLanguage(lang) {
    const response = await fetch('i18n/' + lang + '.json', { cache: 'no-cache' });
    state.texts = await response.json();
    state.lang = lang;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.i18nLabel)));
    document.getElementById('lang').value = lang;
  }

  function preferredLanguage() {
    const chosen = localStorage.getItem(LANG);
    if (chosen === 'en' || chosen === 'zh') {
      return chosen;
    }
    return (navigator.languages || [navigator.language || 'en']).some((l) => /^zh\b/i.test(l)) ? 'zh' : 'en';
  }

  // ---- API -----------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, detail, field) {
      super(detail);
      this.status = status;
      this.field = field;
    }
  }

  async function api(method, path, body, contentType) {
    const headers = { Accept: 'application/json' };
    const key = sessionStorage.getItem(KEY);
    if (key) {
      headers.Authorization = 'Bearer ' + key;
    }
    let payload;
    if (body !== undefined) {
      if (contentType) {
        headers['Content-Type'] = contentType;
        payload = body;
      } else {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
      }
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, t('error.network'));
    }
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const detail = json && json.detail ? json.detail : response.status + ' ' + response.statusText;
      throw new ApiError(response.status, detail, json && json.field);
    }
    return json;
  }

  /** Follows a job's Server-Sent Events (fetch, so the key goes in the header), calling back per update. */
  async function followJob(id, onJob, signal) {
    const response = await fetch('/api/v1/jobs/' + encodeURIComponent(id) + '/events', {
      headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + sessionStorage.getItem(KEY) }, signal,
    });
    if (!response.ok || !response.body) {
      throw new ApiError(response.status, t('error.stream'));
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (data) {
          onJob(JSON.parse(data));
        }
      }
    }
  }

  // ---- page helpers --------------------------------------------------------------------------

  const main = () => document.getElementById('main');

  function can(role) {
    const order = ['reader', 'trainer', 'admin'];
    return state.me && order.indexOf(state.me.role) >= order.indexOf(role);
  }

  function say(message, kind) {
    const status = document.getElementById('status');
    status.textContent = message || '';
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function problem(e) {
    say(e instanceof ApiError ? t('error.api', { status: e.status, detail: e.message }) : String(e), 'error');
  }

  function page(titleKey, params, ...children) {
    const h1 = el('h1', { tabindex: '-1', id: 'page-title' }, [t(titleKey, params)]);
    main().replaceChildren(h1, ...children);
    h1.focus();
  }

  function link(href, text, attrs) {
    return el('a', Object.assign({ href }, attrs || {}), [text]);
  }

  function button(textKey, onClick, attrs) {
    const b = el('button', Object.assign({ type: 'button' }, attrs || {}), [t(textKey)]);
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await onClick();
      } catch (e) {
        problem(e);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  }

  function field(labelKey, input, hintKey) {
    const id = input.id || ('f-' + Math.random().toString(36).slice(2));
    input.id = id;
    const parts = [el('label', { for: id }, [t(labelKey)]), input];
    if (hintKey) {
      const hint = el('small', { id: id + '-hint', class: 'hint' }, [t(hintKey)]);
      input.setAttribute('aria-describedby', hint.id);
      parts.push(hint);
    }
    return el('div', { class: 'field' }, parts);
  }

  function section(titleKey, ...children) {
    return el('section', {}, [el('h2', {}, [t(titleKey)]), ...children]);
  }

  function dl(pairs) {
    const items = [];
    pairs.forEach(([k, v]) => {
      items.push(el('dt', {}, [t(k)]));
      items.push(el('dd', {}, [v === null || v === undefined ? '–' : (v instanceof Node ? v : C.format(v))]));
    });
    return el('dl', { class: 'facts' }, items);
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en') : '–';
  }

  function form(onSubmit, ...children) {
    const f = el('form', { novalidate: '' }, children);
    f.addEventListener('submit', async (event) => {
      event.preventDefault();
      const submit = f.querySelector('[type=submit]');
      if (submit) {
        submit.disabled = true;
      }
      try {
        await onSubmit(f);
      } catch (e) {
        problem(e);
        if (e.field) {
          const input = f.querySelector('[name="' + e.field + '"]');
          if (input) {
            input.setAttribute('aria-invalid', 'true');
            input.focus();
          }
        }
      } finally {
        if (submit) {
          submit.disabled = false;
        }
      }
    });
    return f;
  }

  function submit(textKey, id) {
    return el('button', { type: 'submit', id }, [t(textKey)]);
  }

  async function domains() {
    if (!state.domains) {
      state.domains = await api('GET', '/api/v1/domains');
    }
    return state.domains;
  }

  async function taskOf(domainId, taskId) {
    const domain = (await domains()).find((d) => d.id === domainId);
    return domain ? domain.tasks.find((x) => x.id === taskId) : null;
  }

  // ---- login ---------------------------------------------------------------------------------

  function loginPage() {
    const input = el('input', { type: 'password', name: 'key', id: 'login-key', autocomplete: 'off', required: '' });
    page('login.title', {}, el('p', {}, [t('login.intro')]), form(async () => {
      const key = input.value.trim();
      if (!key) {
        throw new ApiError(400, t('login.empty'), 'key');
      }
      sessionStorage.setItem(KEY, key);
      try {
        state.me = await api('GET', '/api/v1/me');
      } catch (e) {
        sessionStorage.removeItem(KEY);
        state.me = null;
        if (e.status === 401) {
          throw new ApiError(401, t('login.invalid'), 'key');
        }
        throw e;
      }
      say(t('login.welcome', { name: state.me.name, role: t('role.' + state.me.role) }), 'ok');
      renderChrome();
      if (location.hash === '#/models') {
        await route();
      } else {
        location.hash = '#/models';
      }
    }, field('login.key', input, 'login.hint'), submit('login.submit', 'login-submit')));
  }

  // ---- plugins, domains and tasks ------------------------------------------------------------

  async function pluginsPage() {
    const plugins = await api('GET', '/api/v1/plugins');
    state.domains = null;
    const all = await domains();
    const rows = plugins.map((p) => {
      const actions = el('td', { class: 'actions' });
      if (can('admin')) {
        if (p.state === 'DISABLED') {
          actions.append(button('plugins.enable', async () => {
            await api('POST', '/api/v1/plugins/' + encodeURIComponent(p.id) + '/enable');
            say(t('plugins.enabled', { id: p.id }), 'ok');
            await pluginsPage();
          }, { class: 'mutating', id: 'plugin-enable-' + p.id }));
        } else {
          actions.append(button('plugins.disable', async () => {
            await api('POST', '/api/v1/plugins/' + encodeURIComponent(p.id) + '/disable');
            say(t('plugins.disabled', { id: p.id }), 'ok');
            await pluginsPage();
          }, { class: 'mutating', id: 'plugin-disable-' + p.id }));
        }
        actions.append(button('plugins.remove', async () => {
          if (!window.confirm(t('plugins.confirmRemove', { id: p.id }))) {
            return;
          }
          await api('DELETE', '/api/v1/plugins/' + encodeURIComponent(p.id));
          say(t('plugins.removed', { id: p.id }), 'ok');
          await pluginsPage();
        }, { class: 'mutating danger', id: 'plugin-remove-' + p.id }));
      }
      return el('tr', {}, [el('td', {}, [p.id]), el('td', {}, [p.version]), el('td', {}, [t('pluginState.' + p.state)]),
        el('td', {}, [p.domains.join(', ')]), el('td', {}, [p.failureReason || '']), actions]);
    });
    const head = ['plugins.id', 'plugins.version', 'plugins.state', 'plugins.domains', 'plugins.failure', 'common.actions'];
    const parts = [section('plugins.installed', el('table', { class: 'data', id: 'plugins-table' }, [
      el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col' }, [t(h)])))]), el('tbody', {}, rows)]))];
    if (can('admin')) {
      const file = el('input', { type: 'file', name: 'plugin', accept: '.zip,application/zip', id: 'plugin-file' });
      parts.push(section('plugins.install', form(async () => {
        if (!file.files.length) {
          throw new ApiError(400, t('plugins.chooseFile'), 'plugin');
        }
        const info = await api('POST', '/api/v1/plugins', file.files[0], 'application/zip');
        say(t('plugins.installedOne', { id: info.id, version: info.version }), 'ok');
        await pluginsPage();
      }, field('plugins.file', file), submit('plugins.installButton', 'plugin-install'))));
    }
    parts.push(section('domains.title', ...all.map((d) => el('section', { class: 'domain' }, [
      el('h3', {}, [d.displayName + ' (' + d.id + ')']),
      el('p', {}, [t('domains.from', { plugin: d.plugin, version: d.pluginVersion })]),
      C.table([t('tasks.id'), t('tasks.kind'), t('tasks.labels'), t('tasks.inputs'), t('tasks.metric'), t('tasks.policy')],
        d.tasks.map((x) => [x.id + ' — ' + x.description, x.kind, x.labelsFromData ? t('tasks.fromData') : x.labels.join(', '),
          x.inputs.map((i) => i.name + ':' + i.type.toLowerCase()).join(', '), x.primaryMetric,
          policyName(x.decisionPolicy)]))]))));
    page('plugins.title', {}, ...parts);
  }

  function policyName(policy) {
    if (!policy) {
      return '–';
    }
    if (policy.threshold !== undefined) {
      return t('policy.threshold', { label: policy.positiveLabel, threshold: C.format(policy.threshold) });
    }
    if (policy.costs !== undefined) {
      return t('policy.minimumCost');
    }
    if (policy.k !== undefined) {
      return t('policy.topK', { k: policy.k });
    }
    return t('policy.argmax');
  }

  // ---- data sets -----------------------------------------------------------------------------

  async function taskOptions(select) {
    (await domains()).forEach((d) => d.tasks.forEach((x) => {
      select.append(el('option', { value: d.id + '/' + x.id }, [d.displayName + ' / ' + x.id]));
    }));
  }

  async function datasetsPage() {
    const list = await api('GET', '/api/v1/datasets');
    const rows = list.map((d) => [d, d.name, d.domain + ' / ' + d.task, d.rows, d.rejectedCount, when(d.createdAt)]);
    const body = rows.map((r) => el('tr', {}, [el('td', {}, [link('#/datasets/' + r[0].id, r[0].id)]),
      ...r.slice(1).map((v) => el('td', {}, [C.format(v)]))]));
    const head = ['datasets.id', 'datasets.name', 'datasets.task', 'datasets.rows', 'datasets.rejected', 'common.created'];
    const file = el('input', { type: 'file', name: 'file', id: 'upload-file' });
    const task = el('select', { name: 'task', id: 'upload-task' });
    await taskOptions(task);
    const format = el('input', { name: 'format', id: 'upload-format', value: 'csv' });
    const name = el('input', { name: 'name', id: 'upload-name' });
    const mapping = el('input', { name: 'mapping', id: 'upload-mapping', placeholder: 'label=outcome' });
    const labelValues = el('input', { name: 'labelValues', id: 'upload-label-values', placeholder: '0:negative,1:positive' });
    const options = el('textarea', { name: 'options', id: 'upload-options', rows: '3', placeholder: 'header=false' });
    const upload = form(async () => {
      if (!file.files.length) {
        throw new ApiError(400, t('datasets.chooseFile'), 'file');
      }
      const [domain, taskId] = task.value.split('/');
      const query = new URLSearchParams({ domain, task: taskId, format: format.value.trim() || 'csv' });
      [['name', name], ['mapping', mapping], ['labelValues', labelValues]].forEach(([k, input]) => {
        if (input.value.trim()) {
          query.set(k, input.value.trim());
        }
      });
      options.value.split('\n').map((l) => l.trim()).filter((l) => l).forEach((line) => {
        const eq = line.indexOf('=');
        if (eq < 1) {
          throw new ApiError(400, t('datasets.badOption', { line }), 'options');
        }
        query.set('option.' + line.slice(0, eq).trim(), line.slice(eq + 1).trim());
      });
      const type = { csv: 'text/csv', jsonl: 'application/x-ndjson', json: 'application/json' }[format.value.trim()]
        || 'application/octet-stream';
      const created = await api('POST', '/api/v1/datasets?' + query, file.files[0], type);
      say(t(created.reused ? 'datasets.reused' : 'datasets.created', { id: created.id, rows: created.rows }), 'ok');
      location.hash = '#/datasets/' + created.id;
    }, field('datasets.file', file), field('datasets.task', task), field('datasets.format', format, 'datasets.formatHint'),
    field('datasets.name', name), field('datasets.mapping', mapping, 'datasets.mappingHint'),
    field('datasets.labelValues', labelValues, 'datasets.labelValuesHint'),
    field('datasets.options', options, 'datasets.optionsHint'), submit('datasets.upload', 'upload-submit'));
    page('datasets.title', {}, section('datasets.uploadTitle', upload), section('datasets.list', el('table', { class: 'data', id: 'datasets-table' }, [
      el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col' }, [t(h)])))]), el('tbody', {}, body)])));
  }

  async function datasetPage(id, offset) {
    const d = await api('GET', '/api/v1/datasets/' + encodeURIComponent(id));
    const page0 = await api('GET', '/api/v1/datasets/' + encodeURIComponent(id) + '/rows?limit=20&offset=' + (offset || 0));
    const columns = [];
    page0.rows.forEach((r) => Object.keys(r.values).forEach((k) => { if (!columns.includes(k)) { columns.push(k); } }));
    const total = Object.values(d.labelCounts).reduce((a, b) => a + b, 0) || 1;
    const counts = el('table', { class: 'data', id: 'label-counts' }, [
      el('thead', {}, [el('tr', {}, [t('datasets.label'), t('datasets.count'), t('datasets.share')].map((h) => el('th', { scope: 'col' }, [h])))]),
      el('tbody', {}, Object.entries(d.labelCounts).map(([label, count]) => {
        const bar = el('span', { class: 'bar' });
        bar.style.width = (8 * count / total).toFixed(2) + 'em';
        return el('tr', {}, [el('td', {}, [label]), el('td', {}, [String(count)]),
          el('td', { class: 'bar-cell' }, [bar, el('span', {}, [(100 * count / total).toFixed(1) + ' %'])])]);
      }))]);
    const nav = el('p', { class: 'pager' });
    const from = page0.offset;
    if (from > 0) {
      nav.append(link('#/datasets/' + id + '?offset=' + Math.max(0, from - 20), t('common.previous')), ' ');
    }
    nav.append(t('datasets.showing', { from: page0.rows.length ? from + 1 : 0, to: from + page0.rows.length, total: page0.total }));
    if (from + page0.rows.length < page0.total) {
      nav.append(' ', link('#/datasets/' + id + '?offset=' + (from + 20), t('common.next')));
    }
    const actions = el('p', {}, [link('#/train?dataset=' + encodeURIComponent(d.id), t('datasets.trainOn'), { class: 'button-link', id: 'train-link' })]);
    page('datasets.one', { name: d.name || d.id },
      dl([['datasets.id', d.id], ['datasets.task', d.domain + ' / ' + d.task], ['datasets.format', d.format],
        ['datasets.rows', d.rows], ['datasets.rejected', d.rejectedCount], ['common.created', when(d.createdAt)],
        ['common.createdBy', d.createdBy]]),
      actions,
      section('datasets.labelCounts', counts),
      section('datasets.rowsTitle', nav, C.table([t('datasets.line')].concat(columns),
        page0.rows.map((r) => [r.line].concat(columns.map((c) => shorten(r.values[c])))), '', 'rows-table')),
      section('datasets.rejectedTitle', d.rejected.length
        ? C.table([t('datasets.line'), t('datasets.reason')], d.rejected.map((r) => [r.line, r.reason]), '', 'rejected-table')
        : el('p', { id: 'rejected-none' }, [t('datasets.noneRejected')])));
  }

  function shorten(v) {
    if (v === null || v === undefined) {
      return '';
    }
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return s.length > 160 ? s.slice(0, 157) + '…' : s;
  }

  // ---- training ------------------------------------------------------------------------------

  async function trainPage(params) {
    const list = await api('GET', '/api/v1/datasets');
    const dataset = el('select', { name: 'dataset', id: 'train-dataset' }, list.map((d) =>
      el('option', { value: d.id }, [(d.name || d.id) + ' — ' + d.domain + ' / ' + d.task + ' (' + d.rows + ')'])));
    if (params.get('dataset')) {
      dataset.value = params.get('dataset');
    }
    const name = el('input', { name: 'name', id: 'train-name', required: '' });
    const epochs = el('input', { name: 'training.epochs', id: 'train-epochs', type: 'number', min: '1', max: '10000' });
    const seed = el('input', { name: 'training.seed', id: 'train-seed', type: 'number' });
    const learningRate = el('input', { name: 'training.learningRate', id: 'train-lr', type: 'number', step: 'any' });
    const patience = el('input', { name: 'training.patience', id: 'train-patience', type: 'number', min: '0' });
    page('train.title', {}, form(async () => {
      const chosen = list.find((d) => d.id === dataset.value);
      if (!chosen) {
        throw new ApiError(400, t('train.chooseDataset'), 'dataset');
      }
      const training = {};
      [['epochs', epochs, parseInt], ['seed', seed, parseInt], ['learningRate', learningRate, parseFloat],
        ['patience', patience, parseInt]].forEach(([k, input, parse]) => {
        if (input.value.trim()) {
          training[k] = parse(input.value, 10);
        }
      });
      const queued = await api('POST', '/api/v1/models', {
        name: name.value.trim(), domain: chosen.domain, task: chosen.task, dataset: chosen.id, training,
      });
      say(t('train.queued', { model: queued.model, version: queued.version }), 'ok');
      location.hash = '#/jobs/' + queued.job;
    }, field('train.dataset', dataset), field('train.name', name, 'train.nameHint'), field('train.epochs', epochs),
    field('train.seed', seed), field('train.learningRate', learningRate), field('train.patience', patience),
    submit('train.start', 'train-submit')));
  }

  let stream = null;

  async function jobPage(id) {
    const job = await api('GET', '/api/v1/jobs/' + encodeURIComponent(id));
    const bar = el('progress', { id: 'job-progress', max: '1', value: '0', 'aria-labelledby': 'job-line' });
    const line = el('p', { id: 'job-line', role: 'status' });
    const stateLine = el('p', { id: 'job-state' });
    const chartBox = el('div', { id: 'job-chart' });
    const after = el('p', { id: 'job-after' });
    const epochs = [];
    page('job.title', { model: job.model, version: job.version }, stateLine, bar, line, chartBox, after,
      can('trainer') ? button('job.cancel', async () => {
        await api('POST', '/api/v1/jobs/' + encodeURIComponent(id) + '/cancel');
      }, { id: 'job-cancel', class: 'mutating' }) : '');
    const draw = () => chartBox.replaceChildren(trainingChart(epochs.map((e) => ({
      epoch: e.epoch, trainLoss: e.loss, validation: e.validationMetric })), 'job-curve'));
    const update = (j) => {
      const p = j.progress || {};
      const active = j.state === 'QUEUED' || j.state === 'RUNNING';
      stateLine.textContent = t('job.state', { state: t('jobState.' + j.state),
        phase: active && p.phase ? (state.texts['phase.' + p.phase] || p.phase) : '' });
      const cancel = document.getElementById('job-cancel');
      if (cancel) {
        cancel.hidden = !active;
      }
      stateLine.dataset.state = j.state;
      if (p.epochs) {
        bar.max = p.epochs;
        bar.value = p.epoch;
        line.textContent = t('job.epoch', { epoch: p.epoch, epochs: p.epochs, loss: C.format(p.loss),
          metric: C.format(p.validationMetric) });
        if (p.epoch && !epochs.some((e) => e.epoch === p.epoch)) {
          epochs.push({ epoch: p.epoch, loss: p.loss, validationMetric: p.validationMetric });
          draw();
        }
      }
      if (j.state === 'SUCCEEDED') {
        bar.value = bar.max;
        after.replaceChildren(link('#/models/' + encodeURIComponent(j.model) + '/versions/' + j.version,
          t('job.openVersion', { version: j.version }), { id: 'open-version', class: 'button-link' }));
        say(t('job.done', { model: j.model, version: j.version }), 'ok');
      } else if (j.state === 'FAILED' || j.state === 'CANCELLED') {
        after.textContent = j.error || '';
        say(t('job.ended', { state: t('jobState.' + j.state), error: j.error || '' }), 'error');
      }
    };
    update(job);
    if (job.state === 'QUEUED' || job.state === 'RUNNING') {
      const controller = new AbortController();
      stream = controller;
      followJob(id, update, controller.signal).catch((e) => {
        if (e.name !== 'AbortError') {
          problem(e);
        }
      });
    }
  }

  function trainingChart(history, id, metricName) {
    const x = history.map((h) => h.epoch);
    const loss = history.map((h) => h.trainLoss);
    const metric = history.map((h) => (h.validation === undefined ? null : h.validation));
    return C.chart({
      id, title: t('chart.training'), xLabel: t('chart.epoch'), x, tableLabel: t('chart.table'), tableHint: t('chart.tableHint'),
      scales: { loss: { label: t('chart.loss') }, metric: { label: t('chart.validation', { metric: metricName || '' }), side: 1 } },
      series: [{ label: t('chart.loss'), values: loss, scale: 'loss' },
        { label: t('chart.validation', { metric: metricName || '' }), values: metric, scale: 'metric' }],
      columns: [t('chart.epoch'), t('chart.loss'), t('chart.validation', { metric: metricName || '' })],
      rows: history.map((h, i) => [h.epoch, loss[i], metric[i]]),
    });
  }

  // ---- models and versions -------------------------------------------------------------------

  async function modelsPage() {
    const models = await api('GET', '/api/v1/models');
    page('models.title', {}, models.length ? C.table([t('models.name'), t('models.task'), t('models.production'), t('models.latest')],
      models.map((m) => [m.name, m.domain + ' / ' + m.task, m.productionVersion, m.latestVersion]), '', 'models-table')
      : el('p', {}, [t('models.none')]));
    // names become links after the table is built, so the table helper stays text-only
    main().querySelectorAll('#models-table tbody tr').forEach((tr, i) => {
      const cell = tr.firstChild;
      cell.replaceChildren(link('#/models/' + encodeURIComponent(models[i].name), models[i].name));
    });
  }

  function primary(v) {
    const m = v.metrics || {};
    const test = m.test || m.validation;
    if (!test || !m.primaryMetric) {
      return null;
    }
    const key = { ACCURACY: 'accuracy', MACRO_F1: 'macroF1', F1: 'f1', ROC_AUC: 'rocAuc', PR_AUC: 'prAuc', LOG_LOSS: 'logLoss',
      EXPECTED_COST: 'expectedCost' }[m.primaryMetric];
    return test[key];
  }

  function lifecycleButtons(name, v, reload) {
    if (!can('trainer')) {
      return [];
    }
    const out = [];
    const base = '/api/v1/models/' + encodeURIComponent(name) + '/versions/' + v.version;
    if (v.state === 'READY' && v.stage !== 'PRODUCTION') {
      out.push(button('lifecycle.promote', async () => {
        await api('POST', base + '/promote');
        say(t('lifecycle.promoted', { name, version: v.version }), 'ok');
        await reload();
      }, { class: 'mutating', id: 'promote-' + v.version }));
    }
    if (v.stage !== 'PRODUCTION' && v.stage !== 'ARCHIVED' && v.state === 'READY') {
      out.push(button('lifecycle.archive', async () => {
        await api('POST', base + '/archive');
        say(t('lifecycle.archived', { name, version: v.version }), 'ok');
        await reload();
      }, { class: 'mutating secondary', id: 'archive-' + v.version }));
    }
    return out;
  }

  async function modelPage(name) {
    const model = await api('GET', '/api/v1/models/' + encodeURIComponent(name));
    const reload = () => modelPage(name);
    const rows = model.versions.map((v) => el('tr', {}, [
      el('td', {}, [link('#/models/' + encodeURIComponent(name) + '/versions/' + v.version, 'v' + v.version)]),
      el('td', {}, [t('versionState.' + v.state)]), el('td', {}, [t('stage.' + v.stage)]),
      el('td', {}, [C.format(primary(v))]), el('td', {}, [when(v.createdAt)]),
      el('td', { class: 'actions' }, lifecycleButtons(name, v, reload))]));
    const head = ['models.version', 'models.state', 'models.stage', 'models.primary', 'common.created', 'common.actions'];
    const ready = model.versions.filter((v) => v.state === 'READY').map((v) => v.version);
    const a = el('select', { id: 'compare-a', name: 'a' }, ready.map((v) => el('option', { value: v }, ['v' + v])));
    const b = el('select', { id: 'compare-b', name: 'b' }, ready.map((v) => el('option', { value: v }, ['v' + v])));
    if (ready.length > 1) {
      a.value = ready[ready.length - 2];
      b.value = ready[ready.length - 1];
    }
    const compare = form(async () => {
      location.hash = '#/compare/' + encodeURIComponent(name) + '/' + a.value + '/' + b.value;
    }, field('compare.a', a), field('compare.b', b), submit('compare.go', 'compare-submit'));
    const extra = [];
    if (can('trainer') && model.productionVersion) {
      extra.push(button('lifecycle.rollback', async () => {
        const back = await api('POST', '/api/v1/models/' + encodeURIComponent(name) + '/rollback');
        say(t('lifecycle.rolledBack', { name, version: back.version }), 'ok');
        await reload();
      }, { class: 'mutating secondary', id: 'rollback' }));
    }
    page('models.one', { name }, dl([['models.task', model.domain + ' / ' + model.task],
      ['models.production', model.productionVersion], ['models.latest', model.latestVersion], ['common.createdBy', model.createdBy]]),
    el('p', { class: 'actions' }, [link('#/predict/' + encodeURIComponent(name), t('predict.open'), { class: 'button-link', id: 'predict-link' }),
      ...extra]),
    section('models.versions', el('table', { class: 'data', id: 'versions-table' }, [
      el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col' }, [t(h)])))]), el('tbody', {}, rows)])),
    section('compare.title', ready.length > 1 ? compare : el('p', {}, [t('compare.needTwo')])));
  }

  const METRICS = [['accuracy', 'metric.accuracy'], ['macroF1', 'metric.macroF1'], ['f1', 'metric.f1'], ['rocAuc', 'metric.rocAuc'],
    ['prAuc', 'metric.prAuc'], ['logLoss', 'metric.logLoss'], ['expectedCalibrationError', 'metric.ece'],
    ['expectedCost', 'metric.expectedCost'], ['examples', 'metric.examples']];

  function metricsTable(columns, evaluations, id) {
    return C.table([t('metric.name')].concat(columns), METRICS.filter(([k]) => evaluations.some((e) => e && e[k] !== null && e[k] !== undefined))
      .map(([k, label]) => [t(label)].concat(evaluations.map((e) => (e ? e[k] : null)))), '', id);
  }

  function confusion(evaluation, id) {
    if (!evaluation || !evaluation.confusionMatrix) {
      return el('p', {}, [t('version.noConfusion')]);
    }
    const labels = evaluation.labels;
    const max = Math.max(1, ...evaluation.confusionMatrix.flat());
    const head = el('tr', {}, [el('th', { scope: 'col' }, [t('version.actualPredicted')]),
      ...labels.map((l) => el('th', { scope: 'col' }, [l]))]);
    const rows = evaluation.confusionMatrix.map((row, i) => el('tr', {}, [el('th', { scope: 'row' }, [labels[i]]),
      ...row.map((n, j) => {
        const level = n === 0 ? 0 : 1 + Math.min(3, Math.floor(4 * n / (max + 1)));
        return el('td', { class: 'cm cm' + level + (i === j ? ' diagonal' : ''), 'data-actual': labels[i], 'data-predicted': labels[j] },
          [String(n)]);
      })]));
    return el('table', { class: 'data confusion', id }, [el('caption', {}, [t('version.confusionCaption')]),
      el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function rocChart(curvesList, names, id) {
    const series = [];
    const rows = [];
    curvesList.forEach((curves, n) => (curves ? curves.perClass : []).forEach((c) => {
      series.push({ label: names[n] + c.label, values: C.resample(c.roc, (p) => p.falsePositiveRate, (p) => p.truePositiveRate, C.GRID, C.rocAt) });
      c.roc.forEach((p) => rows.push([names[n] + c.label, p.threshold, p.falsePositiveRate, p.truePositiveRate]));
    }));
    series.push({ label: t('chart.chance'), values: C.GRID, color: '#595959', width: 1, dash: [2, 4] });
    return C.chart({ id, title: t('chart.roc'), xLabel: t('chart.fpr'), yLabel: t('chart.tpr'), x: C.GRID, xRange: [0, 1], yRange: [0, 1],
      series, tableLabel: t('chart.table'), tableHint: t('chart.tableHint'),
      columns: [t('chart.class'), t('chart.threshold'), t('chart.fpr'), t('chart.tpr')], rows });
  }

  function prChart(curvesList, names, id) {
    const series = [];
    const rows = [];
    curvesList.forEach((curves, n) => (curves ? curves.perClass : []).forEach((c) => {
      series.push({ label: names[n] + c.label, values: C.resample(c.pr, (p) => p.recall, (p) => p.precision, C.GRID, C.prAt) });
      c.pr.forEach((p) => rows.push([names[n] + c.label, p.threshold, p.recall, p.precision]));
    }));
    return C.chart({ id, title: t('chart.pr'), xLabel: t('chart.recall'), yLabel: t('chart.precision'), x: C.GRID, xRange: [0, 1],
      yRange: [0, 1], series, tableLabel: t('chart.table'), tableHint: t('chart.tableHint'),
      columns: [t('chart.class'), t('chart.threshold'), t('chart.recall'), t('chart.precision')], rows });
  }

  function calibrationChart(curves, id) {
    const bins = curves.reliability.filter((b) => b.count > 0);
    return C.chart({ id, title: t('chart.calibration'), xLabel: t('chart.confidence'), yLabel: t('chart.observed'),
      x: bins.map((b) => b.meanConfidence), xRange: [0, 1], yRange: [0, 1],
      series: [{ label: t('chart.observed'), values: bins.map((b) => b.observed), points: true },
        { label: t('chart.perfect'), values: bins.map((b) => b.meanConfidence), color: '#595959', width: 1 }],
      tableLabel: t('chart.table'), tableHint: t('chart.tableHint'),
      columns: [t('chart.bin'), t('chart.count'), t('chart.confidence'), t('chart.observed')],
      rows: curves.reliability.map((b) => [C.format(b.lower) + '–' + C.format(b.upper), b.count, b.meanConfidence, b.observed]) });
  }

  function thresholdChart(curves, id) {
    const rows = curves.thresholds;
    const x = rows.map((r) => r.threshold);
    const op = curves.operatingThreshold;
    let nearest = 0;
    x.forEach((v, i) => { if (Math.abs(v - op) < Math.abs(x[nearest] - op)) { nearest = i; } });
    const costed = rows.some((r) => r.expectedCost !== null && r.expectedCost !== undefined);
    const series = [{ label: t('chart.precision'), values: rows.map((r) => r.precision), scale: 'rate' },
      { label: t('chart.recall'), values: rows.map((r) => r.recall), scale: 'rate' },
      { label: t('metric.f1'), values: rows.map((r) => r.f1), scale: 'rate' }];
    const scales = { rate: { range: [0, 1], label: t('chart.rate') } };
    if (costed) {
      series.push({ label: t('metric.expectedCost'), values: rows.map((r) => r.expectedCost), scale: 'cost' });
      scales.cost = { label: t('metric.expectedCost'), side: 1 };
    }
    series.push({ label: t('chart.operatingPoint', { threshold: C.format(op) }), scale: costed ? 'cost' : 'rate', points: true,
      spanGaps: false, width: 0, values: rows.map((r, i) => (i === nearest ? (costed ? r.expectedCost : r.f1) : null)) });
    const table = rows.map((r) => [r.threshold, r.precision, r.recall, r.falsePositiveRate, r.f1, r.accuracy, r.expectedCost]);
    return C.chart({ id, title: t('chart.thresholds', { label: curves.positiveLabel, threshold: C.format(op) }),
      xLabel: t('chart.threshold'), x, xRange: [0, 1], scales, series,
      tableLabel: t('chart.table'), tableHint: t('chart.tableHint'),
      columns: [t('chart.threshold'), t('chart.precision'), t('chart.recall'), t('chart.fpr'), t('metric.f1'), t('metric.accuracy'),
        t('metric.expectedCost')], rows: table });
  }

  async function versionPage(name, version) {
    const v = await api('GET', '/api/v1/models/' + encodeURIComponent(name) + '/versions/' + version);
    const m = v.metrics || {};
    const reload = () => versionPage(name, version);
    const parts = [dl([['models.state', t('versionState.' + v.state)], ['models.stage', t('stage.' + v.stage)],
      ['version.primaryMetric', m.primaryMetric], ['version.policy', policyName(m.decisionPolicy)],
      ['version.epochs', m.epochsRun === undefined ? null : t('version.epochsValue', { run: m.epochsRun, best: m.bestEpoch })],
      ['common.created', when(v.createdAt)], ['version.finished', when(v.finishedAt)]]),
    el('p', { class: 'actions' }, [link('#/models/' + encodeURIComponent(name), t('version.back')), ' ',
      ...lifecycleButtons(name, v, reload)])];
    if (v.error) {
      parts.push(el('p', { class: 'error' }, [v.error]));
    }
    if (m.test || m.validation) {
      parts.push(section('version.metrics', metricsTable([t('split.test'), t('split.validation')], [m.test, m.validation], 'metrics-table')));
      parts.push(section('version.confusion', confusion(m.test || m.validation, 'confusion-matrix')));
      const evaluation = m.test || m.validation;
      parts.push(section('version.perClass', C.table([t('chart.class'), t('metric.precision'), t('metric.recall'), t('metric.f1'),
        t('metric.support'), t('metric.rocAuc'), t('metric.prAuc')], evaluation.perClass.map((c) => [c.label, c.precision, c.recall, c.f1,
        c.support, c.rocAuc, c.prAuc]), '', 'per-class')));
    }
    if (m.history && m.history.length) {
      parts.push(section('version.training', trainingChart(m.history.map((h) => ({ epoch: h.epoch, trainLoss: h.trainLoss,
        validation: h.validation ? h.validation[m.primaryMetric] : null })), 'history-chart', m.primaryMetric)));
    }
    if (m.curves) {
      const curves = [rocChart([m.curves], [''], 'roc-chart'), prChart([m.curves], [''], 'pr-chart'),
        calibrationChart(m.curves, 'calibration-chart')];
      if (m.curves.thresholds && m.curves.thresholds.length) {
        curves.push(thresholdChart(m.curves, 'threshold-chart'));
      }
      parts.push(section('version.curves', el('div', { class: 'charts' }, curves)));
    }
    if (v.lineage) {
      const l = v.lineage;
      parts.push(section('version.lineage', dl([['lineage.dataset', link('#/datasets/' + encodeURIComponent(l.datasetId), l.datasetId)],
        ['lineage.datasetHash', l.datasetHash], ['lineage.plugin', l.pluginId + ' ' + l.pluginVersion], ['lineage.encoder', l.encoderId],
        ['lineage.head', JSON.stringify(l.head)], ['lineage.training', JSON.stringify(l.training)], ['lineage.seed', l.seed],
        ['common.createdBy', l.createdBy]])));
    }
    if (v.timings && Object.keys(v.timings).length) {
      parts.push(section('version.timings', C.table([t('version.phase'), t('version.millis')], Object.entries(v.timings), '', 'timings')));
    }
    page('version.title', { name, version }, ...parts);
  }

  async function comparePage(name, a, b) {
    const base = '/api/v1/models/' + encodeURIComponent(name) + '/versions/';
    const [va, vb] = await Promise.all([api('GET', base + a), api('GET', base + b)]);
    const ma = va.metrics || {};
    const mb = vb.metrics || {};
    const names = ['v' + a + ' ', 'v' + b + ' '];
    const delta = (k) => (ma.test && mb.test && typeof ma.test[k] === 'number' && typeof mb.test[k] === 'number'
      ? mb.test[k] - ma.test[k] : null);
    const metricRows = METRICS.filter(([k]) => (ma.test && ma.test[k] != null) || (mb.test && mb.test[k] != null))
      .map(([k, label]) => [t(label), ma.test ? ma.test[k] : null, mb.test ? mb.test[k] : null, delta(k)]);
    const parts = [section('compare.metrics', C.table([t('metric.name'), 'v' + a, 'v' + b, t('compare.delta')], metricRows, '', 'compare-metrics')),
      section('version.confusion', el('div', { class: 'side' }, [
        el('div', {}, [el('h3', {}, ['v' + a]), confusion(ma.test, 'confusion-a')]),
        el('div', {}, [el('h3', {}, ['v' + b]), confusion(mb.test, 'confusion-b')])]))];
    if (ma.curves || mb.curves) {
      parts.push(section('version.curves', el('div', { class: 'charts' }, [rocChart([ma.curves, mb.curves], names, 'compare-roc'),
        prChart([ma.curves, mb.curves], names, 'compare-pr')])));
    }
    parts.push(section('version.lineage', C.table([t('lineage.field'), 'v' + a, 'v' + b], [
      ['lineage.dataset', (l) => l.datasetId], ['lineage.plugin', (l) => l.pluginId + ' ' + l.pluginVersion],
      ['lineage.encoder', (l) => l.encoderId], ['lineage.training', (l) => JSON.stringify(l.training)], ['lineage.seed', (l) => l.seed]]
      .map(([k, f]) => [t(k), va.lineage ? f(va.lineage) : null, vb.lineage ? f(vb.lineage) : null]), '', 'compare-lineage')));
    page('compare.heading', { name, a, b }, el('p', {}, [link('#/models/' + encodeURIComponent(name), t('version.back'))]), ...parts);
  }

  // ---- predict -------------------------------------------------------------------------------

  async function predictPage(name) {
    const model = await api('GET', '/api/v1/models/' + encodeURIComponent(name));
    const task = await taskOf(model.domain, model.task);
    if (!task) {
      page('predict.title', { name }, el('p', { class: 'error' }, [t('predict.noTask', { domain: model.domain, task: model.task })]));
      return;
    }
    const inputs = task.inputs.map((f) => {
      const attrs = { name: f.name, id: 'in-' + f.name, 'data-type': f.type };
      const input = f.type === 'TEXT' ? el('textarea', Object.assign({ rows: '4' }, attrs))
        : el('input', Object.assign({ type: f.type === 'NUMERIC' ? 'number' : 'text', step: 'any' }, attrs));
      if (f.required) {
        input.setAttribute('aria-required', 'true');
      }
      const label = el('label', { for: input.id }, [f.name + ' (' + t('fieldType.' + f.type) + (f.required ? ', ' + t('predict.required') : '') + ')']);
      const parts = [label, input];
      if (f.description) {
        parts.push(el('small', { class: 'hint', id: input.id + '-hint' }, [f.description]));
        input.setAttribute('aria-describedby', input.id + '-hint');
      }
      return { spec: f, input, node: el('div', { class: 'field' }, parts) };
    });
    const versions = el('select', { id: 'predict-version', name: 'version' }, [el('option', { value: '' }, [t('predict.production')]),
      ...model.versions.filter((v) => v.state === 'READY').map((v) => el('option', { value: v.version }, ['v' + v.version]))]);
    const result = el('div', { id: 'prediction', 'aria-live': 'polite' });
    page('predict.title', { name }, el('p', {}, [t('predict.intro', { task: model.domain + ' / ' + model.task })]),
      form(async () => {
        const record = {};
        inputs.forEach(({ spec, input }) => {
          const raw = input.value.trim();
          if (raw !== '') {
            record[spec.name] = spec.type === 'NUMERIC' ? Number(raw) : raw;
          }
        });
        const query = versions.value ? '?version=' + versions.value : '';
        const answer = await api('POST', '/api/v1/models/' + encodeURIComponent(name) + '/predict' + query, { records: [record], explain: true });
        showPrediction(result, answer, record, task);
        say(t('predict.done', { version: answer.version }), 'ok');
      }, ...inputs.map((i) => i.node), field('predict.version', versions), submit('predict.submit', 'predict-submit')), result);
  }

  function showPrediction(box, answer, record, task) {
    const p = answer.predictions[0];
    const decided = p.label !== undefined ? p.label : (p.labels || []).join(', ');
    const probs = Object.entries(p.probabilities).sort((x, y) => y[1] - x[1]);
    const probTable = el('table', { class: 'data', id: 'probabilities' }, [
      el('thead', {}, [el('tr', {}, [t('predict.label'), t('predict.probability')].map((h) => el('th', { scope: 'col' }, [h])))]),
      el('tbody', {}, probs.map(([label, q]) => {
        const bar = el('span', { class: 'bar' });
        bar.style.width = (8 * q).toFixed(2) + 'em';
        return el('tr', {}, [el('td', {}, [label]), el('td', { class: 'bar-cell' }, [bar, el('span', {}, [q.toFixed(4)])])]);
      }))]);
    const parts = [el('p', { class: 'decision', id: 'decision' }, [t('predict.decision', { label: decided, version: answer.version })]), probTable];
    const ex = p.explanation;
    if (ex) {
      parts.push(el('h3', {}, [t('predict.why', { label: ex.explained })]));
      const textFields = task.inputs.filter((f) => f.type === 'TEXT' && typeof record[f.name] === 'string');
      textFields.forEach((f) => parts.push(highlighted(f.name, record[f.name], (ex.words || []).filter((w) => w.field === f.name))));
      if (ex.words && ex.words.length) {
        parts.push(C.table([t('predict.field'), t('predict.word'), t('predict.weight')], ex.words.map((w) => [w.field, w.word, w.weight]),
          t('predict.wordsCaption'), 'word-weights'));
      }
      const fields = Object.entries(ex.fields || {});
      if (fields.length) {
        parts.push(fieldBars(fields));
      }
    }
    box.replaceChildren(...parts);
  }

  /** The text with each explained word marked, its class saying direction and strength (legend below). */
  function highlighted(fieldName, text, words) {
    const weights = new Map();
    words.forEach((w) => {
      const key = w.word.toLowerCase();
      if (!weights.has(key) || Math.abs(w.weight) > Math.abs(weights.get(key))) {
        weights.set(key, w.weight);
      }
    });
    // the host names each word's positions among the text's whitespace-separated words; without them, match by word
    const byPosition = new Map();
    words.forEach((w) => (w.positions || []).forEach((i) => byPosition.set(i, w.weight)));
    const max = Math.max(1e-9, ...[...weights.values()].map((w) => Math.abs(w)));
    const out = el('p', { class: 'explained', id: 'explained-' + fieldName });
    let index = -1;
    text.split(/(\s+)/).forEach((token) => {
      if (token.trim() === '') {
        out.append(token);
        return;
      }
      index += 1;
      const bare = token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      const weight = byPosition.size ? byPosition.get(index)
        : (weights.has(token.toLowerCase()) ? weights.get(token.toLowerCase()) : weights.get(bare));
      if (weight === undefined) {
        out.append(token);
        return;
      }
      const level = 1 + Math.min(3, Math.floor(4 * Math.abs(weight) / (max * 1.0001)));
      out.append(el('mark', { class: (weight >= 0 ? 'for' : 'against') + ' w' + level,
        title: t('predict.markTitle', { weight: weight.toFixed(4) }) }, [token]));
    });
    return el('figure', { class: 'explanation' }, [el('figcaption', {}, [t('predict.textCaption', { field: fieldName })]), out,
      el('p', { class: 'legend' }, [el('mark', { class: 'for w3' }, [t('predict.legendFor')]), ' ',
        el('mark', { class: 'against w3' }, [t('predict.legendAgainst')])])]);
  }

  function fieldBars(fields) {
    const max = Math.max(1e-9, ...fields.map(([, w]) => Math.abs(w)));
    const rows = fields.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).map(([name, w]) => {
      const bar = el('span', { class: 'bar ' + (w >= 0 ? 'for' : 'against') });
      bar.style.width = Math.max(1, Math.round(100 * Math.abs(w) / max)) + '%';
      return el('tr', {}, [el('th', { scope: 'row' }, [name]), el('td', { class: 'bar-cell wide' }, [bar]), el('td', {}, [w.toFixed(4)])]);
    });
    return el('table', { class: 'data field-bars', id: 'field-bars' }, [el('caption', {}, [t('predict.fieldsCaption')]),
      el('thead', {}, [el('tr', {}, [t('predict.field'), t('predict.bar'), t('predict.weight')].map((h) => el('th', { scope: 'col' }, [h])))]),
      el('tbody', {}, rows)]);
  }

  // ---- chrome and routing --------------------------------------------------------------------

  function renderChrome() {
    const nav = document.getElementById('nav');
    const items = [];
    if (state.me) {
      items.push(['#/models', 'nav.models'], ['#/plugins', 'nav.plugins']);
      if (can('trainer')) {
        items.push(['#/datasets', 'nav.datasets'], ['#/train', 'nav.train']);
      }
    }
    const current = location.hash.split('/')[1] || '';
    nav.replaceChildren(el('ul', {}, items.map(([href, key]) => el('li', {}, [link(href, t(key),
      href.split('/')[1] === current ? { 'aria-current': 'page', id: 'nav-' + href.slice(2) } : { id: 'nav-' + href.slice(2) })]))));
    document.getElementById('who').textContent = state.me ? t('app.who', { name: state.me.name, role: t('role.' + state.me.role) }) : '';
    document.getElementById('logout').hidden = !state.me;
  }

  async function route() {
    if (stream) {
      stream.abort();
      stream = null;
    }
    const [path, queryText] = (location.hash.slice(1) || '/models').split('?');
    const query = new URLSearchParams(queryText || '');
    const parts = path.split('/').filter((p) => p).map(decodeURIComponent);
    if (!sessionStorage.getItem(KEY) || !state.me) {
      if (sessionStorage.getItem(KEY)) {
        try {
          state.me = await api('GET', '/api/v1/me');
        } catch (e) {
          sessionStorage.removeItem(KEY);
          state.me = null;
        }
      }
      if (!state.me) {
        renderChrome();
        loginPage();
        return;
      }
    }
    renderChrome();
    try {
      switch (parts[0]) {
        case 'plugins': await pluginsPage(); break;
        case 'datasets': await (parts[1] ? datasetPage(parts[1], parseInt(query.get('offset') || '0', 10)) : datasetsPage()); break;
        case 'train': await trainPage(query); break;
        case 'jobs': await jobPage(parts[1]); break;
        case 'compare': await comparePage(parts[1], parts[2], parts[3]); break;
        case 'predict': await predictPage(parts[1]); break;
        case 'models':
          if (parts[3]) {
            await versionPage(parts[1], parts[3]);
          } else if (parts[1]) {
            await modelPage(parts[1]);
          } else {
            await modelsPage();
          }
          break;
        case 'login': loginPage(); break;
        default: page('error.notFoundTitle', {}, el('p', {}, [t('error.notFound', { path })]));
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        sessionStorage.removeItem(KEY);
        state.me = null;
        renderChrome();
        loginPage();
      }
      problem(e);
    }
  }

  async function start() {
    await loadLanguage(preferredLanguage());
    document.getElementById('lang').addEventListener('change', async (event) => {
      localStorage.setItem(LANG, event.target.value);
      await loadLanguage(event.target.value);
      await route();
    });
    document.getElementById('logout').addEventListener('click', () => {
      sessionStorage.removeItem(KEY);
      state.me = null;
      say(t('login.loggedOut'), 'ok');
      location.hash = '#/login';
      route();
    });
    window.addEventListener('hashchange', () => {
      say('');
      route();
    });
    await route();
  }

  start();
}());
