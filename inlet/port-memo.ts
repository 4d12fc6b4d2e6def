// One port's memo of the connector, lock, pilot, pin and path views, which repeat tick after tick while the plug sits still
// (every tick of a session): the last view again while what it is made from is the same. Made per
// port by createInletPort (never shared between ports); a step given none computes every view.
import type { InletOutputs } from './port-types.ts';
import type { ConnectorView, PpDecoded } from './proximity.ts';
import type { ControlPilotView, CpSample, PilotReading } from './control-pilot.ts';
import type { LockState } from './lock.ts';
import type { PathState, PathView } from './path-arbitration.ts';
import type { PinState, PinViews } from './pin-derating.ts';
import type { PpBand } from './config.ts';

export interface PortMemo {
  /** proximityStep's view and what it was made from: the debounced sample, the latest one's band and source, the inlet rating. */
  view: ConnectorView | undefined;
  stable: PpDecoded | undefined;
  rawBand: PpBand | null;
  rawSource: PpDecoded['source'] | undefined;
  inletRatingA: number;
  /** composeOutputs' connector and what it was made from: the view above and whether nothing refused. */
  out: InletOutputs['connector'] | undefined;
  outFrom: ConnectorView | undefined;
  outOk: boolean;
  /** composeOutputs' lock and the lock state (object) and lock feedback it was made from (the command: in it). */
  lockOut: InletOutputs['lock'] | undefined;
  lockFrom: LockState | undefined;
  lockFeedbackLocked: boolean;
  /** pinViews' result and the pin state (object), the two temperatures, adapter flag and ratings it was made from. */
  pinViews: PinViews | undefined;
  pinState: PinState | undefined;
  pinT0: number | null;
  pinT1: number | null;
  pinAdapter: boolean;
  pinRatingA: number;
  pinAcRatingA: number;
  /** pathStep's view and the path state (object) it was made from (the commands: in it). */
  pathView: PathView | undefined;
  pathFrom: PathState | undefined;
  /** rawPilot's reading and the sample (object) and usability it was made from. */
  cpRaw: PilotReading | undefined;
  cpRawSample: CpSample | undefined;
  cpRawUsable: boolean;
  /** The pilot's view and the sample, usability and readings it was made from (pwmLost: in the view). */
  cpView: ControlPilotView | undefined;
  cpViewSample: CpSample | undefined;
  cpViewUsable: boolean;
  cpViewAccepted: PilotReading | undefined;
  cpViewRaw: PilotReading | undefined;
}

export function createPortMemo(): PortMemo {
  return { view: undefined, stable: undefined, rawBand: null, rawSource: undefined, inletRatingA: NaN, out: undefined, outFrom: undefined, outOk: false,
    lockOut: undefined, lockFrom: undefined, lockFeedbackLocked: false,
    pinViews: undefined, pinState: undefined, pinT0: null, pinT1: null, pinAdapter: false, pinRatingA: NaN, pinAcRatingA: NaN,
    pathView: undefined, pathFrom: undefined,
    cpRaw: undefined, cpRawSample: undefined, cpRawUsable: false,
    cpView: undefined, cpViewSample: undefined, cpViewUsable: false, cpViewAccepted: undefined, cpViewRaw: undefined,
  };
}
