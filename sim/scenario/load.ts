// Reads and validates scenario files; every error names the file and the field.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import schema from './scenario.schema.json' with { type: 'json' };
import type { Scenario, ScenarioFile } from './types.ts';

export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid scenario:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<ScenarioFile>(schema);

/** Default hard bound on a run when the stop section gives no time: 24 simulated hours (PD). */
const DEFAULT_MAX_TIME_S = 24 * 3600;

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioError(path, [`cannot read: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseScenario(json, path);
}

export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  if (!validate(json)) throw new ScenarioError(source, describeErrors(validate.errors ?? [], json));
  const file = json;
  const problems = checkTimeline(file);
  if (problems.length > 0) throw new ScenarioError(source, problems);
  const cellTempC = file.initial.cellTempC ?? 25;
  return {
    name: file.name,
    description: file.description ?? '',
    seed: file.seed ?? 1,
    tickMs: file.tickMs ?? 10,
    vehicle: typeof file.vehicle === 'string' ? { preset: file.vehicle } : file.vehicle,
    initial: {
      socPct: file.initial.socPct,
      cellTempC,
      ambientC: file.initial.ambientC ?? cellTempC,
      gear: file.initial.gear ?? 'P',
    },
    charger: file.charger == null ? null : typeof file.charger === 'string' ? { preset: file.charger } : file.charger,
    adapter: file.adapter ?? null,
    load: file.load == null ? null : typeof file.load === 'string' ? { preset: file.load } : file.load,
    events: [...(file.events ?? [])].sort((a, b) => a.atS - b.atS),
    stop: { ...file.stop, timeS: file.stop.timeS ?? DEFAULT_MAX_TIME_S },
    expect: file.expect ?? {},
    source,
  };
}

function checkTimeline(file: ScenarioFile): string[] {
  const problems: string[] = [];
  const limit = file.stop.timeS;
  (file.events ?? []).forEach((e, i) => {
    if (limit !== undefined && e.atS > limit) problems.push(`events[${i}].atS: ${e.atS} s is after stop.timeS (${limit} s)`);
    if (e.do === 'quirk' && file.charger == null) problems.push(`events[${i}]: a quirk needs a charger (charger is null)`);
  });
  return problems;
}

/** Turns ajv's errors into one line per field, skipping the if/then/oneOf bookkeeping. */
function describeErrors(errors: ErrorObject[], json: unknown): string[] {
  const lines = new Set<string>();
  const useful = errors.filter((e) => !['if', 'oneOf', 'anyOf', 'allOf'].includes(e.keyword));
  for (const e of useful.length > 0 ? useful : errors) {
    const field = fieldName(e.instancePath, e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined);
    const got = valueAt(json, e.instancePath);
    let text: string;
    switch (e.keyword) {
      case 'enum':
        text = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(got)})`;
        break;
      case 'additionalProperties':
        text = 'is not a known field here';
        break;
      case 'required':
        lines.add(`${fieldName(e.instancePath, (e.params as { missingProperty: string }).missingProperty)}: is required`);
        continue;
      case 'type':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'const':
        text = `${e.message ?? 'is invalid'} (got ${JSON.stringify(got)})`;
        break;
      default:
        text = e.message ?? 'is invalid';
    }
    lines.add(`${field}: ${text}`);
  }
  return [...lines];
}

function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  if (parts.length === 0) return '(top level)';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(json: unknown, instancePath: string): unknown {
  let v: unknown = json;
  for (const p of instancePath.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}
