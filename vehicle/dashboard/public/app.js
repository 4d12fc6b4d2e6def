// The dashboard page: one server-sent-event stream (/api/events) drives every panel. A frame
// is drawn at most once per animation frame, and a stream that falls silent is shown as stale.
import { ChargeCurve } from './curve.js';
import { initControls, syncControls } from './controls.js';
import { Heatmap } from './heatmap.js';
import { renderFaults, renderLog, renderStatus } from './panels.js';

const $ = (id) => document.getElementById(id);
/** Without a snapshot for this long the values are marked stale (the server sends 4 per second). */
const STALE_MS = 2500;

const cellV = new Heatmap($('cellV'), 'voltage', { hover: $('cellVHover'), summary: $('cellVSummary'), scale: $('cellVScale') });
const cellT = new Heatmap($('cellT'), 'temp', { hover: $('cellTHover'), summary: $('cellTSummary'), scale: $('cellTScale') });
const curve = new ChargeCurve($('curve'), $('curveLegend'), $('curveHover'));

let latest = null;
let lastStatusAt = 0;
let drawQueued = false;

function draw() {
  drawQueued = false;
  const s = latest;
  renderStatus(s);
  cellV.render(s.cells.voltagesV, s.pack.cellVoltageMinIndex, s.pack.cellVoltageMaxIndex);
  cellT.render(s.cells.tempsC, s.pack.cellTempMinIndex, s.pack.cellTempMaxIndex);
  renderFaults(s.faults, s.tMs);
  curve.setContext(s.session.evse?.maxPowerW, s.session.chargeLimitPct);
  syncControls(s);
  if (!document.body.dataset.ready) {
    document.body.dataset.ready = '1';
    performance.mark('packpilot-first-status');
  }
}

function connect() {
  const events = new EventSource('/api/events');
  events.addEventListener('open', () => setConn('live', 'live'));
  events.addEventListener('error', () => setConn('down', 'reconnecting…'));
  events.addEventListener('status', (e) => {
    latest = JSON.parse(e.data);
    lastStatusAt = performance.now();
    setConn('live', 'live');
    if (!drawQueued) {
      drawQueued = true;
      requestAnimationFrame(draw);
    }
  });
  events.addEventListener('curve', (e) => {
    const { reset, points } = JSON.parse(e.data);
    curve.addPoints(points, reset);
  });
  events.addEventListener('log', (e) => renderLog(JSON.parse(e.data)));
}

function setConn(state, text) {
  const c = $('conn');
  c.dataset.state = state;
  c.textContent = text;
}

setInterval(() => {
  if (!latest) return;
  const ageMs = performance.now() - lastStatusAt;
  const stale = ageMs > STALE_MS;
  document.body.classList.toggle('stale', stale);
  if (stale) setConn('stale', `stale ${Math.round(ageMs / 1000)} s`);
}, 1000);

connect();
fetch('/api/meta').then((r) => r.json()).then(initControls);
