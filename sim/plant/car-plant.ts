// The whole simulated car around packpilot (DESIGN.md §1), without CAN: every plant model, the
// station at the other end of the cable, and the HV network that couples them, advanced together
// by `step(dtMs)`. CAN nodes wrap it: they write each model's `cmd` from decoded frames and encode
// its plain output fields; scenarios call the fault and plug methods.
import type { Random } from '../random.ts';
import { createAcEvse, type AcEvse, type AcEvseProfile } from './ac-evse.ts';
import { createBoost, type Boost, type BoostParams } from './boost.ts';
import { idleCccStatus, aCccCommand, type CccCommand, type CccStatus, type DcChargerQuirks } from './ccc-protocol.ts';
import { createCmu, type Cmu, type CmuParams } from './cmu.ts';
import { createDcCharger, type DcCharger, type DcChargerProfile } from './dc-charger.ts';
import { aNetworkResult, solveHvNetwork, type HvNetworkInput } from './hv-network.ts';
import { createImd, type Imd, type ImdParams } from './imd.ts';
import { createInletHw, NO_CP_SOURCE, type AdapterSpec, type CpState, type InletEnv, type InletHw, type InletParams } from './inlet-hw.ts';
import { createInverter, type Inverter, type InverterEnv, type InverterParams } from './inverter.ts';
import { createLoads, type LoadOptions, type LoadProfile, type LoadSet } from './loads.ts';
import { createObc, type Obc, type ObcParams } from './obc.ts';
import { createPack, type Pack, type PackEnv, type PackParams } from './pack.ts';
import { createPdu, type Pdu, type PduParams } from './pdu.ts';
import { createShunt, type Shunt, type ShuntEnv, type ShuntParams } from './shunt.ts';
import { createTms, type Tms, type TmsEnv, type TmsParams } from './tms.ts';

/** Lowest inlet voltage the boost converter starts from (PD: the chargers' minimum output, chargers.md §1 ≈ 50 V). */
const BOOST_MIN_INPUT_V = 50;

export interface VehicleParams {
  name: string;
  pack: PackParams;
  cmu: CmuParams;
  shunt: ShuntParams;
  imd: ImdParams;
  pdu: PduParams;
  inlet: InletParams;
  /** null: no boost converter (the DC contactors feed the link directly). */
  boost: BoostParams | null;
  obc: ObcParams;
  inverter: InverterParams;
  tms: TmsParams;
  /** 12 V DC-DC and controllers while the link is energised (PD 300 W). */
  auxLoadW: number;
}

export type Station =
  | { kind: 'dc'; profile: DcChargerProfile; quirks?: DcChargerQuirks }
  | { kind: 'ac'; profile: AcEvseProfile }
  | null;

export interface CarPlantOptions {
  vehicle: VehicleParams;
  station: Station;
  loads?: LoadProfile | null;
  loadOptions?: LoadOptions;
  initial: { socPct: number; cellTempC: number; ambientC: number };
}

/** The CCC as the CAN node sees it, whether or not a DC charger is at the other end. */
export interface CccPort {
  readonly cmd: CccCommand;
  readonly status: CccStatus;
}

export class CarPlant {
  readonly pack: Pack;
  readonly cmu: Cmu;
  readonly shunt: Shunt;
  readonly imd: Imd;
  readonly pdu: Pdu;
  readonly inlet: InletHw;
  readonly boost: Boost | null;
  readonly obc: Obc;
  readonly inverter: Inverter;
  readonly tms: Tms;
  readonly loads: LoadSet | null;
  readonly dcCharger: DcCharger | null;
  readonly acEvse: AcEvse | null;
  readonly ccc: CccPort;
  ambientC: number;
  timeMs = 0;
  /** HV truth of the last tick. */
  linkVoltageV = 0;
  inletVoltageV = 0;
  pinCurrentA = 0;
  private readonly net: HvNetworkInput;
  private readonly result = aNetworkResult();
  private readonly chargerSource = { on: false, voltageV: 0, currentLimitA: 0, isolatedVoltageV: 0 };
  // Env objects reused every tick (no allocation in the loop).
  private readonly inletEnv: InletEnv = { cp: NO_CP_SOURCE, pinCurrentA: 0, inletVoltageV: 0, ambientC: 0 };
  private readonly stationEnv = { connected: false, cpState: 'A' as CpState };
  private readonly pduEnv = { packVoltageV: 0, inletVoltageV: 0 };
  private readonly coolantEnv = { coolantTempC: 0 };
  private readonly obcEnv = { acVoltageV: 0, linkVoltageV: 0 };
  private readonly inverterEnv: InverterEnv = { demandL1W: 0, demandL2W: 0, loadLeakageMa: 0, linkVoltageV: 0, coolantTempC: 0 };
  private readonly tmsEnv: TmsEnv = { heatFromPackW: 0, heatFromOthersW: 0, ambientC: 0, hvAvailable: false };
  private readonly packEnv: PackEnv = { currentInA: 0, coolantTempC: 0, pumpOn: false, ambientC: 0 };
  private readonly shuntEnv: ShuntEnv = { packCurrentInA: 0, packVoltageV: 0, linkVoltageV: 0, inletVoltageV: 0 };

