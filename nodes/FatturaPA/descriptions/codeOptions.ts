import type { INodePropertyOptions } from 'n8n-workflow';

import type { CodeEntry } from '../../../lib/fatturapa';

/** A code list as dropdown options: "TD01 - Fattura", with the official Italian label. */
export function codeOptions(codes: readonly CodeEntry[]): INodePropertyOptions[] {
	return codes.map((c) => ({ name: `${c.code} - ${c.label}`, value: c.code }));
}
