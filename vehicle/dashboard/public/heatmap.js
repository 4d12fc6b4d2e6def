// A grid of small squares, one per cell or sensor, coloured on a scale, with the minimum and
// maximum outlined and the hovered one read out. Cells are numbered from 1 as on the pack's
// labels (CMU_CellTemp01…); the snapshot's indexes start at 0.

const VIRIDIS = [[0x44, 0x01, 0x54], [0x3b, 0x52, 0x8b], [0x21, 0x91, 0x8c], [0x5e, 0xc9, 0x62], [0xfd, 0xe7, 0x25]];
const THERMAL = [[0x2c, 0x7b, 0xb6], [0xab, 0xd9, 0xe9], [0xff, 0xff, 0xbf], [0xfd, 0xae, 0x61], [0xd7, 0x19, 0x1c]];

/** Colour at t in [0, 1] along evenly spaced stops. */
function ramp(stops, t) {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i], stops[i + 1]];
  return `rgb(${a.map((c, k) => Math.round(c + (b[k] - c) * f)).join(',')})`;
}

const valid = (v) => typeof v === 'number' && Number.isFinite(v);

/** How each kind of map is scaled and labelled. */
export const KINDS = {
  voltage: {
    noun: 'cell',
    format: (v) => `${v.toFixed(3)} V`,
    // Relative: the spread is what matters; at least 20 mV wide so noise does not look alarming.
    range: (lo, hi) => [lo, Math.max(hi, lo + 0.02)],
    stops: VIRIDIS,
    spread: (lo, hi) => `Δ ${Math.round((hi - lo) * 1000)} mV`,
  },
  temp: {
    noun: 'sensor',
    format: (v) => `${v.toFixed(1)} °C`,
    // Relative like the voltages, at least 4 K wide; the limits in force are in the Pack panel.
    range: (lo, hi) => [lo, Math.max(hi, lo + 4)],
    stops: THERMAL,
    spread: (lo, hi) => `Δ ${(hi - lo).toFixed(1)} K`,
  },
};

export class Heatmap {
  constructor(root, kind, { hover, summary, scale }) {
    this.root = root;
    this.kind = KINDS[kind];
    this.hoverEl = hover;
    this.summaryEl = summary;
    this.scaleEl = scale;
    this.cells = [];
    this.values = [];
    this.hovered = -1;
    root.addEventListener('mouseover', (e) => this.hover(Number(e.target?.dataset?.i ?? -1)));
    root.addEventListener('mouseleave', () => this.hover(-1));
  }

  layout(n) {
    this.root.textContent = '';
    // Wider than tall, as the panels are: about 2 columns per row.
    const cols = Math.max(4, Math.ceil(Math.sqrt(n * 2)));
    this.root.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
    this.root.style.gridTemplateRows = `repeat(${Math.ceil(n / cols)}, 1fr)`;
    this.cells = Array.from({ length: n }, (_, i) => {
      const el = document.createElement('div');
      el.className = 'hm';
      el.dataset.i = String(i);
      this.root.append(el);
      return el;
    });
  }

  render(values, minIndex, maxIndex) {
    const vs = values.map((v) => (valid(v) ? v : NaN));
    if (vs.length !== this.cells.length) this.layout(vs.length);
    this.values = vs;
    const good = vs.filter((v) => !Number.isNaN(v));
    const lo = Math.min(...good);
    const hi = Math.max(...good);
    const [from, to] = this.kind.range(lo, hi);
    vs.forEach((v, i) => {
      const el = this.cells[i];
      const bad = Number.isNaN(v);
      el.classList.toggle('invalid', bad);
      el.classList.toggle('min', i === minIndex);
      el.classList.toggle('max', i === maxIndex);
      el.style.backgroundColor = bad ? '' : ramp(this.kind.stops, (v - from) / (to - from));
    });
    const invalid = vs.length - good.length;
    const k = this.kind;
    this.summaryEl.textContent = good.length === 0 ? 'no valid values'
      : `${k.spread(lo, hi)}${invalid ? ` · ${invalid} invalid` : ''}`;
    this.scaleEl.textContent = '';
    if (good.length > 0) {
      const grad = document.createElement('span');
      grad.className = 'grad';
      grad.title = `colour scale ${k.format(from)} to ${k.format(to)}`;
      grad.style.background = `linear-gradient(to right, ${k.stops.map((_, i) => ramp(k.stops, i / (k.stops.length - 1))).join(', ')})`;
      this.scaleEl.append(
        label('min', `min ${k.format(vs[minIndex] ?? lo)} #${minIndex + 1}`),
        grad,
        label('max', `max ${k.format(vs[maxIndex] ?? hi)} #${maxIndex + 1}`),
      );
    }
    this.hover(this.hovered);
  }

  hover(i) {
    this.hovered = i;
    const v = this.values[i];
    if (i < 0 || v === undefined) {
      this.hoverEl.textContent = `hover a ${this.kind.noun}`;
      return;
    }
    this.hoverEl.textContent = `${this.kind.noun} ${i + 1}: ${Number.isNaN(v) ? 'invalid' : this.kind.format(v)}`;
  }
}

function label(cls, text) {
  const el = document.createElement('span');
  el.className = `key ${cls}`;
  el.textContent = text;
  return el;
}
