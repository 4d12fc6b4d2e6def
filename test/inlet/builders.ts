// Builders for inlet tests: readable inputs with sensible defaults (nothing plugged, car parked).
import type { InletInput } from '../../inlet/index.ts';
import type { Reading } from '../../inlet/types.ts';
import type { CpSample } from '../../inlet/control-pilot.ts';

export const ok = <T>(value: T, ageMs = 0): Reading<T> => ({ value, valid: true, ageMs });
export const invalid = <T>(value: T): Reading<T> => ({ value, valid: false, ageMs: 0 });

/** Nominal PP resistances of the default NACS band table (reference/pilot.md §3, §6). */
export const PP = {
  nothing: Number.POSITIVE_INFINITY,
  nacsLatched: 150,
  nacsPressed: 480,
  dcAdapterLatched: 300,
  dcAdapterPressed: 630,
  acAdapterLatched: 830,
  acAdapterPressed: 1160,
  v2l: 2200,
  v2h: 3300,
  unknown: 1700,
} as const;

export const cpAc = (dutyPct: number, state: CpSample['state'] = 'B'): CpSample => ({ state, dutyPct, pwmPresent: true });
export const cpDigital = (state: CpSample['state'] = 'B'): CpSample => ({ state, dutyPct: 5, pwmPresent: true });
export const cpSteady = (state: CpSample['state']): CpSample => ({ state, dutyPct: 0, pwmPresent: false });

export function anInletInput(o: Partial<InletInput> = {}): InletInput {
  return {
    ppOhm: ok<number>(PP.nothing),
    cp: ok(cpSteady('E')),
    lockFeedback: ok('unlocked'),
    manualRelease: ok(false),
    pinTempsC: [ok(25), ok(25)],
    inletVoltageV: ok(0),
    inletCurrentA: ok(0),
    obcRelay: ok('open'),
    dcContactorPositive: ok('open'),
    dcContactorNegative: ok('open'),
    bms: ok({ chargeCurrentLimitA: 100, chargePowerLimitW: 50_000, packVoltageV: 380, socPct: 50, chargeAllowed: true }),
    obc: ok({ ready: true, fault: false, acVoltageV: 0 }),
    hmi: ok({ maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'now' }, unlockRequest: false }),
    vehicle: ok({ gear: 'P', speedKph: 0 }),
    dcRequest: { active: false, wantLock: false, wantDcPath: false },
    v2lRequest: { active: false, wantLock: false, wantAcPath: false },
    ...o,
  };
}

/** A NACS handle latched on a J1772-style AC station offering `dutyPct`. */
export function anAcStationInput(dutyPct = 53.3, o: Partial<InletInput> = {}): InletInput {
  return anInletInput({ ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpAc(dutyPct)), ...o });
}
