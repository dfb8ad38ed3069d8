// Which organisations the routing menu offers, in this order.
import type { AuthorityId } from '../../knowledge';

export const AUTHORITIES_MENU: readonly AuthorityId[] = ['DUO', 'IND', 'COA', 'GEMEENTE'];
