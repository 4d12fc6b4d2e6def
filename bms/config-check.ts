// Validation of a BMS configuration, each problem naming its key. The shell calls it at start-up;
// createBmsState refuses a configuration with problems (programmer error).
import type { BmsConfig, CrateMap, Curve, Tiers } from './config.ts';
import { faultTableProblems } from './fault-table.ts';

function increasing(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i]! > xs[i - 1]!)) return false;
  return true;
}

function curveProblems(key: string, c: Curve, yIncreasing: boolean): string[] {
  const p: string[] = [];
  if (c.xs.length < 2 || c.xs.length !== c.ys.length) p.push(`${key}: needs ≥ 2 points and as many ys as xs`);
  if (!increasing(c.xs)) p.push(`${key}.xs: must increase strictly`);
  if (yIncreasing && !increasing(c.ys)) p.push(`${key}.ys: must increase strictly (it is inverted)`);
  return p;
}

function mapProblems(key: string, m: CrateMap): string[] {
  const p: string[] = [];
  if (m.socPct.length < 2 || !increasing(m.socPct)) p.push(`${key}.socPct: ≥ 2 strictly increasing points`);
  if (m.tempC.length < 2 || !increasing(m.tempC)) p.push(`${key}.tempC: ≥ 2 strictly increasing points`);
  if (m.cRate.length !== m.tempC.length) p.push(`${key}.cRate: one row per temperature`);
  m.cRate.forEach((row, i) => {
    if (row.length !== m.socPct.length) p.push(`${key}.cRate[${i}]: one value per SOC point`);
    if (row.some((c) => !(c >= 0))) p.push(`${key}.cRate[${i}]: C-rates must be ≥ 0`);
  });
  return p;
}

function tierProblems(key: string, t: Tiers): string[] {
  const s = t.direction === 'high' ? 1 : -1;
  const ordered = s * t.derateStart < s * t.operating && s * t.operating < s * t.recommended && s * t.recommended < s * t.safety;
  const fractions = t.operatingFraction <= 1 && t.recommendedFraction <= t.operatingFraction && t.recommendedFraction >= 0;
  const p: string[] = [];
  if (!ordered) p.push(`${key}: derateStart, operating, recommended, safety must be ordered toward danger`);
  if (!fractions) p.push(`${key}: 1 ≥ operatingFraction ≥ recommendedFraction ≥ 0`);
  return p;
}

export function validateBmsConfig(cfg: BmsConfig): string[] {
  const ch = cfg.chemistry;
  const p: string[] = [
    ...curveProblems('chemistry.ocvVBySocPct', ch.ocvVBySocPct, true),
    ...curveProblems('chemistry.resistanceFactorByTempC', ch.resistanceFactorByTempC, false),
    ...mapProblems('chemistry.chargeMap', ch.chargeMap),
    ...mapProblems('chemistry.dischargeMap', ch.dischargeMap),
    ...tierProblems('chemistry.cellVoltageHighV', ch.cellVoltageHighV),
    ...tierProblems('chemistry.cellVoltageLowV', ch.cellVoltageLowV),
    ...tierProblems('chemistry.cellTempHighC', ch.cellTempHighC),
    ...tierProblems('chemistry.cellTempLowC', ch.cellTempLowC),
    ...faultTableProblems(cfg.faults),
  ];
  if (!(ch.chargeTempMinC < ch.chargeTempMaxC)) p.push('chemistry.chargeTempMinC: must be below chargeTempMaxC');
  if (!(ch.cellDeepDischargeV < ch.cellVoltageLowV.safety)) p.push('chemistry.cellDeepDischargeV: must be below cellVoltageLowV.safety');
  if (!(cfg.monitoring.cellVoltageSensorMaxV > ch.cellVoltageHighV.safety)) p.push('monitoring.cellVoltageSensorMaxV: must exceed the safety voltage, or a real over-voltage reads as a broken sensor');
  if (!(cfg.monitoring.cellVoltageSensorMinV < ch.cellDeepDischargeV)) p.push('monitoring.cellVoltageSensorMinV: must be below the deep-discharge voltage');
  if (!(cfg.monitoring.tempSensorMaxC > ch.cellTempHighC.safety)) p.push('monitoring.tempSensorMaxC: must exceed the safety temperature');
  if (!(cfg.monitoring.tempSensorMinC < ch.cellTempLowC.safety)) p.push('monitoring.tempSensorMinC: must be below the safety temperature');
  for (const key of ['seriesCells', 'tempSensors', 'nominalCapacityAh', 'maxVoltageV'] as const) {
    if (!(cfg.pack[key] > 0)) p.push(`pack.${key}: must be > 0`);
  }
  if (!(cfg.contactors.breakCurrentA < cfg.contactors.weldCurrentA)) p.push('contactors.weldCurrentA: must exceed breakCurrentA');
  if (!(cfg.isolation.faultOhmPerV < cfg.isolation.warnOhmPerV)) p.push('isolation.faultOhmPerV: must be below warnOhmPerV');
  return p;
}
