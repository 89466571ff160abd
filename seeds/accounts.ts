/* The demo's users beyond each organization's admin, named where both the seeds and the tests use them. */

/**
 * The market office's second user, its approver: a blacklisting or a suspension one user proposes
 * takes effect when another approves it (four eyes), so the demo has two.
 */
export const OFFICE_APPROVER = 'approver@example.com'
/** The demo owner's purchaser, who runs procurements but does not manage the organization. */
export const OWNER_PURCHASER = 'buyer@example.com'
