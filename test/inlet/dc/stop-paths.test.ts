// Every way a charging session can end — user, full, fault, charger shutdown, charger emergency,
// latch pressed, CP lost, manual release, communication loss — ends with the contactors open, and
// the lock released only when the inlet is dead (invariant 2), checked on every tick.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aWorld, inPhase, runFor, runUntil, type World } from './fake-world.ts';

const t = suite('dc stop paths');

interface Watch { unsafeUnlocks: string[]; openedUnderA: number[] }

/** Watches every tick: an unlock request only with the inlet dead; contactors opened at which current. */
function watch(w: World): Watch {
  const seen: Watch = { unsafeUnlocks: [], openedUnderA: [] };
  let wantedLock = false;
  let closed = false;
  w.onTick = (x) => {
    const out = x.outputs!;
    const inp = x.input!;
    if (wantedLock && !out.wantLock) {
      const v = inp.port.inletVoltageV.value;
      const a = Math.abs(inp.port.inletCurrentA.value);
      if (v >= 60 || a > 1 || inp.bms.dcContactorsClosed) seen.unsafeUnlocks.push(`${x.nowMs} ms: ${v} V, ${a} A`);
    }
    if (closed && !out.closeDcContactors) seen.openedUnderA.push(Math.abs(inp.port.inletCurrentA.value));
    wantedLock = out.wantLock;
    closed = out.closeDcContactors;
  };
  return seen;
}

function chargingFor(ms: number, o: Parameters<typeof aWorld>[0] = {}): World {
  const w = runUntil(aWorld(o), inPhase('currentDemand'));
  return runFor(w, ms);
}

const PATHS: Array<{ name: string; reason: string; cause: (w: World) => void; endsIn?: string; manual?: boolean }> = [
  { name: 'user stop', reason: 'user', cause: (w) => { w.hmi = { ...w.hmi, stopRequested: true }; } },
  { name: 'charge limit reached', reason: 'full', cause: (w) => { w.hmi = { ...w.hmi, chargeLimitPct: 50 }; } },
  { name: 'critical battery fault', reason: 'criticalFault', cause: (w) => { w.bms = { ...w.bms, criticalFault: true }; } },
  { name: 'battery withdraws permission', reason: 'bmsNotAllowed', cause: (w) => { w.bms = { ...w.bms, chargeAllowed: false }; } },
  { name: 'charger shutdown', reason: 'evseShutdown', cause: (w) => { w.quirks.shutdownAtMs = w.nowMs; } },
  { name: 'charger emergency shutdown', reason: 'evseEmergencyShutdown', cause: (w) => { w.quirks.emergencyAtMs = w.nowMs; } },
  { name: 'latch pressed', reason: 'latchPressed', cause: (w) => { w.port = { ...w.port, latchPressed: true }; } },
  { name: 'CP state E/F or PWM lost', reason: 'portStop', cause: (w) => { w.port = { ...w.port, stopNow: true, stopReason: 'cpStateF' }; } },
  { name: 'communication loss', reason: 'commLoss', cause: (w) => { w.quirks.silentFromMs = w.nowMs; }, endsIn: 'retryWait' },
  { name: 'manual release', reason: 'portStop', manual: true, cause: (w) => {
    w.port = { ...w.port, stopNow: true, stopReason: 'manualRelease' };
    w.plant.lock = 'unlocked';
  } },
];

for (const path of PATHS) {
  t(`${path.name}: 0 A, contactors open at low current, unlock only when dead`, () => {
    const w = chargingFor(8_000);
    assert.ok(w.charger.currentA > 100, 'charging before the stop');
    const seen = watch(w);
    path.cause(w);
    runUntil(w, inPhase((path.endsIn ?? 'ended') as World['state']['phase']), 60_000);
    assert.is(w.state.stop?.reason, path.reason);
    assert.is(w.outputs!.currentRequestA, 0);
    assert.is(w.outputs!.closeDcContactors, false);
    assert.is(w.plant.closed, false);
    assert.is(w.outputs!.wantLock, false);
    assert.is(w.plant.lock, 'unlocked');
    if (!path.manual) assert.equal(seen.unsafeUnlocks, [], 'the user opened the lock by hand: nothing for us to gate');
    assert.is(seen.openedUnderA.length, 1);
    const kind = w.state.stop!.kind;
    if (kind !== 'emergency') assert.ok(seen.openedUnderA[0]! < 5, `${path.name}: opened under ${seen.openedUnderA[0]} A`);
  });
}

t('a critical fault with current that does not fall: contactors open at the bound anyway (invariant 8)', () => {
  const w = chargingFor(8_000);
  const seen = watch(w);
  w.bms = { ...w.bms, criticalFault: true };
  w.quirks.shutdownAtMs = w.nowMs; // and the charger keeps pushing current (Compleo-like)
  const faultAt = w.nowMs;
  runUntil(w, (x) => x.outputs?.closeDcContactors === false, 2_000);
  assert.ok(w.nowMs - faultAt <= 500 + 20);
  assert.equal(seen.unsafeUnlocks, []);
});

t('a welded contactor: the inlet stays at pack voltage, the welding check runs out and the plug stays locked', () => {
  const w = aWorld({ hmi: { chargeLimitPct: 50.5 } });
  runUntil(w, inPhase('stopRampDown'));
  w.quirks.weldedContactors = true;
  runFor(w, 40_000);
  assert.is(w.state.phase, 'sessionStop');
  assert.is(w.outputs!.wantLock, true, 'never unlock with voltage on the pins');
  assert.ok(w.events.some((e) => e.type === 'quirk' && e.quirk === 'weldingSuspected'));
});

t('session stop unanswered: the session ends after its 2 s response timeout, once unlocked', () => {
  const w = aWorld({ hmi: { chargeLimitPct: 50.5 } });
  runUntil(w, inPhase('sessionStop'));
  w.quirks.silentFromMs = w.nowMs;
  const at = w.nowMs;
  runUntil(w, inPhase('ended'), 5_000);
  assert.ok(w.nowMs - at >= 2_000);
});

t.run();
