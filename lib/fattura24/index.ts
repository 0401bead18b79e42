/** Fattura24 (fattura24.com API v0.3): requests, lenient replies, rate budget, FatturaPA conversion. No n8n import, no I/O. */
export * from './requests';
export * from './reply';
export * from './result';
export * from './rateBudget';
export * from './fromFatturaPA';
