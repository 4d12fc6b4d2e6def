// State machines as data: a transition table (state → event → next state) and a priority list of
// events. Each tick the first event that both holds and has a row in the current state fires; an
// event without a row is ignored on purpose. `holds` is a module-level function with its context
// passed in as separate arguments (the path, its inputs and a number of flags), so a tick creates
// no closures and no context object.
// The table is compiled once, at module load, into per-state lists of the events that state lists,
// in priority order: a tick then tests only those (no lookup per event and state, every tick).

export type Table<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

export interface Fired<S, E> {
  readonly to: S;
  readonly event: E;
}

interface CompiledRow<S, E> {
  readonly events: readonly E[];
  /** Target per entry of `events`. */
  readonly to: readonly S[];
}

/** A table compiled with its priority: what `fire` runs on. */
export type Machine<S extends string, E extends string> = Readonly<Record<S, CompiledRow<S, E>>>;

export function compile<S extends string, E extends string>(table: Table<S, E>, priority: readonly E[]): Machine<S, E> {
  const rows = {} as Record<S, CompiledRow<S, E>>;
  for (const state of Object.keys(table) as S[]) {
    const row = table[state];
    const events: E[] = [];
    const to: S[] = [];
    for (const event of priority) {
      const target = row[event];
      if (target !== undefined) {
        events.push(event);
        to.push(target);
      }
    }
    rows[state] = { events, to };
  }
  return rows;
}

export function fire<S extends string, E extends string, P, X>(
  machine: Machine<S, E>,
  state: S,
  holds: (event: E, p: P, x: X, flags: number) => boolean,
  p: P,
  x: X,
  flags: number,
): Fired<S, E> | undefined {
  const row = machine[state];
  const events = row.events;
  for (let i = 0; i < events.length; i++) {
    if (holds(events[i]!, p, x, flags)) return { to: row.to[i]!, event: events[i]! };
  }
  return undefined;
}
