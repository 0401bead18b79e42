/**
 * The kit every node stands on (docs/adding-a-system.md):
 * - operation.ts: one operation = one file, description and execute together;
 * - router.ts: the Resource/Operation dropdowns from the operations, and runItems, the one item
 *   loop (pairedItem, Continue On Fail, NodeApiError vs NodeOperationError, write outcome,
 *   secrets scrubbed);
 * - client.ts: the client factory from a system's profile (credential, base URL, errors,
 *   paging, rate limiter), every call through the shared transport;
 * - options.ts: the request options every node offers the same way;
 * - fileInput.ts: the one reader of an input file (binary, text, base64, URL);
 * - polling.ts: the one shape of a polling trigger (manual sample, state saved after a complete poll).
 */
export * from './operation';
export * from './router';
export * from './client';
export * from './options';
export * from './fileInput';
export * from './polling';
export { fillPath, MissingPathValue, placeholdersOf } from '../../../lib/http/path';
