// `npm run build`: what runs on the car is the same code, compiled: every source module has its
// .js beside the others in the same tree, our own imports point at .js files, and the compiled
// codec decodes a frame exactly like the source one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAll, BUILD_DIR } from '../../../vehicle/build/build.mjs';
import { packpilotCodec } from '../../../vehicle/can/index.ts';

await buildAll({ quiet: true });

test('every entry point of the product is compiled, with the files it reads beside it', () => {
  for (const f of ['vehicle/main.js', 'sim/cli.js', 'sim/over-can.js', 'test/bench/run.js', 'vehicle/app/replay-cli.js', 'vehicle/can/decode-cli.js']) {
    assert.ok(existsSync(join(BUILD_DIR, f)), `${f} compiled`);
  }
  assert.ok(existsSync(join(BUILD_DIR, 'vehicle/can/packpilot.dbc')), 'the DBC beside the codec');
  assert.ok(existsSync(join(BUILD_DIR, 'vehicle/dashboard/public/index.html')), 'the dashboard page beside its server');
});

test('our own imports are rewritten to .js and stay separate modules', () => {
  const js = readFileSync(join(BUILD_DIR, 'vehicle/controller/controller.js'), 'utf8');
  assert.match(js, /from "\.\.\/\.\.\/bms\/index\.js"/);
  assert.not.match(js, /\.ts"/);
  assert.not.match(js, /function bmsStep/, 'the BMS is not copied into the controller');
});

test('the compiled codec decodes a frame to the same values as the source', async () => {
  const compiled = (await import(pathToFileURL(join(BUILD_DIR, 'vehicle/can/index.js')).href)) as { packpilotCodec: typeof packpilotCodec };
  const data = Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]);
  const name = 'SHUNT_Current';
  const a = compiled.packpilotCodec().messageByName(name);
  const b = packpilotCodec().messageByName(name);
  assert.ok(a && b, `${name} in both`);
  const [x, y] = [a!.decode(data), b!.decode(data)];
  assert.ok(Object.keys(x.values).length > 0);
  assert.equal(x.values, y.values);
  assert.equal(x.labels, y.labels);
  assert.equal([x.valid, x.problems], [y.valid, y.problems]);
});

test.run();
