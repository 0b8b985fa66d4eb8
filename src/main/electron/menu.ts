/**
 * The smallest menu that keeps the keyboard working. Windows/Linux get none (Chromium handles
 * copy/paste without one, and no menu means no Reload/Toggle DevTools accelerators in
 * production). macOS needs an Edit menu, or Cmd+C / Cmd+V / Cmd+Q stop working.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}
