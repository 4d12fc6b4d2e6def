// The inlet port step: composes proximity, control pilot, pin derating, refusals, stop
// conditions, the AC session, the lock and the path arbitration into one pure step.
// Invariants 1, 2 and 9 are enforced here, not only tested: a final guard re-checks the commands.
import { acSessionStep, acStaysIdle, idleAcStep, isAcActive, type AcStepResult } from './ac-session.ts';
import type { AcSessionInput } from './ac-conditions.ts';
import type { InletConfig } from './config.ts';
import { controlPilotStep } from './control-pilot.ts';
import { lockStep } from './lock.ts';
import { pathStep, type PathInput } from './path-arbitration.ts';
import { pinViews } from './pin-derating.ts';
import { changeEvents } from './port-events.ts';
import { composeOutputs } from './port-outputs.ts';
import { isInletDead, prepareInputs } from './port-inputs.ts';
import type { InletEvent, InletInput, InletState, InletStepResult } from './port-types.ts';
import type { PreparedInputs } from './port-inputs.ts';
import type { PortMemo } from './port-memo.ts';
import { proximityStep } from './proximity.ts';
import { stopNow } from './stop-conditions.ts';
import { refusalFor } from './wrong-adapter.ts';

/** What the port perceives this tick, before any session, lock or path decision. */
function perceive(config: InletConfig, state: InletState, input: InletInput, p: PreparedInputs, nowMs: number, views: PortMemo | undefined) {
  const { dcRequest: dc, v2lRequest: v2l } = input;
  const prox = proximityStep(config.proximity, config.inletRatingA, state.proximity, input.ppOhm, p.ppUsable, nowMs, views);
  const c = prox.connector;
  const acWasActive = isAcActive(state.ac.name);
  const chargeActive = dc.active || acWasActive;
  const sessionActive = chargeActive || v2l.active;
  const cp = controlPilotStep(config.controlPilot, state.cp, input.cp, p.cpUsable, chargeActive, nowMs, views);
  // AC runs at most at the OBC's current: its ramp starts from there, not from the 400 A DC rating.
  const { pin, acPin } = pinViews(config.pin, state.pin, p.pinTempsC, c.isAdapter, c.ratingA, Math.min(c.ratingA, config.obc.maxCurrentA), views);
  const refusal = refusalFor({
    ppInvalid: c.ppInvalid, kind: c.kind, latchPressed: c.latchPressed, pilotClass: cp.view.pilotClass,
    evsePresent: cp.view.evsePresent, lockFault: state.lock.fault, pathFault: state.path.fault, parked: !p.notParked,
  });
  const wantsLock = dc.wantLock || v2l.wantLock || (acWasActive && config.ac.requireLock);
  const lockedNow = state.lock.name === 'locked' && p.lockFeedback === 'locked';
  const stop = stopNow({
    chargeSessionActive: chargeActive, sessionActive, cpLevel: cp.view.state, pwmLost: cp.view.pwmLost,
    latchPressed: c.latchPressed, userUnlock: p.hmi.unlockRequest, manualRelease: p.manualReleaseActive || state.lock.manualRelease,
    lockLost: wantsLock && state.lock.name === 'locked' && !lockedNow, lockFault: wantsLock && state.lock.name === 'fault',
    unplugged: c.kind === 'none', ppInvalid: c.ppInvalid, refused: refusal !== null,
    pinStop: pin.view.reason === 'pin-overtemp-stop', pathFault: state.path.fault !== null, moving: p.moving,
  });
  return { prox, c, cp, pin, acPin, refusal, stop, acWasActive, sessionActive, lockedNow, dead: isInletDead(config.safety, p) };
}

