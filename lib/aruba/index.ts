/** Aruba Fatturazione Elettronica: plain TypeScript, no n8n import. */
export * from './environment';
export * from './token';
export * from './upload';
export * from './rateLimit';
export * from './status';
export * from '../polling/window';
export * from './invoiceFile';
