/** Arrow keys in a listbox: the delta to move by, or null for other keys. */
export function listKeyDelta(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, length: number): number | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowDown':
      return 1;
    case 'ArrowUp':
      return -1;
    case 'PageDown':
    case 'End':
      return length;
    case 'PageUp':
    case 'Home':
      return -length;
    default:
      return null;
  }
}
