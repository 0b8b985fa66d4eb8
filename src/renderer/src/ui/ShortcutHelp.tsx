import { Suspense, useEffect, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { isEditable } from './dom';
import { lazyScreen } from './lazy-screen';
import { installShortcutDispatcher, shortcutRegistry, useShortcuts } from './shortcuts';

/** The overlay's dialog is a chunk of its own: the sign-in screen does not need it to be usable. */
export const ShortcutOverlayDialog = lazyScreen(() => import('./ShortcutOverlay'), 'ShortcutOverlay');

/**
 * "?" (not while typing) or F1: the shortcuts of the current screen. Mounted once by the app; it
 * installs the registry's one key listener and shows the overlay when asked (its code is fetched
 * then, or earlier through ShortcutOverlayDialog.preload(), which the signed-in shell calls).
 */
export function ShortcutHelp(): ReactElement | null {
  const open = useStore(shortcutRegistry, (s) => s.overlayOpen);
  // Once opened it stays mounted (closed), so the dialog's closing and focus return run as usual.
  const [mounted, setMounted] = useState(false);
  if (open && !mounted) setMounted(true);

  useEffect(() => installShortcutDispatcher(), []);
  useShortcuts([
    {
      id: 'help',
      group: 'app',
      chords: [{ key: '?' }, { key: 'F1' }],
      label: 'shortcuts.help',
      // F1 works while typing; "?" is a character then. The registry checks each chord below.
      whileTyping: true,
      run: (event) => {
        if (event.key === '?' && isEditable(event.target)) return false;
        shortcutRegistry.setState({ overlayOpen: true });
      },
    },
  ]);

  if (!open && !mounted) return null;
  return (
    <Suspense fallback={null}>
      <ShortcutOverlayDialog />
    </Suspense>
  );
}
