// The HV network solve, once per tick: pack (Thevenin source) ─ main contactors ─ HV link (loads,
// OBC output, boost output) ─ DC contactors ─ bypass or boost ─ inlet bus ─ charger (a CC/CV source).
// Time constants of the link (pack R × link C ≈ 30 µs) are far below a tick, so with the mains
// closed the link is algebraic; with them open the PDU's RC state holds the link voltage.
import type { BoostMode } from './boost.ts';
import { clamp } from './util.ts';

export interface ChargerSource {
  on: boolean;
  /** CV setpoint. */
  voltageV: number;
  /** CC limit. */
  currentLimitA: number;
  /** Output voltage with nothing connected. */
  isolatedVoltageV: number;
}

export interface HvNetworkInput {
  packEmfV: number;
  packResistanceOhm: number;
  mainsClosed: boolean;
  /** PDU's link voltage (precharge RC / decay) for when the mains are open. */
  pduLinkVoltageV: number;
  prechargeCurrentA: number;
  dcClosed: boolean;
  /** Conducting path between the DC contactors and the link. */
  path: BoostMode;
  /** Consumers on the link (TMS, inverter, 12 V DC-DC), W. */
  linkLoadW: number;
  /** Sources into the link other than the charge path (OBC), A. */
  linkSourceA: number;
  /** Link voltage of the previous tick, for P/V. */
  lastLinkVoltageV: number;
  /** The charger, when its connector is mated; else null. */
  charger: ChargerSource | null;
  boostAcceptA: number;
  boostEfficiency: number;
  /** For the isolated link: loads drain its capacitor (½CV² is tens of joules). */
  linkCapacitanceF: number;
  dtS: number;
}

export interface HvNetworkResult {
  packCurrentInA: number;
  linkVoltageV: number;
  inletVoltageV: number;
  /** The charger's output is tied to something (link or boost input). */
  chargerLoaded: boolean;
  chargerCurrentA: number;
  boostInputA: number;
  boostInputV: number;
  /** Current through the inlet's DC pins. */
  dcPinCurrentA: number;
}

export function aNetworkResult(): HvNetworkResult {
  return {
    packCurrentInA: 0, linkVoltageV: 0, inletVoltageV: 0, chargerLoaded: false, chargerCurrentA: 0,
    boostInputA: 0, boostInputV: 0, dcPinCurrentA: 0,
  };
}

/** Solves one tick into `out` (no allocation). */
export function solveHvNetwork(n: HvNetworkInput, out: HvNetworkResult): HvNetworkResult {
  const vPrev = Math.max(n.lastLinkVoltageV, 1);
  const loadA = n.linkLoadW / vPrev - n.linkSourceA;
  const ch = n.charger;
  const bypass = n.dcClosed && n.path === 'bypass';
  const boost = n.dcClosed && n.path === 'boost';
  let chargerA = 0;
  let boostInA = 0;
  let boostInV = 0;
  let boostOutA = 0;
  if (boost && ch !== null) {
    boostInV = ch.on ? ch.voltageV : ch.isolatedVoltageV;
    boostInA = ch.on && n.mainsClosed ? Math.max(0, Math.min(ch.currentLimitA, n.boostAcceptA)) : 0;
    boostOutA = (n.boostEfficiency * boostInV * boostInA) / vPrev;
    chargerA = boostInA;
  }
  let packA: number;
  let linkV: number;
  if (n.mainsClosed) {
    const r = n.packResistanceOhm;
    const v0 = n.packEmfV - loadA * r;
    if (bypass && ch !== null && ch.on) chargerA = clamp((ch.voltageV - v0) / r, 0, ch.currentLimitA);
    packA = chargerA * (bypass ? 1 : 0) + boostOutA - loadA;
    linkV = n.packEmfV + packA * r;
  } else {
    packA = -n.prechargeCurrentA;
    linkV = n.pduLinkVoltageV;
    const drainW = n.linkLoadW - n.linkSourceA * linkV;
    if (drainW > 0 && linkV > 0) linkV = Math.sqrt(Math.max(0, linkV * linkV - (2 * drainW * n.dtS) / n.linkCapacitanceF));
    if (bypass && ch !== null && ch.on) {
      // The charger feeds the isolated link directly (its own precharge of the car's capacitance).
      linkV = ch.voltageV;
      chargerA = clamp(loadA, 0, ch.currentLimitA);
    }
  }
  out.packCurrentInA = packA;
  out.linkVoltageV = linkV;
  out.inletVoltageV = bypass ? linkV : boost ? boostInV : ch !== null ? ch.isolatedVoltageV : 0;
  out.chargerLoaded = ch !== null && (bypass || boost);
  out.chargerCurrentA = ch !== null ? chargerA : 0;
  out.boostInputA = boostInA;
  out.boostInputV = boostInV;
  out.dcPinCurrentA = ch !== null ? chargerA : 0;
  return out;
}
