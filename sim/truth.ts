// The physical truth of the simulated car, as the invariant checker and the metrics need it
// (never what packpilot believes: that is on CAN). One object, refreshed in place by each
// truth() call so a per-tick checker allocates nothing: copy what you keep.
import type { CarPlant } from './plant/car-plant.ts';
import type { CpState, LockPosition } from './plant/inlet-hw.ts';
import type { ContactorSet } from './plant/pdu.ts';
import type { Gear } from './scenario/types.ts';
import type { HmiDisplay } from './nodes/hmi-node.ts';
import type { SimNodeName } from './nodes/node.ts';

/** Current above which something counts as flowing (DESIGN 7.2: |current| > 1 A). */
export const FLOWING_A = 1;

export interface Truth {
  timeMs: number;
  /** Mean of the cells' true SOC. */
  socPct: number;
  packVoltageV: number;
  /** Positive = into the pack. */
  packCurrentA: number;
  packPowerW: number;
  cellVoltageMinV: number;
  cellVoltageMaxV: number;
  /** Coldest and hottest module (cell temperatures). */
  cellTempMinC: number;
  cellTempMaxC: number;
  coolantTempC: number;
  /** DC+ and DC− pin temperatures, and the hotter one. */
  pinTempsC: [number, number];
  maxPinTempC: number;
  /** Actual contactor positions in the PDU (not their feedback). */
  contactors: ContactorSet;
  mainsClosed: boolean;
  dcClosed: boolean;
  obcRelayClosed: boolean;
  pduWatchdogTripped: boolean;
  /** Main or DC contactor closings across more than the PDU's hard-close threshold (DESIGN 7.7). */
  hardCloses: number;
  plugged: boolean;
  adapter: string | null;
  ppOhm: number;
  latchPressed: boolean;
  cpState: CpState;
  lock: LockPosition;
  manualRelease: boolean;
  inletVoltageV: number;
  /** Through the inlet's power pins. */
  inletCurrentA: number;
  linkVoltageV: number;
  station: 'dc' | 'ac' | null;
  /** The station pushes energy into the car now. */
  chargerDelivering: boolean;
  chargerOutputVoltageV: number;
  chargerOutputCurrentA: number;
  /** The EVSE's maximum current as it last reported it (0 before ChargeParameterDiscovery). */
  evseMaxCurrentA: number;
  /** DC charge path in use: through the boost converter or direct (bypass / no converter). */
  path: 'direct' | 'boost' | null;
  boostActive: boolean;
  obcRunning: boolean;
  obcAcCurrentA: number;
  v2lOn: boolean;
  v2lOutputW: number;
  v2lDemandW: number;
  gear: Gear;
  gearRequest: Gear;
  driveInhibited: boolean;
  isolationOhm: number;
  silenced: SimNodeName[];
  /** What the driver is shown (decoded from packpilot's HMI frames). */
  display: HmiDisplay;
}

export interface TruthSources {
  plant: CarPlant;
  gear: Gear;
  gearRequest: Gear;
  driveInhibited: boolean;
  /** The PDU node's own latch (command or heartbeat timeout, safe state). */
  pduTripped: boolean;
  silenced: SimNodeName[];
  display: HmiDisplay;
  nowMs: number;
}

export function emptyTruth(display: HmiDisplay): Truth {
  return {
    timeMs: 0, socPct: 0, packVoltageV: 0, packCurrentA: 0, packPowerW: 0, cellVoltageMinV: 0, cellVoltageMaxV: 0,
    cellTempMinC: 0, cellTempMaxC: 0, coolantTempC: 0, pinTempsC: [0, 0], maxPinTempC: 0,
    contactors: { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false },
    mainsClosed: false, dcClosed: false, obcRelayClosed: false, pduWatchdogTripped: true, hardCloses: 0,
    plugged: false, adapter: null, ppOhm: Infinity, latchPressed: false, cpState: 'A', lock: 'unlocked', manualRelease: false,
    inletVoltageV: 0, inletCurrentA: 0, linkVoltageV: 0, station: null, chargerDelivering: false,
    chargerOutputVoltageV: 0, chargerOutputCurrentA: 0, evseMaxCurrentA: 0, path: null, boostActive: false,
    obcRunning: false, obcAcCurrentA: 0, v2lOn: false, v2lOutputW: 0, v2lDemandW: 0, gear: 'P', gearRequest: 'P',
    driveInhibited: true, isolationOhm: 0, silenced: [], display,
  };
}

