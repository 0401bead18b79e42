/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';
import {
	checkMarkerUnused,
	planCreateLookup,
	readTseAnswer,
	readWarning,
	recoverCreate,
	resubmitWithForce,
	TeamSystemInputError,
	TeamSystemResponseError,
	webApiRequest,
} from '../../../lib/teamsystem';
import { describeWithSpec } from '../../helpers/specs';
import { researchNotes, TSE_FACTS_FILE, tseFacts } from './facts';

const create = () => webApiRequest({ baseUrl: 'https://apiacme01.teamsystem.io', scope: 'webapi_admin', company: 1000, module: 'MG', resource: 'Documento', operation: 'create', body: { sezdoc: '00' } });

describeWithSpec(TSE_FACTS_FILE, 'warningCode: "resubmit with force", only when the user accepted the code', () => {
	test('the facts name the flag: re-submit with &force=<codes>', () => {
		expect(tseFacts().TSE_in_Cloud_WebAPI.operations.find((o: any) => o.method === 'POST' && o.path.endsWith('{resource}?company=')).purpose).toMatch(/re-submit with &force=<codes>/);
		const notes = researchNotes();
		if (notes) expect(notes).toContain('&force=97788');
	});

	test('an answer with a warningCode needs force, with the server text', () => {
		const reading = readWarning({ warningCode: 97788, message: 'Cliente con fido superato' });
		expect(reading).toMatchObject({ kind: 'needs-force', warnings: [{ code: '97788', text: 'Cliente con fido superato' }] });
		expect(reading.kind === 'needs-force' && reading.message).toContain('97788 (Cliente con fido superato)');
	});

	test('an accepted code rebuilds the same request with &force=<code>; nothing else changes', () => {
		const req = create();
		const reading = readWarning({ warningCode: '97788' });
		if (reading.kind !== 'needs-force') throw new Error('expected a warning');
		const decision = resubmitWithForce(req, reading, ['97788']);
		expect(decision.kind).toBe('resubmit');
		if (decision.kind !== 'resubmit') return;
		expect(decision.request.url).toBe('https://apiacme01.teamsystem.io/api/v1/webapi_admin/MG/Documento?company=1000&force=97788');
		expect({ ...decision.request, url: '' }).toEqual({ ...req, url: '' });
	});

	test('never automatic: without the code among the accepted ones it is refused with the codes to accept', () => {
		const reading = readWarning({ warnings: [{ warningCode: '1', warningMessage: 'a' }, { warningCode: '2' }] });
		if (reading.kind !== 'needs-force') throw new Error('expected a warning');
		expect(resubmitWithForce(create(), reading, [])).toMatchObject({ kind: 'refused', missing: ['1', '2'] });
		expect(resubmitWithForce(create(), reading, ['1'])).toMatchObject({ kind: 'refused', missing: ['2'] });
	});

	test('a second warning after a forced resubmit adds to the force list', () => {
		const first = resubmitWithForce(create(), readWarning({ warningCode: '1' }) as any, ['1', '2']);
		if (first.kind !== 'resubmit') throw new Error('expected resubmit');
		const second = resubmitWithForce(first.request, readWarning({ warningCode: '2' }) as any, ['1', '2']);
		expect(second.kind === 'resubmit' && second.request.url).toMatch(/&force=1,2$/);
	});

	test('an answer without warningCode is not a warning; reading a hostile answer is bounded', () => {
		expect(readWarning({ id: 5, righe: [] })).toEqual({ kind: 'none' });
		expect(readWarning(null)).toEqual({ kind: 'none' });
		let deep: any = { warningCode: 'X' };
		for (let i = 0; i < 10_000; i++) deep = { next: deep };
		expect(readWarning(deep)).toEqual({ kind: 'none' });
		const wide = Array.from({ length: 50_000 }, () => ({ a: 1 }));
		expect(readWarning(wide).kind).toBe('none');
	});
});

