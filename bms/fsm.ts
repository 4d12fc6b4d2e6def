// State machines as data: a transition table (state → event → next state) and a priority list of
// events. Each tick the first event that both holds and has a row in the current state fires; an
// event without a row is ignored on purpose. `holds` is a module-level function with its context
// passed in, so a tick creates no closures.

export type Table<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

export interface Fired<S, E> {
  readonly to: S;
  readonly event: E;
}

export function fire<S extends string, E extends string, C>(
  table: Table<S, E>,
  state: S,
  priority: readonly E[],
  holds: (event: E, ctx: C) => boolean,
  ctx: C,
): Fired<S, E> | undefined {
  const row = table[state];
  for (let i = 0; i < priority.length; i++) {
    const event = priority[i]!;
    const to = row[event];
    if (to !== undefined && holds(event, ctx)) return { to, event };
  }
  return undefined;
}
