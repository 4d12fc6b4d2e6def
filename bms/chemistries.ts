// Cell chemistry tables: OCV, voltage and temperature tiers, charge and discharge C-rate maps.
// Sources: reference/cells.md (§ numbers below). PD = project default, reason given.
import type { ChemistryConfig, CrateMap, Curve } from './config.ts';
import { mapFromBands } from './crate-map.ts';

const SOC_5_STEPS_PCT = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100];

/** cells.md §1 NMC A (foxBMS LUT), with the 1 % point 2.716 V and PD 0 % = 2.70 V. */
export const NMC_A_OCV: Curve = {
  xs: [0, 1, ...SOC_5_STEPS_PCT.slice(1)],
  ys: [2.7, 2.716, 3.003, 3.202, 3.334, 3.392, 3.448, 3.501, 3.538, 3.568, 3.599, 3.636, 3.683, 3.735, 3.791, 3.84, 3.885, 3.939, 3.992, 4.024, 4.045, 4.123],
};

/** cells.md §1 LFP (LibreSolar ocv_lfp). */
export const LFP_OCV: Curve = {
  xs: SOC_5_STEPS_PCT,
  ys: [2.833, 3.132, 3.177, 3.19, 3.213, 3.226, 3.24, 3.252, 3.262, 3.264, 3.265, 3.268, 3.271, 3.275, 3.283, 3.296, 3.304, 3.308, 3.309, 3.314, 3.392],
};

/**
 * cells.md §6 (PD), its bands as written; each holds its value over its range and blends ±2.5 %
 * / ±2.5 K around each edge (bms/crate-map.ts mapFromBands). 0 C at 0 °C (plating below) and at 45 °C.
 */
export const NMC_CHARGE_MAP: CrateMap = mapFromBands({
  socEdgesPct: [0, 10, 30, 50, 60, 70, 80, 90, 100],
  tempEdgesC: [0, 5, 10, 15, 25, 35, 40, 45],
  cRate: [
    /* SOC %:      0–10 10–30 30–50 50–60 60–70 70–80 80–90 90–100 */
    /* 0–5 °C   */ [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05],
    /* 5–10 °C  */ [0.5, 0.6, 0.6, 0.5, 0.45, 0.4, 0.3, 0.15],
    /* 10–15 °C */ [1.2, 1.5, 1.3, 1.1, 0.9, 0.7, 0.4, 0.2],
    /* 15–25 °C */ [2.0, 2.5, 2.2, 1.8, 1.5, 1.1, 0.6, 0.3],
    /* 25–35 °C */ [2.5, 3.0, 2.6, 2.2, 2.0, 1.7, 0.7, 0.3],
    /* 35–40 °C */ [2.0, 2.5, 2.2, 1.8, 1.4, 1.0, 0.5, 0.2],
    /* 40–45 °C */ [0.5, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1],
  ],
  blendSocPct: 2.5, // PD: the calibration's reading (sim/calibrate.ts 'ranges'), Ioniq 5 within 18 min ±15 %
  blendTempK: 2.5,
});
// PD (calibration): 25–35 °C at 60–70 / 70–80 % raised from cells.md §6's 1.8 / 1.3 to 2.0 / 1.7C:
// the Ioniq 5 77.4 kWh (curves.md §1, §3) does 30→80 % in 13 min 46 s (169 kW avg ≈ 2.1C) with
// its knee at 80 %; 1.3C at 70–80 % alone cost ~2 min.

/**
 * PD: the 400 V preset's cells taper earlier (calibration, curves.md §3 Model 3 LR on V3: ~3.3C to
 * 25 %, ~2.2C at 45 %, ~1.1C at 70–80 %; the only published 400 V car on a 500 V charger). Same
 * bands as cells.md §6; the 25–35 °C row follows those points, the rows beside it are capped by it,
 * the cold rows are NMC_CHARGE_MAP's.
 */
