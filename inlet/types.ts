// Shared vocabulary of the inlet domain: sensor readings with validity and age, and the
// small unions every inlet module speaks.

/** A value from a sensor or another controller, as the codec decoded it. */
export interface Reading<T> {
  value: T;
  /** False when the codec saw a bad counter, CRC, range or a missing frame. */
  valid: boolean;
  /** Time since the value was received. */
  ageMs: number;
}

/** True when a reading may be used as a value: valid, fresh, and (for numbers) finite. */
export function isUsable<T>(reading: Reading<T>, maxAgeMs: number): boolean {
  if (!reading.valid || !(reading.ageMs <= maxAgeMs)) return false;
  return typeof reading.value !== 'number' || !Number.isNaN(reading.value);
}

/** What is plugged into the inlet, as decoded from the proximity pilot. */
export type ConnectorKind =
  | 'none'
  | 'nacs'
  | 'j1772'
  | 'ccs1-dc-adapter'
  | 'j1772-ac-adapter'
  | 'v2l-adapter'
  | 'v2h-device'
  | 'unknown';

/** The handle's latch switch (S3) as PP shows it; 'fixed' for devices without a handle. */
export type LatchPosition = 'latched' | 'pressed' | 'fixed';

/** Control-pilot state as the INLET node measures it (reference/pilot.md §1). */
export type CpLevel = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Lock actuator feedback as the INLET node reports it. */
export type LockFeedback = 'unlocked' | 'locked' | 'moving' | 'fault';

/** Auxiliary-contact feedback of a relay or contactor. */
export type ContactFeedback = 'open' | 'closed';

export type Gear = 'P' | 'R' | 'N' | 'D';
