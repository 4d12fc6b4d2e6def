// The controller's per-tick requests stay the same object while their fields read the same, and
// become a new object (the old one untouched) as soon as one field changes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RequestKeeper } from '../../../vehicle/controller/requests.ts';
import type { ControllerView } from '../../../vehicle/controller/view.ts';

const t = suite('controller: request keeper');

/** Just the parts of a view the requests are made from. */
function aView(o: { mainWanted?: boolean; dcActive?: boolean; wantLock?: boolean; v2lState?: string; enable?: boolean; plugged?: boolean } = {}): ControllerView {
  return {
    permissions: { mainContactorsWanted: o.mainWanted ?? false },
    v2l: { requestMainContactors: false, state: o.v2lState ?? 'off', inverterCommand: { enable: o.enable ?? false } },
    dc: { closeDcContactors: false, plan: null, imdStandDown: false, sessionActive: o.dcActive ?? false, wantLock: o.wantLock ?? false, wantDcPath: false },
    inlet: { path: { dcContactorsAllowed: false, obcRelayCommand: 'open' }, connector: { present: o.plugged ?? true } },
    settings: { precondition: false },
  } as unknown as ControllerView;
}

t('before the first tick: nothing asked, something may be plugged', () => {
  const k = new RequestKeeper();
  assert.is(k.bmsRequests(undefined).plugged, true);
  assert.is(k.bmsRequests(undefined).mainClose, false);
  assert.equal({ ...k.dcRequest(undefined) }, { active: false, wantLock: false, wantDcPath: false });
  assert.equal({ ...k.v2lRequest(undefined) }, { active: false, wantLock: false, wantAcPath: false });
});

t('BMS requests: same object while unchanged, a new one when a field changes', () => {
  const k = new RequestKeeper();
  const a = k.bmsRequests(aView());
  assert.is(k.bmsRequests(aView()), a);
  const b = k.bmsRequests(aView({ mainWanted: true }));
  assert.is.not(b, a);
  assert.is(b.mainClose, true);
  assert.is(a.mainClose, false);
  assert.is(k.bmsRequests(aView({ mainWanted: true, plugged: false })).plugged, false);
});

t('port requests of DC and V2L: same object while unchanged, new on change', () => {
  const k = new RequestKeeper();
  const dc = k.dcRequest(aView());
  assert.is(k.dcRequest(aView()), dc);
  assert.equal({ ...k.dcRequest(aView({ dcActive: true, wantLock: true })) }, { active: true, wantLock: true, wantDcPath: false });
  const v2l = k.v2lRequest(aView());
  assert.is(k.v2lRequest(aView()), v2l);
  assert.equal({ ...k.v2lRequest(aView({ v2lState: 'supplying', enable: true })) }, { active: true, wantLock: true, wantAcPath: true });
  assert.is(k.v2lRequest(aView({ v2lState: 'fault' })).active, false);
});

t('user levels: same object while unchanged, a pulse or a level makes a new one', () => {
  const k = new RequestKeeper();
  const inlet = k.inlet(16, 80, false);
  assert.is(k.inlet(16, 80, false), inlet);
  assert.is(k.inlet(null, 80, false).maxAcCurrentA, null);
  assert.is(k.inlet(null, 80, true).stopRequested, true);
  assert.equal(inlet.schedule, { mode: 'now' });
  const dc = k.dcHmi(80, false, false, 'eim');
  assert.is(k.dcHmi(80, false, false, 'eim'), dc);
  assert.is(k.dcHmi(80, true, false, 'eim').startRequested, true);
  assert.is(k.dcHmi(80, false, false, 'eim').startRequested, false, 'the pulse ends the tick after');
  assert.is(k.dcHmi(80, false, false, 'pnc').paymentPreference, 'pnc');
  const v2l = k.v2lHmi(true, false, 20);
  assert.is(k.v2lHmi(true, false, 20), v2l);
  assert.is(k.v2lHmi(true, true, 20).resetRequested, true);
  assert.is(k.v2lHmi(true, false, 30).floorPct, 30);
});

t.run();
