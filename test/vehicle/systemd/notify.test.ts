import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { systemdNotifier } from '../../../vehicle/systemd/notify.ts';

const t = suite('systemd notifications');

t('outside systemd nothing is sent', () => {
  const sent: string[][] = [];
  const n = systemdNotifier({}, (a) => sent.push(a));
  n.ready();
  n.watchdog();
  assert.is(n.active, false);
  assert.is(n.watchdogIntervalMs, undefined);
  assert.equal(sent, []);
});

t('under systemd: ready, watchdog at half the configured period, stopping', () => {
  const sent: string[][] = [];
  const n = systemdNotifier({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '2000000' }, (a) => sent.push(a));
  assert.is(n.watchdogIntervalMs, 1000);
  n.ready('charging');
  n.watchdog();
  n.stopping();
  assert.equal(sent, [['--ready', '--status=charging'], ['WATCHDOG=1'], ['STOPPING=1']]);
});

t('a watchdog meant for another process is not ours', () => {
  const n = systemdNotifier({ NOTIFY_SOCKET: '/x', WATCHDOG_USEC: '2000000', WATCHDOG_PID: '1' }, () => undefined);
  assert.is(n.watchdogIntervalMs, undefined);
});

t('the unit is Type=notify with a watchdog and runs on the real bus', () => {
  const unit = readFileSync(new URL('../../../vehicle/systemd/packpilot.service', import.meta.url), 'utf8');
  assert.match(unit, /^Type=notify$/m);
  assert.match(unit, /^WatchdogSec=\d+s$/m);
  assert.match(unit, /^NotifyAccess=all$/m);
  assert.match(unit, /--can can0/);
});

t.run();
