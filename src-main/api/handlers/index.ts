import type { Contract } from '../../../src-shared/api/contract';
import type { HandlerMap } from '../handler';
import { accountHandlers } from './accounts';
import { channelHandlers } from './channels';
import { keyHandlers } from './keys';
import { economyHandlers } from './economy';
import { ledgerHandlers } from './ledger';
import { priceHandlers } from './prices';
import { settingsHandlers } from './settings';
import { routingHandlers } from './routing';
import { systemHandlers } from './system';

/** Every operation of the contract has exactly one handler; the compiler checks the map is complete. */
export const handlers: HandlerMap<Contract> = {
  ...accountHandlers,
  ...keyHandlers,
  ...channelHandlers,
  ...priceHandlers,
  ...settingsHandlers,
  ...economyHandlers,
  ...ledgerHandlers,
  ...routingHandlers,
  ...systemHandlers,
};