/** `views`: the port's own memo (createInletPort makes one); without one every view is computed afresh. */
export function inletPortStep(config: InletConfig, state: InletState, input: InletInput, nowMs: number, views?: PortMemo): InletStepResult {
  const p = prepareInputs(config, input);
  const { dcRequest: dc, v2lRequest: v2l } = input;
  const { prox, c, cp, pin, acPin, refusal, stop, acWasActive, sessionActive, lockedNow, dead } = perceive(config, state, input, p, nowMs, views);

  const plugPresent = c.kind !== 'none';
  const dcActive = dc.active || v2l.active;
  let ac: AcStepResult;
  // An idle AC session with nothing to start (every tick of a DC session) needs none of its inputs.
  if (acStaysIdle(state.ac, plugPresent, dcActive)) ac = idleAcStep(state.ac, plugPresent);
  else {
    const acInput: AcSessionInput = {
      plugPresent, acConnector: c.acAllowed && refusal === null, acOfferA: cp.view.acOfferA,
      pilotClass: cp.view.pilotClass, stop: acWasActive ? (stop?.reason ?? null) : null, dcActive,
      bms: p.bms, obc: p.obc, relayConfirmed: state.path.granted === 'ac' && p.obcRelay === 'closed',
      lockLocked: lockedNow, lockFault: state.lock.name === 'fault', inletCurrentA: p.inletCurrentA, parked: p.parked,
      hmi: p.hmi, ratingA: c.ratingA, pinLimitA: acPin.limitA,
    };
    ac = acSessionStep(config.ac, config.obc, state.ac, acInput, nowMs);
  }

  const lock = lockStep(config.lock, state.lock, {
    feedback: p.lockFeedback, manualReleaseActive: p.manualReleaseActive,
    want: ac.view.wantLock || dc.wantLock || v2l.wantLock, mayLock: c.latched && c.settled && refusal === null,
    inletDead: dead, plugPresent: c.present, userUnlockRequest: c.latchPressed || p.hmi.unlockRequest,
  }, nowMs);

  // A new grant also needs the pilot to match the path, before any refusal has had time to debounce:
  // DC only with a believed 5 % pilot, AC charging only with an AC offer, V2L only with no EVSE pilot.
  const grantOk = c.settled && refusal === null;
  const acFits = ac.view.wantAcPath ? c.acAllowed && cp.view.acOfferA > 0 : c.v2lAdapter && !cp.view.evsePresent;
  const pathIn: PathInput = {
    wantAc: ac.view.wantAcPath || v2l.wantAcPath, wantDc: dc.wantDcPath,
    acAllowed: grantOk && acFits, dcAllowed: grantOk && c.dcAllowed && cp.view.digital,
    obcRelay: p.obcRelay, dcPositive: p.dcPositive, dcNegative: p.dcNegative, plugPresent: c.present,
  };
  const path = pathStep(config.path, state.path, pathIn, nowMs, views);

  const guards: InletEvent[] = [];
  const outputs = composeOutputs({ c, cp: cp.view, pin: pin.view, acPin, ac: ac.view, lock: lock.state, path: path.view,
    refusal, stop, dead, lockFeedbackLocked: p.lockFeedback === 'locked',
    relayClosed: p.obcRelay === 'closed', relayOpen: p.obcRelay === 'open', sessionActive }, guards, views);
  const snapshot = { proximity: prox.state, cp: cp.state, lock: lock.state, path: path.state, ac: ac.state };
  const { events, memo } = changeEvents(state, snapshot, outputs, { lock: lock.cause, ac: ac.cause });
  // Every part unchanged: the same state object. Else written out (no spread): the snapshot's keys, then pin and memo.
  const same = prox.state === state.proximity && cp.state === state.cp && lock.state === state.lock && path.state === state.path
    && ac.state === state.ac && pin.state === state.pin && memo === state.memo;
  const next = same ? state
    : { proximity: snapshot.proximity, cp: snapshot.cp, lock: snapshot.lock, path: snapshot.path, ac: snapshot.ac, pin: pin.state, memo };
  return { state: next, outputs, events: guards.length === 0 ? events : [...events, ...guards] };
}
