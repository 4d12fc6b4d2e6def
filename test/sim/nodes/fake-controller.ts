// A tiny stand-in for packpilot in the simulator's tests: it speaks only through the DBC (as the
// real controller must), sends PP_Heartbeat and whatever commands a test sets on their DBC cycles,
// and reads the car's frames into a SignalStore.
import type { Codec, SimNetwork, SimBus, Transmitter } from '../../../vehicle/can/index.ts';
import { createReceiver, createTransmitter, packpilotCodec, SignalStore } from '../../../vehicle/can/index.ts';
import type { Clock, TimerHandle } from '../../../vehicle/clock/clock.ts';

const TICK_MS = 10;

export class FakeController {
  readonly store: SignalStore;
  readonly bus: SimBus;
  /** Frames received per message name. */
  readonly received = new Map<string, number>();
  private readonly tx: Transmitter;
  private readonly values = new Map<string, Record<string, number>>();
  private readonly due = new Map<string, number>();
  private readonly silent = new Set<string>();
  private timer: TimerHandle | undefined;

  constructor(
    network: SimNetwork,
    private readonly clock: Clock,
    readonly codec: Codec = packpilotCodec(),
  ) {
    this.store = new SignalStore(codec);
    this.tx = createTransmitter(codec);
    this.bus = network.attach('PACKPILOT');
    const rx = createReceiver(codec);
    this.bus.subscribe((frame) => {
      const r = rx.receive(frame);
      if (!r) return;
      this.store.update(r);
      this.received.set(r.message.name, (this.received.get(r.message.name) ?? 0) + 1);
    });
    this.set('PP_Heartbeat', { PP_Mode: 1, PP_SafeStateRequest: 0 });
    this.timer = clock.at(clock.nowMs() + TICK_MS, () => this.tick());
  }

  /** Sets (merges) the values of a message packpilot sends; it goes out on its cycle from now on. */
  set(message: string, values: Record<string, number>): this {
    this.values.set(message, { ...this.values.get(message), ...values });
    if (!this.due.has(message)) this.due.set(message, this.clock.nowMs());
    return this;
  }

  /** Stops sending a message (e.g. 'PP_Heartbeat'), or every message with no argument. */
  silence(message?: string): void {
    if (message === undefined) for (const m of this.values.keys()) this.silent.add(m);
    else this.silent.add(message);
  }

  resume(message: string): void {
    this.silent.delete(message);
  }

  /** The car's signal now, NaN when invalid (missing, stale, SNA…). */
  read(signal: string): number {
    const r = this.store.read(signal, this.clock.nowMs());
    return r.valid ? r.value : NaN;
  }

  reading(signal: string) {
    return this.store.read(signal, this.clock.nowMs());
  }

  stop(): void {
    this.timer?.cancel();
  }

  private tick(): void {
    const now = this.clock.nowMs();
    for (const [name, values] of this.values) {
      const cycle = this.codec.messageByName(name)!.message.cycleTimeMs!;
      const due = this.due.get(name)!;
      if (now < due) continue;
      this.due.set(name, due + cycle * Math.max(1, Math.ceil((now - due + 1e-9) / cycle)));
      if (!this.silent.has(name)) this.bus.send(this.tx.frame(name, values));
    }
    this.timer = this.clock.at(now + TICK_MS, () => this.tick());
  }
}
