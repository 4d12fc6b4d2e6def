import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chargeDurationMs, scheduledStartMs, waitForSchedule, type ScheduleEstimate } from '../../inlet/ac-schedule.ts';

const t = suite('inlet/ac-schedule');
const HOUR_MS = 3_600_000;
const anEstimate = (o: Partial<ScheduleEstimate> = {}): ScheduleEstimate => ({
  socPct: 50, limitSocPct: 90, packUsableEnergyWh: 75_000, expectedPowerW: 7_200, marginMs: 0.5 * HOUR_MS, ...o,
});

t('30 kWh at 7.2 kW takes 4 h 10 min', () => {
  assert.is(chargeDurationMs(anEstimate()), (30_000 / 7_200) * HOUR_MS);
});

t('"now" starts at once', () => {
  assert.is(scheduledStartMs({ mode: 'now' }, anEstimate()), null);
});

t('"start-at" (off-peak) waits until its time', () => {
  assert.is(waitForSchedule({ mode: 'start-at', startAtMs: 10 * HOUR_MS }, anEstimate(), 9 * HOUR_MS), true);
  assert.is(waitForSchedule({ mode: 'start-at', startAtMs: 10 * HOUR_MS }, anEstimate(), 10 * HOUR_MS), false);
});

t('"depart-by" starts duration + margin before departure', () => {
  const departAtMs = 20 * HOUR_MS;
  const start = scheduledStartMs({ mode: 'depart-by', departAtMs }, anEstimate())!;
  assert.ok(Math.abs(start - (departAtMs - (30_000 / 7_200) * HOUR_MS - 0.5 * HOUR_MS)) < 1e-6);
  assert.is(waitForSchedule({ mode: 'depart-by', departAtMs }, anEstimate(), start - 1), true);
  assert.is(waitForSchedule({ mode: 'depart-by', departAtMs }, anEstimate(), start), false);
});

t('"depart-by" too late to finish: start now', () => {
  assert.is(waitForSchedule({ mode: 'depart-by', departAtMs: 2 * HOUR_MS }, anEstimate(), 0), false);
});

t('"depart-by" without a power estimate: start now rather than risk an empty car', () => {
  assert.is(scheduledStartMs({ mode: 'depart-by', departAtMs: 20 * HOUR_MS }, anEstimate({ expectedPowerW: 0 })), null);
});

t('already at the limit: nothing to charge', () => {
  assert.is(chargeDurationMs(anEstimate({ socPct: 95 })), 0);
});

t.run();
