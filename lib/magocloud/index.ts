/**
 * MagoCloud (Microarea / Zucchetti) gateway: login and logoff, the JSON-valued headers,
 * data-service look-ups, getDataTable reads, MagicLink over REST, the 200-with-failure reader and
 * the sales invoice <-> FatturaPA conversion. Plain TypeScript, no n8n import, no network I/O.
 */
export * from './errors';
export * from './headers';
export * from './login';
export * from './failure';
export * from './session';
export * from './dataService';
export * from './magicLink';
export * from './writeSafety';
export * from './convert';
