/**
 * TeamSystem Enterprise (TSE) WebAPI and Smart Services: request builders and answer readers in
 * plain TypeScript, no n8n import, no network I/O. See README.md for what is vendor-documented.
 */
export * from './errors';
export * from './token';
export * from './path';
export * from './resources';
export * from './query';
export * from './warning';
export * from './response';
export * from './writeSafety';
export * from './convert';
