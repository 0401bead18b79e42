/**
 * The node's fields, derived from the generated operation table so every one of the spec's
 * operations gets its path IDs, required query parameters, list controls and body input.
 * Hand-written friendly fields for the operations consultants use most live in friendly.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { FicOperation, FicQueryParam } from '../generated/operations';
import { FIC_OPERATIONS } from '../generated/operations';
import { requestOptions } from '../../shared/kit/options';
import { FIC_AUTHENTICATION, ficCompanyProperty } from './common';
import { COMPOSITE_OPERATIONS, operationOptions, RESOURCES } from './resources';
import { FRIENDLY_BODY_OPERATIONS } from './friendly';

export function camel(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function title(name: string): string {
	return name
		.split('_')
		.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
		.join(' ')
		.replace(/\bid\b/gi, 'ID')
		.replace(/\bvat\b/gi, 'VAT');
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		map.set(k, [...(map.get(k) ?? []), item]);
	}
	return map;
}

const LIST_CONTROL_PARAMS = new Set(['page', 'per_page', 'q', 'fields', 'fieldset', 'sort']);

function queryField(param: FicQueryParam, resource: string, operations: string[], required: boolean): INodeProperties {
	const base = {
		displayName: title(param.name),
		name: camel(param.name),
		required,
		description: param.description || undefined,
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
	if (param.enum) {
		return {
			...base,
			type: 'options',
			options: param.enum.map((value) => ({ name: value, value })),
			default: (param.default as string) ?? param.enum[0],
		} as INodeProperties;
	}
	if (param.type === 'number') return { ...base, type: 'number', default: (param.default as number) ?? 0 } as INodeProperties;
	if (param.type === 'boolean') return { ...base, type: 'boolean', default: (param.default as boolean) ?? false } as INodeProperties;
	return { ...base, type: 'string', default: (param.default as string) ?? '' } as INodeProperties;
}

function optionalQueryOption(param: FicQueryParam): INodeProperties {
	const field = queryField(param, '', [], false);
	delete (field as { displayOptions?: unknown }).displayOptions;
	delete (field as { required?: unknown }).required;
	return field;
}

export function buildProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [
		FIC_AUTHENTICATION,
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
			default: 'issuedDocument',
		},
	];

	for (const { value: resource } of RESOURCES) {
		const options = operationOptions(resource);
		const firstOperation = String(options[0].value);
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: firstOperation,
		});
	}

	const withComposite: Array<Pick<FicOperation, 'resource' | 'operation' | 'pathParams' | 'queryParams' | 'paginated' | 'body'>> = [
		...FIC_OPERATIONS,
		...COMPOSITE_OPERATIONS.map((op) => ({ ...op, pathParams: ['company_id'], queryParams: [], paginated: false, body: 'json' as const })),
	];

	// Company: every company-scoped operation, from a dropdown of the user's companies.
	for (const [resource, ops] of groupBy(withComposite.filter((op) => op.pathParams.includes('company_id')), (op) => op.resource)) {
		properties.push(ficCompanyProperty('to work on (azienda)', { displayOptions: { show: { resource: [resource], operation: ops.map((op) => op.operation) } } }));
	}

	// Path IDs other than the company, one field per resource and parameter.
	const pathUses = withComposite.flatMap((op) => op.pathParams.filter((p) => p !== 'company_id').map((param) => ({ op, param })));
	for (const [key, uses] of groupBy(pathUses, (u) => `${u.op.resource}|${u.param}`)) {
		const [resource, param] = key.split('|');
		properties.push({
			displayName: title(param),
			name: camel(param),
			type: 'string',
			required: true,
			default: '',
			description: `The ${title(param)} of the ${resource.replace(/([A-Z])/g, ' $1').toLowerCase()}`,
			displayOptions: { show: { resource: [resource], operation: uses.map((u) => u.op.operation) } },
		});
	}

	// Required query parameters (document type, dates, ...), one field per resource and parameter.
	const requiredUses = FIC_OPERATIONS.flatMap((op) => op.queryParams.filter((p) => p.required).map((param) => ({ op, param })));
	for (const [, uses] of groupBy(requiredUses, (u) => `${u.op.resource}|${u.param.name}|${(u.param.enum ?? []).join(',')}`)) {
		properties.push(queryField(uses[0].param, uses[0].op.resource, uses.map((u) => u.op.operation), true));
	}

	// Lists: Return All or Limit, a query filter and simple filters.
	for (const [resource, ops] of groupBy(FIC_OPERATIONS.filter((op) => op.paginated), (op) => op.resource)) {
		const operations = ops.map((op) => op.operation);
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: { show: { resource: [resource], operation: operations } },
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { resource: [resource], operation: operations, returnAll: [false] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { resource: [resource], operation: operations } },
				options: [
					{
						displayName: 'Query (Q)',
						name: 'q',
						type: 'string',
						default: '',
						placeholder: "entity.name contains 'Rossi' and date >= '2025-01-01'",
						description:
							'Fatture in Cloud filter expression. Combined with AND with the conditions below.',
					},
					{
						displayName: 'Conditions',
						name: 'conditions',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						options: [
							{
								displayName: 'Condition',
								name: 'condition',
								values: [
									{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'entity.vat_number' },
									{
										displayName: 'Operator',
										name: 'operator',
										type: 'options',
										default: '=',
										options: [
											{ name: '<', value: '<' },
											{ name: '=', value: '=' },
											{ name: '≠', value: '<>' },
											{ name: '>', value: '>' },
											{ name: '≤', value: '<=' },
											{ name: '≥', value: '>=' },
											{ name: 'Contains', value: 'contains' },
											{ name: 'Ends With', value: 'ends with' },
											{ name: 'Is Not Null', value: 'is not null' },
											{ name: 'Is Null', value: 'is null' },
											{ name: 'Starts With', value: 'starts with' },
										],
									},
									{ displayName: 'Value', name: 'value', type: 'string', default: '' },
								],
							},
						],
					},
				],
			},
		);
	}

	// Optional query parameters (fields, fieldset, sort, ...) and the node's own options, per operation.
	for (const [resource, ops] of groupBy(withComposite, (op) => op.resource)) {
		for (const op of ops) {
			const optional = op.queryParams.filter((p) => !p.required && !(op.paginated && (p.name === 'page' || p.name === 'per_page' || p.name === 'q')));
			const options: INodeProperties[] = optional
				.filter((p) => !LIST_CONTROL_PARAMS.has(p.name) || ['fields', 'fieldset', 'sort'].includes(p.name))
				.map(optionalQueryOption);
			// the request options every node shares (nodes/shared/kit/options.ts), then this operation's query options
			properties.push({
				...requestOptions(options, { notFound: op.operation !== 'getAll' }),
				displayOptions: { show: { resource: [resource], operation: [op.operation] } },
			});
		}
	}

	// Bodies: friendly fields where written, otherwise (and always as an alternative) raw JSON.
	for (const [resource, ops] of groupBy(withComposite.filter((op) => op.body === 'json'), (op) => op.resource)) {
		const friendly = ops.filter((op) => FRIENDLY_BODY_OPERATIONS.has(`${resource}.${op.operation}`)).map((op) => op.operation);
		if (friendly.length) {
			properties.push({
				displayName: 'Input',
				name: 'inputMode',
				type: 'options',
				options: [
					{ name: 'Fields', value: 'fields', description: 'Fill in the fields consultants use most' },
					{ name: 'JSON', value: 'json', description: 'Send a JSON object as the request data' },
				],
				default: 'fields',
				displayOptions: { show: { resource: [resource], operation: friendly } },
			});
		}
		const operations = ops.map((op) => op.operation);
		properties.push({
			displayName: 'Data (JSON)',
			name: 'jsonData',
			type: 'json',
			default: '{}',
			required: true,
			description:
				'The object sent as "data". Read-only fields of a fetched object are removed, so a GET result can be sent back. To send the whole request (e.g. with "options"), give {"data": {...}, "options": {...}}.',
			displayOptions: {
				show: { resource: [resource], operation: operations },
				...(friendly.length ? { hide: { inputMode: ['fields'] } } : {}),
			},
		});
	}

	// Multipart uploads: the item's binary file.
	for (const [resource, ops] of groupBy(FIC_OPERATIONS.filter((op) => op.body === 'multipart'), (op) => op.resource)) {
		properties.push({
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the file to upload',
			displayOptions: { show: { resource: [resource], operation: ops.map((op) => op.operation) } },
		});
	}

	// Text answers (the e-invoice XML) become binary data.
	for (const [resource, ops] of groupBy(FIC_OPERATIONS.filter((op) => op.response === 'text'), (op) => op.resource)) {
		properties.push({
			displayName: 'Put Output File in Field',
			name: 'outputBinaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			displayOptions: { show: { resource: [resource], operation: ops.map((op) => op.operation) } },
		});
	}

	return properties;
}
