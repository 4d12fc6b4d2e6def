// The session's voltages from its plan and inputs: EVTargetVoltage (clamped by invariant 4) and
// the car-side voltage the inlet must match before the contactors close.
import type { DcSessionState } from './state.ts';
import type { DcView } from './observe.ts';
import type { DcInput } from './types.ts';
import { clampTargetVoltageV, rawTargetVoltageOf } from './voltage-request.ts';

export function evTargetVoltageV(state: DcSessionState, input: DcInput, view: DcView, stage: 'precharge' | 'charge'): number {
  const { bms } = input;
  const path = state.plan?.path === 'boost' ? 'boost' : 'direct';
  const raw = rawTargetVoltageOf(path, stage, bms.valid ? bms.packVoltageV : 0, bms.packMaxVoltageV, state.plan?.busVoltageV ?? null, view.evseMaxVoltageV);
  return clampTargetVoltageV(raw, state.evMaxVoltageV, bms.valid ? bms.packMaxVoltageV : 0, input.config.voltage);
}

/** What the DC contactors will connect the inlet to: the pack (direct) or the converter's input link (boost). */
export function carSideVoltageV(state: DcSessionState, input: DcInput): number | undefined {
  if (state.plan?.path === 'boost') {
    return input.boost.valid && Number.isFinite(input.boost.inputVoltageV) ? input.boost.inputVoltageV : undefined;
  }
  return input.bms.valid && Number.isFinite(input.bms.packVoltageV) ? input.bms.packVoltageV : undefined;
}
