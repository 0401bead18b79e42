/**
 * Exactly-once polling, in two shapes: a keyset cursor for APIs that sort by (updatedAt, id)
 * (keyset.ts) and a date window with a bounded seen-map for APIs that only filter by dates
 * (window.ts). Both return the new state for the caller to save only after a complete poll.
 */
export * from './keyset';
export * from './window';
