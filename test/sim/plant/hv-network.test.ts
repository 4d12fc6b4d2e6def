import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { aNetworkResult, solveHvNetwork, type HvNetworkInput } from '../../../sim/plant/hv-network.ts';
import { near } from './builders.ts';

const t = suite('sim/plant/hv-network');

const anInput = (over: Partial<HvNetworkInput> = {}): HvNetworkInput => ({
  packEmfV: 700, packResistanceOhm: 0.1, mainsClosed: true, pduLinkVoltageV: 0, prechargeCurrentA: 0, dcClosed: true,
  path: 'bypass', linkLoadW: 0, linkSourceA: 0, lastLinkVoltageV: 700, charger: null, boostAcceptA: 0, boostEfficiency: 0.97,
  linkCapacitanceF: 800e-6, dtS: 0.01, ...over,
});

t('charger as a CC/CV source into the pack: never negative, never above its limit, CV holds the voltage', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 500, max: 800, noNaN: true }),
      fc.double({ min: 0.02, max: 0.2, noNaN: true }),
      fc.double({ min: 400, max: 900, noNaN: true }),
      fc.double({ min: 0, max: 600, noNaN: true }),
      fc.double({ min: 0, max: 10_000, noNaN: true }),
      (emf, r, setV, limitA, loadW) => {
        const out = solveHvNetwork(
          anInput({ packEmfV: emf, packResistanceOhm: r, linkLoadW: loadW, lastLinkVoltageV: emf, charger: { on: true, voltageV: setV, currentLimitA: limitA, isolatedVoltageV: 0 } }),
          aNetworkResult(),
        );
        assert.ok(out.chargerCurrentA >= 0 && out.chargerCurrentA <= limitA + 1e-9);
        near(out.packCurrentInA, out.chargerCurrentA - loadW / emf, 1e-6, 'Kirchhoff');
        near(out.linkVoltageV, emf + out.packCurrentInA * r, 1e-6, 'Thevenin');
        if (out.chargerCurrentA > 1e-9 && out.chargerCurrentA < limitA - 1e-9) near(out.linkVoltageV, setV, 1e-6, 'CV');
        assert.is(out.inletVoltageV, out.linkVoltageV);
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

t('boost path: the charger sees min(its limit, what the boost accepts); the pack gets it at the efficiency', () => {
  const out = solveHvNetwork(
    anInput({ path: 'boost', boostAcceptA: 250, charger: { on: true, voltageV: 480, currentLimitA: 400, isolatedVoltageV: 0 } }),
    aNetworkResult(),
  );
  assert.is(out.chargerCurrentA, 250);
  assert.is(out.inletVoltageV, 480);
  near(out.packCurrentInA, (0.97 * 480 * 250) / 700, 1e-9, 'boost out');
});

t('mains open: the pack gives only precharge current; loads drain the isolated link capacitor', () => {
  const out = solveHvNetwork(anInput({ mainsClosed: false, pduLinkVoltageV: 350, prechargeCurrentA: 2, linkLoadW: 1700 }), aNetworkResult());
  assert.is(out.packCurrentInA, -2);
  assert.ok(out.linkVoltageV < 350 && out.linkVoltageV > 250, `one tick of 1.7 kW from 49 J: ${out.linkVoltageV}`);
});

t('DC contactors open: the inlet shows the charger’s own output, nothing flows through the pins', () => {
  const out = solveHvNetwork(anInput({ dcClosed: false, charger: { on: true, voltageV: 700, currentLimitA: 2, isolatedVoltageV: 690 } }), aNetworkResult());
  assert.is(out.inletVoltageV, 690);
  assert.is(out.dcPinCurrentA, 0);
  assert.not.ok(out.chargerLoaded);
});

t.run();
