/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';
import * as fs from 'node:fs';
import {
	nextSmartPage,
	resourcePath,
	searchBody,
	smartRecords,
	tseResource,
	smartFilter,
	smartServicesUrl,
	SMART_OPERATORS,
	TeamSystemInputError,
	TSE_MODULES,
	TSE_RESOURCES,
	TSE_UNNAMED_RESOURCES,
	webApiRequest,
} from '../../../lib/teamsystem';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { TSE_FACTS_FILE, tseFacts } from './facts';

const base = 'https://apiacme01.teamsystem.io';
const target = { baseUrl: base, scope: 'webapi_admin', company: 2 };

function fieldOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		if (e instanceof TeamSystemInputError) return e.field;
		throw e;
	}
	throw new Error('no error');
}

describeWithSpec(TSE_FACTS_FILE, 'TSE WebAPI paths follow the documented pattern', () => {
	const facts = tseFacts().TSE_in_Cloud_WebAPI;

	test('the documented examples are rebuilt exactly (customer search, document create)', () => {
		const examples = facts.operations.filter((o: any) => !o.path.includes('{module}')) as { method: string; path: string }[];
		expect(examples.length).toBeGreaterThanOrEqual(2);
		for (const ex of examples) {
			const m = /^\/api\/v1\/\{scope\}\/([^/]+)\/([^/?]+)(\/search)?\?company=(\d+)$/.exec(ex.path)!;
			expect(m).not.toBeNull();
			const req = webApiRequest({ ...target, module: m[1], resource: m[2], company: m[4], operation: m[3] ? 'search' : 'create', body: {} });
			expect(req.method).toBe(ex.method);
			expect(req.url).toBe(base + ex.path.replace('{scope}', 'webapi_admin'));
		}
	});

	test('get, update and delete address /{id}, with the method of the CRUD pages', () => {
		const byKey = facts.operations.find((o: any) => o.method === 'GET');
		expect(byKey.path).toBe('/api/v1/{scope}/{module}/{resource}/{id}?company=');
		expect(webApiRequest({ ...target, module: 'CO', resource: 'CustomerSupplierCo', operation: 'get', id: 42 })).toEqual({
			method: 'GET',
			url: `${base}/api/v1/webapi_admin/CO/CustomerSupplierCo/42?company=2`,
			headers: { Accept: 'application/json' },
		});
		const writes = facts.operations.find((o: any) => o.method.includes('PUT')).method.split('/');
		expect(writes).toEqual(expect.arrayContaining(['PUT', 'PATCH', 'DELETE']));
		expect(webApiRequest({ ...target, module: 'CO', resource: 'CustomerSupplierCo', operation: 'update', id: 42, body: { a: 1 } }).method).toBe('PUT');
		expect(webApiRequest({ ...target, module: 'CO', resource: 'CustomerSupplierCo', operation: 'update', id: 42, body: { a: 1 }, patch: true }).method).toBe('PATCH');
		expect(webApiRequest({ ...target, module: 'CO', resource: 'CustomerSupplierCo', operation: 'delete', id: 42 }).method).toBe('DELETE');
	});

	test('user and force are the documented query parameters; force is comma-separated', () => {
		expect(facts.urlPattern).toContain('&user=');
		expect(facts.urlPattern).toContain('&force=warnCode1,warnCode2');
		const req = webApiRequest({ ...target, module: 'MG', resource: 'Documento', operation: 'create', body: {}, user: 'mario.rossi', force: ['97788', 12] });
		expect(req.url).toBe(`${base}/api/v1/webapi_admin/MG/Documento?company=2&user=mario.rossi&force=97788,12`);
	});

	test('JSON by default, XML on request', () => {
		expect(facts.formats).toMatch(/JSON default, XML available/);
		expect(webApiRequest({ ...target, module: 'CO', resource: 'CustomerSupplierCo', operation: 'search' }).headers.Accept).toBe('application/json');
		expect(webApiRequest({ ...target, module: 'CO', resource: 'CustomerSupplierCo', operation: 'search', format: 'xml' }).headers.Accept).toBe('application/xml');
	});

	test('the named resources are exactly the module/resource pairs of the documented examples', () => {
		const paths = facts.operations.map((o: any) => o.path).join(' ');
		for (const r of TSE_RESOURCES) {
			expect(paths).toContain(`/${r.module}/${r.resource}`);
			expect(Object.keys(facts.modules)).toContain(r.module);
			expect(r.source.kind).toBe('vendor-docs');
			// the page named as the source is one SOURCE.md lists
			const page = /(\/docs\/[a-z0-9/-]+)/.exec(r.source.where)![1];
			expect(fs.readFileSync(specPath('teamsystem', 'SOURCE.md'), 'utf8')).toContain(page);
		}
		expect(Object.keys(TSE_MODULES).sort()).toEqual(Object.keys(facts.modules).sort());
		expect(TSE_UNNAMED_RESOURCES.map((r) => r.key)).toContain('items');
	});

	test('Smart Services: the documented example URL is rebuilt exactly', () => {
		const smart = tseFacts().TSE_Smart_Services;
		const url = smartServicesUrl({
			product: 'tse10',
			company: 1,
			module: 'document',
			resources: 'orders',
			fields: ['document-id', 'registry-date', 'document-number', 'document-date'],
			pageCount: 5,
			pagePosition: 0,
			orderBy: ['document-number'],
			user: 'admin',
		});
		expect(`GET ${url}`).toBe(smart.example);
		expect(smart.baseUrl).toBe('https://tse.smart-api.teamsystem.cloud/api/{product}/v1/company/{company}/{module}/{resources}');
	});

	test('Smart Services: the filter operators are the documented ones', () => {
		const documented = /with ([a-z, ]+);/.exec(tseFacts().TSE_Smart_Services.filtering)![1].split(',').map((s: string) => s.trim());
		expect([...SMART_OPERATORS].sort()).toEqual(documented.sort());
	});
});

