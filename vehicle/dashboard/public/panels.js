// Fills the panels from a status snapshot: every [data-bind] element by its path and format,
// then the parts that are more than one value (contactors, pins, phases, faults, decisions).
import { DASH, FORMATS, REASONS, clock, duration, pick, words } from './format.js';

const $ = (id) => document.getElementById(id);
const bound = [...document.querySelectorAll('[data-bind]')];

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** The DC session's phases as people think of them (inlet/dc/phases.ts names → a step). */
const STEPS = [
  ['setup', ['sessionSetup', 'authorization', 'parameterDiscovery', 'planning', 'locking']],
  ['check', ['cableCheck']],
  ['precharge', ['preCharge', 'closingContactors', 'contactorSettle', 'powerDeliveryStart']],
  ['charge', ['currentDemand']],
  ['stop', ['stopRampDown', 'powerDeliveryStop', 'currentDecay', 'openingContactors', 'weldingDetection', 'sessionStop',
    'errorCurrentDecay', 'errorOpening', 'errorSettle']],
  ['end', ['ended']],
];

/** Pin temperature limit for the bars (°C): DESIGN.md §4 default; derating starts 10 K below. */
const PIN_LIMIT_C = 70;

export function renderStatus(s) {
  for (const e of bound) e.textContent = (FORMATS[e.dataset.fmt] ?? FORMATS.text)(pick(s, e.dataset.bind));
  document.body.dataset.mode = s.mode;
  $('limit').dataset.reason = s.session.limitingReason;
  const soc = s.pack.socPct;
  $('socFill').style.width = `${Math.max(0, Math.min(100, soc ?? 0))}%`;
  $('socLimit').style.left = `${s.session.chargeLimitPct}%`;
  const e = s.session.evse;
  $('evseMax').textContent = e ? `${Math.round(e.maxVoltageV)} V · ${Math.round(e.maxCurrentA)} A · ${(e.maxPowerW / 1000).toFixed(0)} kW` : DASH;
  $('evsePresent').textContent = e ? `${e.presentVoltageV.toFixed(1)} V · ${e.presentCurrentA.toFixed(1)} A` : DASH;
  $('cpMeaning').textContent = cpMeaning(s.inlet.cpState, s.inlet.cpDutyPct);
  renderContactors(s.pack.contactors);
  renderPins(s.inlet.pinTempsC);
  renderPhases(s.session.phase, s.session.kind);
  const load = s.v2l.powerLimitW > 0 ? s.v2l.loadW / s.v2l.powerLimitW : 0;
  $('v2lLoadBar').style.width = `${Math.max(0, Math.min(1, load)) * 100}%`;
  $('v2lPanel').dataset.state = s.v2l.state;
}

/** J1772 CP: 5 % duty asks for digital communication; 8–97 % is an AC offer (reference/pilot.md). */
function cpMeaning(state, duty) {
  const states = { A: 'nothing connected', B: 'connected', C: 'ready, charging', D: 'ventilation', E: 'no pilot', F: 'EVSE fault' };
  const digital = typeof duty === 'number' && duty > 3 && duty < 7 ? ', digital' : '';
  return `(${states[state] ?? 'unknown'}${digital})`;
}

function renderContactors(contactors) {
  const ul = $('contactors');
  ul.textContent = '';
  const names = { mainPos: 'main +', mainNeg: 'main −', precharge: 'precharge', dcPos: 'DC +', dcNeg: 'DC −', obcRelay: 'OBC' };
  for (const [key, label] of Object.entries(names)) {
    const li = el('li', `ct ${contactors[key] ?? 'unknown'}`, label);
    li.title = `${label}: ${contactors[key] ?? 'unknown'}`;
    ul.append(li);
  }
}

function renderPins(temps) {
  const box = $('pins');
  box.textContent = '';
  temps.forEach((t, i) => {
    const row = el('div', 'pin');
    row.append(el('span', 'pinname', `pin ${i + 1}`));
    const bar = el('div', 'meter');
    const fill = el('div');
    const frac = typeof t === 'number' ? Math.min(1, Math.max(0, t / PIN_LIMIT_C)) : 0;
    fill.style.width = `${frac * 100}%`;
    fill.className = typeof t !== 'number' ? '' : t >= PIN_LIMIT_C ? 'hot' : t >= PIN_LIMIT_C - 10 ? 'warm' : 'ok';
    bar.append(fill);
    row.append(bar, el('span', 'pinval', FORMATS.C1(t)));
    box.append(row);
  });
}

function renderPhases(phase, kind) {
  const ol = $('phases');
  ol.textContent = '';
  const at = STEPS.findIndex(([, names]) => names.includes(phase));
  if (at < 0) {
    ol.append(el('li', phase === 'idle' || !phase ? 'idle' : 'now', phase === 'idle' || !phase ? 'no session' : words(phase)));
    return;
  }
  STEPS.forEach(([label], i) => ol.append(el('li', i < at ? 'done' : i === at ? 'now' : '', label)));
  ol.title = `${kind ?? ''} phase: ${phase}`;
}

export function renderFaults(faults, nowMs) {
  const ul = $('faults');
  ul.textContent = '';
  const sorted = [...faults].sort((a, b) => Number(b.active) - Number(a.active) || b.lastMs - a.lastMs);
  const active = sorted.filter((f) => f.active).length;
  $('faultCount').textContent = `${active} active · ${sorted.length - active} past`;
  if (sorted.length === 0) ul.append(el('li', 'none', 'no faults'));
  for (const f of sorted) {
    const li = el('li', `fault ${f.severity} ${f.active ? 'active' : 'past'}`);
    li.append(el('span', 'sev', f.severity), el('code', '', f.code), el('span', 'text', f.text));
    const when = f.active ? `for ${duration((nowMs - f.firstMs) / 1000)}` : `cleared ${duration((nowMs - f.lastMs) / 1000)} ago`;
    li.append(el('span', 'when', when));
    ul.append(li);
  }
}

const logSeen = new Set();
export function renderLog(entries) {
  const ol = $('log');
  for (const e of entries) {
    if (logSeen.has(e.seq)) continue;
    logSeen.add(e.seq);
    const li = el('li');
    li.append(el('span', 'when', clock(e.tMs)), el('span', 'ev', words(e.event)), el('span', 'data', summary(e.data)));
    ol.prepend(li);
  }
  while (ol.children.length > 40) ol.lastElementChild.remove();
}

function summary(data) {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return String(data);
  return Object.entries(data).map(([k, v]) => {
    const text = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    return `${k} ${k === 'from' || k === 'to' ? REASONS[v] ?? text : text}`;
  }).join(' · ');
}
