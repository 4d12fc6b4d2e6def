// Departure-time scheduling for AC charging, kept simple: either start at a given time
// (off-peak), or start late enough to finish by departure with a margin. Times are on the same
// clock as nowMs; the shell converts the HMI's wall-clock times.
export type AcSchedule =
  | { mode: 'now' }
  | { mode: 'start-at'; startAtMs: number }
  | { mode: 'depart-by'; departAtMs: number };

export interface ScheduleEstimate {
  socPct: number;
  limitSocPct: number;
  packUsableEnergyWh: number;
  /** Expected DC power into the pack while charging. */
  expectedPowerW: number;
  marginMs: number;
}

const MS_PER_HOUR = 3_600_000;

/** Time needed to reach the limit at the expected power (0 when already there or no power). */
export function chargeDurationMs(e: ScheduleEstimate): number {
  const energyWh = (Math.max(0, e.limitSocPct - e.socPct) / 100) * e.packUsableEnergyWh;
  if (energyWh === 0 || !(e.expectedPowerW > 0)) return 0;
  return (energyWh / e.expectedPowerW) * MS_PER_HOUR;
}

/** When charging should start; null = now. A start time already passed means now. */
export function scheduledStartMs(schedule: AcSchedule, e: ScheduleEstimate): number | null {
  switch (schedule.mode) {
    case 'now':
      return null;
    case 'start-at':
      return schedule.startAtMs;
    case 'depart-by':
      // No power estimate yet (no offer): start now rather than risk an empty car at departure.
      if (!(e.expectedPowerW > 0)) return null;
      return schedule.departAtMs - chargeDurationMs(e) - e.marginMs;
  }
}

/** True while the schedule says to wait. */
export function waitForSchedule(schedule: AcSchedule, e: ScheduleEstimate, nowMs: number): boolean {
  const startMs = scheduledStartMs(schedule, e);
  return startMs !== null && nowMs < startMs;
}