describe('TSE WebAPI paths: a missing or unsafe segment is an error naming it', () => {
	const ok = { scope: 'webapi_admin', module: 'CO', resource: 'CustomerSupplierCo' };
	test.each([
		[{ ...ok, scope: '' }, 'scope'],
		[{ ...ok, scope: '  ' }, 'scope'],
		[{ ...ok, module: undefined as any }, 'module'],
		[{ ...ok, module: 'CO/../MG' }, 'module'],
		[{ ...ok, resource: '..' }, 'resource'],
		[{ ...ok, resource: 'Customer?x=1' }, 'resource'],
		[{ ...ok, id: '' }, 'id'],
		[{ ...ok, id: '..' }, 'id'],
		[{ ...ok, id: 'a\u0000b' }, 'id'],
		[{ ...ok, id: 1.5 }, 'id'],
	])('%j -> %s', (t, field) => {
		expect(fieldOf(() => resourcePath(t))).toBe(field);
	});

	test('a key is percent-encoded, so it stays one segment', () => {
		expect(resourcePath({ ...ok, id: 'A/B C#1' })).toBe('/api/v1/webapi_admin/CO/CustomerSupplierCo/A%2FB%20C%231');
	});

	test('operations check what they need', () => {
		const t = { ...target, module: 'CO', resource: 'CustomerSupplierCo' };
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'get' }))).toBe('id');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'create', id: 3, body: {} }))).toBe('id');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'create' }))).toBe('body');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'update', id: 1, body: [] as any }))).toBe('body');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'purge' as any }))).toBe('operation');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'search', company: '' }))).toBe('company');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'search', force: ['1'] }))).toBe('force');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'create', body: {}, force: ['1,2'] }))).toBe('force[0]');
		expect(fieldOf(() => webApiRequest({ ...t, operation: 'search', format: 'csv' as any }))).toBe('format');
	});

	test('property: any segments give either a named error or a path of six non-empty, non-dot segments', () => {
		const part = fc.oneof(fc.string(), fc.constantFrom('', '.', '..', 'CO', 'a/b', '%2e%2e', ' x '));
		fc.assert(
			fc.property(part, part, part, fc.option(part), (scope, module, resource, id) => {
				let path: string;
				try {
					path = resourcePath({ scope, module, resource, ...(id === null ? {} : { id }) });
				} catch (e) {
					expect(e).toBeInstanceOf(TeamSystemInputError);
					return;
				}
				const segments = path.split('/').slice(1);
				expect(segments.length).toBe(id === null ? 5 : 6);
				for (const s of segments) {
					expect(s).not.toBe('');
					expect(decodeURIComponent(s)).not.toMatch(/^\.\.?$/);
					expect(s).not.toContain('?');
				}
			}),
			{ numRuns: 500 },
		);
	});
});

