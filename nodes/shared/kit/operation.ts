/**
 * One operation = one file exporting its description and its execute together (n8n's
 * `actions/<resource>/<operation>.operation.ts` shape). The router (router.ts) builds the
 * Resource and Operation dropdowns and the fields' displayOptions from a list of these, and
 * runItems does the item loop for all of them.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What one item of an operation gives: its JSON, its files, and (for nodes with several outputs) the output. */
export interface OperationResult {
	json: IDataObject;
	binary?: IBinaryKeyData;
	/** Index of the node output the item goes to (default 0). */
	output?: number;
}

/** What an operation's execute gets for one input item. */
export interface ItemContext<C = undefined> {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** The node's client (from runItems' `client`), made once per execution. */
	client: C;
	/** Values an operation keeps for the whole execution (ids seen by earlier items); keys are its own. */
	run: Map<string, unknown>;
	/** The value under `key`, loaded once per execution (reference lists); a failed load is tried again. */
	cached<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface Operation<C = undefined> {
	/** Value of the `resource` parameter; leave out for a node without resources. */
	resource?: string;
	/** Value of the `operation` parameter, camelCase ("getMany"). */
	value: string;
	/** Title Case label in the Operation dropdown ("Get Many"). */
	name: string;
	/** The action in the nodes panel, sentence case ("Get many issued documents"). */
	action: string;
	description: string;
	/**
	 * This operation's fields. The router adds `displayOptions.show` for the resource and the
	 * operation; a field's own displayOptions (on other fields) are kept.
	 */
	properties: INodeProperties[];
	/**
	 * For an operation that writes at the remote: what it did when it succeeded ("created",
	 * "sent", "uploaded"). A failure that came before anything was sent then says "Nothing was
	 * <verb>"; the transport states the outcome of a request it sent.
	 */
	writeVerb?: string;
	execute(item: ItemContext<C>): Promise<OperationResult[]>;
}

/** Identity, for type inference at the definition site. */
export function defineOperation<C = undefined>(operation: Operation<C>): Operation<C> {
	return operation;
}

/** `key` of an operation in the router's table. */
export function operationKey(resource: string | undefined, value: string): string {
	return resource === undefined ? value : `${resource}.${value}`;
}
