// Preconditions of V2L (DESIGN.md §6, §7 invariant 6) and the reason the HMI shows when one
// fails. The same checks refuse a start and stop a running session; the first failing one,
// in the order a user would fix them, is the reason.
import type { V2lConfig } from './config.ts';
import { selectOutput } from './output-select.ts';
import { batteryPowerW } from './power-limit.ts';
import { canStartAbove, isAtFloor } from './soc-floor.ts';
import { isGroundFault } from './ground-fault.ts';
import { mayStartAt } from './thermal.ts';
import type { Reading, Refusal, RefusalCode, V2lInput } from './types.ts';

/** 'start' refuses a request (with margins); 'run' stops a session (at the limits themselves). */
export type CheckPhase = 'start' | 'run';

export function isFresh<T>(r: Reading<T>, maxAgeMs: number): boolean {
  return r.valid && r.ageMs <= maxAgeMs;
}

const TEXTS: Readonly<Record<RefusalCode, string>> = {
  'export-path-unsupported': 'Power export through the DC pins (V2H) is not available yet.',
  'no-adapter': 'Plug the V2L adapter into the charge port.',
  'adapter-unknown': 'The plugged device is not recognised: unplug it and plug it in again.',
  'adapter-not-v2l': 'A charge cable is plugged in, not a V2L adapter.',
  'adapter-incompatible': 'This adapter is not rated for the output voltage of this car.',
  'vehicle-data-invalid': 'Gear or speed unknown: V2L is unavailable.',
  'not-in-park': 'Shift to Park to use V2L.',
  'vehicle-moving': 'The car is moving: stop and shift to Park to use V2L.',
  'charging-active': 'V2L is unavailable while charging.',
  'blocking-fault': 'A vehicle fault prevents V2L.',
  'battery-data-invalid': 'Battery data unavailable: V2L is unavailable.',
  'battery-disconnected': 'The high-voltage battery is not connected.',
  'soc-at-floor': 'Battery at the V2L limit: lower the limit or charge the car.',
  'battery-limit-low': 'The battery cannot give power now (too cold, too hot or too low).',
  'inverter-unavailable': 'The V2L inverter does not answer.',
  'inverter-fault': 'The V2L inverter reports a fault.',
  'inverter-hot': 'The V2L inverter is too hot: wait for it to cool down.',
  'ground-fault': 'Current is leaking to earth: check appliances and cords.',
  'trip-latched': 'V2L tripped: press reset before switching it on again.',
};

export function refusal(code: RefusalCode, detail?: string): Refusal {
  return { code, text: detail ? `${TEXTS[code]} (${detail})` : TEXTS[code] };
}

/** Adapter, gear and speed, charging, faults: everything outside the battery and the inverter. */
function vehicleRefusal(input: V2lInput): Refusal | null {
  const cfg = input.config;
  if (cfg.exportPath !== 'ac-adapter') return refusal('export-path-unsupported');
  const { adapter } = input;
  if (!isFresh(adapter, cfg.freshness.adapterMaxAgeMs) || adapter.value.kind === 'unknown') {
    return refusal('adapter-unknown');
  }
  if (adapter.value.kind === 'none') return refusal('no-adapter');
  if (adapter.value.kind === 'other') return refusal('adapter-not-v2l');
  if (selectOutput(cfg.output, adapter.value) === null) {
    return refusal('adapter-incompatible', `adapter ${adapter.value.ratedVoltageV} V, output ${cfg.output.lineVoltageV} V`);
  }
  const { vehicle } = input;
  if (!isFresh(vehicle, cfg.freshness.vehicleMaxAgeMs)) return refusal('vehicle-data-invalid');
  if (vehicle.value.gear !== 'P') return refusal('not-in-park');
  // An unknown speed counts as moving (CONTRACT.md VEH_Speed).
  if (!(Math.abs(vehicle.value.speedKph) <= cfg.maxParkedSpeedKph)) return refusal('vehicle-moving');
  if (input.chargingActive) return refusal('charging-active');
  if (input.blockingFault.active) return refusal('blocking-fault', input.blockingFault.code ?? undefined);
  return null;
}

function batteryRefusal(input: V2lInput, floorPct: number, phase: CheckPhase): Refusal | null {
  const cfg = input.config;
  const { bms } = input;
  if (!isFresh(bms, cfg.freshness.bmsMaxAgeMs) || !Number.isFinite(bms.value.socPct)) {
    return refusal('battery-data-invalid');
  }
  if (phase === 'run' && !bms.value.mainContactorsClosed) return refusal('battery-disconnected');
  const soc = bms.value.socPct;
  const floorOk = phase === 'start' ? canStartAbove(soc, floorPct, cfg.floor) : !isAtFloor(soc, floorPct);
  if (!floorOk) return refusal('soc-at-floor', `${soc.toFixed(1)} %, limit ${floorPct} %`);
  if (batteryPowerW(bms.value, cfg) < cfg.minBatteryPowerW) return refusal('battery-limit-low');
  return null;
}

/** Inverter facts that refuse a start at once (missing feedback is waited for in Checking). */
export function inverterStartRefusal(input: V2lInput): Refusal | null {
  const cfg = input.config;
  const inv = input.inverter;
  if (!isFresh(inv, cfg.freshness.inverterMaxAgeMs)) return null;
  if (inv.value.state === 'fault' || inv.value.state === 'tripped' || inv.value.tripReason !== null) {
    return refusal('inverter-fault', inv.value.tripReason ?? inv.value.state);
  }
  if (!Number.isFinite(inv.value.leakageMa) || !Number.isFinite(inv.value.temperatureC)) {
    return refusal('inverter-unavailable', 'leakage or temperature unknown');
  }
  // A leak before the output is on (a wet cord on a device with its own supply) refuses the start.
  if (isGroundFault(inv.value, cfg.groundFaultTripMa)) return refusal('ground-fault', `${inv.value.leakageMa} mA`);
  if (!mayStartAt(inv.value.temperatureC, cfg.thermal)) {
    return refusal('inverter-hot', `${inv.value.temperatureC.toFixed(0)} °C`);
  }
  return null;
}

/** The first precondition that fails, or null when V2L may start (phase 'start') or go on ('run'). */
export function findRefusal(input: V2lInput, floorPct: number, phase: CheckPhase): Refusal | null {
  return (
    vehicleRefusal(input) ??
    batteryRefusal(input, floorPct, phase) ??
    (phase === 'start' ? inverterStartRefusal(input) : null)
  );
}
