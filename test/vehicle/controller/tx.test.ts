// The TxWriter remembers, per write position, the field and the last label it wrote: the
// remembered answer must give way as soon as a composer writes another name or label there.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packpilotCodec } from '../../../vehicle/can/index.ts';
import { TxValues } from '../../../vehicle/controller/tx.ts';

const t = suite('controller: TxWriter');
const codec = packpilotCodec();

function aWriter(message: string) {
  const m = codec.messageByName(message)!;
  const values = new Float64Array(m.signals.length).fill(NaN);
  const w = new TxValues(codec).writer(m, values);
  const at = (name: string) => values[m.signalIndex.get(name)!];
  return { w, values, at };
}

t('a label changes value when the label at the same position changes', () => {
  const { w, at } = aWriter('IMD_Command');
  w.begin();
  w.label('IMD_Request', 'Measure');
  const measure = at('IMD_Request');
  w.begin();
  w.label('IMD_Request', 'StandDown');
  assert.is.not(at('IMD_Request'), measure);
  w.begin();
  w.label('IMD_Request', 'Measure');
  assert.is(at('IMD_Request'), measure);
});

t('a composer that writes other names in another order still hits the right fields', () => {
  const { w, at } = aWriter('VEH_Interlock');
  w.begin();
  w.flag('VEH_DriveInhibit', true);
  w.flag('VEH_Plugged', false);
  w.begin();
  w.flag('VEH_Plugged', true); // position 0 now holds another name
  w.flag('VEH_DriveInhibit', false);
  assert.is(at('VEH_Plugged'), 1);
  assert.is(at('VEH_DriveInhibit'), 0);
});

t('a label written where a number was remembered is looked up, not reused', () => {
  const { w, at } = aWriter('PP_Heartbeat');
  w.begin();
  w.label('PP_Mode', 'Drive');
  w.begin();
  w.flag('PP_SafeStateRequest', true);
  w.label('PP_Mode', 'Park'); // position 1 was PP_SafeStateRequest before
  assert.is(at('PP_SafeStateRequest'), 1);
  assert.is(at('PP_Mode'), labelValue('PP_Mode', 'Park'));
});

t('numbers are clamped into the DBC range; unknown ones are sent as SNA (or the minimum)', () => {
  const { w, at } = aWriter('BMS_CurrentLimits');
  w.begin();
  w.num('BMS_ChargeCurrentLimit', 1e9);
  w.num('BMS_DischargeCurrentLimit', NaN);
  w.num('BMS_MaxChargeVoltage', null);
  const m = codec.messageByName('BMS_CurrentLimits')!;
  const sig = (n: string) => m.signals[m.signalIndex.get(n)!]!;
  assert.is(at('BMS_ChargeCurrentLimit'), sig('BMS_ChargeCurrentLimit').max);
  assert.ok(Number.isFinite(at('BMS_DischargeCurrentLimit')));
  assert.ok(Number.isFinite(at('BMS_MaxChargeVoltage')));
});

t('a name or label the DBC lacks is a programming error', () => {
  const { w } = aWriter('IMD_Command');
  w.begin();
  assert.throws(() => w.num('BMS_Soc', 1), /no signal BMS_Soc in IMD_Command/);
  w.begin();
  assert.throws(() => w.label('IMD_Request', 'Nope'), /no label "Nope"/);
});

function labelValue(signal: string, label: string): number {
  const s = codec.messageBySignal(signal)!.signals.find((x) => x.name === signal)!;
  const raw = [...s.choices!].find(([, l]) => l === label)![0];
  return raw * s.factor + s.offset;
}

t.run();
