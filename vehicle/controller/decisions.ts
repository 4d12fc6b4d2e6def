// Turns the domains' events into decisions: one line each, for the log, the recorder and the
// API's event stream. Events only come when something changes, never per tick.
import type { BmsEvent } from '../../bms/index.ts';
import type { InletEvent } from '../../inlet/index.ts';
import type { DcEvent } from '../../inlet/dc/index.ts';
import type { V2lEvent } from '../../v2l/index.ts';
import type { Mode } from '../mode/mode.ts';

export interface Decision {
  tMs: number;
  source: 'mode' | 'bms' | 'inlet' | 'dc' | 'v2l';
  what: string;
  detail: Record<string, unknown>;
}

export function describeEvents(
  tMs: number,
  mode: { from: Mode; to: Mode; why: string } | undefined,
  bms: readonly BmsEvent[],
  inlet: readonly InletEvent[],
  dc: readonly DcEvent[],
  v2l: readonly V2lEvent[],
): Decision[] {
  const out: Decision[] = [];
  if (mode) out.push({ tMs, source: 'mode', what: `mode ${mode.from} → ${mode.to} (${mode.why})`, detail: { ...mode } });
  for (const e of bms) out.push({ tMs, source: 'bms', what: bmsText(e), detail: { ...e } });
  for (const e of inlet) out.push({ tMs, source: 'inlet', what: inletText(e), detail: { ...e } });
  for (const e of dc) out.push({ tMs, source: 'dc', what: dcText(e), detail: { ...e } });
  for (const e of v2l) out.push({ tMs, source: 'v2l', what: v2lText(e), detail: { ...e } });
  return out;
}

function bmsText(e: BmsEvent): string {
  switch (e.kind) {
    case 'contactor': return `${e.path} contactors ${e.from} → ${e.to} (${e.event})`;
    case 'faultActive': return `fault ${e.id} (${e.code}) active`;
    case 'faultCleared': return `fault ${e.id} (${e.code}) cleared`;
    case 'socCorrected': return `SOC corrected from ${e.source}: ${e.fromPct.toFixed(1)} → ${e.toPct.toFixed(1)} %`;
    case 'capacityLearned': return `capacity learned: ${e.fromAh.toFixed(1)} → ${e.toAh.toFixed(1)} Ah`;
    case 'tms': return `thermal request ${e.mode} (${e.reason})`;
  }
}

function inletText(e: InletEvent): string {
  switch (e.type) {
    case 'connector': return `connector ${e.from} → ${e.to}`;
    case 'pilot': return `pilot ${e.from} → ${e.to}${e.offerA > 0 ? ` (${e.offerA} A offered)` : ''}`;
    case 'lock': return `lock ${e.from} → ${e.to}${e.fault ? ` (fault: ${e.fault})` : ''}`;
    case 'path': return `power path ${e.from} → ${e.to}${e.fault ? ` (fault: ${e.fault})` : ''}`;
    case 'path-refused': return `${e.path.toUpperCase()} path refused: ${e.reason}`;
    case 'ac-session': return `AC session ${e.from} → ${e.to} (${e.reason})`;
    case 'refusal': return e.code ? `refused: ${e.text}` : 'refusal cleared';
    case 'stop-now': return `stop now: ${e.text}`;
    case 'pin-limit': return `pin-temperature limit ${e.reason}: ${e.limitA.toFixed(0)} A`;
    case 'drive-inhibit': return `drive ${e.inhibit ? 'inhibited' : 'allowed'}`;
    case 'guard': return `invariant ${e.invariant} guard: ${e.detail}`;
  }
}

function dcText(e: DcEvent): string {
  switch (e.type) {
    case 'phase': return `DC ${e.from} → ${e.to} (${e.trigger}${e.stop ? `: ${e.stop}` : ''})`;
    case 'stop': return `DC stop (${e.kind}): ${e.text}`;
    case 'stopEscalated': return `DC stop escalated to ${e.kind}: ${e.reason}`;
    case 'payment': return `payment ${e.mode}: ${e.why}`;
    case 'plan': return `DC plan ${e.plan.path ?? 'none'}: ${e.plan.reason}`;
    case 'limit': return `DC limit ${e.reason ?? e.hold ?? 'none'}: ${e.limitA.toFixed(0)} A`;
    case 'retry': return `DC retry ${e.attempt}`;
    case 'unlock': return 'DC inlet safe to unlock';
    case 'quirk': return `charger quirk ${e.quirk}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

function v2lText(e: V2lEvent): string {
  switch (e.kind) {
    case 'state-changed': return `V2L ${e.from} → ${e.to} (${e.cause})`;
    case 'refused': return `V2L refused: ${e.refusal.text}`;
    case 'stopped': return `V2L stopped: ${e.reason}`;
    case 'tripped': return `V2L tripped: ${e.trip.text}`;
    case 'warning': return `V2L warning: ${e.warning.text}`;
    case 'floor-changed': return `V2L floor ${e.floorPct} %`;
    case 'floor-rejected': return `V2L floor ${e.requestedPct} % rejected`;
    case 'reset-refused': return `V2L reset refused: ${e.refusal.text}`;
    case 'estimate-restarted': return `V2L runtime estimate restarted at ${e.averageLoadW.toFixed(0)} W`;
  }
}
