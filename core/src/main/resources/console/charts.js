// Charts of the Baihua console: uPlot line charts, each paired with a table of the same data for
// screen readers and keyboards. No text of its own: every label comes from the caller.
(function () {
  'use strict';

  // Non-text contrast of at least 3:1 on white (WCAG 1.4.11), told apart by dash as well as hue.
  const COLORS = ['#0b57d0', '#b3261e', '#146c2e', '#7a4b00', '#6a1b9a'];

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null) {
        node.setAttribute(k, v);
      }
    });
    (children || []).forEach((c) => node.append(c));
    return node;
  }

  function format(v) {
    if (v === null || v === undefined || Number.isNaN(v)) {
      return '–';
    }
    return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : String(v);
  }

  /** A table: columns are header texts, rows are arrays of values. */
  function table(columns, rows, caption, id) {
    const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, [c])));
    const body = rows.map((r) => el('tr', {}, r.map((v) => el('td', {}, [format(v)]))));
    const t = el('table', { class: 'data', id }, [
      caption ? el('caption', {}, [caption]) : '',
      el('thead', {}, [head]), el('tbody', {}, body)]);
    return t;
  }

  /**
   * A chart with its table view.
   * spec: {id, title, xLabel, yLabel, x: [...], series: [{label, values, scale?, dash?, points?}],
   *        xRange?, yRange?, scales?: {name: {range, label, side}}, tableLabel, columns, rows}
   */
  function chart(spec) {
    const plot = el('div', { class: 'plot', role: 'img', 'aria-label': spec.title + '. ' + spec.tableHint });
    const details = el('details', { class: 'table-view' }, [
      el('summary', {}, [spec.tableLabel]),
      table(spec.columns, spec.rows, spec.title, spec.id ? spec.id + '-table' : undefined)]);
    const figure = el('figure', { class: 'chart', id: spec.id }, [el('figcaption', {}, [spec.title]), plot, details]);
    requestAnimationFrame(() => draw(plot, spec));
    return figure;
  }

  function draw(plot, spec) {
    if (typeof uPlot === 'undefined') {
      return; // the table view still carries the data
    }
    const scales = { x: { time: false, range: spec.xRange ? () => spec.xRange : undefined } };
    const axes = [{ label: spec.xLabel, stroke: '#1a1a1a', grid: { stroke: '#e0e0e0' } }];
    const extra = spec.scales || { y: { range: spec.yRange, label: spec.yLabel } };
    Object.entries(extra).forEach(([name, s]) => {
      scales[name] = { range: s.range ? () => s.range : undefined };
      axes.push({ scale: name, label: s.label, side: s.side || 3, stroke: '#1a1a1a', grid: { show: !s.side, stroke: '#e0e0e0' } });
    });
    const series = [{ label: spec.xLabel }].concat(spec.series.map((s, i) => ({
      label: s.label,
      scale: s.scale || 'y',
      stroke: s.color || COLORS[i % COLORS.length],
      width: s.width || 2,
      dash: s.dash || (i % 2 === 1 ? [6, 4] : undefined),
      spanGaps: s.spanGaps !== false,
      points: { show: !!s.points, size: s.points ? 9 : 4, fill: s.color || COLORS[i % COLORS.length] },
    })));
    const width = Math.max(280, Math.min(640, plot.clientWidth || 480));
    // eslint-disable-next-line no-new
    new uPlot({ width, height: 260, scales, axes, series, legend: { show: true }, cursor: { focus: { prox: 16 } } },
      [spec.x].concat(spec.series.map((s) => s.values)), plot);
  }

  /** A step curve resampled on a grid of 101 x values, for plotting curves with different x together. */
  function resample(points, xOf, yOf, grid, interpolate) {
    return grid.map((x) => interpolate(points, xOf, yOf, x));
  }

  /** ROC: the best true-positive rate reached at a false-positive rate of at most x. */
  function rocAt(points, xOf, yOf, x) {
    let best = 0;
    points.forEach((p) => {
      if (xOf(p) <= x + 1e-12) {
        best = Math.max(best, yOf(p));
      }
    });
    return best;
  }

  /** PR: the interpolated precision, the best precision at a recall of at least x. */
  function prAt(points, xOf, yOf, x) {
    let best = null;
    points.forEach((p) => {
      if (xOf(p) >= x - 1e-12) {
        best = best === null ? yOf(p) : Math.max(best, yOf(p));
      }
    });
    return best;
  }

  const GRID = Array.from({ length: 101 }, (_, i) => i / 100);

  window.BaihuaCharts = { chart, table, format, el, resample, rocAt, prAt, GRID, COLORS };
}());
