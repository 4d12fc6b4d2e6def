// Fault injection by public name (sim/scenario/types.ts FaultName): each fault sets a plant model's
// fault field or silences a CAN node, and returns how to clear it (for `durationS`).
import type { CarPlant } from './plant/car-plant.ts';
import type { ContactorName } from './plant/pdu.ts';
import type { SimNode, SimNodeName } from './nodes/node.ts';
import { SIM_NODE_NAMES } from './nodes/node.ts';
import type { FaultName } from './scenario/types.ts';

export interface FaultOptions {
  /** can-silence: the DBC node that stops transmitting. */
  node?: string;
  /** Cleared after this long; else it stays. */
  durationS?: number;
  /** cell-sensor-*: the cell voltage channel, 0-based (default 0). */
  cell?: number;
  /** cell-sensor-*: a temperature sensor instead, 0-based. */
  sensor?: number;
  /** contactor-weld: which one (default mainPos). */
  contactor?: ContactorName;
  /** shunt-offset: the added offset, A (default 5 A, PD: well above the shunt's 0.2 A own offset). */
  valueA?: number;
  /** isolation-drop: the isolation left, Ω (default 50 kΩ, PD: a coolant leak into a module). */
  ohm?: number;
}

const DEFAULT_OFFSET_A = 5;
const DEFAULT_ISOLATION_OHM = 50e3;

export type ClearFault = () => void;

/** Applies the fault now; returns how to clear it. Throws for a fault the car cannot have (a scenario error). */
export function injectFault(
  plant: CarPlant, nodes: ReadonlyMap<SimNodeName, SimNode>, name: FaultName, o: FaultOptions,
): ClearFault {
  switch (name) {
    case 'cell-sensor-open':
    case 'cell-sensor-short': {
      const kind = name === 'cell-sensor-open' ? 'open' : 'short';
      const cmu = plant.cmu;
      if (o.sensor !== undefined) {
        const sensor = o.sensor;
        cmu.setSensorFault(sensor, kind);
        return () => cmu.setSensorFault(sensor, null);
      }
      const cell = o.cell ?? 0;
      cmu.setCellFault(cell, kind);
      return () => cmu.setCellFault(cell, null);
    }
    case 'contactor-weld': {
      const c = o.contactor ?? 'mainPos';
      plant.pdu.weld(c);
      return () => plant.pdu.clearFaults(c);
    }
    case 'lock-jam':
      plant.inlet.faults.lockJammed = true;
      return () => {
        plant.inlet.faults.lockJammed = false;
      };
    case 'isolation-drop':
      plant.imd.dropIsolation(o.ohm ?? DEFAULT_ISOLATION_OHM);
      return () => plant.imd.restoreIsolation();
    case 'shunt-offset':
      plant.shunt.faults.extraOffsetA = o.valueA ?? DEFAULT_OFFSET_A;
      return () => {
        plant.shunt.faults.extraOffsetA = 0;
      };
    case 'can-silence': {
      const nodeName = o.node;
      if (nodeName === undefined || !(SIM_NODE_NAMES as readonly string[]).includes(nodeName)) {
        throw new Error(`fault can-silence needs node = one of ${SIM_NODE_NAMES.join(', ')}; got ${String(nodeName)}`);
      }
      const node = nodes.get(nodeName as SimNodeName);
      if (node === undefined) return () => {}; // not fitted on this car (BOOST on a 400 V car): already silent
      node.silenced = true;
      return () => {
        node.silenced = false;
      };
    }
  }
}
