/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The flaws of the official Fatture in Cloud spec itself: places where following the spec to the
 * letter would refuse what the API and the spec's own examples do. One list, each entry with its
 * reason, read by both oracles: the emulator's spec validator (specValidator.ts) leaves these out,
 * and the Prism test (test/nodes/fic-prism.test.ts) forgives exactly these Prism violations and no
 * other. An entry is matched on operation, direction, path (array indices as []) and rule.
 */
export type ViolationCode = 'required' | 'type' | 'enum' | 'format' | 'minimum' | 'maximum' | 'unknown' | 'readOnly';

export interface SpecArtefact {
	/** An operationId, or '*' for every operation. */
	operationId: string;
	direction: 'request' | 'response';
	/** 'data.id', 'data.items_list[].vat.id', '?type'. */
	paths: string[];
	code: ViolationCode;
	reason: string;
}

export const SPEC_ARTEFACTS: SpecArtefact[] = [
	{
		operationId: 'createCashbookEntry',
		direction: 'request',
		paths: ['data.id'],
		code: 'required',
		reason:
			'The spec lists id among the required properties of a new cashbook entry, but the server assigns the id (the answer carries it) and the spec\'s own createCashbookEntry request example has no id.',
	},
	{
		operationId: '*',
		direction: 'response',
		paths: ['first_page_url', 'last_page_url', 'next_page_url', 'prev_page_url', 'path'],
		code: 'format',
		reason:
			'The spec types the pagination links as format: uri, but its own list examples (listClients, listIssuedDocuments, ...) give them as "page=2" and "/c/{company_id}/entities/clients", which are not URIs; the emulator answers in the form of the examples.',
	},
];

export function isSpecArtefact(operationId: string, direction: 'request' | 'response', path: string, code: ViolationCode): boolean {
	const generic = path.replace(/\[\d+\]/g, '[]');
	return SPEC_ARTEFACTS.some((a) => (a.operationId === operationId || a.operationId === '*') && a.direction === direction && a.paths.includes(generic) && a.code === code);
}
