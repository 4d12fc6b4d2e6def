// Output composition of the port step, with the last-line guards of invariants 1 and 2 and the
// drive inhibit of invariant 9. The guards should never fire; when one does, it is reported.
import { isAcActive, type AcSessionView } from './ac-session.ts';
import type { ControlPilotView } from './control-pilot.ts';
import { lockCommand, type LockState } from './lock.ts';
import type { PathView } from './path-arbitration.ts';
import type { PinView } from './pin-derating.ts';
import type { PortMemo } from './port-memo.ts';
import type { InletEvent, InletOutputs } from './port-types.ts';
import { decodedKey, type ConnectorView } from './proximity.ts';
import type { StopNow } from './stop-conditions.ts';
import type { Refusal } from './wrong-adapter.ts';

export interface OutputParts {
  c: ConnectorView;
  cp: ControlPilotView;
  pin: PinView;
  acPin: PinView;
  ac: AcSessionView;
  lock: LockState;
  path: PathView;
  refusal: Refusal | null;
  stop: StopNow | null;
  dead: boolean;
  lockFeedbackLocked: boolean;
  relayClosed: boolean;
  relayOpen: boolean;
  sessionActive: boolean;
}

/** The connector as the outputs show it; the memo's last one while made from the same view and refusal state. */
function connectorOut(c: ConnectorView, ok: boolean, memo: PortMemo | undefined): InletOutputs['connector'] {
  if (memo !== undefined && memo.out !== undefined && memo.outFrom === c && memo.outOk === ok) return memo.out;
  // Written out rather than rest/spread (every tick); the same keys in ConnectorView's order, raw dropped.
  const out = {
    kind: c.kind,
    bandName: c.bandName,
    latched: c.latched,
    latchPressed: c.latchPressed,
    ratingA: c.ratingA,
    acAllowed: c.acAllowed && ok,
    dcAllowed: c.dcAllowed && ok,
    v2lAdapter: c.v2lAdapter && ok,
    isAdapter: c.isAdapter,
    present: c.present,
    ppInvalid: c.ppInvalid,
    settled: c.settled,
    rawBand: decodedKey(c.raw),
  };
  if (memo !== undefined) {
    memo.out = out;
    memo.outFrom = c;
    memo.outOk = ok;
  }
  return out;
}

/** The lock as the outputs show it; the memo's last one while made from the same lock state, command and feedback. */
function lockOut(lock: LockState, command: InletOutputs['lock']['command'], feedbackLocked: boolean, memo: PortMemo | undefined): InletOutputs['lock'] {
  if (memo !== undefined && memo.lockOut !== undefined && memo.lockFrom === lock && memo.lockOut.command === command && memo.lockFeedbackLocked === feedbackLocked) {
    return memo.lockOut;
  }
  const out = { state: lock.name, command, fault: lock.fault, manualRelease: lock.manualRelease, lockedConfirmed: lock.name === 'locked' && feedbackLocked };
  if (memo !== undefined) {
    memo.lockOut = out;
    memo.lockFrom = lock;
    memo.lockFeedbackLocked = feedbackLocked;
  }
  return out;
}

export function composeOutputs(x: OutputParts, guards: InletEvent[], memo?: PortMemo): InletOutputs {
  let command = lockCommand(x.lock);
  if (command === 'unlock' && !x.dead) {
    guards.push({ type: 'guard', invariant: 2, detail: 'unlock suppressed: inlet not proven dead' });
    command = 'none';
  }
  let path = x.path;
  if (path.obcRelayCommand === 'closed' && path.dcContactorsAllowed) {
    guards.push({ type: 'guard', invariant: 1, detail: 'OBC relay and DC contactors both enabled: both withdrawn' });
    path = { ...path, obcRelayCommand: 'open', dcContactorsAllowed: false };
  }
  const acOn = path.obcRelayCommand === 'closed' && x.relayClosed;
  // The session's own view when the gate changes nothing (always while idle: a shared frozen view);
  // else a plain copy, then the gated fields; same keys, same order.
  let acSession = x.ac;
  if (!acOn && (x.ac.s2Closed || x.ac.obcCurrentSetpointA !== 0)) {
    acSession = { ...x.ac };
    acSession.s2Closed = false;
    acSession.obcCurrentSetpointA = 0;
  }
  const c = x.c;
  const ok = x.refusal === null;
  return {
    connector: connectorOut(c, ok, memo),
    cp: x.cp,
    lock: lockOut(x.lock, command, x.lockFeedbackLocked, memo),
    path,
    pinLimitA: x.pin.limitA,
    pinLimitReason: x.pin.reason,
    pinLimitAcA: x.acPin.limitA,
    pinMaxTempC: x.pin.maxTempC,
    acSession,
    // Invariant 9: PP shows (or may show) something, an EVSE drives the pilot, or a session runs.
    driveInhibit: x.c.present || x.cp.evsePresent || x.sessionActive || isAcActive(x.ac.state),
    refusal: x.refusal,
    stopNow: x.stop,
    inletDead: x.dead,
    dcSessionAllowed: c.dcAllowed && ok && x.c.settled
      && (path.granted === 'dc' || (path.granted === 'none' && x.relayOpen)),
  };
}
