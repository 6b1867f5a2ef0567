import type { Contract } from '../../../src-shared/api/contract';
import type { HandlerMap } from '../handler';
import { accountHandlers } from './accounts';
import { channelHandlers } from './channels';
import { keyHandlers } from './keys';
import { routingHandlers } from './routing';

/** Every operation of the contract has exactly one handler; the compiler checks the map is complete. */
export const handlers: HandlerMap<Contract> = {
  ...accountHandlers,
  ...keyHandlers,
  ...channelHandlers,
  ...routingHandlers,
};
