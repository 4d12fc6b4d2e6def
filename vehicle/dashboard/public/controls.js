// The controls: read-only until the user gives the token (printed by packpilot at start or set
// in its config). The token is checked with the server, kept for this tab only (sessionStorage)
// and sent as a bearer header; the server decides, the page only mirrors it.

const $ = (id) => document.getElementById(id);
const KEY = 'packpilot.token';
const buttons = ['chargeStart', 'chargeStop', 'v2lOn', 'v2lOff', 'limitRange', 'v2lFloor'];

let token = null;
let limitTouchedAt = 0;
// A live update must not undo a choice the user just made before the controller confirms it.
let floorTouchedAt = 0;

export async function initControls(meta) {
  const floor = $('v2lFloor');
  for (const pct of meta.v2lFloorsPct) floor.append(new Option(`${pct} %`, String(pct)));
  const [lo, hi] = meta.chargeLimitRangePct;
  Object.assign($('limitRange'), { min: lo, max: hi });
  if (!meta.controls) {
    $('tokenInput').hidden = true;
    $('unlock').hidden = true;
    document.body.classList.add('nocontrols');
    setUnlocked(false, 'read-only: no token configured');
    return;
  }
  $('tokenForm').addEventListener('submit', async (e) => {
    e.preventDefault();
    await tryToken($('tokenInput').value.trim());
  });
  $('lock').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    setUnlocked(false);
  });
  $('chargeStart').addEventListener('click', () => send({ cmd: 'charge-start' }));
  $('chargeStop').addEventListener('click', () => send({ cmd: 'charge-stop' }));
  $('v2lOn').addEventListener('click', () => send({ cmd: 'v2l-on', floorPct: Number(floor.value) }));
  $('v2lOff').addEventListener('click', () => send({ cmd: 'v2l-off' }));
  floor.addEventListener('change', () => {
    floorTouchedAt = Date.now();
    send({ cmd: 'v2l-floor', pct: Number(floor.value) });
  });
  const range = $('limitRange');
  range.addEventListener('input', () => {
    limitTouchedAt = Date.now();
    $('limitOut').textContent = `${range.value} %`;
  });
  range.addEventListener('change', () => send({ cmd: 'charge-limit', pct: Number(range.value) }));
  const saved = sessionStorage.getItem(KEY);
  if (saved) await tryToken(saved, true);
}

async function tryToken(candidate, quiet = false) {
  if (!candidate) return;
  const r = await fetch('/api/auth', { headers: { Authorization: `Bearer ${candidate}` } });
  if (r.ok) {
    token = candidate;
    sessionStorage.setItem(KEY, candidate);
    $('tokenInput').value = '';
    setUnlocked(true);
    if (!quiet) toast('controls unlocked');
  } else {
    sessionStorage.removeItem(KEY);
    setUnlocked(false);
    if (!quiet) toast('that token is not the one in force', true);
  }
}

function setUnlocked(on, text) {
  if (!on) token = null;
  for (const id of buttons) $(id).disabled = !on;
  document.body.classList.toggle('unlocked', on);
  const badge = $('authState');
  badge.textContent = text ?? (on ? 'controls on' : 'read-only');
  badge.className = `badge ${on ? 'rw' : 'ro'}`;
  $('tokenInput').hidden = on || text !== undefined;
  $('unlock').hidden = on || text !== undefined;
  $('lock').hidden = !on;
}

async function send(command) {
  if (!token) return;
  let body;
  try {
    const r = await fetch('/api/command', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(command),
    });
    body = await r.json();
    if (r.status === 401) {
      // packpilot restarted with a new token, or the token was changed in config.
      sessionStorage.removeItem(KEY);
      setUnlocked(false);
    }
  } catch (err) {
    body = { ok: false, error: { message: `not sent: ${err.message}` } };
  }
  toast(body.ok ? `${command.cmd}: ${body.result}` : body.error.message, !body.ok);
}

/** Mirrors the controller's values into the controls unless the user is moving them. */
export function syncControls(s) {
  const range = $('limitRange');
  if (Date.now() - limitTouchedAt > 3000 && document.activeElement !== range) {
    range.value = String(s.session.chargeLimitPct);
    $('limitOut').textContent = `${s.session.chargeLimitPct} %`;
  }
  const floor = $('v2lFloor');
  if (Date.now() - floorTouchedAt > 3000 && document.activeElement !== floor) floor.value = String(s.v2l.floorPct);
}

let toastTimer;
export function toast(text, bad = false) {
  const t = $('toast');
  t.textContent = text;
  t.className = `toast ${bad ? 'bad' : 'good'}`;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
}
