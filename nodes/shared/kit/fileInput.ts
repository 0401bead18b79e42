/**
 * The one reader of an input file, wherever it comes from: a binary property of the item, text
 * in a field (XML, CSV), base64 text, or a URL the node downloads. Every refusal names the field
 * and says what was expected, with the same words in every node. Parameter names are each node's
 * own (saved workflows keep theirs); `fileInputProperties` gives the fields for a new node.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type FileSource = 'binary' | 'text' | 'base64' | 'url';

export interface FileInputNames {
	/** The Input dropdown; its values are mapped by `values` (default: the FileSource names). */
	source: string;
	binaryProperty?: string;
	text?: string;
	base64?: string;
	url?: string;
	/** The node's values of the Input dropdown, when they differ ("xml" for text). */
	values?: Partial<Record<string, FileSource>>;
}

export interface FileInputOptions {
	/** What the file should be, for messages: "an XML or .p7m file", "a CSV file". */
	expected: string;
	/** Largest file accepted from a URL, in bytes (default 50 MB). */
	maxBytes?: number;
}

export interface InputFile {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
	/** Where it came from, for messages and output. */
	source: FileSource;
}

const LABELS = { binaryProperty: 'Input Binary Field', text: 'Text', base64: 'Base64 Data', url: 'File URL' };

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, ...(description ? { description } : {}) });
}

export async function readFileInput(ctx: IExecuteFunctions, itemIndex: number, names: FileInputNames, options: FileInputOptions): Promise<InputFile> {
	const raw = String(ctx.getNodeParameter(names.source, itemIndex, 'binary') ?? '');
	const source = names.values?.[raw] ?? (raw as FileSource);
	if (source === 'binary') {
		const name = names.binaryProperty ?? 'binaryPropertyName';
		const property = String(ctx.getNodeParameter(name, itemIndex, 'data') ?? '').trim();
		if (!property) fail(ctx, itemIndex, `${LABELS.binaryProperty}: give the name of the binary property holding the file, e.g. data`);
		const item = ctx.getInputData()[itemIndex];
		if (!item?.binary?.[property]) {
			const present = Object.keys(item?.binary ?? {});
			fail(
				ctx,
				itemIndex,
				`${LABELS.binaryProperty}: the item has no binary property "${property}"; expected ${options.expected}`,
				present.length ? `Binary properties of this item: ${present.join(', ')}` : 'This item has no binary data: read the file first (e.g. Read/Write Files from Disk, HTTP Request with Response Format File).',
			);
		}
		const binary = ctx.helpers.assertBinaryData(itemIndex, property);
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		if (data.length === 0) fail(ctx, itemIndex, `${LABELS.binaryProperty}: the file in "${property}" is empty; expected ${options.expected}`);
		return { data, fileName: binary.fileName, mimeType: binary.mimeType, source };
	}
	if (source === 'text') {
		const text = ctx.getNodeParameter(names.text ?? 'text', itemIndex, '') as unknown;
		if (typeof text !== 'string' || text.trim() === '') {
			fail(ctx, itemIndex, `${LABELS.text}: expected ${options.expected} as text, got ${typeof text === 'string' ? 'an empty value' : typeof text}`);
		}
		return { data: Buffer.from(text, 'utf8'), source };
	}
	if (source === 'base64') {
		const text = String(ctx.getNodeParameter(names.base64 ?? 'base64Data', itemIndex, '') ?? '').replace(/\s+/g, '');
		if (!text) fail(ctx, itemIndex, `${LABELS.base64}: expected ${options.expected} as base64 text, got an empty value`);
		if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) fail(ctx, itemIndex, `${LABELS.base64}: expected base64 text (A-Z, a-z, 0-9, +, /, =), got characters outside it`);
		const data = Buffer.from(text, 'base64');
		if (!data.length) fail(ctx, itemIndex, `${LABELS.base64}: the text decodes to nothing; expected ${options.expected}`);
		return { data, source };
	}
	if (source === 'url') {
		const url = String(ctx.getNodeParameter(names.url ?? 'fileUrl', itemIndex, '') ?? '').trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !/^https?:$/.test(parsed.protocol)) fail(ctx, itemIndex, `${LABELS.url}: expected an http(s) URL of ${options.expected}, got "${url.slice(0, 120)}"`);
		const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
		let response: { body: unknown; headers: Record<string, unknown> };
		try {
			response = (await ctx.helpers.httpRequest({ method: 'GET', url, encoding: 'arraybuffer', returnFullResponse: true, timeout: 60_000 })) as typeof response;
		} catch (error) {
			fail(ctx, itemIndex, `${LABELS.url}: the file could not be downloaded from ${parsed.host}: ${(error as Error).message}`);
		}
		const body = response.body;
		const data = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(String(body ?? ''), 'utf8');
		if (!data.length) fail(ctx, itemIndex, `${LABELS.url}: ${parsed.host} sent an empty file; expected ${options.expected}`);
		if (data.length > maxBytes) fail(ctx, itemIndex, `${LABELS.url}: the file is ${data.length} bytes, more than the ${maxBytes} accepted`);
		const fileName = decodeURIComponent(parsed.pathname.split('/').pop() || '') || undefined;
		const type = response.headers?.['content-type'];
		return { data, fileName, mimeType: typeof type === 'string' ? type.split(';')[0] : undefined, source };
	}
	return fail(ctx, itemIndex, `Input: expected one of Binary File, Text, Base64 or URL, got "${raw}"`);
}