export const NMC_TAPERED_CHARGE_MAP: CrateMap = mapFromBands({
  socEdgesPct: [0, 10, 30, 50, 60, 70, 80, 90, 100],
  tempEdgesC: [0, 5, 10, 15, 25, 35, 40, 45],
  cRate: [
    /* SOC %:      0–10 10–30 30–50 50–60 60–70 70–80 80–90 90–100 */
    /* 0–5 °C   */ [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05],
    /* 5–10 °C  */ [0.5, 0.6, 0.6, 0.5, 0.45, 0.4, 0.3, 0.15],
    /* 10–15 °C */ [1.2, 1.5, 1.3, 1.1, 0.9, 0.7, 0.4, 0.2],
    /* 15–25 °C */ [2.0, 2.5, 2.2, 1.8, 1.35, 1.1, 0.6, 0.3],
    /* 25–35 °C */ [2.5, 3.0, 2.3, 1.8, 1.35, 1.1, 0.7, 0.3],
    /* 35–40 °C */ [2.0, 2.5, 2.2, 1.8, 1.35, 1.0, 0.5, 0.2],
    /* 40–45 °C */ [0.5, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1],
  ],
  blendSocPct: 2.5, // as NMC_CHARGE_MAP
  blendTempK: 2.5,
});

/**
 * PD: LFP cells are commonly rated 1–2C for charging, and their flat plateau keeps the overpotential
 * margin until ~90 %, so the knee moves right; temperature rows follow cells.md §6.
 */
export const LFP_CHARGE_MAP: CrateMap = {
  socPct: [5, 20, 40, 55, 65, 75, 85, 95],
  tempC: [0, 2.5, 7.5, 12.5, 20, 30, 37.5, 42.5, 45],
  cRate: [
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05],
    [0.3, 0.4, 0.4, 0.4, 0.4, 0.35, 0.3, 0.1],
    [0.8, 1.0, 1.0, 1.0, 0.9, 0.8, 0.6, 0.2],
    [1.5, 2.0, 2.0, 1.8, 1.6, 1.4, 1.0, 0.3],
    [2.0, 2.0, 2.0, 2.0, 1.8, 1.6, 1.2, 0.3],
    [1.5, 1.5, 1.5, 1.5, 1.4, 1.2, 0.9, 0.2],
    [0.5, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1],
    [0, 0, 0, 0, 0, 0, 0, 0],
  ],
};

/**
 * PD: 3C peak warm (≈ 230 kW on both presets, the fast-charge peak of cells.md §5), less when cold
 * (resistance ×2.2 at 0 °C, ×4.5 at −20 °C, cells.md §4) and near empty (sag toward cut-off).
 * Hot derating is left to the temperature tiers.
 */
export const DISCHARGE_MAP: CrateMap = {
  socPct: [0, 5, 10, 20, 100],
  tempC: [-30, -20, -10, 0, 10, 25],
  cRate: [
    [0, 0, 0, 0, 0],
    [0.1, 0.2, 0.4, 0.5, 0.5],
    [0.2, 0.4, 0.8, 1.0, 1.0],
    [0.3, 0.6, 1.2, 1.8, 1.8],
    [0.5, 1.0, 2.0, 2.5, 2.5],
    [0.6, 1.2, 2.4, 3.0, 3.0],
  ],
};

/** cells.md §4 PD resistance multipliers over temperature. */
const RESISTANCE_FACTOR: Curve = { xs: [-20, -10, 0, 10, 25, 45], ys: [4.5, 3.0, 2.2, 1.5, 1.0, 0.9] };

/** cells.md §3 discharge window −20 … 60 °C (BU-410); PD steps inside it. */
const TEMP_HIGH_C = { direction: 'high', derateStart: 50, operating: 55, operatingFraction: 0.5, recommended: 58, recommendedFraction: 0.2, safety: 60 } as const;
/** The discharge map already derates −20 … 10 °C; below −20 the tiers take over to −30 (PD, cell storage floor). */
const TEMP_LOW_C = { direction: 'low', derateStart: -20, operating: -25, operatingFraction: 0.5, recommended: -28, recommendedFraction: 0.2, safety: -30 } as const;

