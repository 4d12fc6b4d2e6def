// State machines as data: a transition table (state → event → next state) and a priority list of
// events. Each tick the first event that both holds and has a row in the current state fires; an
// event without a row is ignored on purpose.

export type Table<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

export interface Fired<S, E> {
  readonly to: S;
  readonly event: E;
}

export function fire<S extends string, E extends string>(
  table: Table<S, E>,
  state: S,
  priority: readonly E[],
  holds: (event: E) => boolean,
): Fired<S, E> | undefined {
  const row = table[state];
  for (const event of priority) {
    const to = row[event];
    if (to !== undefined && holds(event)) return { to, event };
  }
  return undefined;
}