/**
 * The fields of a new node's file input: Input (Binary File / Text / Base64 / URL, each optional)
 * and the field of the chosen source. `show` is the displayOptions.show of the operations using it.
 */
export function fileInputProperties(opts: { sources: FileSource[]; expected: string; textLabel?: string; show?: Record<string, string[]> }): INodeProperties[] {
	const show = opts.show ?? {};
	const labels: Record<FileSource, { name: string; description: string }> = {
		base64: { name: 'Base64 Text', description: `${opts.expected} as base64 text, e.g. from a JSON field` },
		binary: { name: 'Binary File', description: `${opts.expected} in a binary property of the item` },
		text: { name: opts.textLabel ?? 'Text', description: `${opts.expected} as text, e.g. from an expression` },
		url: { name: 'URL', description: `${opts.expected} downloaded from an http(s) address` },
	};
	const input: INodeProperties = {
		displayName: 'Input',
		name: 'inputSource',
		type: 'options',
		default: '',
		...(Object.keys(show).length ? { displayOptions: { show } } : {}),
		options: [...opts.sources].sort((a, b) => labels[a].name.localeCompare(labels[b].name)).map((value) => ({ ...labels[value], value })),
	};
	// the first source the node lists is the default
	input.default = opts.sources[0];
	const properties: INodeProperties[] = [input];
	if (opts.sources.includes('binary')) {
		properties.push({ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description: 'Name of the binary property holding the file', displayOptions: { show: { ...show, inputSource: ['binary'] } } });
	}
	if (opts.sources.includes('text')) {
		properties.push({ displayName: opts.textLabel ?? 'Text', name: 'text', type: 'string', typeOptions: { rows: 6 }, default: '', required: true, displayOptions: { show: { ...show, inputSource: ['text'] } } });
	}
	if (opts.sources.includes('base64')) {
		properties.push({ displayName: 'Base64 Data', name: 'base64Data', type: 'string', default: '', required: true, displayOptions: { show: { ...show, inputSource: ['base64'] } } });
	}
	if (opts.sources.includes('url')) {
		properties.push({ displayName: 'File URL', name: 'fileUrl', type: 'string', default: '', required: true, placeholder: 'https://example.com/export.xml', displayOptions: { show: { ...show, inputSource: ['url'] } } });
	}
	return properties;
}
