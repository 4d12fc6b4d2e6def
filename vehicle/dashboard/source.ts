// What the dashboard reads and commands. Deliberately the same shape as the local API's
// ApiBackend (vehicle/api/server.ts), so one object can feed both the Unix-socket API and the
// dashboard; the dashboard only needs the snapshot typed, and the charge curve in addition.
import type { ApiEvent, HmiCommand } from '../api/protocol.ts';
import type { CurvePoint, FaultView, StatusSnapshot } from '../status.ts';

export type CommandOutcome = { ok: true; result?: unknown } | { ok: false; reason: string };

export interface DashboardSource {
  /** The latest snapshot; cheap enough to call a few times per second. */
  status(): StatusSnapshot;
  /** The charge curve of the present (or last) session, oldest first; a new session starts a new array. */
  curve(): readonly CurvePoint[];
  /** Active faults and the history kept, newest first within each. */
  faults(): readonly FaultView[];
  /** Applies a user command as an HMI frame would; a refusal says why. */
  command(c: HmiCommand): CommandOutcome;
  /**
   * Decisions as they happen (the API's events). The dashboard shows them in its log and takes
   * each as a hint to push a fresh snapshot early; it also polls status() on its own, so a
   * source that emits nothing per tick still looks live.
   */
  subscribe(listener: (e: ApiEvent) => void): () => void;
}
