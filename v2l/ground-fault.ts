// Ground-fault (residual current) protection: at or above the threshold the output trips in the
// same tick (reference/v2l.md §2 PD 5 mA, inside UL 943 Class A's 4–6 mA window and well
// inside its time curve T = (20 / I)^1.43 s). The inverter's own GFCI may trip first; its
// report counts as a ground-fault trip too.
import type { InverterFeedback } from './types.ts';

export function isGroundFault(feedback: InverterFeedback, tripMa: number): boolean {
  return feedback.leakageMa >= tripMa || feedback.tripReason === 'ground-fault';
}

/** A ground-fault trip may be reset only when the leakage has gone. */
export function leakageCleared(feedback: InverterFeedback, tripMa: number): boolean {
  return feedback.leakageMa < tripMa;
}
