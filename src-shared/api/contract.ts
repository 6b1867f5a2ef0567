import { accountOps } from './ops/accounts';
import { channelOps } from './ops/channels';
import { keyOps } from './ops/keys';
import { economyOps } from './ops/economy';
import { ledgerOps } from './ops/ledger';
import { priceOps } from './ops/prices';
import { settingsOps } from './ops/settings';
import { routingOps } from './ops/routing';
import { systemOps } from './ops/system';

/**
 * Every console operation, by `noun.verb` name. Each domain keeps its own file in ./ops;
 * add a domain here and it is served over HTTP (src-main/http) and IPC (src-main/desktop).
 */
export const contract = {
  ...accountOps,
  ...keyOps,
  ...channelOps,
  ...priceOps,
  ...settingsOps,
  ...economyOps,
  ...ledgerOps,
  ...routingOps,
  ...systemOps,
};
export type Contract = typeof contract;
export type OpName = keyof Contract;