  constructor(
    readonly options: CarPlantOptions,
    random: Random,
  ) {
    const v = options.vehicle;
    const init = options.initial;
    this.ambientC = init.ambientC;
    this.pack = createPack(v.pack, { socPct: init.socPct, tempC: init.cellTempC }, random);
    this.cmu = createCmu(v.cmu, this.pack, random);
    this.shunt = createShunt(v.shunt, random);
    this.imd = createImd(v.imd, random);
    this.pdu = createPdu(v.pdu, random);
    this.inlet = createInletHw(v.inlet, init.ambientC, random);
    this.boost = v.boost === null ? null : createBoost(v.boost, init.cellTempC);
    this.obc = createObc(v.obc);
    this.inverter = createInverter(v.inverter, init.cellTempC);
    this.tms = createTms(v.tms, init.cellTempC);
    this.loads = options.loads ? createLoads(options.loads, options.loadOptions ?? {}, random) : null;
    const st = options.station;
    this.dcCharger = st?.kind === 'dc' ? createDcCharger(st.profile, st.quirks ?? {}, random) : null;
    this.acEvse = st?.kind === 'ac' ? createAcEvse(st.profile) : null;
    this.ccc = this.dcCharger ?? { cmd: aCccCommand(), status: idleCccStatus() };
    this.net = {
      packEmfV: 0, packResistanceOhm: 0, mainsClosed: false, pduLinkVoltageV: 0, prechargeCurrentA: 0,
      dcClosed: false, path: 'bypass', linkLoadW: 0, linkSourceA: 0, lastLinkVoltageV: 0, charger: null,
      boostAcceptA: 0, boostEfficiency: 1, linkCapacitanceF: v.pdu.linkCapacitanceF, dtS: 0,
    };
  }

  /** Plugs the station's connector (through an adapter), or an outlet adapter (V2L) with no station. */
  plug(adapter: AdapterSpec | null = null): void {
    const outlet = adapter !== null && (adapter.kind === 'v2l' || adapter.kind === 'v2h');
    const source = outlet || this.options.station === null ? 'none' : this.options.station.kind;
    this.inlet.connect({ source, adapter });
    if (adapter?.kind === 'v2l') this.inverter.legsWired = 1;
    if (adapter?.kind === 'v2h') this.inverter.legsWired = 2;
  }

  /** Pulls the plug; false while the inlet lock holds it. */
  unplug(): boolean {
    return this.inlet.tryUnplug();
  }

  step(dtMs: number): void {
    if (dtMs <= 0) return;
    this.timeMs += dtMs;
    const source = this.inlet.plug?.source ?? 'none';
    const ie = this.inletEnv;
    ie.cp = source === 'dc' ? this.dcCharger!.cpSource : source === 'ac' ? this.acEvse!.cpSource : NO_CP_SOURCE;
    ie.pinCurrentA = this.pinCurrentA;
    ie.inletVoltageV = this.inletVoltageV;
    ie.ambientC = this.ambientC;
    this.inlet.step(dtMs, ie);
    const se = this.stationEnv;
    se.cpState = this.inlet.cpState;
    se.connected = source === 'dc';
    this.dcCharger?.step(dtMs, se);
    se.connected = source === 'ac';
    this.acEvse?.step(dtMs, se);
    this.pduEnv.packVoltageV = this.pack.terminalVoltageV;
    this.pduEnv.inletVoltageV = this.dcFarSideVoltageV();
    this.pdu.step(dtMs, this.pduEnv);
    const coolantC = this.tms.coolantTempC;
    this.coolantEnv.coolantTempC = coolantC;
    this.boost?.step(dtMs, this.coolantEnv);
    this.obcEnv.acVoltageV = source === 'ac' && this.pdu.isClosed('obcRelay') ? this.acEvse!.acVoltageV : 0;
    this.obcEnv.linkVoltageV = this.pdu.linkVoltageV;
    this.obc.step(dtMs, this.obcEnv);
    this.loads?.step(dtMs);
    const ve = this.inverterEnv;
    ve.demandL1W = this.loads?.l1W ?? 0;
    ve.demandL2W = this.loads?.l2W ?? 0;
    ve.loadLeakageMa = this.loads?.leakageMa ?? 0;
    ve.linkVoltageV = this.pdu.linkVoltageV;
    ve.coolantTempC = coolantC;
    this.inverter.step(dtMs, ve);
    const te = this.tmsEnv;
    te.heatFromPackW = this.pack.heatToCoolantW;
    te.heatFromOthersW = (this.boost?.heatToCoolantW ?? 0) + this.obc.lossW + this.inverter.heatToCoolantW;
    te.ambientC = this.ambientC;
    te.hvAvailable = this.pdu.mainsClosed;
    this.tms.step(dtMs, te);
    this.net.dtS = dtMs / 1000;
    this.solveNetwork(source);
    const pe = this.packEnv;
    pe.currentInA = this.result.packCurrentInA;
    pe.coolantTempC = this.tms.coolantTempC;
    pe.pumpOn = this.tms.pumpRunning;
    pe.ambientC = this.ambientC;
    this.pack.step(dtMs, pe);
    const sh = this.shuntEnv;
    sh.packCurrentInA = this.pack.currentInA;
    sh.packVoltageV = this.pack.terminalVoltageV;
    sh.linkVoltageV = this.linkVoltageV;
    sh.inletVoltageV = this.inletVoltageV;
    this.shunt.step(dtMs, sh);
    this.imd.step(dtMs);
  }

