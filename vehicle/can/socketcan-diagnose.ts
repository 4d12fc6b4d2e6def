import { readFile } from 'node:fs/promises';

/**
 * Why a SocketCAN interface cannot be used. socketcan 4.3.1 reports every failure to create a
 * channel as "Error while creating channel" without errno, so we look at what the kernel shows
 * in /proc and /sys and name the likely cause and its fix.
 */
export interface InterfaceFacts {
  /** AF_CAN present (/proc/net/can); undefined when /proc could not be read. */
  afCan: boolean | undefined;
  /** CAN_RAW protocol registered (/proc/net/protocols). */
  canRaw: boolean | undefined;
  /** /sys/class/net/<iface> exists. */
  exists: boolean;
  /** ARPHRD_CAN link type (280). */
  isCan: boolean | undefined;
  /** IFF_UP set. */
  up: boolean | undefined;
  /** 16 = classic CAN only, 72 = CAN FD capable. */
  mtu: number | undefined;
}

export const CAN_MTU = 16; // sizeof(struct can_frame), linux/can.h
export const CANFD_MTU = 72; // sizeof(struct canfd_frame)
const ARPHRD_CAN = 280; // linux/if_arp.h
const IFF_UP = 0x1; // linux/if.h

export type FileReader = (path: string) => Promise<string | undefined>;

const readOrUndefined: FileReader = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Reads the facts about `iface` from /proc and /sys (a reader can be injected for tests). */
export async function probeInterface(iface: string, read: FileReader = readOrUndefined): Promise<InterfaceFacts> {
  const sys = `/sys/class/net/${iface}`;
  const [canDir, protocols, type, flags, mtu, ifindex] = await Promise.all([
    read('/proc/net/can/stats'),
    read('/proc/net/protocols'),
    read(`${sys}/type`),
    read(`${sys}/flags`),
    read(`${sys}/mtu`),
    read(`${sys}/ifindex`),
  ]);
  const procReadable = protocols !== undefined;
  return {
    afCan: procReadable ? canDir !== undefined : undefined,
    canRaw: procReadable ? /^CAN_RAW\s/m.test(protocols) : undefined,
    exists: ifindex !== undefined || type !== undefined,
    isCan: type === undefined ? undefined : Number(type.trim()) === ARPHRD_CAN,
    up: flags === undefined ? undefined : (Number(flags.trim()) & IFF_UP) !== 0,
    mtu: mtu === undefined ? undefined : Number(mtu.trim()),
  };
}

/** A message for a channel that could not be created, naming the likely cause and the fix. */
export function diagnoseOpenFailure(iface: string, facts: InterfaceFacts, error: string): string {
  const base = `cannot open a CAN_RAW socket on "${iface}" (${error})`;
  if (facts.afCan === false) {
    return `${base}: this kernel has no SocketCAN (no AF_CAN). Load it with \`modprobe can_raw\` (and \`modprobe vcan\` for a virtual bus); in a container or VM without CAN support, use the simulated bus or shared/tools/vcan-vm.sh.`;
  }
  if (facts.canRaw === false) {
    return `${base}: AF_CAN is there but the CAN_RAW protocol is not loaded: \`modprobe can_raw\`.`;
  }
  if (!facts.exists) {
    return `${base}: no interface "${iface}". For a virtual bus: \`ip link add dev ${iface} type vcan && ip link set ${iface} up\` (after \`modprobe vcan\`); for hardware, check the adapter's driver and \`ip -br link\`.`;
  }
  if (facts.isCan === false) {
    return `${base}: "${iface}" is not a CAN interface (link type is not ARPHRD_CAN). Use a can*/vcan* interface.`;
  }
  if (facts.up === false) return interfaceDownMessage(iface, error);
  return `${base}. The interface exists and looks usable; check permissions and that AF_CAN sockets are allowed (seccomp, container policy).`;
}

export function interfaceDownMessage(iface: string, error?: string): string {
  const why = error === undefined ? '' : ` (${error})`;
  return `interface "${iface}" is down${why}: \`ip link set ${iface} up\` (a real CAN adapter also needs a bitrate: \`ip link set ${iface} type can bitrate 500000\` first).`;
}
