// Turns the fake source's state into the StatusSnapshot the controller would publish.
import type { StatusSnapshot } from '../status.ts';
import { FAKE_PACK, packVoltageV } from './fake-pack.ts';
import type { FakeState } from './fake-source.ts';

const CURRENT_PHASES = new Set(['closingContactors', 'contactorSettle', 'powerDeliveryStart', 'currentDemand', 'stopRampDown', 'powerDeliveryStop']);
const PRECHARGE_PHASES = new Set(['preCharge']);
/** V2L inverter rating in the fake (W) and the floor's margin for the warning. */
const V2L_RATING_W = 3600;

export function snapshotOf(s: FakeState, sessionStartMs: number): StatusSnapshot {
  const p = s.pack;
  const voltageV = packVoltageV(p);
  const dcClosed = CURRENT_PHASES.has(s.phase);
  const sessionOn = s.charging;
  const v = extremes(p.cellVoltagesV);
  const t = extremes(p.tempsC);
  const powerW = voltageV * p.currentA;
  const secondsTo = (pct: number): number | null =>
    s.phase === 'currentDemand' && powerW > 1000 && p.socPct < pct ? Math.round((((pct - p.socPct) / 100) * FAKE_PACK.capacityWh * 3600) / (powerW * 0.8)) : null;
  const v2lOn = s.v2l.state === 'supplying';
  const aboveFloorWh = Math.max(0, ((p.socPct - s.v2l.floorPct) / 100) * FAKE_PACK.capacityWh);
  return {
    tMs: s.tMs,
    mode: sessionOn ? 'dc-charge' : v2lOn ? 'v2l' : 'park',
    pack: {
      socPct: p.socPct,
      sohPct: 96.5,
      energyWh: (p.socPct / 100) * FAKE_PACK.capacityWh,
      packVoltageV: voltageV,
      packCurrentA: p.currentA,
      powerW,
      chargeCurrentLimitA: sessionOn ? Math.max(s.requestA, 0) : 0,
      dischargeCurrentLimitA: 600,
      cellVoltageMinV: v.min, cellVoltageMaxV: v.max, cellVoltageMinIndex: v.minIndex, cellVoltageMaxIndex: v.maxIndex,
      cellTempMinC: t.min, cellTempMaxC: t.max, cellTempMinIndex: t.minIndex, cellTempMaxIndex: t.maxIndex,
      isolationKohm: s.phase === 'cableCheck' ? null : 1850,
      contactors: {
        mainPos: 'closed', mainNeg: 'closed', precharge: PRECHARGE_PHASES.has(s.phase) ? 'closed' : 'open',
        dcPos: dcClosed ? 'closed' : 'open', dcNeg: dcClosed ? 'closed' : 'open', obcRelay: 'open',
      },
      contactorState: 'closed',
    },
    cells: { voltagesV: [...p.cellVoltagesV], tempsC: [...p.tempsC] },
    inlet: {
      connector: 'CCS1',
      latched: true,
      lock: sessionOn && s.phase !== 'sessionSetup' && s.phase !== 'authorization' ? 'locked' : 'unlocked',
      cpState: s.phase === 'currentDemand' || dcClosed ? 'C' : 'B',
      cpDutyPct: 5,
      ppOhms: 150,
      pinTempsC: [p.pinTempsC[0], p.pinTempsC[1]],
      acOfferA: 0,
      refusal: null,
    },
    session: {
      kind: sessionOn || s.phase === 'ended' ? 'dc' : null,
      phase: s.phase,
      path: 'direct',
      pathReason: `EVSE max ${s.evse.maxVoltageV} V covers the pack (${Math.round(voltageV)} V now)`,
      requestCurrentA: s.requestA,
      targetVoltageV: sessionOn ? Math.min(s.evse.maxVoltageV - 1, 96 * 4.2) : 0,
      limitingReason: s.reason,
      evse: sessionOn ? { ...s.evse, presentVoltageV: dcClosed ? voltageV : 0, presentCurrentA: dcClosed ? Math.max(0, p.currentA) : 0 } : null,
      timeTo80S: secondsTo(80),
      timeToLimitS: secondsTo(s.chargeLimitPct),
      chargeLimitPct: s.chargeLimitPct,
      stopReason: s.stopReason,
    },
    v2l: {
      state: s.v2l.state,
      loadW: s.v2l.loadW,
      powerLimitW: V2L_RATING_W,
      floorPct: s.v2l.floorPct,
      runtimeS: v2lOn && s.v2l.loadW > 0 ? Math.round((aboveFloorWh / s.v2l.loadW) * 3600) : null,
      energyWh: s.v2l.energyWh,
      warning: s.v2l.warning,
      trip: null,
    },
    faults: [...s.faults.values()],
  };
}

/** Min and max of the valid values, with their indexes (NaN is an invalid sensor). */
function extremes(values: readonly number[]): { min: number; max: number; minIndex: number; maxIndex: number } {
  let r = { min: NaN, max: NaN, minIndex: -1, maxIndex: -1 };
  values.forEach((x, i) => {
    if (Number.isNaN(x)) return;
    if (r.minIndex < 0 || x < r.min) r = { ...r, min: x, minIndex: i };
    if (r.maxIndex < 0 || x > r.max) r = { ...r, max: x, maxIndex: i };
  });
  return r;
}