  private solveNetwork(source: 'dc' | 'ac' | 'none'): void {
    const n = this.net;
    const dc = source === 'dc' ? this.dcCharger : null;
    n.packEmfV = this.pack.emfV;
    n.packResistanceOhm = this.pack.resistanceOhm;
    n.mainsClosed = this.pdu.mainsClosed;
    n.pduLinkVoltageV = this.pdu.linkVoltageV;
    n.prechargeCurrentA = this.pdu.prechargeCurrentA;
    n.dcClosed = this.pdu.dcClosed;
    n.path = this.boost === null ? 'bypass' : this.boost.mode;
    const auxW = this.pdu.mainsClosed ? this.options.vehicle.auxLoadW : 0;
    n.linkLoadW = this.tms.electricalW + this.inverter.dcInputW + auxW;
    n.linkSourceA = this.obc.dcCurrentA;
    n.lastLinkVoltageV = this.linkVoltageV;
    if (dc !== null) {
      const s = this.chargerSource;
      s.on = dc.sourceOn;
      s.voltageV = dc.sourceVoltageV;
      s.currentLimitA = dc.sourceCurrentLimitA;
      s.isolatedVoltageV = dc.isolatedVoltageV;
      n.charger = s;
    } else n.charger = null;
    n.boostAcceptA = this.boost?.acceptCurrentA ?? 0;
    n.boostEfficiency = this.boost?.params.efficiency ?? 1;
    const r = solveHvNetwork(n, this.result);
    this.linkVoltageV = r.linkVoltageV;
    this.pdu.linkVoltageV = r.linkVoltageV;
    this.inletVoltageV = r.inletVoltageV;
    dc?.applyOutput(r.chargerLoaded, r.chargerLoaded ? r.inletVoltageV : dc.isolatedVoltageV, r.chargerCurrentA);
    this.boost?.applyOperatingPoint(r.boostInputV, r.boostInputA, r.linkVoltageV);
    if (source === 'ac') this.pinCurrentA = this.obc.acCurrentA;
    // V2L reaches the pins only through the OBC relay (the AC path): open, the pins are dead.
    else if (source === 'none' && this.inlet.plug !== null && this.pdu.isClosed('obcRelay')) this.pinCurrentA = Math.max(this.inverter.legCurrentA[0], this.inverter.legCurrentA[1]);
    else if (source === 'none') this.pinCurrentA = 0;
    else this.pinCurrentA = r.dcPinCurrentA;
  }

  /** The DC contactors' far side: a boosting converter fed from a live inlet matches its output to
   *  the link (a boost only raises: output ≥ input); otherwise the inlet bus, through bypass or diode. */
  private dcFarSideVoltageV(): number {
    const b = this.boost;
    if (b !== null && b.mode === 'boost' && this.inletVoltageV >= BOOST_MIN_INPUT_V) return Math.max(this.inletVoltageV, this.linkVoltageV);
    return this.inletVoltageV;
  }

  /** Hottest DC pin (truth). */
  get maxPinTempC(): number {
    return Math.max(this.inlet.pinTempC[0], this.inlet.pinTempC[1]);
  }

  /** Power into the pack (truth). */
  get packPowerW(): number {
    return this.pack.terminalVoltageV * this.pack.currentInA;
  }
}

export function createCarPlant(options: CarPlantOptions, random: Random): CarPlant {
  return new CarPlant(options, random.fork('plant'));
}
