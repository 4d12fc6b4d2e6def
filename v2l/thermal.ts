// Inverter over-temperature: derate first, then trip (issue #6 item 5). Numbers in presets.ts.
import type { ThermalConfig } from './config.ts';

/** Fraction of rated power allowed: 1 up to derateStartC, linear to derateMinFraction at tripC. */
export function thermalDerateFraction(temperatureC: number, cfg: ThermalConfig): number {
  if (!(temperatureC > cfg.derateStartC)) return 1;
  if (!(temperatureC < cfg.tripC)) return cfg.derateMinFraction;
  const span = (temperatureC - cfg.derateStartC) / (cfg.tripC - cfg.derateStartC);
  return 1 - (1 - cfg.derateMinFraction) * span;
}

export function isOverTemperature(temperatureC: number, cfg: ThermalConfig): boolean {
  return temperatureC >= cfg.tripC;
}

/** A start needs the stage below the derate; a temperature trip's reset needs it cooler still. */
export function mayStartAt(temperatureC: number, cfg: ThermalConfig): boolean {
  return temperatureC < cfg.derateStartC;
}

export function mayResetAt(temperatureC: number, cfg: ThermalConfig): boolean {
  return temperatureC <= cfg.resetBelowC;
}
