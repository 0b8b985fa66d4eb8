/**
 * One store per open call, created the first time a screen of that call asks for it, so the
 * features stay self-contained (no wiring in the app's store module). Calls an agent has left
 * long ago are forgotten once more than `max` are held; a forgotten call's store is simply
 * created again (and reloads) if it is opened later.
 */
export function perCall<T>(create: (interactionId: string) => T, onEvict?: (value: T) => void, max = 6): (interactionId: string) => T {
  const held = new Map<string, T>();
  return (interactionId) => {
    let value = held.get(interactionId);
    if (value !== undefined) {
      // Most recently used last.
      held.delete(interactionId);
      held.set(interactionId, value);
      return value;
    }
    value = create(interactionId);
    held.set(interactionId, value);
    while (held.size > max) {
      const oldest = held.keys().next().value as string;
      const evicted = held.get(oldest) as T;
      held.delete(oldest);
      onEvict?.(evicted);
    }
    return value;
  };
}
