/**
 * The router and the item loop of every action node.
 *
 * `nodeProperties` turns a list of operations (one file each) into the node's Resource and
 * Operation dropdowns (sorted by name, as n8n's linter wants) and their fields, each shown only
 * for its own resource and operation.
 *
 * `runItems` runs each input item through its operation, with one rule for all nodes:
 * - every output item carries `pairedItem`;
 * - a failure of a write operation says whether anything was written (the transport states it for
 *   the request it sent; a failure before sending says "Nothing was <verb>");
 * - every error is scrubbed of the credential's secrets, by value;
 * - under Continue On Fail the item becomes `{error, details}` (which n8n routes to the error
 *   output) and the loop goes on; otherwise the run stops with a message naming the failed item
 *   and how many were done before it;
 * - NodeApiError is what the remote said (it stays one); anything else is a NodeOperationError,
 *   bad parameters or input, with the item index.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MissingPathValue } from '../../../lib/http/path';
import { errorItem, nameFailedItem, stateWriteOutcome } from '../errorItem';
import { scrubError } from '../secrets';
import { operationKey, type ItemContext, type Operation } from './operation';

export interface ResourceOption {
	value: string;
	/** Title Case, official Italian term beside the English where consultants know it so. */
	name: string;
	description?: string;
}

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name, 'en');
}

function withShow(property: INodeProperties, show: Record<string, string[]>): INodeProperties {
	const own = property.displayOptions?.show ?? {};
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...own, ...show } } };
}

/**
 * The node's Resource dropdown (when `resources` is given), one Operation dropdown per resource
 * and every operation's fields. Fields of different operations may share a name (n8n shows one
 * of them at a time); an operation that repeats a field name of its own is an error here, at load.
 */
export function nodeProperties<C>(
	operations: Array<Operation<C>>,
	resources?: ResourceOption[],
	defaults: { resource?: string; operation?: Record<string, string> | string } = {},
): INodeProperties[] {
	const properties: INodeProperties[] = [];
	const hasResources = resources !== undefined;
	if (hasResources) {
		const unknown = operations.filter((op) => !resources.some((r) => r.value === op.resource));
		if (unknown.length) throw new Error(`Operations without a resource option: ${unknown.map((op) => operationKey(op.resource, op.value)).join(', ')}`);
		const resource: INodeProperties = {
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [...resources].sort(byName).map((r) => ({ name: r.name, value: r.value, ...(r.description ? { description: r.description } : {}) })),
			default: '',
		};
		// the default is one of the options, which come from the operations
		resource.default = defaults.resource ?? resources[0].value;
		properties.push(resource);
	}
	const groups = new Map<string | undefined, Array<Operation<C>>>();
	for (const op of operations) groups.set(op.resource, [...(groups.get(op.resource) ?? []), op]);
	for (const [resource, group] of groups) {
		const seen = new Set<string>();
		for (const op of group) {
			if (seen.has(op.value)) throw new Error(`Operation "${operationKey(resource, op.value)}" is defined twice`);
			seen.add(op.value);
		}
		const options: INodePropertyOptions[] = [...group].sort(byName).map((op) => ({ name: op.name, value: op.value, action: op.action, description: op.description }));
		const fallback = typeof defaults.operation === 'string' ? defaults.operation : resource !== undefined ? defaults.operation?.[resource] : undefined;
		const operation: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			...(hasResources ? { displayOptions: { show: { resource: [resource as string] } } } : {}),
			options,
			default: '',
		};
		operation.default = fallback && group.some((op) => op.value === fallback) ? fallback : group[0].value;
		properties.push(operation);
	}
	for (const op of operations) {
		const show: Record<string, string[]> = { operation: [op.value], ...(hasResources ? { resource: [op.resource as string] } : {}) };
		const names = new Set<string>();
		for (const property of op.properties) {
			const key = `${property.name}|${JSON.stringify(property.displayOptions ?? {})}`;
			if (names.has(key)) throw new Error(`Operation "${operationKey(op.resource, op.value)}" has the field "${property.name}" twice`);
			names.add(key);
			properties.push(withShow(property, show));
		}
	}
	return properties;
}

export interface RunSetup<C> {
	/** Makes the node's client once per execution (credentials, base URL). */
	client?: (ctx: IExecuteFunctions) => Promise<C>;
	/** The credential whose secrets are scrubbed from errors; a function when the node has two. */
	credentialType?: string | ((client: C) => string);
	/** How many outputs the node has (an operation's result picks one with `output`). */
	outputs?: number;
}

