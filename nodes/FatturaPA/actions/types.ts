import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

/** What an operation gives for one input item; the router adds pairedItem and picks the output. */
export interface ActionResult {
	json: IDataObject;
	binary?: IBinaryKeyData;
	/** true: the invoice has errors; with "Send to Invalid Output" it leaves through the second output */
	invalid?: boolean;
}
