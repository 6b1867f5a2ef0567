import path from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, session } from 'electron';
import type { Tray } from 'electron';
import type { AppConfig } from '../config/env-config';
import { createCore, type Core, type CoreOptions } from '../core/create-core';
import { createLogger } from '../log';
import type { MasterKeyProvider } from '../secrets/secret-store';
import { APP_SCHEME, serveConsoleRequest } from './app-protocol';
import { createConsoleWindow, hardenSession, revealWindow } from './console-window';
import { forwardTopicsToWindow, mountConsoleIpc } from './console-ipc';
import { desktopConfig } from './desktop-config';
import { chooseDesktopMasterKey } from './desktop-master-key';
import { ensureDesktopOwner, ownerIdentitySource } from './desktop-owner';
import { GatewaySharing, sharingStatusSource } from './gateway-sharing';
import { defaultSharingChoice, readSharingChoice, SHARING_FILE_NAME } from './sharing-choice';
import { createTray } from './tray-controller';

/** Where the shell finds its files: the app root in a checkout or inside the packaged asar. */
export interface DesktopPaths {
  preload: string;
  renderer: string;
  migrations: string;
}

export function defaultDesktopPaths(appRoot: string = app.getAppPath()): DesktopPaths {
  return {
    preload: path.join(appRoot, 'dist-main', 'desktop', 'preload.cjs'),
    renderer: path.join(appRoot, 'dist-renderer'),
    migrations: path.join(appRoot, 'migrations'),
  };
}

export interface DesktopOptions {
  paths?: DesktopPaths;
  /** Tests pass their own (temp dirs, port 0, a test keychain service). */
  config?: AppConfig;
  masterKey?: MasterKeyProvider;
  createCore?: (opts: CoreOptions) => Promise<Core>;
}

export interface DesktopApp {
  core: Core;
  window: BrowserWindow;
  tray: Tray;
  sharing: GatewaySharing;
}

/**
 * Must run before the app is ready: app:// becomes a standard, secure origin (so 'self' in the
 * CSP and Vite's absolute asset URLs work) that can fetch its own files.
 */
export function registerConsoleScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * The desktop app: one instance per user, the core running in the main process with its data in
 * userData, the console window on app:// talking over IPC, the tray controlling LAN sharing.
 * Returns null in a second instance, which hands over to the first and quits.
 */
export async function startDesktopApp(options: DesktopOptions = {}): Promise<DesktopApp | null> {
  app.setName('TokenAltar');
  registerConsoleScheme();
  if (!app.requestSingleInstanceLock()) {
    // The first instance gets 'second-instance' and shows its window; two cores would fight over
    // the database and the port.
    app.quit();
    return null;
  }

  let window: BrowserWindow | null = null;
  let quitting = false;
  app.on('second-instance', () => {
    if (window && !window.isDestroyed()) revealWindow(window);
  });
  // Closing the window keeps the gateway serving from the tray; only Quit ends the app.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  const paths = options.paths ?? defaultDesktopPaths();
  const log = createLogger().child({ module: 'desktop' });
  const config = options.config ?? desktopConfig(app.getPath('userData'));
  const masterKey = options.masterKey ?? (config.secretKey ? undefined : await chooseDesktopMasterKey(config.dataDir, log));
  const core = await (options.createCore ?? createCore)({
    config,
    migrationsDir: paths.migrations,
    ...(masterKey ? { masterKey } : {}),
  });

  protocol.handle(APP_SCHEME, (request) => serveConsoleRequest(request, paths.renderer));
  hardenSession(session.defaultSession);

  const ownerId = await ensureDesktopOwner(core.services);
  mountConsoleIpc(ipcMain, { api: core.api, ownerIdentity: ownerIdentitySource(core.services, ownerId), log });

  const choiceFile = path.join(config.dataDir, SHARING_FILE_NAME);
  const sharing = new GatewaySharing(core.http, config.port, readSharingChoice(choiceFile, defaultSharingChoice(config.host)), choiceFile);
  core.services.gatewayStatus = sharingStatusSource(sharing);
  // The console's System card (system.info) refetches on this topic when the tray changes sharing.
  sharing.onChange(() => core.services.events.publish(['settings'], 'admins'));
  const started = await sharing.start();
  if (started.lastError) dialog.showErrorBox('TokenAltar: gateway not listening', started.lastError);

  const shownWindow = createConsoleWindow(paths.preload, { isQuitting: () => quitting });
  window = shownWindow;
  forwardTopicsToWindow(core.services.events, () => (shownWindow.isDestroyed() ? null : shownWindow.webContents), ownerId);

  const tray = createTray(sharing, {
    openConsole: () => revealWindow(shownWindow),
    quit: () => app.quit(),
    onError: (message) => dialog.showErrorBox('TokenAltar: sharing change failed', message),
  });

  app.on('activate', () => revealWindow(shownWindow));
  app.on('before-quit', () => {
    quitting = true;
  });
  let coreClosed = false;
  app.on('will-quit', (event) => {
    if (coreClosed) return;
    // Let in-flight requests finish and the database close cleanly before the process exits.
    event.preventDefault();
    coreClosed = true;
    tray.destroy();
    void core.close(5_000).finally(() => app.quit());
  });

  return { core, window: shownWindow, tray, sharing };
}
