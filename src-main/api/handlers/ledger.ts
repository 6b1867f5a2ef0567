import type { z } from 'zod';
import { ledgerOps, type LedgerFilters } from '../../../src-shared/api/ops/ledger';
import { buildDashboard } from '../../economy/dashboard';
import { ledgerCsv, ledgerRecord } from '../../economy/ledger-view';
import type { LedgerQuery } from '../../store/economy-reports-store';
import type { HandlerMap, Identity } from '../handler';

/** Members see rows they paid for or that their channels served; admins see all (optionally one member's). */
function queryOf(f: z.output<typeof LedgerFilters>, identity: Identity): LedgerQuery {
  const admin = identity.role === 'admin';
  return {
    viewer: admin ? null : identity.userId,
    user: admin ? (f.user ?? null) : null,
    from: f.from ? Date.parse(f.from) : null,
    to: f.to ? Date.parse(f.to) : null,
    model: f.model ?? null,
    key: f.key ?? null,
    channel: f.channel ?? null,
    status: f.status ?? null,
    limit: f.page_size,
    offset: (f.page - 1) * f.page_size,
  };
}

export const ledgerHandlers: HandlerMap<typeof ledgerOps> = {
  'ledger.list': (input, { core, identity }) => {
    const viewer = { userId: identity.userId, isAdmin: identity.role === 'admin' };
    const { rows, total } = core.economy.reports.ledgerPage(queryOf(input, identity));
    return { items: rows.map((r) => ledgerRecord(r, viewer)), total, page: input.page, page_size: input.page_size };
  },
  'ledger.export': (input, { core, identity }) => {
    const { rows } = core.economy.reports.ledgerPage(queryOf(input, identity));
    const stamp = new Date().toISOString().slice(0, 10);
    return { contentType: 'text/csv; charset=utf-8', body: ledgerCsv(rows, identity.role === 'admin'), filename: `tokenaltar-ledger-${stamp}.csv` };
  },
  'dashboard.get': (_input, { core, identity }) => buildDashboard(core, { userId: identity.userId, isAdmin: identity.role === 'admin' }),
};