/** Refreshes `t` from the plant models. */
export function refreshTruth(t: Truth, src: TruthSources): Truth {
  const p = src.plant;
  const pack = p.pack;
  t.timeMs = src.nowMs;
  t.socPct = pack.socPct;
  t.packVoltageV = pack.terminalVoltageV;
  t.packCurrentA = pack.currentInA;
  t.packPowerW = p.packPowerW;
  t.cellVoltageMinV = pack.cellVoltageMinV;
  t.cellVoltageMaxV = pack.cellVoltageMaxV;
  let minC = Infinity;
  let maxC = -Infinity;
  const temps = pack.moduleTempC;
  for (let k = 0; k < temps.length; k++) {
    const c = temps[k]!;
    if (c < minC) minC = c;
    if (c > maxC) maxC = c;
  }
  t.cellTempMinC = minC;
  t.cellTempMaxC = maxC;
  t.coolantTempC = p.tms.coolantTempC;
  t.pinTempsC[0] = p.inlet.pinTempC[0];
  t.pinTempsC[1] = p.inlet.pinTempC[1];
  t.maxPinTempC = p.maxPinTempC;
  refreshPower(t, p);
  t.plugged = p.inlet.plug !== null;
  t.adapter = p.inlet.plug?.adapter?.name ?? null;
  t.ppOhm = p.inlet.ppResistanceOhm;
  t.latchPressed = p.inlet.latchPressed;
  t.cpState = p.inlet.cpState;
  t.lock = p.inlet.lockPosition;
  t.manualRelease = p.inlet.manuallyReleased;
  t.gear = src.gear;
  t.gearRequest = src.gearRequest;
  t.driveInhibited = src.driveInhibited;
  t.isolationOhm = p.imd.trueIsolationOhm;
  t.pduWatchdogTripped = src.pduTripped || p.pdu.watchdogTripped;
  t.silenced = src.silenced;
  t.display = src.display;
  return t;
}

function refreshPower(t: Truth, p: CarPlant): void {
  const pdu = p.pdu;
  const c = t.contactors;
  const closed = pdu.closed;
  c.mainPos = closed.mainPos;
  c.mainNeg = closed.mainNeg;
  c.precharge = closed.precharge;
  c.dcPos = closed.dcPos;
  c.dcNeg = closed.dcNeg;
  c.obcRelay = closed.obcRelay;
  t.mainsClosed = pdu.mainsClosed;
  t.dcClosed = pdu.dcClosed;
  t.obcRelayClosed = c.obcRelay;
  t.hardCloses = pdu.hardCloseCount;
  t.inletVoltageV = p.inletVoltageV;
  t.inletCurrentA = p.pinCurrentA;
  t.linkVoltageV = p.linkVoltageV;
  const source = p.inlet.plug?.source;
  t.station = p.options.station?.kind ?? null;
  const dc = p.dcCharger;
  const ac = p.acEvse;
  const dcOn = source === 'dc' && dc !== null && dc.loaded && Math.abs(dc.outputCurrentA) > FLOWING_A;
  const acOn = source === 'ac' && ac !== null && ac.contactorClosed && p.obc.acCurrentA > FLOWING_A;
  t.chargerDelivering = dcOn || acOn;
  t.chargerOutputVoltageV = dc !== null ? dc.outputVoltageV : (ac?.acVoltageV ?? 0);
  t.chargerOutputCurrentA = dc !== null ? dc.outputCurrentA : acOn ? p.obc.acCurrentA : 0;
  t.evseMaxCurrentA = dc !== null ? dc.status.evseMaxCurrentA : (ac?.offerA ?? 0);
  t.boostActive = p.boost?.mode === 'boost';
  t.path = dcOn ? (t.boostActive ? 'boost' : 'direct') : null;
  t.obcRunning = p.obc.status === 'running';
  t.obcAcCurrentA = p.obc.acCurrentA;
  const inv = p.inverter;
  t.v2lOn = inv.status === 'running' || inv.status === 'starting';
  t.v2lOutputW = inv.outputPowerW;
  t.v2lDemandW = p.loads?.totalW ?? 0;
}
