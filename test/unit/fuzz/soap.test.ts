/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWsdl, readSoapReply, SoapError } from '../../../lib/soap';
import { MagoDocumentError, MagoError, readDocuments, readGetDataReply, readLoginCompactReply, readProfile, readSetDataReply, readXmlGetParametersReply } from '../../../lib/mago4';
import { parseRoutineResult, readQueryReply, readRunReply } from '../../../lib/zucchetti';
import { hasSpec, specPath } from '../../helpers/specs';

/**
 * Hostile input for every reader of what a SOAP server (or a file) hands us: mutations of the
 * vendor WSDLs, MagicLink samples and profiles and of real-shaped replies, plus random bytes.
 * The contract: each reader returns, or throws one of our own error classes with a message;
 * never a TypeError, a RangeError, a stack overflow or the XML parser's own error.
 * Seed and run count: SOAP_FUZZ_SEED, SOAP_FUZZ_RUNS.
 */
const SEED = Number(process.env.SOAP_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.SOAP_FUZZ_RUNS ?? 250);
const OURS = [SoapError, MagoError, MagoDocumentError];

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const wrap = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ENV}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const spec = (...p: string[]) => (hasSpec(...p) ? fs.readFileSync(specPath(...p), 'utf8') : undefined);
const sampleDir = specPath('mago4/magiclink-samples');
const samples = fs.existsSync(sampleDir) ? fs.readdirSync(sampleDir).filter((f) => f.endsWith('.xml')).map((f) => fs.readFileSync(path.join(sampleDir, f), 'utf8')) : [];
const PROFILE = 'mago4/magiclink-profiles-example/Applications/ERP/Accounting/ModuleObjects/PurchaseDocJE/ExportProfiles/AllUsers/Basic';

const REPLIES = [
	wrap('<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; x</faultstring><detail><e>1</e></detail></soap:Fault>'),
	`<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>m:X</e:Value></e:Subcode></e:Code><e:Reason><e:Text xml:lang="en">Bad</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>`,
	wrap('<LoginCompactResponse xmlns="http://microarea.it/LoginManager/"><LoginCompactResult>0</LoginCompactResult><userName>u</userName><companyName>c</companyName><authenticationToken>T-1</authenticationToken></LoginCompactResponse>'),
	wrap(`<GetDataResponse xmlns="http://microarea.it/TbServices/"><GetDataResult><string>${esc(samples[0] ?? '<x/>')}</string><string xsi:nil="true"/></GetDataResult></GetDataResponse>`),
	wrap('<SetDataResponse xmlns="http://microarea.it/TbServices/"><SetDataResult>false</SetDataResult><result>&lt;Diagnostic&gt;&lt;Error&gt;no&lt;/Error&gt;&lt;/Diagnostic&gt;</result></SetDataResponse>'),
	wrap('<XmlGetParametersResponse xmlns="http://microarea.it/TbServices/"><XmlGetParametersResult>&lt;p/&gt;</XmlGetParametersResult></XmlGetParametersResponse>'),
	wrap('<ns2:q_TabularQueryResponse xmlns:ns2="http://q.ws.localhost/"><return><Records><item><A>1</A><B xsi:nil="true"/></item><item><A>&amp;</A></item></Records></return></ns2:q_TabularQueryResponse>'),
	wrap('<ns2:r_RunResponse xmlns:ns2="http://r.ws.localhost/"><return>{"okexp":"S"}</return></ns2:r_RunResponse>'),
];

const SNIPPETS = ['<', '>', '&', '&amp;', '&#0;', '&#x110000;', '&xxe;', '"', "'", '=', '/', ':', ']]>', '<![CDATA[', '<!--', '-->', '<!DOCTYPE x [<!ENTITY a "b">]>', '<?xml version="1.0"?>', 'xmlns:soap="x"', 'xmlns=""', ' xsi:nil="true"', '<soap:Fault>', '</soap:Body>', '<a>', '</a>', '\u0000', '\uD800', '\uFFFF', 'é', '\r\n', ' '];

/** A small edit: delete, duplicate or move a slice, insert a snippet, truncate. Deterministic from the numbers drawn. */
const mutation = fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'insert', 'truncate', 'swap', 'repeat'), at: fc.nat(), len: fc.nat(400), snippet: fc.constantFrom(...SNIPPETS), times: fc.integer({ min: 1, max: 50 }) });
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(base: string, ms: Mutation[]): string {
	let s = base;
	for (const m of ms) {
		const at = s.length === 0 ? 0 : m.at % s.length;
		const end = Math.min(s.length, at + m.len);
		switch (m.kind) {
			case 'delete': s = s.slice(0, at) + s.slice(end); break;
			case 'duplicate': s = s.slice(0, end) + s.slice(at, end) + s.slice(end); break;
			case 'insert': s = s.slice(0, at) + m.snippet + s.slice(at); break;
			case 'truncate': s = s.slice(0, at); break;
			case 'swap': s = s.slice(end) + s.slice(at, end) + s.slice(0, at); break;
			case 'repeat': s = s.slice(0, at) + m.snippet.repeat(m.times) + s.slice(at); break;
		}
	}
	return s;
}

