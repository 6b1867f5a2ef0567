import { ApiError } from '../api/errors';
import type { EventBus } from '../core/event-bus';
import type { BalancesStore } from '../store/balances-store';
import type { Db } from '../store/connection';
import type { TransferRow, TransfersStore } from '../store/transfers-store';
import type { UsersStore } from '../store/users-store';

export type Recipient = { userId: number } | { email: string };

/**
 * Member-to-member transfers (issue 5 §4): positive, never to oneself, covered by the sender's
 * balance, debit + credit + record in one immediate transaction.
 */
export class TransferService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersStore,
    private readonly balances: BalancesStore,
    private readonly transfers: TransfersStore,
    private readonly events: EventBus,
  ) {}

  transfer(fromUserId: number, to: Recipient, amountMicro: number, memo = '', now = Date.now()): TransferRow {
    if (!Number.isSafeInteger(amountMicro) || amountMicro <= 0) throw new ApiError(400, 'the amount must be positive', 'invalid_amount');
    const recipient = 'userId' in to ? this.users.get(to.userId) : this.users.getByEmail(to.email);
    if (!recipient || recipient.enabled !== 1) throw new ApiError(404, 'recipient not found', 'not_found');
    if (recipient.id === fromUserId) throw new ApiError(400, 'you cannot transfer points to yourself', 'self_transfer');
    const id = this.db.transaction(() => {
      if (!this.balances.debit(fromUserId, amountMicro)) throw new ApiError(400, 'not enough points', 'insufficient_points');
      this.balances.credit(recipient.id, amountMicro);
      return this.transfers.insert(fromUserId, recipient.id, amountMicro, memo, now);
    }).immediate();
    this.events.publish(['economy', 'me'], { userIds: [fromUserId, recipient.id] });
    this.events.publish(['users'], 'admins'); // balances on the Users page
    return this.transfers.get(id)!;
  }

  listFor(userId: number): TransferRow[] {
    return this.transfers.listForUser(userId);
  }
}
