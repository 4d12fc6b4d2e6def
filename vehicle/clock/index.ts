// The clock surface: the interface, the simulator's exact clock and the production clock.
export type { Clock, TimerHandle } from './clock.ts';
export { reschedule } from './clock.ts';
export { SimClock } from './sim-clock.ts';
export { RealClock, type RealClockOptions } from './real-clock.ts';
export { startPacer, type Pacer, type PacerOptions, type Speed } from './pacer.ts';
