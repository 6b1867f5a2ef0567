import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../testing/fake-electron';
import { CONSOLE_ENTRY_URL } from './app-protocol';
import { createConsoleWindow, hardenSession, revealWindow } from './console-window';
import { CONSOLE_CSP } from './content-security';

vi.mock('electron', () => import('../testing/fake-electron'));

beforeEach(() => fake.resetFakeElectron());

function openWindow(quitting = false): fake.BrowserWindow {
  createConsoleWindow('/app/dist-main/desktop/preload.cjs', { isQuitting: () => quitting });
  const window = fake.BrowserWindow.created.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

describe('console window', () => {
  it('isolates and sandboxes the renderer, with no Node and only the preload bridge', () => {
    const window = openWindow();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/dist-main/desktop/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the built console from app://, never from the LAN server', () => {
    const window = openWindow();
    expect(window.webContents.loadedUrl).toBe(CONSOLE_ENTRY_URL);
    expect(window.webContents.loadedUrl).not.toMatch(/^https?:/);
  });

  it('shows itself once ready', () => {
    const window = openWindow();
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('refuses navigation away from the console; web links go to the system browser', () => {
    const { webContents } = openWindow();
    expect(webContents.attemptNavigation('app://console/channels')).toBe(true);
    expect(webContents.attemptNavigation('https://evil.example/phish')).toBe(false);
    expect(webContents.attemptNavigation('http://192.0.2.2:8080/')).toBe(false);
    expect(webContents.attemptNavigation('file:///etc/passwd')).toBe(false);
    expect(webContents.attemptNavigation('app://other/', 'will-redirect')).toBe(false);
    expect(fake.shell.opened).toEqual(['https://evil.example/phish', 'http://192.0.2.2:8080/']);
  });

  it('denies window.open', () => {
    const { webContents } = openWindow();
    expect(webContents.windowOpenHandler?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(webContents.windowOpenHandler?.({ url: 'app://console/other' })).toEqual({ action: 'deny' });
    expect(webContents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://docs.example/']);
  });

  it('hides on close so the gateway keeps running in the tray; closes for real when quitting', () => {
    const window = openWindow(false);
    window.show();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);

    const quittingWindow = openWindow(true);
    quittingWindow.close();
    expect(quittingWindow.isDestroyed()).toBe(true);
  });

  it('reveals a hidden or minimized window', () => {
    const window = openWindow();
    window.minimized = true;
    revealWindow(window as unknown as Electron.BrowserWindow);
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
  });
});

describe('session hardening', () => {
  it('puts the strict CSP on every response and refuses every permission', () => {
    hardenSession(fake.session.defaultSession as unknown as Electron.Session);
    const { headersListener, permissionRequestHandler, permissionCheckHandler } = fake.session.defaultSession;
    let headers: Record<string, string[]> | undefined;
    headersListener?.({ url: 'https://x.example/', responseHeaders: { 'Content-Security-Policy': ["default-src *"], Server: ['x'] } }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers?.['Content-Security-Policy']).toEqual([CONSOLE_CSP]);
    expect(headers?.Server).toEqual(['x']);

    const granted: boolean[] = [];
    permissionRequestHandler?.(null, 'media', (g) => granted.push(g));
    permissionRequestHandler?.(null, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(permissionCheckHandler?.(null, 'clipboard-read')).toBe(false);
  });

  it('CSP allows only same-origin code: no inline script, no eval, no remote hosts', () => {
    const directives = new Map(CONSOLE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
