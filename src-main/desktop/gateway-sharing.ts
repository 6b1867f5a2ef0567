import type { GatewayStatus } from '../../src-shared/api/ops/system';
import type { GatewayStatusSource } from '../system/gateway-status';
import { baseUrl, listLanAddresses, type LanAddress } from '../system/lan-addresses';
import { writeSharingChoice, type SharingChoice } from './sharing-choice';

/** The part of the core's HTTP server the tray drives. */
export interface GatewayListener {
  /** Listens on host:port, leaving the previous address, without restarting the core. */
  rebind(host: string, port: number): Promise<{ host: string; port: number }>;
  /** Stops listening; the core (and the IPC console) keep running. */
  close(): Promise<void>;
}

export type SharingState = 'local' | 'lan' | 'paused';

export interface SharingView {
  state: SharingState;
  choice: SharingChoice;
  port: number;
  /** Address the gateway listens on right now; null while paused. */
  boundHost: string | null;
  /** Every LAN address of this machine right now. */
  lanAddresses: LanAddress[];
  /** The base URL to hand to clients: loopback when local, the LAN address when shared. */
  baseUrl: string;
  /** Set when the last change failed (e.g. the port is taken on that interface). */
  lastError: string | null;
}

const LOOPBACK = '127.0.0.1';
const ALL_INTERFACES = '0.0.0.0';

export function hostFor(choice: SharingChoice): string {
  return choice.mode === 'local' ? LOOPBACK : (choice.lanHost ?? ALL_INTERFACES);
}

/**
 * Applies the tray's sharing choice to the gateway listener and persists it. Changes are
 * serialized (a double click must not interleave two rebinds); a change that fails to bind rolls
 * back to the previous address, so a bad choice never leaves the gateway down silently.
 */
export class GatewaySharing {
  private choice: SharingChoice;
  private boundHost: string | null = null;
  private lastError: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(view: SharingView) => void>();

  constructor(
    private readonly listener: GatewayListener,
    /** 0 = any free port on the first bind, then kept across rebinds (tests). */
    private port: number,
    initial: SharingChoice,
    private readonly choiceFile: string,
    private readonly lanAddresses: () => LanAddress[] = () => listLanAddresses(),
  ) {
    this.choice = initial;
  }

  /** Binds according to the saved choice; a remembered interface that is gone falls back to all. */
  start(): Promise<SharingView> {
    const choice = { ...this.choice };
    if (choice.mode === 'lan' && choice.lanHost !== null && !this.lanAddresses().some((a) => a.address === choice.lanHost)) {
      choice.lanHost = null;
    }
    return this.change(choice);
  }

  keepLocal(): Promise<SharingView> {
    return this.change({ ...this.choice, mode: 'local', paused: false });
  }
  /** `lanHost` null = every interface. */
  shareOnLan(lanHost: string | null = null): Promise<SharingView> {
    return this.change({ mode: 'lan', lanHost, paused: false });
  }
  pause(): Promise<SharingView> {
    return this.change({ ...this.choice, paused: true });
  }
  resume(): Promise<SharingView> {
    return this.change({ ...this.choice, paused: false });
  }

  onChange(listener: (view: SharingView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): SharingView {
    const lanAddresses = this.lanAddresses();
    const state: SharingState = this.boundHost === null ? 'paused' : this.choice.mode;
    let host = LOOPBACK;
    if (this.boundHost !== null && this.boundHost !== LOOPBACK) {
      host = this.boundHost === ALL_INTERFACES ? (lanAddresses[0]?.address ?? LOOPBACK) : this.boundHost;
    }
    return {
      state,
      choice: { ...this.choice },
      port: this.port,
      boundHost: this.boundHost,
      lanAddresses,
      baseUrl: baseUrl(host, this.port),
      lastError: this.lastError,
    };
  }

  private change(next: SharingChoice): Promise<SharingView> {
    const run = this.queue.then(() => this.apply(next));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async apply(next: SharingChoice): Promise<SharingView> {
    const previousHost = this.boundHost;
    const nextHost = next.paused ? null : hostFor(next);
    try {
      if (nextHost === null) {
        if (previousHost !== null) await this.listener.close();
      } else if (nextHost !== previousHost) {
        this.port = (await this.listener.rebind(nextHost, this.port)).port;
      }
      this.boundHost = nextHost;
      this.choice = next;
      this.lastError = null;
      writeSharingChoice(this.choiceFile, next);
    } catch (err) {
      this.lastError = `could not listen on ${nextHost ?? '-'}:${this.port}: ${err instanceof Error ? err.message : String(err)}`;
      await this.rollBack(previousHost);
    }
    const view = this.view();
    for (const l of this.listeners) l(view);
    return view;
  }

  private async rollBack(previousHost: string | null): Promise<void> {
    try {
      if (previousHost === null) await this.listener.close();
      else await this.listener.rebind(previousHost, this.port);
      this.boundHost = previousHost;
    } catch {
      this.boundHost = null; // nothing listens: show "paused" rather than a state that is not true
    }
  }
}

/**
 * system.info's view of the gateway while the desktop runs: the tray knows which LAN interface
 * was chosen, so the console shows the URL teammates should use. While paused, base_url is the
 * address it will come back on.
 */
export function sharingStatusSource(sharing: GatewaySharing): GatewayStatusSource {
  return {
    status(): GatewayStatus {
      const view = sharing.view();
      let lanUrls: string[] = [];
      if (view.state === 'lan') {
        lanUrls =
          view.boundHost === '0.0.0.0'
            ? view.lanAddresses.map((a) => baseUrl(a.address, view.port))
            : [baseUrl(view.boundHost ?? '127.0.0.1', view.port)];
      }
      return { sharing: view.state, base_url: view.baseUrl, lan_urls: lanUrls };
    },
  };
}
