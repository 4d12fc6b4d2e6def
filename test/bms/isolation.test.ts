import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isolationStep, INITIAL_ISOLATION } from '../../bms/isolation.ts';
import { monitor } from '../../bms/monitoring.ts';
import { pack400v, pack800v } from '../../bms/presets.ts';
import type { BmsConfig } from '../../bms/config.ts';
import { BAD, GOOD, NO_EVIDENCE } from '../../bms/diagnosis.ts';
import { aBmsInput, BmsRig, type InputOptions } from './builders.ts';

const t = suite('bms/isolation');

function iso(o: InputOptions, cfg: BmsConfig = pack400v, state = INITIAL_ISOLATION, nowMs = 1000) {
  const input = aBmsInput({ cfg, ...o });
  return isolationStep(state, input, monitor(input, cfg, nowMs), cfg, nowMs);
}

t('Ω/V per volt of the pack maximum: warning below 500, fault below 100 (pilot.md §7)', () => {
  // 400 V preset: 403.2 V max → 500 Ω/V = 201.6 kΩ, 100 Ω/V = 40.32 kΩ
  const ok = iso({ isolationKOhm: 1000 });
  assert.ok(Math.abs(ok.ohmPerV - 1_000_000 / 403.2) < 1e-9);
  assert.is(ok.warnEvidence, GOOD);
  const warn = iso({ isolationKOhm: 200 });
  assert.is(warn.warnEvidence, BAD);
  assert.is(warn.faultEvidence, GOOD);
  const fault = iso({ isolationKOhm: 40 });
  assert.is(fault.faultEvidence, BAD);
  // the 800 V pack needs twice the resistance for the same Ω/V
  assert.is(iso({ isolationKOhm: 300 }, pack800v).warnEvidence, BAD);
});

t('the vehicle IMD stands down while the charger cable check measures, and its readings are no evidence', () => {
  const r = iso({ isolationKOhm: 10, requests: { imdStandDown: true, plugged: true } });
  assert.ok(r.standDown);
  assert.ok(Number.isNaN(r.ohmPerV));
  assert.is(r.faultEvidence, NO_EVIDENCE);
  assert.is(r.imdEvidence, NO_EVIDENCE);
  // not plugged: a stand-down request is ignored
  assert.not.ok(iso({ requests: { imdStandDown: true, plugged: false } }).standDown);
});

t('a stand-down is bounded: after standDownMaxMs the IMD comes back and a warning says why', () => {
  const asked = { requests: { imdStandDown: true, plugged: true } };
  const first = iso(asked, pack400v, INITIAL_ISOLATION, 1000);
  const later = iso(asked, pack400v, first.state, 1000 + pack400v.isolation.standDownMaxMs);
  assert.ok(later.standDown);
  const tooLong = iso({ ...asked, isolationKOhm: 10 }, pack400v, first.state, 1001 + pack400v.isolation.standDownMaxMs);
  assert.not.ok(tooLong.standDown);
  assert.ok(tooLong.standDownTooLong);
  assert.is(tooLong.faultEvidence, BAD);
});

t('a silent or faulty IMD is evidence of unavailability; a self-test is not', () => {
  assert.is(iso({ imdStatus: 'fault' }).imdEvidence, BAD);
  assert.is(iso({ imdStatus: 'selfTest' }).imdEvidence, NO_EVIDENCE);
  const stale = aBmsInput({});
  const input = { ...stale, isolationKOhm: { ...stale.isolationKOhm, ageMs: 10_000 } };
  assert.is(isolationStep(INITIAL_ISOLATION, input, monitor(input, pack400v, 0), pack400v, 0).imdEvidence, BAD);
});

t('through the step: an isolation fault stops charging after its debounce; the drive goes on', () => {
  const rig = new BmsRig();
  for (let k = 0; k < 600; k++) rig.tick(aBmsInput({ isolationKOhm: 30 }));
  assert.ok(rig.out.faults.some((f) => f.id === 'isolationFault'));
  assert.ok(rig.out.faults.some((f) => f.id === 'isolationWarning'));
  assert.not.ok(rig.out.chargeAllowed);
  assert.is(rig.out.chargeCurrentLimitA, 0);
  assert.ok(rig.out.driveAllowed);
  assert.equal(rig.out.warnings, ['isolationWarning']);
  assert.is(rig.out.isolationState, 'fault');
  const standing = rig.tick(aBmsInput({ isolationKOhm: 30, requests: { imdStandDown: true, plugged: true } }));
  assert.is(standing.outputs.isolationState, 'stoodDown');
});

t.run();
