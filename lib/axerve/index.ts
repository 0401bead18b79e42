/** Axerve Ecommerce Solutions (ex GestPay, Banca Sella) REST: requests, envelope errors, payment rules, notifications. No n8n import, no I/O. */
export * from './requests';
export * from './errors';
export * from './payment';
export * from './notification';
