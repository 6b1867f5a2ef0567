import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module (its binary cannot be downloaded here, and `import
 * 'electron'` under Node tries to): enough of app, BrowserWindow, ipcMain/ipcRenderer,
 * contextBridge, protocol, session, Tray, Menu, clipboard, nativeImage, shell and dialog for the
 * desktop shell's wiring to run under vitest. It records what the shell asked for so tests can
 * check it; ipcRenderer.invoke goes through the handlers registered on ipcMain, like Electron.
 *
 * Use: `vi.mock('electron', () => import('../testing/fake-electron'))`, then `resetFakeElectron()`
 * in beforeEach.
 */

/** An Electron-style event: listeners may call preventDefault(). */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
}

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  loadedUrl: string | null = null;
  destroyed = false;
  /** The frame IPC calls appear to come from. */
  mainFrame: FakeFrame = { url: 'about:blank' };

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulates a navigation attempt; returns true when the shell let it proceed. */
  attemptNavigation(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeEvent();
    this.emit(kind, event, url);
    return !event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.loadedUrl = url;
    this.webContents.mainFrame = { url };
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** Like a click on the window's close button: 'close' listeners may prevent it. */
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((w) => !w.destroyed);
  }
}

type IpcHandler = (event: { sender: FakeWebContents; senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke does: runs the handler as if sent from `sender`. */
  async invokeFrom(sender: FakeWebContents, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await handler({ sender, senderFrame: sender.mainFrame }, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

/** The renderer side, bound to one window's webContents (`rendererOf`). */
class FakeIpcRenderer extends EventEmitter {
  contents: FakeWebContents = new FakeWebContents();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return ipcMain.invokeFrom(this.contents, channel, ...args);
  }
  /** Delivers a main-process `webContents.send` to the renderer's listeners. */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this }, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  },
};

class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  singleInstanceLock = true;
  quitCalls = 0;
  exitCode: number | null = null;
  isPackaged = false;
  appPath = process.cwd();
  private readyResolve: () => void = () => undefined;
  private ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`fake app: no path set for ${name}`);
    return p;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  name = 'tokenaltar';
  setName(name: string): void {
    this.name = name;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** Test control: fire 'ready'. */
  becomeReady(): void {
    this.readyResolve();
    this.emit('ready');
  }
  setAppUserModelId(): void {}
  quit(): void {
    this.quitCalls++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit', new FakeEvent());
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  resetForTest(): void {
    this.removeAllListeners();
    this.paths.clear();
    this.singleInstanceLock = true;
    this.quitCalls = 0;
    this.exitCode = null;
    this.ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  }
}
export const app = new FakeApp();

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

export const session = {
  defaultSession: {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null as ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheckHandler: null as ((wc: unknown, permission: string) => boolean) | null,
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        session.defaultSession.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void {
      this.permissionCheckHandler = handler;
    },
  },
};

export interface FakeMenuItem {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  submenu?: FakeMenuItem[];
  click?: () => void;
}
export class Menu {
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    return new Menu(template);
  }
}

export class Tray extends EventEmitter {
  static readonly created: Tray[] = [];
  menu: Menu | null = null;
  tooltip = '';
  image: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.created.push(this);
  }
  setContextMenu(menu: Menu): void {
    this.menu = menu;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Finds a menu item by label, searching submenus; throws when absent. */
  item(label: string | RegExp): FakeMenuItem {
    const matches = (i: FakeMenuItem): boolean =>
      typeof label === 'string' ? i.label === label : label.test(i.label ?? '');
    const search = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
      for (const i of items) {
        if (matches(i)) return i;
        const inner = i.submenu ? search(i.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const found = this.menu ? search(this.menu.items) : undefined;
    if (!found) throw new Error(`tray menu has no item ${String(label)}`);
    return found;
  }
  labels(): string[] {
    return (this.menu?.items ?? []).map((i) => i.label ?? `--${i.type ?? ''}`);
  }
}

export const clipboard = {
  text: '',
  writeText(text: string): void {
    this.text = text;
  },
};

export const nativeImage = {
  createFromBuffer(buffer: Buffer): { png: Buffer; isEmpty(): boolean } {
    return { png: buffer, isEmpty: () => buffer.length === 0 };
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
};

export function resetFakeElectron(): void {
  app.resetForTest();
  BrowserWindow.created.length = 0;
  Tray.created.length = 0;
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  ipcRenderer.contents = new FakeWebContents();
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.headersListener = null;
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  clipboard.text = '';
  shell.opened.length = 0;
  dialog.errors.length = 0;
}

/**
 * Standalone mode for desktop-bundle.test.ts: when the built bundle runs under plain Node with this
 * fake in place of `electron`, the app needs its paths and a 'ready' event from somewhere.
 */
if (process.env.FAKE_ELECTRON_AUTORUN === '1') {
  app.setPath('userData', process.env.FAKE_ELECTRON_USER_DATA ?? process.cwd());
  app.appPath = process.env.FAKE_ELECTRON_APP_PATH ?? process.cwd();
  setImmediate(() => app.becomeReady());
  // Stand-in for Electron's event loop: keeps the process alive; SIGTERM quits like the tray's Quit.
  const keepAlive = setInterval(() => undefined, 60_000);
  process.on('SIGTERM', () => {
    app.quit();
    const check = setInterval(() => {
      if (app.quitCalls >= 2) {
        clearInterval(check);
        clearInterval(keepAlive);
        process.exit(0);
      }
    }, 20);
  });
}
