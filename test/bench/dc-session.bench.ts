// DC session step timing: a 400 V car charging in CurrentDemand, a fresh charger answer every tick,
// limits moving every tick; once as configured (remaining-time estimate at most once a second) and
// once with the estimate recomputed every tick from 0 % (the worst case).
import type { BenchGroup, Figure } from './harness.ts';
import { medianMicros, opsPerSecond } from './harness.ts';
import { DC_CONFIG_DEFAULT, dcSessionStep, initialDcSessionState, type DcConfig, type DcInput, type DcSessionState } from '../../inlet/dc/index.ts';

const fresh = (value: number) => ({ value, valid: true, ageMs: 0 });

function anInput(config = DC_CONFIG_DEFAULT): DcInput {
  return {
    ccc: {
      valid: true, rxAgeMs: 0, phaseReported: 'currentDemand', result: 'ok', resSeq: 0, protocol: 'iso15118-2',
      evseStatus: 'ready', isolationStatus: 'valid', notification: 'none', evseMaxVoltageV: 920, evseMinVoltageV: 150,
      evseMaxCurrentA: 500, evseMaxPowerW: 350_000, presentVoltageV: 380, presentCurrentA: 300, paymentOptions: { eim: true, pnc: false },
    },
    port: {
      connectorPresent: true, dcAllowed: true, latchPressed: false, stopNow: false, cpDigital: true, ratingA: 400,
      lockState: 'locked', pinLimitA: 1_000, inletVoltageV: fresh(380), inletCurrentA: fresh(300),
    },
    bms: {
      valid: true, chargeCurrentLimitA: 450, chargePowerLimitW: 250_000, packVoltageV: 370, packMaxVoltageV: 403.2,
      announceMaxVoltageV: 410, socPct: 20, usableCapacityAh: 216, chargeAllowed: true, criticalFault: false,
      dcContactorsClosed: true, dcContactorsOpen: false,
      chargeCurrentCurve: [[0, 540], [10, 648], [30, 562], [50, 475], [60, 389], [70, 281], [80, 151], [90, 65], [100, 65]],
    },
    boost: { valid: true, status: 'ready', tempLimitFactor: 1, inputVoltageV: 0 },
    hmi: { chargeLimitPct: 100, startRequested: false, stopRequested: false, paymentPreference: 'eim' },
    config,
  };
}

function charging(): DcSessionState {
  return {
    ...initialDcSessionState(0), phase: 'currentDemand', lastSeq: 0, sessionStartedAtMs: 0, chargeStartedAtMs: 0,
    paymentMode: 'eim', evMaxVoltageV: 410, evMaxAnnouncedPeakV: 410, requestAtMs: 0,
    plan: { path: 'direct', code: 'chargerVoltageSufficient', reason: 'bench', neededVoltageV: 400, busVoltageV: null },
  };
}

/** One tick of charging with a new answer and a limit that moves. */
function chargingTick(config: DcConfig = DC_CONFIG_DEFAULT, socPct = 20): () => void {
  let state = charging();
  let now = 0;
  let n = 0;
  const base = anInput(config);
  base.bms.socPct = socPct;
  return () => {
    n++;
    now += 10;
    const input: DcInput = {
      ...base,
      ccc: { ...base.ccc, resSeq: n, evseMaxCurrentA: 400 + (n % 50), presentCurrentA: state.requestA },
      port: { ...base.port, inletCurrentA: fresh(state.requestA) },
      bms: { ...base.bms, chargeCurrentLimitA: 450 - (n % 70) },
    };
    state = dcSessionStep(state, input, now).state;
    if (state.phase !== 'currentDemand') throw new Error(`bench left charging: ${state.phase}`);
  };
}

/** The estimate recomputed every tick, from 0 % to a 100 % limit. */
const ESTIMATE_EVERY_TICK: DcConfig = { ...DC_CONFIG_DEFAULT, estimate: { ...DC_CONFIG_DEFAULT.estimate, periodMs: 0 } };

const group: BenchGroup = {
  name: 'dc-session',
  describe: 'DC session step in CurrentDemand (400 V car, 350 kW charger) and the remaining-time estimate',
  run(): Figure[] {
    return [
      { name: 'dcSessionStep charging, median', value: medianMicros(chargingTick(), 20_000, 2_000), unit: 'µs' },
      { name: 'dcSessionStep charging, throughput', value: opsPerSecond(chargingTick(), 500), unit: 'steps/s' },
      { name: 'dcSessionStep + estimate 0 → 100 % every tick, median', value: medianMicros(chargingTick(ESTIMATE_EVERY_TICK, 0), 5_000, 500), unit: 'µs' },
    ];
  },
};

export default group;
