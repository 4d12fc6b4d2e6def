// packpilot's DBC convention (CAN-API.md): a signal attribute PpRole marks the alive counter
// ("AliveCounter") and the CRC-8 SAE J1850 byte ("Crc8J1850") of a message.
import type { DbcMessage } from './dbc-model.ts';
import type { SignalPlan } from './codec-plan.ts';

export const PP_ROLE = 'PpRole';
export const ROLE_COUNTER = 'AliveCounter';
export const ROLE_CRC = 'Crc8J1850';

export interface MessageRoles {
  counterIndex: number;
  counterModulo: number;
  crcIndex: number;
  crcByte: number;
}

/** Finds the counter and CRC signals; a role on a signal that cannot carry it is a warning and ignored. */
export function messageRoles(msg: DbcMessage, plans: readonly SignalPlan[], warnings: string[]): MessageRoles {
  const roles: MessageRoles = { counterIndex: -1, counterModulo: 0, crcIndex: -1, crcByte: -1 };
  for (const p of plans) {
    const role = p.signal.attributes[PP_ROLE];
    if (role !== ROLE_COUNTER && role !== ROLE_CRC) continue;
    const s = p.signal;
    const where = `${msg.name}.${s.name} (${PP_ROLE} ${role})`;
    const problem =
      p.unusable ? p.unusable
      : p.kind !== 'int' || s.signed ? 'must be an unsigned integer'
      : p.switchIndex >= 0 ? 'must not be multiplexed'
      : role === ROLE_CRC && (s.length !== 8 || s.startBit % 8 !== (s.byteOrder === 'intel' ? 0 : 7)) ? 'must be 8 bits on a byte boundary'
      : role === ROLE_COUNTER && s.length > 16 ? 'must be at most 16 bits'
      : (role === ROLE_COUNTER ? roles.counterIndex : roles.crcIndex) >= 0 ? 'is the second signal with this role'
      : undefined;
    if (problem) {
      warnings.push(`${where}: ${problem}; role ignored`);
      continue;
    }
    if (role === ROLE_COUNTER) {
      roles.counterIndex = p.index;
      roles.counterModulo = 2 ** s.length;
    } else {
      roles.crcIndex = p.index;
      roles.crcByte = s.startBit >> 3;
    }
  }
  return roles;
}
