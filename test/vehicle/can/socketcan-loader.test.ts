import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSocketCan, socketCanCandidates, SocketCanUnavailableError } from '../../../vehicle/can/socketcan-loader.ts';
import type { LoaderContext } from '../../../vehicle/can/socketcan-loader.ts';
import { diagnoseOpenFailure, probeInterface } from '../../../vehicle/can/socketcan-diagnose.ts';
import type { InterfaceFacts } from '../../../vehicle/can/socketcan-diagnose.ts';

const t = suite('socketcan loader and diagnostics');

const fakeModule = { createRawChannelWithOptions: () => ({}) };
const notFound = (id: string) => Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });

/** A loader context where only the given targets load. */
function aContext(available: Record<string, unknown> = {}, overrides: Partial<LoaderContext> = {}): LoaderContext {
  return {
    repoRoot: '/repo',
    env: {},
    platform: 'linux',
    nodeVersion: '20.20.2',
    load: (target) => {
      if (target in available) return available[target];
      throw notFound(target);
    },
    ...overrides,
  };
}

function loadError(ctx: LoaderContext): SocketCanUnavailableError {
  try {
    loadSocketCan(ctx);
  } catch (e) {
    assert.ok(e instanceof SocketCanUnavailableError);
    return e;
  }
  throw new Error('expected loadSocketCan to throw');
}

t('tries node_modules, then the project cache, then $PACKPILOT_SOCKETCAN_DIR', () => {
  const ctx = aContext({}, { env: { PACKPILOT_SOCKETCAN_DIR: '/opt/sc' } });
  assert.equal(
    socketCanCandidates(ctx).map((c) => c.target),
    ['socketcan', '/repo/.cache/socketcan/node_modules/socketcan', '/opt/sc'],
  );
});

t('takes the first candidate that loads', () => {
  assert.is(loadSocketCan(aContext({ socketcan: fakeModule })), fakeModule);
  assert.is(loadSocketCan(aContext({ '/repo/.cache/socketcan/node_modules/socketcan': fakeModule })), fakeModule);
  const fromEnv = aContext({ '/opt/sc': fakeModule }, { env: { PACKPILOT_SOCKETCAN_DIR: '/opt/sc' } });
  assert.is(loadSocketCan(fromEnv), fakeModule);
});

t('when nothing loads on Node 20, the error lists every attempt and the fixes', () => {
  const error = loadError(aContext());
  assert.equal(error.attempts.map((a) => a.problem.split(' ')[0]), ['not', 'not', 'not']);
  assert.match(error.message, /node_modules\/socketcan \(npm install\): not installed/);
  assert.match(error.message, /\/repo\/.cache\/socketcan\/node_modules\/socketcan: not installed/);
  assert.match(error.message, /\$PACKPILOT_SOCKETCAN_DIR: not set/);
  assert.match(error.message, /npm skips it on Node 20.20.2 because its engines field asks for Node ≥ 22/);
  assert.match(error.message, /npm run socketcan:build/);
  assert.match(error.message, /Node ≥ 22 and `npm install`/);
});

t('a module that fails to load or is not socketcan says so', () => {
  const broken = aContext({}, {
    load: (target) => {
      if (target === 'socketcan') throw new Error('/x/can.node: invalid ELF header');
      return {};
    },
  });
  const error = loadError(broken);
  assert.match(error.message, /failed to load: \/x\/can.node: invalid ELF header/);
  assert.match(error.message, /has no createRawChannelWithOptions/);
});

t('on Node 22 it does not blame the engines field; off Linux it points to the simulated bus', () => {
  assert.not.match(loadError(aContext({}, { nodeVersion: '22.22.2' })).message, /engines field/);
  assert.match(loadError(aContext({}, { platform: 'darwin' })).message, /only on Linux \(this is darwin\).*simulated bus/s);
});

function someFacts(overrides: Partial<InterfaceFacts> = {}): InterfaceFacts {
  return { afCan: true, canRaw: true, exists: true, isCan: true, up: true, mtu: 72, ...overrides };
}

t('diagnosis names the likely cause of an open failure', () => {
  const diagnose = (facts: Partial<InterfaceFacts>) => diagnoseOpenFailure('vcan0', someFacts(facts), 'Error while creating channel');
  assert.match(diagnose({ afCan: false, exists: false }), /no SocketCAN \(no AF_CAN\).*modprobe can_raw/);
  assert.match(diagnose({ canRaw: false }), /CAN_RAW protocol is not loaded: `modprobe can_raw`/);
  assert.match(diagnose({ exists: false }), /no interface "vcan0".*ip link add dev vcan0 type vcan/);
  assert.match(diagnose({ isCan: false }), /not a CAN interface/);
  assert.match(diagnose({ up: false }), /is down.*ip link set vcan0 up/);
  assert.match(diagnose({}), /permissions/);
  assert.match(diagnose({}), /cannot open a CAN_RAW socket on "vcan0" \(Error while creating channel\)/);
});

t('probe reads /proc and /sys', async () => {
  const files: Record<string, string> = {
    '/proc/net/can/stats': '...',
    '/proc/net/protocols': 'protocol  size\nCAN_RAW    840\nTCP 1\n',
    '/sys/class/net/vcan0/type': '280\n',
    '/sys/class/net/vcan0/flags': '0x81\n',
    '/sys/class/net/vcan0/mtu': '72\n',
    '/sys/class/net/vcan0/ifindex': '2\n',
    '/sys/class/net/eth0/type': '1\n',
    '/sys/class/net/eth0/flags': '0x1002\n',
  };
  const read = async (path: string) => files[path];
  assert.equal(await probeInterface('vcan0', read), someFacts());
  assert.equal(await probeInterface('eth0', read), someFacts({ isCan: false, up: false, mtu: undefined }));
  assert.equal(await probeInterface('vcan9', async () => undefined), {
    afCan: undefined,
    canRaw: undefined,
    exists: false,
    isCan: undefined,
    up: undefined,
    mtu: undefined,
  });
});

t.run();
