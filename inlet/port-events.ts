// Events of one port step: each decision that changes something, reported once.
import type { AcSessionState } from './ac-session.ts';
import type { ControlPilotState } from './control-pilot.ts';
import type { LockEvent, LockState } from './lock.ts';
import type { PathState } from './path-arbitration.ts';
import type { InletEvent, InletMemo, InletOutputs, InletState } from './port-types.ts';
import { decodedKey, type ProximityState } from './proximity.ts';
import type { AcEvent } from './ac-session.ts';

export interface StepSnapshot {
  proximity: ProximityState;
  cp: ControlPilotState;
  lock: LockState;
  path: PathState;
  ac: AcSessionState;
}

export function changeEvents(
  before: InletState,
  after: StepSnapshot,
  out: InletOutputs,
  causes: { lock: LockEvent | null; ac: AcEvent | null },
): { events: InletEvent[]; memo: InletMemo } {
  const ev: InletEvent[] = [];
  const m = before.memo;
  if (before.proximity.stable !== after.proximity.stable) {
    const fromBand = decodedKey(before.proximity.stable);
    const toBand = decodedKey(after.proximity.stable);
    if (fromBand !== toBand) ev.push({ type: 'connector', from: fromBand, to: toBand });
  }
  const pa = before.cp.accepted;
  const pb = after.cp.accepted;
  if (pa.pilotClass !== pb.pilotClass || pa.offerA !== pb.offerA) ev.push({ type: 'pilot', from: pa.pilotClass, to: pb.pilotClass, offerA: pb.offerA });
  if (before.lock.name !== after.lock.name) ev.push({ type: 'lock', from: before.lock.name, to: after.lock.name, cause: causes.lock, fault: after.lock.fault });
  if (before.path.granted !== after.path.granted) ev.push({ type: 'path', from: before.path.granted, to: after.path.granted, fault: after.path.fault });
  const refusedKey = after.path.refused === null ? null : `${after.path.refused.path}:${after.path.refused.reason}`;
  if (after.path.refused !== null && refusedKey !== m.pathRefusal) ev.push({ type: 'path-refused', ...after.path.refused });
  if (before.ac.name !== after.ac.name) ev.push({ type: 'ac-session', from: before.ac.name, to: after.ac.name, cause: causes.ac, reason: String(after.ac.stopCause ?? out.acSession.reason) });
  const refusal = out.refusal?.code ?? null;
  if (refusal !== m.refusal) ev.push({ type: 'refusal', code: refusal, text: out.refusal?.text ?? null });
  const stop = out.stopNow?.reason ?? null;
  if (out.stopNow !== null && stop !== m.stop) ev.push({ type: 'stop-now', ...out.stopNow });
  if (out.pinLimitReason !== m.pinReason) ev.push({ type: 'pin-limit', reason: out.pinLimitReason, limitA: out.pinLimitA });
  if (out.driveInhibit !== m.driveInhibit) ev.push({ type: 'drive-inhibit', inhibit: out.driveInhibit });
  // Nothing new to remember (nearly every tick): the same memo object.
  const same = refusal === m.refusal && stop === m.stop && out.driveInhibit === m.driveInhibit && out.pinLimitReason === m.pinReason
    && refusedKey === m.pathRefusal;
  const memo: InletMemo = same ? m : { refusal, stop, driveInhibit: out.driveInhibit, pinReason: out.pinLimitReason, pathRefusal: refusedKey };
  return { events: ev, memo };
}