export const NMC: ChemistryConfig = {
  name: 'NMC',
  ocvVBySocPct: NMC_A_OCV,
  // cells.md §2 PD set: CV 4.20, OV warn 4.22, OV fault 4.25; taper from 4.10 (PD) to a 0.05C-ish trickle at CV.
  cellVoltageHighV: { direction: 'high', derateStart: 4.1, operating: 4.2, operatingFraction: 0.05, recommended: 4.22, recommendedFraction: 0, safety: 4.25 },
  // cells.md §2 PD set: derate from 3.30, cut-off 3.00 under load, UV fault 2.80; 2.90 warning is PD (between them).
  cellVoltageLowV: { direction: 'low', derateStart: 3.3, operating: 3.0, operatingFraction: 0.1, recommended: 2.9, recommendedFraction: 0, safety: 2.8 },
  cellDeepDischargeV: 2.5, // cells.md §2 PD deep-discharge lockout
  cellTempHighC: TEMP_HIGH_C,
  cellTempLowC: TEMP_LOW_C,
  chargeTempMinC: 0, // cells.md §3: lithium plates below 0 °C
  chargeTempMaxC: 45, // cells.md §3 charge window
  // cells.md §3 names 5 K (LibreSolar); PD 2 K: ±1 K sensor noise, and 5 K would block the map's 0–5 °C trickle.
  chargeTempHysteresisK: 2,
  chargeMap: NMC_CHARGE_MAP,
  dischargeMap: DISCHARGE_MAP,
  resistanceFactorByTempC: RESISTANCE_FACTOR,
  ocvRestMs: 30 * 60_000, // PD: NMC relaxes to within a few mV in ~30 min at room temperature
  ocvErrorV: 0.008, // PD: ±5 mV measurement plus hysteresis and temperature effects
  fullChargeTailC: 0.05, // PD: the usual C/20 end of a CV charge
};

/** NMC A with the 400 V preset's earlier taper (NMC_TAPERED_CHARGE_MAP); all else as NMC. */
export const NMC_TAPERED: ChemistryConfig = { ...NMC, chargeMap: NMC_TAPERED_CHARGE_MAP };

export const LFP: ChemistryConfig = {
  name: 'LFP',
  ocvVBySocPct: LFP_OCV,
  // cells.md §2 LFP: CV 3.55, OV fault 3.80; taper from 3.45 and warning at 3.65 are PD.
  cellVoltageHighV: { direction: 'high', derateStart: 3.45, operating: 3.55, operatingFraction: 0.05, recommended: 3.65, recommendedFraction: 0, safety: 3.8 },
  // cells.md §2 LFP: cut-off 2.80, UV fault 2.50; derate from 3.00 and warning at 2.65 are PD.
  cellVoltageLowV: { direction: 'low', derateStart: 3.0, operating: 2.8, operatingFraction: 0.1, recommended: 2.65, recommendedFraction: 0, safety: 2.5 },
  cellDeepDischargeV: 2.0, // PD: LFP tolerates lower voltage before copper dissolution than NMC
  cellTempHighC: TEMP_HIGH_C,
  cellTempLowC: TEMP_LOW_C,
  chargeTempMinC: 0, // cells.md §3: graphite anode plates below 0 °C for LFP too
  chargeTempMaxC: 45,
  chargeTempHysteresisK: 2,
  chargeMap: LFP_CHARGE_MAP,
  dischargeMap: DISCHARGE_MAP,
  resistanceFactorByTempC: RESISTANCE_FACTOR,
  ocvRestMs: 2 * 60 * 60_000, // PD: LFP hysteresis and slow relaxation need a longer rest
  ocvErrorV: 0.015, // PD: LFP hysteresis 10–20 mV dominates
  fullChargeTailC: 0.05,
};
