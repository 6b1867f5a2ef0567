import { Menu, Tray, clipboard, nativeImage } from 'electron';
import type { GatewaySharing, SharingState, SharingView } from './gateway-sharing';
import { PALETTES, altarIconPng } from './icon-png';
import { buildTrayMenu, trayTooltip } from './tray-menu';

export interface TrayHooks {
  openConsole(): void;
  quit(): void;
  /** Told when a sharing change failed, so the shell can show it (the menu shows it too). */
  onError(message: string): void;
}

const ICON_PALETTE: Record<SharingState, (typeof PALETTES)[keyof typeof PALETTES]> = {
  local: PALETTES.local,
  lan: PALETTES.shared,
  paused: PALETTES.paused,
};

/** 16 px at 2x: crisp on HiDPI panels, scaled down by the OS elsewhere. */
function trayIcon(state: SharingState): Electron.NativeImage {
  return nativeImage.createFromBuffer(altarIconPng(32, ICON_PALETTE[state]), { scaleFactor: 2 });
}

/** The tray icon: its colour, tooltip and menu follow the gateway's sharing state. */
export function createTray(sharing: GatewaySharing, hooks: TrayHooks): Tray {
  const tray = new Tray(trayIcon(sharing.view().state));
  const report = (view: SharingView): void => {
    if (view.lastError) hooks.onError(view.lastError);
  };
  const actions = {
    keepLocal: () => void sharing.keepLocal().then(report),
    shareOnLan: (host: string | null) => void sharing.shareOnLan(host).then(report),
    pause: () => void sharing.pause().then(report),
    resume: () => void sharing.resume().then(report),
    copy: (text: string) => clipboard.writeText(text),
    openConsole: hooks.openConsole,
    quit: hooks.quit,
  };
  const render = (view: SharingView): void => {
    tray.setImage(trayIcon(view.state));
    tray.setToolTip(trayTooltip(view));
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(view, actions)));
  };
  render(sharing.view());
  sharing.onChange(render);
  // Windows/Linux users expect a click on the icon to open the window.
  tray.on('click', hooks.openConsole);
  return tray;
}
