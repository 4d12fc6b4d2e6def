import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCli } from '../../../vehicle/cli/packpilot.ts';

const t = suite('packpilot CLI arguments');

t('commands map onto API requests', () => {
  assert.equal(parseCli(['status']).command, { cmd: 'status' });
  assert.equal(parseCli(['v2l', 'on', '--floor', '30']).command, { cmd: 'v2l-on', floorPct: 30 });
  assert.equal(parseCli(['charge', 'limit', '80']).command, { cmd: 'charge-limit', pct: 80 });
  assert.equal(parseCli(['payment', 'pnc']).command, { cmd: 'payment-mode', mode: 'pnc' });
  assert.equal(parseCli(['precondition', 'on']).command, { cmd: 'precondition', on: true });
  assert.equal(parseCli(['--socket', '/tmp/x.sock', 'status', '--json']), { command: { cmd: 'status' }, json: true, socket: '/tmp/x.sock' });
});

t('mistakes are named', () => {
  assert.throws(() => parseCli(['charge', 'limit', 'lots']), /charge limit: expected a number, got lots/);
  assert.throws(() => parseCli(['v2l', 'up']), /v2l: expected on, off, floor PCT or reset, got up/);
  assert.throws(() => parseCli(['fly']), /unknown command "fly"/);
  assert.throws(() => parseCli([]), /no command given/);
});

t.run();
