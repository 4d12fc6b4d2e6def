// The charge curve so far: power (kW) against SOC (%), one coloured series per limiting reason,
// the EVSE's maximum power as a dashed line and the charge limit as a dashed mark. Drawn with
// uPlot (served from our node_modules); without it the panel says so and the rest still works.
import { REASONS } from './format.js';

const REASON_KEYS = Object.keys(REASONS);
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

export class ChargeCurve {
  constructor(root, legend, hover) {
    this.root = root;
    this.hoverEl = hover;
    this.points = [];
    this.evseMaxKw = null;
    this.limitPct = null;
    this.plot = null;
    this.legend = legend;
    this.seen = new Set();
    new ResizeObserver(() => this.resize()).observe(root);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.rebuild());
  }

  /** Replaces (reset) or extends the points; returns nothing, redraws. */
  addPoints(points, reset) {
    this.points = reset ? [...points] : this.points.concat(points);
    for (const p of points) this.seen.add(p.limitingReason);
    if (reset) this.seen = new Set(this.points.map((p) => p.limitingReason));
    this.renderLegend();
    this.draw();
  }

  setContext(evseMaxPowerW, chargeLimitPct) {
    const kw = typeof evseMaxPowerW === 'number' ? evseMaxPowerW / 1000 : null;
    if (kw === this.evseMaxKw && chargeLimitPct === this.limitPct) return;
    this.evseMaxKw = kw;
    this.limitPct = chargeLimitPct;
    this.renderLegend();
    this.draw();
  }

  data() {
    const xs = this.points.map((p) => p.socPct);
    const series = REASON_KEYS.map((reason) => this.points.map((p, i) => {
      const next = this.points[i + 1];
      // A point also ends the previous colour's segment, so the line has no gaps.
      const mine = p.limitingReason === reason || next?.limitingReason === reason;
      return mine ? p.powerW / 1000 : null;
    }));
    return [xs, ...series];
  }

  draw() {
    if (!window.uPlot) {
      this.root.textContent = 'chart library not available (uplot is missing from node_modules)';
      return;
    }
    if (!this.plot) this.rebuild();
    else this.plot.setData(this.data(), true);
  }

  rebuild() {
    if (!window.uPlot) return;
    this.plot?.destroy();
    this.root.textContent = '';
    const axis = { stroke: css('--muted'), grid: { stroke: css('--grid'), width: 1 }, ticks: { stroke: css('--grid'), width: 1 }, font: '11px system-ui, sans-serif' };
    const self = this;
    const opts = {
      ...this.size(),
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: false, range: [0, 100] },
        y: { range: (_u, _min, max) => [0, Math.max(20, (Math.max(max ?? 0, self.evseMaxKw ?? 0)) * 1.1)] },
      },
      axes: [
        { ...axis, values: (_u, splits) => splits.map((v) => `${v} %`), space: 40 },
        { ...axis, values: (_u, splits) => splits.map((v) => `${v} kW`), size: 56 },
      ],
      series: [
        { label: 'SOC' },
        ...REASON_KEYS.map((r) => ({ label: REASONS[r], stroke: css(`--r-${r}`), width: 2.5, spanGaps: false, points: { show: false } })),
      ],
      hooks: {
        setCursor: [(u) => this.showHover(u.cursor.idx)],
        draw: [(u) => this.drawMarks(u)],
      },
    };
    this.plot = new window.uPlot(opts, this.data(), this.root);
  }

  /** The charge limit (vertical) and the EVSE's maximum power (horizontal), dashed and labelled. */
  drawMarks(u) {
    const { ctx, bbox } = u;
    const px = devicePixelRatio;
    const line = (x0, y0, x1, y1, colour, text, tx, ty) => {
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.setLineDash([5 * px, 4 * px]);
      ctx.lineWidth = px;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.font = `${11 * px}px system-ui, sans-serif`;
      ctx.textAlign = 'left'; // uPlot leaves its last axis' alignment on the context
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(text, tx, ty);
      ctx.restore();
    };
    if (typeof this.evseMaxKw === 'number') {
      const y = Math.round(u.valToPos(this.evseMaxKw, 'y', true));
      line(bbox.left, y, bbox.left + bbox.width, y, css('--muted'), `EVSE max ${this.evseMaxKw.toFixed(0)} kW`, bbox.left + 6 * px, y - 4 * px);
    }
    if (typeof this.limitPct === 'number') {
      const x = Math.round(u.valToPos(this.limitPct, 'x', true));
      const text = `limit ${this.limitPct} %`;
      ctx.font = `${11 * px}px system-ui, sans-serif`;
      const w = ctx.measureText(text).width;
      // Right of the line, unless that runs off the plot (a limit near 100 %).
      const tx = x + 4 * px + w > bbox.left + bbox.width ? x - 4 * px - w : x + 4 * px;
      line(x, bbox.top, x, bbox.top + bbox.height, css('--r-user'), text, tx, bbox.top + 12 * px);
    }
  }

  showHover(idx) {
    const p = idx === null || idx === undefined ? undefined : this.points[idx];
    this.hoverEl.textContent = p ? `${p.socPct.toFixed(1)} % · ${(p.powerW / 1000).toFixed(1)} kW · ${REASONS[p.limitingReason] ?? p.limitingReason}` : '';
  }

  renderLegend() {
    this.legend.textContent = '';
    for (const r of REASON_KEYS) {
      if (!this.seen.has(r)) continue;
      const li = document.createElement('li');
      li.className = `reason r-${r}`;
      li.textContent = REASONS[r];
      this.legend.append(li);
    }
    if (typeof this.evseMaxKw !== 'number') return;
    const evse = document.createElement('li');
    evse.className = 'evse';
    evse.textContent = 'EVSE max';
    this.legend.append(evse);
  }

  size() {
    const r = this.root.getBoundingClientRect();
    return { width: Math.max(200, Math.floor(r.width)), height: Math.max(140, Math.floor(r.height)) };
  }

  resize() {
    this.plot?.setSize(this.size());
  }
}
