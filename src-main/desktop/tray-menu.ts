import type { MenuItemConstructorOptions } from 'electron';
import { baseUrl } from '../system/lan-addresses';
import type { SharingState, SharingView } from './gateway-sharing';

export interface TrayActions {
  keepLocal(): void;
  shareOnLan(lanHost: string | null): void;
  pause(): void;
  resume(): void;
  copy(text: string): void;
  openConsole(): void;
  quit(): void;
}

export const STATE_LABELS: Record<SharingState, string> = {
  local: 'This computer only',
  lan: 'Shared on LAN',
  paused: 'Paused',
};

export function trayTooltip(view: SharingView): string {
  switch (view.state) {
    case 'local':
      return `TokenAltar — this computer only (${view.baseUrl})`;
    case 'lan':
      return `TokenAltar — shared on LAN (${view.baseUrl})`;
    case 'paused':
      return 'TokenAltar — gateway paused';
    default: {
      const never: never = view.state;
      return never;
    }
  }
}

/**
 * The tray menu for one sharing view (rebuilt on every change, as Electron menus are immutable).
 * The radio group is the sharing choice; "LAN addresses" lists what teammates can type, each
 * item copying its base URL.
 */
export function buildTrayMenu(view: SharingView, actions: TrayActions): MenuItemConstructorOptions[] {
  const { choice, lanAddresses, port } = view;
  const sharedVia = (host: string | null): boolean => choice.mode === 'lan' && choice.lanHost === host;

  const addressItems: MenuItemConstructorOptions[] = lanAddresses.length
    ? lanAddresses.map((a) => {
        const url = baseUrl(a.address, port);
        return { label: `${url}  (${a.interfaceName})`, click: () => actions.copy(url) };
      })
    : [{ label: 'No LAN address found', enabled: false }];

  const menu: MenuItemConstructorOptions[] = [
    { label: `TokenAltar — ${STATE_LABELS[view.state]}`, enabled: false },
    ...(view.lastError ? [{ label: `⚠ ${view.lastError}`, enabled: false }] : []),
    { type: 'separator' },
    {
      label: 'This computer only (127.0.0.1)',
      type: 'radio',
      checked: choice.mode === 'local',
      click: () => actions.keepLocal(),
    },
    {
      label: 'Share on LAN (all networks)',
      type: 'radio',
      checked: sharedVia(null),
      click: () => actions.shareOnLan(null),
    },
    ...lanAddresses.map<MenuItemConstructorOptions>((a) => ({
      label: `Share on LAN via ${a.interfaceName} only (${a.address})`,
      type: 'radio',
      checked: sharedVia(a.address),
      click: () => actions.shareOnLan(a.address),
    })),
    { type: 'separator' },
    { label: 'LAN addresses', submenu: addressItems },
    { label: `Copy base URL (${view.baseUrl})`, click: () => actions.copy(view.baseUrl), enabled: view.state !== 'paused' },
    { label: 'Open console', click: () => actions.openConsole() },
    view.state === 'paused'
      ? { label: 'Resume gateway', click: () => actions.resume() }
      : { label: 'Pause gateway', click: () => actions.pause() },
    { type: 'separator' },
    { label: 'Quit TokenAltar', click: () => actions.quit() },
  ];
  return menu;
}
