// Which organisations the routing menu offers, in this order.
import type { AuthorityId } from '../../knowledge';

/** The organisations on the routing menu (`routingOffers`, also the fallback's buttons), in this order. */
export const AUTHORITIES_MENU: readonly AuthorityId[] = ['DUO', 'IND', 'COA', 'GEMEENTE'];
