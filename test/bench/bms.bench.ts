// BMS step timing: a DC charge in progress (main and DC contactors closed, current flowing), cell
// values changing every tick so nothing is cached. Each timed call copies one of 64 precomputed
// cell snapshots into the input arrays (as the shell's decoder would) and runs bmsStep.
// Budget (issue #3): median ≤ 20 µs for the 192-cell pack.
import type { BenchGroup, Figure } from './harness.ts';
import { medianMicros, opsPerSecond } from './harness.ts';
import { bmsStep, createBmsState, pack400v, pack800v } from '../../bms/index.ts';
import type { BmsConfig, BmsInput, BmsRequests, BmsState, ContactorName, Feedback } from '../../bms/index.ts';

const VARIANTS = 64;

const requests: BmsRequests = {
  mainClose: true,
  dcChargeClose: true,
  obcRelayClose: false,
  emergencyOpen: false,
  imdStandDown: false,
  plugged: true,
  dcSessionRequested: true,
  dcSessionPlanned: false,
  faultReset: false,
  serviceClear: false,
};

function fresh<T>(value: T) {
  return { value, valid: true, ageMs: 0 };
}

/** A step function for a pack that is DC charging at ~150 A. */
function chargingStep(cfg: BmsConfig): () => void {
  const n = cfg.pack.seriesCells;
  const nt = cfg.pack.tempSensors;
  const voltages = Array.from({ length: VARIANTS }, (_, k) => Float64Array.from({ length: n }, (_, i) => 3.8 + 0.004 * Math.sin(i + k)));
  const temps = Array.from({ length: VARIANTS }, (_, k) => Float64Array.from({ length: nt }, (_, i) => 28 + 2 * Math.sin(i * 0.3 + k / 10)));
  const cells = {
    voltageV: new Float64Array(n),
    voltageValid: new Uint8Array(n).fill(1),
    voltageRxMs: new Float64Array(n),
    tempC: new Float64Array(nt),
    tempValid: new Uint8Array(nt).fill(1),
    tempRxMs: new Float64Array(nt),
  };
  const packV = 3.8 * n;
  let state: BmsState = createBmsState(cfg, { socPct: 50, capacityAh: cfg.pack.nominalCapacityAh, uncertaintyPct: 3 });
  let nowMs = 0;
  let k = 0;
  const input = (currentA: number, linkV: number, feedback: Record<ContactorName, Feedback>): BmsInput => ({
    cells,
    packCurrentA: fresh(currentA),
    packVoltageV: fresh(packV),
    linkVoltageV: fresh(linkV),
    inletVoltageV: fresh(packV),
    isolationKOhm: fresh(4000),
    imdStatus: fresh('measuring' as const),
    contactorFeedback: fresh(feedback),
    requests,
  });
  const load = () => {
    nowMs += 10;
    k = (k + 1) % VARIANTS;
    cells.voltageV.set(voltages[k]!);
    cells.voltageRxMs.fill(nowMs);
    cells.tempC.set(temps[k]!);
    cells.tempRxMs.fill(nowMs);
  };
  // Bring the paths up with feedback that follows the commands, as a PDU would.
  let commands: Record<ContactorName, boolean> | undefined;
  for (let t = 0; t < 300 && state.contactors.dc.state !== 'closed'; t++) {
    load();
    const fb = (name: ContactorName): Feedback => (commands?.[name] ? 'closed' : 'open');
    const feedback = { mainPos: fb('mainPos'), mainNeg: fb('mainNeg'), precharge: fb('precharge'), dcPos: fb('dcPos'), dcNeg: fb('dcNeg'), obcRelay: fb('obcRelay') };
    const r = bmsStep(state, input(0, commands?.precharge || commands?.mainPos ? packV : 0, feedback), nowMs);
    state = r.state;
    commands = r.outputs.contactorCommands;
  }
  if (state.contactors.dc.state !== 'closed') throw new Error('bench: the DC path did not close');
  const closed = { mainPos: 'closed', mainNeg: 'closed', precharge: 'open', dcPos: 'closed', dcNeg: 'closed', obcRelay: 'open' } as const;
  const inputs = Array.from({ length: VARIANTS }, (_, j) => input(150 + 5 * Math.sin(j), packV, closed));
  return () => {
    load();
    state = bmsStep(state, inputs[k]!, nowMs).state;
  };
}

const group: BenchGroup = {
  name: 'bms',
  describe: 'BMS step per 10 ms tick while DC charging (monitoring, SOC, diagnosis, contactors, limits)',
  run(): Figure[] {
    const step800 = chargingStep(pack800v);
    const step400 = chargingStep(pack400v);
    return [
      { name: 'bmsStep 192 cells / 64 sensors, median', value: medianMicros(step800, 20_000, 2_000), unit: 'µs' },
      { name: 'bmsStep 96 cells / 32 sensors, median', value: medianMicros(step400, 20_000, 2_000), unit: 'µs' },
      { name: 'bmsStep 192 cells, throughput', value: opsPerSecond(step800, 500), unit: 'steps/s' },
    ];
  },
};

export default group;
