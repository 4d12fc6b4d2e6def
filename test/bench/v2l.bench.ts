// V2L step timing while supplying a cycling household load (the loop runs it every 10 ms), and
// the runtime estimator's update on its own.
import type { BenchGroup, Figure } from './harness.ts';
import { medianMicros, opsPerSecond } from './harness.ts';
import { DEFAULT_V2L_CONFIG, initialV2lState, v2lStep } from '../../v2l/index.ts';
import type { V2lInput, V2lState } from '../../v2l/index.ts';
import { EMPTY_LOAD_AVERAGE, updateLoadAverage } from '../../v2l/runtime-estimate.ts';

const fresh = <T>(value: T) => ({ value, valid: true, ageMs: 10 });

function input(loadW: number, v2lRequested: boolean, running = true): V2lInput {
  return {
    config: DEFAULT_V2L_CONFIG,
    adapter: fresh({ kind: 'v2l' as const, ratedCurrentA: 40, ratedVoltageV: 240, splitPhase: true }),
    vehicle: fresh({ gear: 'P' as const, speedKph: 0 }),
    chargingActive: false,
    blockingFault: { active: false, code: null },
    bms: fresh({ socPct: 60, dischargeCurrentLimitA: 300, packVoltageV: 400, energyCapacityWh: 77_500, mainContactorsClosed: true }),
    inverter: fresh({
      state: running ? ('running' as const) : ('off' as const), legVoltageV: [120, 120], legLoadW: [loadW / 2, loadW / 2],
      leakageMa: 0.3, temperatureC: 45, frequencyHz: 60, tripReason: null,
    }),
    hmi: fresh({ v2lRequested, resetRequested: false, floorPct: 20 }),
  };
}

const group: BenchGroup = {
  name: 'v2l',
  describe: 'v2lStep while supplying a cycling load, and the load-average update',
  run(): Figure[] {
    let s: V2lState = initialV2lState(DEFAULT_V2L_CONFIG);
    let now = 0;
    s = v2lStep(s, input(0, false, false), now).state;
    s = v2lStep(s, input(0, true, false), (now += 10)).state;
    for (let i = 0; i < 300; i++) s = v2lStep(s, input(0, true), (now += 10)).state;
    if (s.name !== 'supplying') throw new Error(`bench setup: ${s.name}`);
    const loads = Array.from({ length: 64 }, (_, k) => 500 + 400 * Math.sin(k));
    let k = 0;
    const tick = () => {
      s = v2lStep(s, input(loads[k++ & 63]!, true), (now += 10)).state;
    };
    let avg = EMPTY_LOAD_AVERAGE;
    const update = () => {
      avg = updateLoadAverage(avg, loads[k++ & 63]!, 10, DEFAULT_V2L_CONFIG.estimator).state;
    };
    return [
      { name: 'v2lStep median (supplying)', value: medianMicros(tick), unit: 'µs' },
      { name: 'v2lStep throughput', value: opsPerSecond(tick), unit: 'ops/s' },
      { name: 'load-average update median', value: medianMicros(update), unit: 'µs' },
    ];
  },
};

export default group;
