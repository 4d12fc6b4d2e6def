// Payment selection (DESIGN.md §4): external identification means (card, app) by default;
// Plug & Charge only when the config enables it, the user prefers it and the charger offers it.
import type { PaymentMode } from './types.ts';

export interface PaymentChoice {
  mode: PaymentMode | null;
  why: string;
}

export function selectPayment(offered: { eim: boolean; pnc: boolean }, pncEnabled: boolean, preference: PaymentMode): PaymentChoice {
  if (pncEnabled && preference === 'pnc' && offered.pnc) return { mode: 'pnc', why: 'Plug & Charge: enabled, preferred and offered' };
  if (offered.eim) return { mode: 'eim', why: 'external identification (card or app)' };
  if (offered.pnc) {
    return { mode: null, why: pncEnabled ? 'charger offers only Plug & Charge, which the user turned off' : 'charger offers only Plug & Charge, which is not enabled' };
  }
  return { mode: null, why: 'charger offers no payment method' };
}