describe('search filters and paging', () => {
	test('the WebAPI search body is the given filter object, also from JSON text', () => {
		expect(searchBody({ ragioneSociale: 'Beta' })).toEqual({ ragioneSociale: 'Beta' });
		expect(searchBody('{"a":1}')).toEqual({ a: 1 });
		expect(searchBody(undefined)).toEqual({});
		expect(fieldOf(() => searchBody('not json'))).toBe('filter');
		expect(fieldOf(() => searchBody([1]))).toBe('filter');
	});
	test('a Smart Services filter quotes text, doubles quotes, and joins conditions with and', () => {
		expect(smartFilter([{ field: 'document-number', operator: 'ge', value: 10 }, { field: 'customer-name', operator: 'eq', value: "D'Angelo" }])).toBe(
			"document-number ge 10 and customer-name eq 'D''Angelo'",
		);
		const url = smartServicesUrl({ product: 'tse10', company: 1, module: 'document', resources: 'orders', filter: [{ field: 'document-number', operator: 'eq', value: 'A&B' }] });
		expect(decodeURIComponent(new URL(url).search)).toBe("?$filter=document-number eq 'A&B'");
		expect(new URL(url).searchParams.get('$filter')).toBe("document-number eq 'A&B'");
	});
	test('bad filters name the condition', () => {
		expect(fieldOf(() => smartFilter([{ field: 'x', operator: 'like' as any, value: 1 }]))).toBe('filter[0].operator');
		expect(fieldOf(() => smartFilter([{ field: 'x y', operator: 'eq', value: 1 }]))).toBe('filter[0].field');
		expect(fieldOf(() => smartFilter([{ field: 'x', operator: 'eq', value: {} as any }]))).toBe('filter[0].value');
		expect(fieldOf(() => smartServicesUrl({ product: 'tse10', company: 1, module: 'document', resources: 'orders', pageCount: 0 }))).toBe('pageCount');
		expect(fieldOf(() => smartServicesUrl({ product: '', company: 1, module: 'document', resources: 'orders' }))).toBe('product');
	});
	test('a full page asks for the next one, a short page ends the list, and a runaway list is stopped', () => {
		expect(nextSmartPage({ pageCount: 5, pagePosition: 0 }, 5)).toBe(1);
		expect(nextSmartPage({ pageCount: 5, pagePosition: 3 }, 2)).toBeUndefined();
		expect(nextSmartPage({ pageCount: 5, pagePosition: 3 }, 0)).toBeUndefined();
		expect(fieldOf(() => nextSmartPage({ pageCount: 5, pagePosition: 9 }, 5, 10))).toBe('pagePosition');
	});
});

describe('Smart Services answers and the resource table', () => {
	test('records come as a list, or as the list under value/data/items/results; anything else is named', () => {
		expect(smartRecords([{ a: 1 }])).toEqual([{ a: 1 }]);
		expect(smartRecords({ value: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(() => smartRecords({ total: 3 })).toThrow('expected a list of records');
	});
	test('a named resource is found by key, an unknown key is not invented', () => {
		expect(tseResource('customersSuppliers')).toMatchObject({ module: 'CO', resource: 'CustomerSupplierCo' });
		expect(tseResource('items')).toBeUndefined();
	});
});
