// Default inlet configurations. PD = project default, not from a standard (reason given).
import type { ControlPilotConfig, DutySegment, InletConfig, PpBand } from './config.ts';

/** ±10 % resistance windows (reference/pilot.md §3 and §6). */
export const PP_TOLERANCE = 0.1;

type BandSpec = Omit<PpBand, 'minOhm' | 'maxOhm'>;

/** A band with its ±tolerance window around the nominal resistance. */
export function withWindow(spec: BandSpec, tolerance = PP_TOLERANCE): PpBand {
  return { ...spec, minOhm: spec.nominalOhm * (1 - tolerance), maxOhm: spec.nominalOhm * (1 + tolerance) };
}

function handle(kind: PpBand['kind'], prefix: string, seriesOhm: number, rest: Omit<BandSpec, 'name' | 'kind' | 'latch' | 'nominalOhm' | 'why'>, why: string): PpBand[] {
  // A handle shows 150 Ω latched and 480 Ω pressed (pilot.md §3); an adapter adds its series resistor (§6, PD).
  return [
    withWindow({ name: `${prefix}-latched`, kind, latch: 'latched', nominalOhm: seriesOhm + 150, ...rest, why }),
    withWindow({ name: `${prefix}-pressed`, kind, latch: 'pressed', nominalOhm: seriesOhm + 480, ...rest, why }),
  ];
}

const ccs1DcAdapter = handle('ccs1-dc-adapter', 'ccs1-dc-adapter', 150,
  { ratingA: 400, acAllowed: false, dcAllowed: true, v2l: false },
  'pilot.md §6 PD: 150 Ω series; 400 A = NACS connector rating; DC pins only');
const v2lAdapter = withWindow({ name: 'v2l-adapter', kind: 'v2l-adapter', latch: 'fixed', nominalOhm: 2200,
  ratingA: 16, acAllowed: false, dcAllowed: false, v2l: true, why: 'pilot.md §6 PD: 2.2 kΩ fixed; 120 V 16 A outlet' });
const v2hDevice = withWindow({ name: 'v2h-device', kind: 'v2h-device', latch: 'fixed', nominalOhm: 3300,
  ratingA: 40, acAllowed: false, dcAllowed: false, v2l: false,
  why: 'pilot.md §6 PD: 3.3 kΩ; decoded so the HMI can say "not supported yet" instead of "unknown"' });

/** NACS inlet: native NACS handle plus the three adapters of pilot.md §6. */
export const NACS_PP_BANDS: PpBand[] = [
  ...handle('nacs', 'nacs', 0, { ratingA: null, acAllowed: true, dcAllowed: true, v2l: false },
    'pilot.md §5 PD: NACS keeps the J1772 PP network'),
  ...ccs1DcAdapter,
  ...handle('j1772-ac-adapter', 'j1772-ac-adapter', 680, { ratingA: 48, acAllowed: true, dcAllowed: false, v2l: false },
    'pilot.md §6 PD: 680 Ω series; 48 A AC; DC forbidden'),
  v2lAdapter,
  v2hDevice,
];

/** CCS1 inlet: J1772/CCS1 handle, the NACS→CCS1 DC adapter and the V2L adapter. */
export const CCS1_PP_BANDS: PpBand[] = [
  ...handle('j1772', 'j1772', 0, { ratingA: null, acAllowed: true, dcAllowed: true, v2l: false },
    'pilot.md §3: J1772 / CCS1 handle'),
  ...ccs1DcAdapter,
  v2lAdapter,
  v2hDevice,
];

/** PWM duty → pilot class and offer (reference/pilot.md §2, SAE J1772 table). */
export const J1772_DUTY_TABLE: DutySegment[] = [
  { upToPct: 3, inclusive: false, pilotClass: 'none', offer: null },
  { upToPct: 7, inclusive: true, pilotClass: 'digital', offer: null },
  { upToPct: 8, inclusive: false, pilotClass: 'error', offer: null },
  { upToPct: 10, inclusive: false, pilotClass: 'ac', offer: { fixedA: 6 } },
  { upToPct: 85, inclusive: true, pilotClass: 'ac', offer: { perPctA: 0.6, offsetPct: 0 } },
  { upToPct: 96, inclusive: true, pilotClass: 'ac', offer: { perPctA: 2.5, offsetPct: 64 } },
  { upToPct: 97, inclusive: true, pilotClass: 'ac', offer: { fixedA: 80 } },
  { upToPct: Number.POSITIVE_INFINITY, inclusive: true, pilotClass: 'not-allowed', offer: null },
];

export const DEFAULT_CONTROL_PILOT: ControlPilotConfig = {
  duty: J1772_DUTY_TABLE,
  acceptDebounceMs: 500, // pilot.md §2: Clara waits 5 × 100 ms before AC or 5 % is believed
  offerToleranceA: 0.5, // PD: duty jitter of ±0.5 % (≈ 0.3 A) must not restart the debounce
  pwmLossConfirmMs: 0, // timeouts.md §5 default: PWM loss → current 0 at once
};

