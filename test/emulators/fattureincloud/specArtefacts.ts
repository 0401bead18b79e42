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
	/** 'both': the spec's own example breaks the schema, and the emulator answers it back. */
	direction: 'request' | 'response' | 'both';
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
		operationId: 'modifyCashbookEntry',
		direction: 'request',
		paths: ['data.id', 'data.kind'],
		code: 'required',
		reason:
			'The spec reuses the new-entry schema for a modify, so id (already in the path) and kind are required; the spec\'s own modifyCashbookEntry example sends neither, as a partial update does.',
	},
	{
		operationId: 'createCashbookEntry',
		direction: 'request',
		paths: ['data.payment_account_in.name', 'data.payment_account_out.name'],
		code: 'required',
		reason: 'The spec\'s PaymentAccount requires name, but its own cashbook examples refer to the account by id only ({"id": 333}), as references to existing records are made.',
	},
	{
		operationId: 'modifyCashbookEntry',
		direction: 'request',
		paths: ['data.payment_account_in.name', 'data.payment_account_out.name'],
		code: 'required',
		reason: 'As for createCashbookEntry: the spec\'s own example refers to the payment account by id only.',
	},
	{
		operationId: 'createF24',
		direction: 'request',
		paths: ['data.payment_account.name'],
		code: 'required',
		reason: 'The spec\'s PaymentAccount requires name, but its own createF24 example refers to the account by id only ({"id": 111}).',
	},
	{
		operationId: 'modifyF24',
		direction: 'request',
		paths: ['data.payment_account.name'],
		code: 'required',
		reason: 'As for createF24: the spec\'s own modifyF24 example refers to the payment account by id only.',
	},
	{
		operationId: 'createIssuedDocument',
		direction: 'request',
		paths: ['data.payment_method.name'],
		code: 'required',
		reason: 'The spec\'s PaymentMethod requires name, but its own createIssuedDocument example gives the payment method by id only ({"id": 4}). (The node sends the name anyway: it looks it up.)',
	},
	{
		operationId: 'getExistingReceivedDocumentTotals',
		direction: 'request',
		paths: ['data.entity'],
		code: 'required',
		reason: 'The spec requires an entity in the totals of an existing received document (which has one already); its own example sends only {"amount_vat": 20}.',
	},
	{
		operationId: 'createVatType',
		direction: 'both',
		paths: ['data.ei_type'],
		code: 'type',
		reason: 'The spec types ei_type (the natura) as a string, but its own createVatType example sends the number 2 (and the emulator answers back what was stored).',
	},
	{
		operationId: 'modifyVatType',
		direction: 'both',
		paths: ['data.ei_type'],
		code: 'type',
		reason: 'As for createVatType: the spec\'s own modifyVatType example sends ei_type as the number 2.',
	},
	{
		operationId: 'getVatType',
		direction: 'response',
		paths: ['data.ei_type'],
		code: 'type',
		reason: 'The VAT type read back is the one the spec\'s createVatType/modifyVatType examples stored, with ei_type the number 2.',
	},
	{
		operationId: 'createReceipt',
		direction: 'both',
		paths: ['data.items_list[].amount_vat'],
		code: 'unknown',
		reason: 'The spec\'s own createReceipt example gives its items an amount_vat that the receipt item schema does not have (Prism cannot see this: the spec leaves its objects open).',
	},
	{
		operationId: 'getReceipt',
		direction: 'response',
		paths: ['data.items_list[].amount_vat'],
		code: 'unknown',
		reason: 'The receipt read back is the one the spec\'s createReceipt/modifyReceipt examples stored, with items_list[].amount_vat.',
	},
	{
		operationId: 'modifyReceipt',
		direction: 'both',
		paths: ['data.items_list[].amount_vat'],
		code: 'unknown',
		reason: 'As for createReceipt: the spec\'s own modifyReceipt example has items_list[].amount_vat, absent from the schema.',
	},
	{
		operationId: 'CreateWebhooksSubscription',
		direction: 'both',
		paths: ['data.types[]'],
		code: 'enum',
		reason:
			'The spec\'s own example subscribes to "it.fattureincloud.webhooks.entities.create" and "...issued_documents.create", which are not in its enum of event types (that lists e.g. "...issued_documents.invoices.create"); the emulator answers the subscription back as sent.',
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
	return SPEC_ARTEFACTS.some((a) => (a.operationId === operationId || a.operationId === '*') && (a.direction === direction || a.direction === 'both') && a.paths.includes(generic) && a.code === code);
}