describe('JSON or XML answers', () => {
	test('JSON text and objects are read as JSON', () => {
		expect(readTseAnswer('{"id":1}', 'application/json')).toEqual({ format: 'json', data: { id: 1 } });
		expect(readTseAnswer({ id: 1 })).toEqual({ format: 'json', data: { id: 1 } });
	});
	test('XML is read with the safe parser into plain JSON: repeated elements become a list, attributes @name', () => {
		const xml = '<?xml version="1.0"?><DocumentoDTO xmlns="urn:x"><sezdoc>00</sezdoc><righe progr="1"><descart>A &amp; B</descart></righe><righe progr="2"><descart>C</descart></righe></DocumentoDTO>';
		expect(readTseAnswer(xml, 'application/xml').data).toEqual({
			DocumentoDTO: { sezdoc: '00', righe: [{ '@progr': '1', descart: 'A & B' }, { '@progr': '2', descart: 'C' }] },
		});
	});
	test('an element named __proto__ stays an ordinary key', () => {
		const data = readTseAnswer('<a><__proto__>x</__proto__></a>', 'text/xml').data as any;
		expect(Object.getPrototypeOf(data.a)).toBe(Object.prototype);
		expect(Object.keys(data.a)).toEqual(['__proto__']);
	});
	test('a DOCTYPE, an entity bomb or broken text is a clear TeamSystemResponseError', () => {
		expect(() => readTseAnswer('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'application/xml')).toThrow(TeamSystemResponseError);
		expect(() => readTseAnswer('<a><b></a>', 'application/xml')).toThrow('cannot be read safely');
		expect(() => readTseAnswer('oops', 'application/json')).toThrow('neither JSON nor XML');
		expect(() => readTseAnswer('x'.repeat(100), '', 10)).toThrow('more than 10 bytes');
	});
	test('fuzz: any text gives data or a TeamSystemResponseError, nothing else', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string().map((s) => `<a>${s}</a>`), fc.string().map((s) => `{"a":${s}}`)), fc.constantFrom('', 'application/xml', 'application/json'), (text, type) => {
				try {
					readTseAnswer(text, type);
				} catch (e) {
					expect(e).toBeInstanceOf(TeamSystemResponseError);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});

describeWithSpec(TSE_FACTS_FILE, 'create write safety: no blind re-send', () => {
	const example = () => JSON.parse(JSON.stringify(tseFacts().TSE_in_Cloud_WebAPI.documentDtoExample));

	test('without a marker the plan says the create may have been applied and where to look, from the document itself', () => {
		const plan = planCreateLookup({ module: 'MG', resource: 'Documento', company: 1000, body: example() });
		expect(plan.kind).toBe('cannot-tell');
		const message = plan.kind === 'cannot-tell' ? plan.message : '';
		expect(message).toMatch(/may have been applied/);
		expect(message).toContain('check the MG Documento list of company 1000');
		expect(message).toContain('type "C-DDT"');
		expect(message).toContain('customer/supplier 1');
		expect(message).toContain('1 rows');
		expect(recoverCreate(plan, [example()])).toEqual(plan);
	});

	test('with a marker unused before the first attempt, the one record holding it afterwards is ours', () => {
		const body = { ...example(), riferimentoEsterno: 'n8n-exec-77-item-0' };
		const plan = planCreateLookup({ module: 'MG', resource: 'Documento', company: 1000, body, marker: { field: 'riferimentoEsterno', value: 'n8n-exec-77-item-0' } });
		if (plan.kind !== 'by-marker') throw new Error('expected a marker plan');
		const older = { ...example(), riferimentoEsterno: 'n8n-exec-76-item-0' };
		expect(() => checkMarkerUnused(plan, [older])).not.toThrow();
		expect(recoverCreate(plan, [older, { ...body, numdoc: 12 }])).toEqual({ kind: 'created', record: { ...body, numdoc: 12 } });
		expect(recoverCreate(plan, [older])).toEqual({ kind: 'not-applied' });
		expect(recoverCreate(plan, [body, body]).kind).toBe('cannot-tell');
	});

	test('an identical older record never passes for the new one: a marker already used is refused before sending', () => {
		const body = { ...example(), riferimentoEsterno: 'ORD-1' };
		const plan = planCreateLookup({ module: 'MG', resource: 'Documento', company: 1000, body, marker: { field: 'riferimentoEsterno', value: 'ORD-1' } });
		if (plan.kind !== 'by-marker') throw new Error('expected a marker plan');
		expect(() => checkMarkerUnused(plan, [body])).toThrow(TeamSystemInputError);
		expect(() => checkMarkerUnused(plan, [body])).toThrow(/already hold riferimentoEsterno = "ORD-1"/);
	});

	test('a marker must be in the body it marks', () => {
		expect(() => planCreateLookup({ module: 'MG', resource: 'Documento', company: 1000, body: example(), marker: { field: 'riferimentoEsterno', value: 'X' } })).toThrow('marker.field');
		expect(() => planCreateLookup({ module: 'MG', resource: 'Documento', company: 1000, body: example(), marker: { field: 'a..b', value: 'X' } })).toThrow('marker.field');
		expect(() => planCreateLookup({ module: 'MG', resource: 'Documento', company: 1000, body: example(), marker: { field: 'sezdoc', value: ' ' } })).toThrow('marker.value');
	});
});

describe('small readers', () => {
	test('the force list keeps the other query parameters exactly as written', () => {
		const req = webApiRequest({ baseUrl: 'https://apiacme01.teamsystem.io', scope: 'webapi_admin', company: 1000, module: 'MG', resource: 'Documento', operation: 'create', body: {}, user: 'mario rossi' });
		const decision = resubmitWithForce(req, readWarning({ warningCode: 5 }) as any, [5]);
		expect(decision.kind === 'resubmit' && decision.request.url).toBe('https://apiacme01.teamsystem.io/api/v1/webapi_admin/MG/Documento?company=1000&user=mario%20rossi&force=5');
	});
	test('text beside child elements is kept under #text', () => {
		expect(readTseAnswer('<a>note<b>1</b></a>').data).toEqual({ a: { b: '1', '#text': 'note' } });
	});
});