function onlyOurErrors(name: string, fn: () => unknown): void {
	try {
		fn();
	} catch (e) {
		if (OURS.some((k) => e instanceof k) && typeof (e as Error).message === 'string' && (e as Error).message.length > 0) return;
		throw new Error(`${name} let a foreign error escape: ${(e as Error)?.name}: ${(e as Error)?.message}`);
	}
}

const READERS: Array<[string, (x: string | Uint8Array) => unknown]> = [
	['readSoapReply', (x) => readSoapReply(x, { operation: 'Op' })],
	['readLoginCompactReply', readLoginCompactReply],
	['readGetDataReply', (x) => readGetDataReply(x).map((d) => readDocuments(d))],
	['readSetDataReply', readSetDataReply],
	['readXmlGetParametersReply', readXmlGetParametersReply],
	['readQueryReply', (x) => readQueryReply(x, 'q_TabularQuery')],
	['readRunReply', (x) => parseRoutineResult(readRunReply(x, 'r_Run'))],
];

const timings: string[] = [];
afterAll(() => console.log(`SOAP fuzz (seed ${SEED}): ${timings.join('; ')}`));

function run(name: string, bases: string[], readers: Array<[string, (x: string | Uint8Array) => unknown]>, runs = RUNS): void {
	const t0 = Date.now();
	const inputs = fc.sample(fc.tuple(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 })), { seed: SEED, numRuns: runs });
	for (const [b, ms] of inputs) {
		const input = mutate(bases[b], ms);
		for (const [reader, fn] of readers) onlyOurErrors(reader, () => fn(input));
	}
	timings.push(`${name}: ${inputs.length} inputs x ${readers.length} readers in ${Date.now() - t0} ms`);
}

describe('hostile input: only our own errors escape', () => {
	it('the harness itself fails on a foreign error (so a pass means something)', () => {
		expect(() => onlyOurErrors('reader', () => { throw new TypeError('boom'); })).toThrow('reader let a foreign error escape: TypeError: boom');
		expect(() => onlyOurErrors('reader', () => { throw new MagoError('LoginCompact', 13); })).not.toThrow();
	});

	it('mutated SOAP replies and faults, into every reply reader', () => {
		run('replies', REPLIES, READERS);
	});

	it('random bytes and random text, into every reply reader and the WSDL reader', () => {
		const t0 = Date.now();
		const inputs = fc.sample(fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.string({ maxLength: 600 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), { seed: SEED, numRuns: RUNS });
		for (const input of inputs) {
			for (const [reader, fn] of READERS) onlyOurErrors(reader, () => fn(input));
			onlyOurErrors('parseWsdl', () => parseWsdl(input));
			onlyOurErrors('readDocuments', () => readDocuments(input));
		}
		timings.push(`random: ${inputs.length} inputs in ${Date.now() - t0} ms`);
	});

	(hasSpec('mago4/wsdl') ? it : it.skip)('mutated vendor WSDLs, into the WSDL reader (and every operation looked up)', () => {
		const wsdls = [spec('mago4/wsdl/TbServices.wsdl')!, spec('mago4/wsdl/EasyLookService.wsdl')!];
		const read = (x: string | Uint8Array) => {
			const w = parseWsdl(x);
			for (const op of w.operations) w.operation(op.name);
			return w;
		};
		run('WSDLs', wsdls, [['parseWsdl', read]], Math.ceil(RUNS / 3));
		// the 265 kB LoginManager WSDL: fewer runs, it is the slow one
		run('LoginManager.wsdl', [spec('mago4/wsdl/LoginManager.wsdl')!], [['parseWsdl', read]], 25);
	});

	(samples.length > 0 && hasSpec(PROFILE) ? it : it.skip)('mutated MagicLink samples and profiles, into the document and profile readers', () => {
		run('MagicLink samples', samples, [['readDocuments', (x) => readDocuments(x)]]);
		const fields = spec(PROFILE, 'Field.xml')!;
		const refs = spec(PROFILE, 'ExternalReferences.xml')!;
		run('profiles', [fields, refs], [
			['readProfile(fields)', (x) => readProfile({ fields: x })],
			['readProfile(externalReferences)', (x) => readProfile({ fields, externalReferences: x })],
			['readProfile(document)', (x) => readProfile({ fields, document: x })],
		]);
	});

	it('routine results: any text is read as JSON, CSV or text, never an error', () => {
		const inputs = fc.sample(fc.oneof(fc.string({ maxLength: 400 }), fc.array(fc.array(fc.constantFrom('a', '1', '"', ';', ',', '\t', '|', '\n', ' ', '""'), { maxLength: 12 }).map((cells) => cells.join('')), { maxLength: 8 }).map((l) => l.join('\n'))), { seed: SEED, numRuns: RUNS * 2 });
		for (const s of inputs) expect(['json', 'csv', 'text']).toContain(parseRoutineResult(s).format);
	});
});

if (process.env.CI && (!hasSpec('mago4/wsdl') || samples.length === 0)) {
	it('has the vendor WSDLs and MagicLink samples it mutates', () => {
		throw new Error('SOAP fuzz: needs ../shared/specs/mago4 (wsdl, magiclink-samples), which is missing');
	});
}
