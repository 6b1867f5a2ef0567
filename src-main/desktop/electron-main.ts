/**
 * Electron's entry (package.json "main" -> dist-main/desktop/electron-main.js, bundled by
 * build/bundle-desktop.ts). Everything lives in desktop-app.ts; this only reports a failed start.
 */
import { app, dialog } from 'electron';
import { startDesktopApp } from './desktop-app';

startDesktopApp().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('TokenAltar could not start', message);
  app.exit(1);
});
