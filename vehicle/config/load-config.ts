// Reads a car's configuration file: JSON naming a preset and overriding some of its values.
// Every problem names the key, the value and what is allowed, and the service refuses to start.
//   { "preset": "car-800v", "name": "test mule", "shell": { "tickMs": 10 }, "bms": { "pack": { … } } }
import { readFileSync } from 'node:fs';
import { validateBmsConfig } from '../../bms/index.ts';
import { inletConfigProblems } from '../../inlet/index.ts';
import { validateDcConfig } from '../../inlet/dc/index.ts';
import { v2lConfigProblems } from '../../v2l/index.ts';
import { CAR_PRESETS, type CarConfig, type CarPresetName } from './car-config.ts';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: the configuration is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const SECTIONS = ['bms', 'inlet', 'dc', 'v2l', 'shell'] as const;
const TOP_KEYS = new Set<string>(['preset', 'name', '$schema', ...SECTIONS]);

export function loadCarConfigFile(path: string): CarConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return buildCarConfig(json, path);
}

export function buildCarConfig(json: unknown, source = 'config'): CarConfig {
  if (!isObject(json)) throw new ConfigError(source, ['the file must hold a JSON object']);
  const problems: string[] = [];
  for (const key of Object.keys(json)) {
    if (!TOP_KEYS.has(key)) problems.push(`${key}: unknown key; allowed: ${[...TOP_KEYS].filter((k) => k !== '$schema').join(', ')}`);
  }
  const presetName = json.preset ?? 'car-400v';
  if (typeof presetName !== 'string' || !(presetName in CAR_PRESETS)) {
    throw new ConfigError(source, [...problems, `preset: ${JSON.stringify(presetName)} is not one of ${Object.keys(CAR_PRESETS).join(', ')}`]);
  }
  const preset = CAR_PRESETS[presetName as CarPresetName];
  const config = structuredClone(preset) as CarConfig;
  if (json.name !== undefined) {
    if (typeof json.name === 'string' && json.name.length > 0) config.name = json.name;
    else problems.push(`name: ${JSON.stringify(json.name)} must be a non-empty string`);
  }
  for (const section of SECTIONS) {
    if (json[section] === undefined) continue;
    (config as unknown as Record<string, unknown>)[section] = overlay(preset[section], json[section], section, problems);
  }
  if (problems.length === 0) problems.push(...domainProblems(config));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

/** Returns base with over's values laid on top; a key the base lacks, or a value of another kind, is a problem. */
function overlay(base: unknown, over: unknown, path: string, problems: string[]): unknown {
  if (isObject(base)) {
    if (!isObject(over)) {
      problems.push(`${path}: expected an object, got ${describe(over)}`);
      return base;
    }
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (!(key in base)) {
        problems.push(`${path}.${key}: unknown key; allowed: ${Object.keys(base).join(', ')}`);
        continue;
      }
      out[key] = base[key] === undefined || base[key] === null ? value : overlay(base[key], value, `${path}.${key}`, problems);
    }
    return out;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(over)) problems.push(`${path}: expected a list, got ${describe(over)}`);
    return Array.isArray(over) ? over : base;
  }
  if (typeof base !== typeof over) {
    problems.push(`${path}: expected a ${typeof base}, got ${describe(over)}`);
    return base;
  }
  if (typeof over === 'number' && !Number.isFinite(over)) problems.push(`${path}: ${over} is not a finite number`);
  return over;
}

function domainProblems(c: CarConfig): string[] {
  const shell = c.shell;
  const problems = [
    ...validateBmsConfig(c.bms).map((p) => `bms.${p}`),
    ...inletConfigProblems(c.inlet).map((p) => `inlet.${p}`),
    ...validateDcConfig(c.dc),
    ...v2lConfigProblems(c.v2l).map((p) => `v2l.${p}`),
  ];
  // The CAN contract carries at most 192 cell voltages and 64 temperatures (CONTRACT.md).
  if (!(c.bms.pack.seriesCells <= 192)) problems.push(`bms.pack.seriesCells: ${c.bms.pack.seriesCells} exceeds the 192 cells the CAN contract carries`);
  if (!(c.bms.pack.tempSensors <= 64)) problems.push(`bms.pack.tempSensors: ${c.bms.pack.tempSensors} exceeds the 64 sensors the CAN contract carries`);
  if (!(shell.tickMs >= 1 && shell.tickMs <= 100)) problems.push(`shell.tickMs: ${shell.tickMs} must be 1…100 ms`);
  if (!(shell.chargeLimitPct >= 50 && shell.chargeLimitPct <= 100)) problems.push(`shell.chargeLimitPct: ${shell.chargeLimitPct} must be 50…100 %`);
  if (![20, 30, 40, 50, 60, 70, 80].includes(shell.v2lFloorPct)) problems.push(`shell.v2lFloorPct: ${shell.v2lFloorPct} must be one of 20, 30, 40, 50, 60, 70, 80 %`);
  if (!(shell.dashboard.port >= 0 && shell.dashboard.port <= 65535)) problems.push(`shell.dashboard.port: ${shell.dashboard.port} must be 0…65535`);
  if (!(shell.announceMaxVoltageV > c.bms.pack.maxVoltageV)) {
    problems.push(`shell.announceMaxVoltageV: ${shell.announceMaxVoltageV} V must be above the pack's maximum ${c.bms.pack.maxVoltageV} V (chargers stop when it is too close)`);
  }
  return problems;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
