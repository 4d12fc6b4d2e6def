// ControllerView → StatusSnapshot (vehicle/status.ts): the one status shape the API, the
// dashboard and the terminal show. Values the domains do not carry (cells, contactor feedback,
// EVSE limits, pin temperatures) are read from the loop's signal store, with invalid as NaN/null.
import type { SignalStore } from '../can/index.ts';
import type { CarConfig } from '../config/car-config.ts';
import type { ControllerView } from '../controller/view.ts';
import { limitingReason } from '../controller/session-view.ts';
import type { StatusSnapshot } from '../status.ts';
import { FaultBook } from './fault-book.ts';

type ContactorKey = keyof StatusSnapshot['pack']['contactors'];
const CONTACTOR_SIGNALS: Readonly<Record<ContactorKey, string>> = {
  mainPos: 'PDU_MainPosState', mainNeg: 'PDU_MainNegState', precharge: 'PDU_PrechargeState',
  dcPos: 'PDU_DcChargePosState', dcNeg: 'PDU_DcChargeNegState', obcRelay: 'PDU_ObcRelayState',
};
/** DBC: 0 Open, 1 Closed, anything else (SNA) unknown. */
const CONTACTOR_LABEL = ['open', 'closed'] as const;

const AC_ACTIVE = new Set(['preparing', 'charging', 'stopping', 'releasing', 'complete', 'stopped', 'scheduled']);

/** Reads one signal as a number, NaN when absent or invalid. */
export type SignalRead = (name: string) => number;

export function storeReader(store: SignalStore | undefined, nowMs: number): SignalRead {
  if (store === undefined) return () => NaN;
  return (name) => {
    if (!store.has(name)) return NaN;
    const r = store.read(name, nowMs);
    return r.valid ? r.value : NaN;
  };
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function buildStatus(v: ControllerView, config: CarConfig, read: SignalRead, faults: FaultBook): StatusSnapshot {
  const b = v.bms;
  const powerW = Number.isFinite(b.packVoltageV) && Number.isFinite(v.packCurrentA) ? b.packVoltageV * v.packCurrentA : NaN;
  const contactors = {} as Record<ContactorKey, 'open' | 'closed' | 'unknown'>;
  for (const [key, sig] of Object.entries(CONTACTOR_SIGNALS) as [ContactorKey, string][]) {
    contactors[key] = CONTACTOR_LABEL[read(sig)] ?? 'unknown';
  }
  return {
    tMs: v.nowMs,
    mode: v.mode.mode,
    pack: {
      socPct: b.socPct,
      sohPct: b.sohPct,
      // Remaining energy from the learned capacity at nominal voltage (ShellConfig.nominalVoltageV).
      energyWh: (b.socPct / 100) * b.capacityAh * config.shell.nominalVoltageV,
      packVoltageV: b.packVoltageV,
      packCurrentA: v.packCurrentA,
      powerW,
      chargeCurrentLimitA: b.chargeCurrentLimitA,
      dischargeCurrentLimitA: b.dischargeCurrentLimitA,
      cellVoltageMinV: b.cellVoltageMinV, cellVoltageMaxV: b.cellVoltageMaxV,
      cellVoltageMinIndex: b.cellVoltageMinIndex, cellVoltageMaxIndex: b.cellVoltageMaxIndex,
      cellTempMinC: b.cellTempMinC, cellTempMaxC: b.cellTempMaxC,
      cellTempMinIndex: b.cellTempMinIndex, cellTempMaxIndex: b.cellTempMaxIndex,
      isolationKohm: orNull(read('IMD_IsolationResistance')),
      contactors,
      contactorState: b.mainState,
    },
    cells: readCells(config, read),
    inlet: {
      connector: v.inlet.connector.kind,
      latched: v.inlet.connector.latched,
      lock: v.inlet.lock.state,
      cpState: v.inlet.cp.state,
      cpDutyPct: v.inlet.cp.dutyPct,
      ppOhms: orNull(read('INLET_PpResistance')),
      pinTempsC: [orNull(read('INLET_DcPosPinTemp')), orNull(read('INLET_DcNegPinTemp'))],
      acOfferA: v.inlet.cp.acOfferA,
      refusal: v.inlet.refusal?.text ?? v.dc.refusal?.text ?? null,
    },
    session: session(v, read),
    v2l: {
      state: v.v2l.state,
      loadW: v.v2l.loadW,
      powerLimitW: v.v2l.powerLimitW,
      floorPct: v.v2l.floorPct,
      runtimeS: v.v2l.runtime?.estimatedS ?? null,
      energyWh: v.v2l.energyDeliveredWh,
      warning: v.v2l.warnings[0]?.text ?? null,
      trip: v.v2l.trip?.text ?? null,
    },
    faults: faults.list(v),
  };
}

function session(v: ControllerView, read: SignalRead): StatusSnapshot['session'] {
  const dc = v.dc;
  const ac = v.inlet.acSession;
  const kind = dc.phase !== 'idle' ? 'dc' : AC_ACTIVE.has(ac.state) ? 'ac' : null;
  const evseMax = read('CCC_EvseMaxVoltage');
  return {
    kind,
    // DC phases by their inlet/dc names (the dashboard draws them as steps); AC by its state.
    phase: kind === 'dc' ? dc.phase : kind === 'ac' ? ac.state : 'idle',
    path: kind === 'dc' ? dc.plan?.path ?? null : null,
    pathReason: kind === 'dc' ? dc.plan?.reason ?? '' : '',
    requestCurrentA: kind === 'dc' ? dc.currentRequestA : kind === 'ac' ? ac.obcCurrentSetpointA : 0,
    targetVoltageV: kind === 'dc' ? dc.ccc.evTargetVoltageV : 0,
    limitingReason: limitingReason(v),
    evse: kind === 'dc' && dc.sessionActive && Number.isFinite(evseMax)
      ? {
          maxVoltageV: evseMax, minVoltageV: read('CCC_EvseMinVoltage'), maxCurrentA: read('CCC_EvseMaxCurrent'),
          maxPowerW: read('CCC_EvseMaxPower'), presentVoltageV: read('CCC_EvsePresentVoltage'), presentCurrentA: read('CCC_EvsePresentCurrent'),
        }
      : null,
    timeTo80S: kind === 'dc' ? dc.remainingTimeToBulkS : null,
    timeToLimitS: kind === 'dc' ? dc.remainingTimeToFullS : null,
    chargeLimitPct: v.settings.chargeLimitPct,
    stopReason: kind === 'dc' ? dc.stopReason : kind === 'ac' && (ac.state === 'stopped' || ac.state === 'complete') ? ac.reason : null,
  };
}

/** Every cell voltage and temperature as the CMU reported them; NaN where invalid (CONTRACT.md names). */
function readCells(config: CarConfig, read: SignalRead): StatusSnapshot['cells'] {
  const { seriesCells, tempSensors } = config.bms.pack;
  const voltagesV = new Array<number>(seriesCells);
  for (let i = 0; i < seriesCells; i++) voltagesV[i] = read(`CMU_CellVoltage${String(i + 1).padStart(3, '0')}`);
  const tempsC = new Array<number>(tempSensors);
  for (let i = 0; i < tempSensors; i++) tempsC[i] = read(`CMU_CellTemp${String(i + 1).padStart(2, '0')}`);
  return { voltagesV, tempsC };
}