export const NACS_INLET: InletConfig = {
  inletType: 'nacs',
  // pilot.md §5's 400 A is the connector's continuous rating; V3 feeds NACS cars ≈630–700 A peak
  // (chargers.md §1), so the native handle allows the peak and the pin derating (pin-derating.ts)
  // protects the pins. The CCS1 DC adapter stays at 400 A (pilot.md §6).
  inletRatingA: 700,
  proximity: {
    bands: NACS_PP_BANDS,
    nothingAboveOhm: 10_000, // PD: ≈ 4.33 V, midway between the highest band (3.63 kΩ, 4.12 V) and open (4.46 V)
    debounceMs: 200, // pilot.md §6 PD: 200 ms stable band before acting
  },
  controlPilot: DEFAULT_CONTROL_PILOT,
  lock: {
    travelDeadlineMs: 1000, // PD: actuators travel in 0.3–0.5 s; margin for ice and a cold motor
    maxAttempts: 3, // PD: a half-inserted plug or ice usually frees on the 2nd try; more only heats the motor
    positionLostDeadlineMs: 300, // PD: feedback bounce from a bumped handle settles well within this
  },
  safety: {
    unlockBelowV: 60, // pilot.md §7: touch-safe 60 V DC, measured by the car
    unlockBelowA: 1, // DESIGN.md §7 invariant 2
    acLiveFromV: 30, // PD: SELV for wet locations (IEC 60364-7-702: 25–30 V AC); AC on pins blocks unlock
    movingFromKph: 1, // PD: wheel-speed noise at standstill stays well below 1 km/h
  },
  pin: {
    limitC: 70, // DESIGN.md §4: pin limit 70 °C by default
    fullBelowLimitK: 10, // DESIGN.md §4: full current until 10 K below the limit
    fullBelowLimitAdapterK: 20, // PD: an adapter adds a mated contact pair the car cannot sense; start 10 K earlier
    stopAboveLimitK: 10, // DESIGN.md §4: stop 10 K above the limit
    atLimitA: 16, // PD: keeps AC ≥ 6 A and DC alive while pins cool; I²R is ~1/600 of 400 A
    resumeBelowLimitK: 0, // PD: after a stop, resume below the limit (10 K hysteresis from the stop point)
    oneSensorInvalidFraction: 0.5, // PD: the blind pin sees ≤ 1/4 of the full-current heat
    noSensorCapA: 16, // PD: no thermal supervision left; at 16 A a poor contact cannot overheat
    plausibleMinC: -40, // PD: NTC open/short codes land outside −40…150 °C
    plausibleMaxC: 150,
  },
  path: {
    relayCloseDeadlineMs: 500, // PD: relays switch in < 50 ms; 10× margin
    relayOpenDeadlineMs: 500,
  },
  obc: {
    maxCurrentA: 48, // chargers.md §2: 48 A wall unit, 11.5 kW at 240 V
    maxPowerW: 11_520, // 48 A × 240 V ("11.5 kW")
    efficiency: 0.93, // PD: typical 11 kW OBC at full load
    minCurrentA: 6, // pilot.md §2: smallest J1772 offer; OBCs regulate poorly below
    assumedAcVoltageV: 277, // pilot.md §5: NACS AC up to 277 V; the highest voltage gives the lowest current
    acPresentFromV: 80, // PD: below any North-American supply (120 V −15 %) with margin
  },
  ac: {
    requireLock: true, // PD: NACS AC uses the DC pins; pulling under load arcs them
    prepareDeadlineMs: 5000, // PD: lock (≤ 3 × 1 s) plus relay (0.5 s) with margin
    stoppedBelowA: 1, // DESIGN.md §7 invariant 2 threshold
    rampDownDeadlineMs: 2000, // PD: OBCs ramp to 0 in < 1 s; bounds S2 opening under load
    acOffDeadlineMs: 3000, // PD: J1772 EVSEs open within 100 ms of state B; 3 s covers slow ones
    restartDelayMs: 5000, // PD: no relay chatter when a condition flickers
    faultRestartDelayMs: 30_000, // PD: let an OBC recover from a grid dip before retrying
    maxFaultRestarts: 3, // PD: a real OBC fault stops the session for this plug-in
    resumeBelowLimitPct: 3, // PD: top-up only after a real drop, not at every tenth of a percent
    defaultChargeLimitSocPct: 90, // PD: daily limit while the HMI is silent
    packUsableEnergyWh: 75_000, // PD: per car; used only to estimate departure-time starts
    scheduleMarginMs: 30 * 60_000, // PD: taper near the limit and a cold pack take longer than the estimate
  },
  staleAfterMs: {
    inletNodeMs: 300, // PD: 3 periods of a 100 ms frame
    shuntMs: 300, // PD: 3 periods of a 100 ms frame
    pduMs: 300, // PD: 3 periods of a 100 ms frame
    bmsMs: 500, // timeouts.md §5: BMS limits missing 500 ms → charge limit 0
    obcMs: 500, // PD: same as the BMS
    hmiMs: 5000, // PD: HMI frames are slow and not safety-relevant
    vehicleMs: 500, // PD
  },
};

export const CCS1_INLET: InletConfig = {
  ...NACS_INLET,
  inletType: 'ccs1',
  inletRatingA: 500, // chargers.md §1: CCS1 HPC cables carry up to 500 A; lower it for a 200 A inlet part
  proximity: { ...NACS_INLET.proximity, bands: CCS1_PP_BANDS },
};
