import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { CONSOLE_ENTRY_URL, isConsoleUrl } from './app-protocol';
import { CONSOLE_SECURITY_HEADERS } from './content-security';

/**
 * Options of the one console window. The renderer is untrusted web content with a tiny typed
 * bridge (preload) as its only way out: isolated world, OS sandbox, no Node (Electron security
 * checklist items 2-4).
 */
export function consoleWindowOptions(preloadPath: string, icon?: Electron.NativeImage): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'TokenAltar',
    backgroundColor: '#15131f',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: process.env.TOKENALTAR_DEVTOOLS === '1',
    },
  };
}

/** Links to the web open in the user's browser; nothing else leaves the app. */
function openIfWebLink(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

/**
 * Session-wide hardening: every response gets the console's CSP (app:// responses carry it
 * themselves; this covers anything else that might load) and every permission request
 * (camera, notifications, geolocation, ...) is refused: the console needs none.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = { ...(details.responseHeaders ?? {}) };
    for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) responseHeaders[name] = [value];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface ConsoleWindowHooks {
  /** True once the user chose Quit: only then may closing the window really close it. */
  isQuitting(): boolean;
}

/**
 * Creates the console window on `app://console/`. Navigation away from the console origin and
 * window.open are refused; closing the window hides it so the gateway keeps serving from the tray.
 */
export function createConsoleWindow(preloadPath: string, hooks: ConsoleWindowHooks, icon?: Electron.NativeImage): BrowserWindow {
  const window = new BrowserWindow(consoleWindowOptions(preloadPath, icon));
  const { webContents } = window;

  webContents.setWindowOpenHandler(({ url }) => {
    openIfWebLink(url);
    return { action: 'deny' };
  });
  const refuseForeignNavigation = (event: Electron.Event, url: string): void => {
    if (isConsoleUrl(url)) return;
    event.preventDefault();
    openIfWebLink(url);
  };
  webContents.on('will-navigate', refuseForeignNavigation);
  webContents.on('will-redirect', refuseForeignNavigation);
  webContents.on('will-attach-webview', (event) => event.preventDefault());

  window.on('close', (event) => {
    if (hooks.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(CONSOLE_ENTRY_URL);
  return window;
}

/** Brings the window to the front (tray "Open console", second instance, macOS dock click). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