/** The table of a node's operations, by "resource.operation" (or "operation"). */
export function routeTable<C>(operations: Array<Operation<C>>): Map<string, Operation<C>> {
	return new Map(operations.map((op) => [operationKey(op.resource, op.value), op]));
}

/** A failure a node raises from its own checks or lib/, made into n8n's error for the item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	// both constructors hand back an error that is already theirs
	if (error instanceof NodeApiError) return new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export async function runItems<C = undefined>(
	ctx: IExecuteFunctions,
	operations: Array<Operation<C>> | Map<string, Operation<C>>,
	setup: RunSetup<C> = {},
): Promise<INodeExecutionData[][]> {
	const table = operations instanceof Map ? operations : routeTable(operations);
	const withResource = [...table.values()].some((op) => op.resource !== undefined);
	const items = ctx.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: Math.max(1, setup.outputs ?? 1) }, () => []);
	const client = (setup.client ? await setup.client(ctx) : undefined) as C;
	const credentialType = typeof setup.credentialType === 'function' ? setup.credentialType(client) : setup.credentialType;
	const run = new Map<string, unknown>();
	// `cached` keeps the loading promise, so two reads of one key load once; a failed load is forgotten
	const loads = new Map<string, Promise<unknown>>();
	const cached = async <T>(key: string, load: () => Promise<T>): Promise<T> => {
		let loading = loads.get(key) as Promise<T> | undefined;
		if (!loading) {
			loading = load().catch((error: unknown) => {
				loads.delete(key);
				throw error;
			});
			loads.set(key, loading);
		}
		return await loading;
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let operation: Operation<C> | undefined;
		try {
			const resource = withResource ? (ctx.getNodeParameter('resource', itemIndex) as string) : undefined;
			const value = ctx.getNodeParameter('operation', itemIndex) as string;
			operation = table.get(operationKey(resource, value));
			if (!operation) {
				const known = [...table.values()].filter((op) => op.resource === resource).map((op) => op.value);
				throw new NodeOperationError(
					ctx.getNode(),
					resource === undefined
						? `Operation: "${value}" is not one of ${known.join(', ')}`
						: `Operation: "${value}" is not an operation of resource "${resource}" (expected one of ${known.join(', ') || 'none: unknown resource'})`,
					{ itemIndex },
				);
			}
			const item: ItemContext<C> = { ctx, itemIndex, client, run, cached };
			for (const result of await operation.execute(item)) {
				const output = result.output ?? 0;
				if (!outputs[output]) throw new Error(`Operation "${operation.value}" gave an item for output ${output}, which the node does not have`);
				outputs[output].push({ json: result.json, ...(result.binary ? { binary: result.binary } : {}), pairedItem: { item: itemIndex } });
			}
		} catch (caught) {
			let error = caught;
			if (error instanceof MissingPathValue) error = new NodeOperationError(ctx.getNode(), error.message, { itemIndex });
			if (operation?.writeVerb) stateWriteOutcome(error, operation.writeVerb);
			if (credentialType) await scrubError(ctx, credentialType, error);
			if (ctx.continueOnFail()) {
				outputs[0].push(errorItem(error, itemIndex));
				continue;
			}
			nameFailedItem(error, itemIndex, operation?.writeVerb ?? 'done');
			throw asNodeError(ctx, error, itemIndex);
		}
	}
	return outputs;
}

/** A JSON parameter (an object given as text or as an object), named in its error. */
export function jsonObjectParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter(name, itemIndex, '{}') as unknown;
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	try {
		const parsed = JSON.parse(String(raw || '{}')) as unknown;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
		return parsed as IDataObject;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${label}: expected a JSON object, got ${String(raw).slice(0, 80)}`, {
			itemIndex,
			description: (error as Error).message,
		});
	}
}

/** A required text parameter, trimmed; empty is an error naming the field. */
export function requiredText(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number, hint = ''): string {
	// a resource locator gives its value (From List, By ID or By URL alike)
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text = value === undefined || value === null ? '' : typeof value === 'object' ? String((value as { value?: unknown }).value ?? '') : String(value);
	if (!text.trim()) throw new NodeOperationError(ctx.getNode(), `${label}: a value is required${hint ? ` (${hint})` : ''}`, { itemIndex });
	return text.trim();
}
