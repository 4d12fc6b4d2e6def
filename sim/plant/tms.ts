// Thermal management: the coolant loop's lumped temperature, an HV PTC heater, a chiller (heat pump
// to the refrigerant loop) and the pump. The pack, boost converter, OBC and inverter put their heat
// into the loop; the heater adds, the chiller removes, the pipes lose some to the ambient.
// Powers are PD (brief: 6 kW heater, 7 kW chiller); no reference gives a TMS rating.
import type { Random } from '../random.ts';
import { approach, clamp, clamp01 } from './util.ts';

export interface TmsParams {
  heaterMaxW: number;
  chillerMaxW: number;
  /** A PTC heater reaches full power in a few seconds; a compressor spins up slower (PD). */
  heaterRampWPerS: number;
  chillerRampWPerS: number;
  heaterEfficiency: number;
  /** Heat removed per electrical watt (PD, typical EV heat pump in cooling). */
  chillerCop: number;
  /** Glycol (~10 L), pipes and cold plates (PD). */
  coolantHeatCapacityJPerK: number;
  coolantAmbientUaWPerK: number;
  /** Chiller capacity falls to zero as coolant approaches this (evaporator icing, PD). */
  chillerMinCoolantC: number;
  /** Heater thermostat cut-out (PD). */
  heaterMaxCoolantC: number;
}

export interface TmsCommand {
  heatW: number;
  coolW: number;
  pumpOn: boolean;
}

export interface TmsEnv {
  heatFromPackW: number;
  /** Losses of boost, OBC, inverter put into the loop. */
  heatFromOthersW: number;
  ambientC: number;
  /** The HV link is energised (heater and compressor are HV loads). */
  hvAvailable: boolean;
}

export interface TmsFaults {
  heaterFailed: boolean;
  chillerFailed: boolean;
  pumpFailed: boolean;
}

/** Width of the band in which chiller and heater fade out near their coolant limits (K, PD). */
const FADE_BAND_K = 5;

export class Tms {
  readonly cmd: TmsCommand = { heatW: 0, coolW: 0, pumpOn: false };
  readonly faults: TmsFaults = { heaterFailed: false, chillerFailed: false, pumpFailed: false };
  coolantTempC: number;
  /** Heat delivered by the heater into the coolant. */
  heaterW = 0;
  /** Heat removed from the coolant by the chiller. */
  chillerW = 0;
  pumpRunning = false;
  /** Draw from the HV link (heater and compressor). */
  electricalW = 0;

  constructor(
    readonly params: TmsParams,
    initialCoolantC: number,
  ) {
    this.coolantTempC = initialCoolantC;
  }

  step(dtMs: number, env: TmsEnv): void {
    const p = this.params;
    const dtS = dtMs / 1000;
    const t = this.coolantTempC;
    const heatRoom = clamp01((p.heaterMaxCoolantC - t) / FADE_BAND_K);
    const coolRoom = clamp01((t - p.chillerMinCoolantC) / FADE_BAND_K);
    const heatTarget = env.hvAvailable && !this.faults.heaterFailed ? clamp(this.cmd.heatW, 0, p.heaterMaxW) * heatRoom : 0;
    const coolTarget = env.hvAvailable && !this.faults.chillerFailed ? clamp(this.cmd.coolW, 0, p.chillerMaxW) * coolRoom : 0;
    // The ramps are spin-up and soft start; without HV both stop at once (they would otherwise
    // drain a precharging link through the precharge resistor and the precharge never matches).
    this.heaterW = env.hvAvailable ? approach(this.heaterW, heatTarget, p.heaterRampWPerS * dtS) : 0;
    this.chillerW = env.hvAvailable ? approach(this.chillerW, coolTarget, p.chillerRampWPerS * dtS) : 0;
    this.pumpRunning = this.cmd.pumpOn && !this.faults.pumpFailed;
    // The pump runs on 12 V (inside the vehicle's aux load); heater and compressor are HV loads.
    this.electricalW = this.heaterW / p.heaterEfficiency + this.chillerW / p.chillerCop;
    const loss = p.coolantAmbientUaWPerK * (t - env.ambientC);
    const net = env.heatFromPackW + env.heatFromOthersW + this.heaterW - this.chillerW - loss;
    this.coolantTempC = t + (net * dtS) / p.coolantHeatCapacityJPerK;
  }
}

export function createTms(params: TmsParams, initialCoolantC: number, _random?: Random): Tms {
  return new Tms(params, initialCoolantC);
}
