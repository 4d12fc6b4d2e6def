// The local API's messages. A connection carries a CBOR sequence each way: the client sends
// requests, the server answers each by id and, after "subscribe", pushes events.
// Validation is pure and names what was wrong.

export type HmiCommand =
  | { cmd: 'charge-limit'; pct: number }
  | { cmd: 'charge-start' }
  | { cmd: 'charge-stop' }
  | { cmd: 'max-ac-current'; amps: number }
  | { cmd: 'payment-mode'; mode: 'eim' | 'pnc' | 'off' }
  | { cmd: 'precondition'; on: boolean }
  | { cmd: 'v2l-on'; floorPct?: number }
  | { cmd: 'v2l-off' }
  | { cmd: 'v2l-floor'; pct: number }
  | { cmd: 'v2l-reset' };

export type QueryCommand = { cmd: 'status' } | { cmd: 'faults' } | { cmd: 'subscribe' } | { cmd: 'unsubscribe' };

export type ApiCommand = HmiCommand | QueryCommand;
export type ApiRequest = ApiCommand & { id: number | string };

export type ApiResponse =
  | { id: number | string | null; ok: true; result: unknown }
  | { id: number | string | null; ok: false; error: { code: ApiErrorCode; message: string } };

export interface ApiEvent {
  event: string;
  tMs: number;
  data: unknown;
}

export type ApiErrorCode = 'bad-request' | 'unknown-command' | 'forbidden' | 'refused' | 'internal';

export const COMMANDS_THAT_ACT: ReadonlySet<string> = new Set([
  'charge-limit', 'charge-start', 'charge-stop', 'max-ac-current', 'payment-mode', 'precondition',
  'v2l-on', 'v2l-off', 'v2l-floor', 'v2l-reset',
]);
const QUERIES = new Set(['status', 'faults', 'subscribe', 'unsubscribe']);

/** Charge limit range offered to users (%): below 50 % is not a charge target (PD). */
export const CHARGE_LIMIT_RANGE_PCT = [50, 100] as const;
/** J1772 range of AC current offers (A), reference/pilot.md §2. */
export const AC_CURRENT_RANGE_A = [6, 80] as const;
/** V2L floor choices (%), reference/v2l.md (Hyundai/Kia: 20–80 % in 10 % steps). */
export const V2L_FLOORS_PCT = [20, 30, 40, 50, 60, 70, 80] as const;

export class ApiRequestError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly id: number | string | null = null,
  ) {
    super(message);
  }
}

/** Checks one decoded request; throws ApiRequestError naming the field and what is allowed. */
export function parseRequest(raw: unknown): ApiRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ApiRequestError('bad-request', `a request must be a map with "id" and "cmd", got ${describe(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'number' || typeof r.id === 'string' ? r.id : null;
  if (id === null) throw new ApiRequestError('bad-request', `"id" must be a number or a string, got ${describe(r.id)}`);
  const cmd = r.cmd;
  if (typeof cmd !== 'string') throw new ApiRequestError('bad-request', `"cmd" must be a string, got ${describe(cmd)}`, id);
  if (!QUERIES.has(cmd) && !COMMANDS_THAT_ACT.has(cmd)) {
    throw new ApiRequestError('unknown-command', `unknown cmd "${cmd}"; known: ${[...QUERIES, ...COMMANDS_THAT_ACT].join(', ')}`, id);
  }
  const num = (key: string, [min, max]: readonly [number, number]): number => {
    const v = r[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new ApiRequestError('bad-request', `${cmd}: "${key}" must be a number from ${min} to ${max}, got ${describe(v)}`, id);
    }
    return v;
  };
  const floor = (key: string): number => {
    const v = r[key];
    if (!V2L_FLOORS_PCT.includes(v as 20)) {
      throw new ApiRequestError('bad-request', `${cmd}: "${key}" must be one of ${V2L_FLOORS_PCT.join(', ')} (%), got ${describe(v)}`, id);
    }
    return v as number;
  };
  switch (cmd) {
    case 'charge-limit':
      return { id, cmd, pct: num('pct', CHARGE_LIMIT_RANGE_PCT) };
    case 'max-ac-current':
      return { id, cmd, amps: num('amps', AC_CURRENT_RANGE_A) };
    case 'payment-mode': {
      const mode = r.mode;
      if (mode !== 'eim' && mode !== 'pnc' && mode !== 'off') {
        throw new ApiRequestError('bad-request', `payment-mode: "mode" must be "eim", "pnc" or "off", got ${describe(mode)}`, id);
      }
      return { id, cmd, mode };
    }
    case 'precondition':
      if (typeof r.on !== 'boolean') throw new ApiRequestError('bad-request', `precondition: "on" must be true or false, got ${describe(r.on)}`, id);
      return { id, cmd, on: r.on };
    case 'v2l-on':
      return r.floorPct === undefined ? { id, cmd } : { id, cmd, floorPct: floor('floorPct') };
    case 'v2l-floor':
      return { id, cmd, pct: floor('pct') };
    default:
      return { id, cmd } as ApiRequest;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
