/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';
import { parseXml, type XmlElement } from '../../../lib/xml';
import {
	checkKeyUnused,
	GET_DATA_REST,
	getDataRestRequest,
	magicLinkDataXml,
	magicLinkEnvelope,
	magicLinkParametersXml,
	MagoCloudError,
	MagoInputError,
	planMagicLinkCreateLookup,
	readGetDataRestAnswer,
	readMagicLinkXml,
	readSetDataRestAnswer,
	recoverMagicLinkCreate,
	setDataRestRequest,
} from '../../../lib/magocloud';
import { describeWithSpec } from '../../helpers/specs';
import { keys, MAGICLINK_SAMPLES, magicLinkSamples, MAGO_FACTS_FILE, magoFacts } from './facts';

/** An element tree without positions and blank text, to compare XML by content. */
function shape(el: XmlElement): unknown {
	return {
		name: el.local,
		ns: el.namespace,
		attributes: el.attributes.filter((a) => !a.name.startsWith('xmlns')).map((a) => `${a.local}=${a.value}`).sort(),
		text: el.children.length ? '' : el.text,
		children: el.children.map(shape),
	};
}

function locationOf(namespace: string): string {
	return namespace.split('/').slice(-2, -1)[0];
}

const call = { tbServerUrl: 'https://tb.mago.cloud/x/', token: 'jwt', keys, subscriptionKey: 'SUB-1', loginName: 'mario', applicationDate: new Date('2024-01-01T10:00:00Z') };

describeWithSpec(MAGICLINK_SAMPLES, 'MagicLink XML, checked against the Microarea samples', () => {
	test('the envelope (root, tbNamespace, profile, schema namespace) of every sample is rebuilt from tbNamespace and profile', () => {
		const samples = magicLinkSamples();
		expect(samples.length).toBeGreaterThanOrEqual(10);
		for (const s of samples) {
			const root = parseXml(s.xml).root;
			const tbNamespace = root.attributes.find((a) => a.local === 'tbNamespace')!.value;
			const profile = root.attributes.find((a) => a.local === 'xTechProfile')!.value;
			const e = magicLinkEnvelope({ tbNamespace, profile, profileLocation: locationOf(root.namespace) });
			expect({ file: s.name, root: e.root, ns: e.schemaNamespace }).toEqual({ file: s.name, root: root.local, ns: root.namespace });
		}
	});

	test('every data sample reads into master + slaves and is written back to the same XML content', () => {
		const data = magicLinkSamples().filter((s) => s.xml.includes('<maxs:Data>'));
		expect(data.length).toBeGreaterThanOrEqual(6);
		for (const s of data) {
			const doc = readMagicLinkXml(s.xml);
			expect(doc.data!.master.name).toBeTruthy();
			const written = magicLinkDataXml({ tbNamespace: doc.tbNamespace, profile: doc.profile, profileLocation: locationOf(doc.schemaNamespace) }, doc.data!);
			expect({ file: s.name, tree: shape(parseXml(written).root) }).toEqual({ file: s.name, tree: shape(parseXml(s.xml).root) });
		}
	});

	test('every search sample reads into its fields and is written back the same', () => {
		const searches = magicLinkSamples().filter((s) => s.xml.includes('<maxs:Parameters>'));
		expect(searches.length).toBeGreaterThanOrEqual(4);
		for (const s of searches) {
			const doc = readMagicLinkXml(s.xml);
			expect(Object.keys(doc.parameters!).length).toBeGreaterThan(0);
			const written = magicLinkParametersXml({ tbNamespace: doc.tbNamespace, profile: doc.profile, profileLocation: locationOf(doc.schemaNamespace) }, doc.parameters!);
			expect({ file: s.name, tree: shape(parseXml(written).root) }).toEqual({ file: s.name, tree: shape(parseXml(s.xml).root) });
		}
	});

	test('the Receivables sample: master AP_AR and its fields', () => {
		const doc = readMagicLinkXml(magicLinkSamples().find((s) => s.name === 'ReceivableSample.xml')!.xml);
		expect(doc.data!.master).toMatchObject({ name: 'AP_AR', fields: { CustSupp: '0001', DocNo: '000038', DocumentDate: '2021-12-15', TotalAmount: '244.00' } });
	});
});

describeWithSpec(MAGO_FACTS_FILE, 'MagicLink over REST', () => {
	const documented = () => magoFacts().B_magocloud_gateway.operations.find((o: any) => o.op === 'magicLink.getData');

	test('GetDataRest: documented URL, ns and args; the parameters travel base64-encoded', () => {
		const xml = magicLinkParametersXml({ tbNamespace: 'Document.ERP.Sales.Documents.Invoice', profile: 'DefaultLight' }, { DocNo: '000037' });
		const req = getDataRestRequest(call, xml);
		expect(req.url).toBe(documented().url.replace('{tbServerUrl}', 'https://tb.mago.cloud/x/'));
		expect(req.body!.ns).toBe(documented().json.ns);
		expect(GET_DATA_REST).toBe(documented().json.ns);
		expect(Object.keys(req.body!.args as object).sort()).toEqual(Object.keys(documented().json.args).sort());
		expect(Buffer.from((req.body!.args as any).param, 'base64').toString('utf8')).toBe(xml);
		for (const h of ['Authorization', 'Producer-Info', 'Snapshot', 'Server-Info']) expect(req.headers).toHaveProperty(h);
	});

	test('SetDataRest carries the data XML; its ns is the one the facts give by analogy', () => {
		const setData = magoFacts().B_magocloud_gateway.operations.find((o: any) => o.op === 'magicLink.setData');
		const xml = magicLinkDataXml({ tbNamespace: 'Document.ERP.Sales.Documents.Invoice', profile: 'DefaultLight' }, { master: { name: 'SaleDocument', fields: { CustSupp: '0001' } } });
		const req = setDataRestRequest(call, xml);
		expect(setData.json.ns.startsWith(req.body!.ns as string)).toBe(true);
		expect(Object.keys(req.body!.args as object).sort()).toEqual(Object.keys(setData.json.args).sort());
		expect(() => setDataRestRequest(call, '<x/>')).toThrow('data');
	});

	test('a GetDataRest answer is decoded from base64 and read safely', () => {
		const sample = magicLinkSamples().find((s) => s.name === 'ReceivableSample.xml')!.xml;
		const answer = { ...documented().response, result: [Buffer.from(sample).toString('base64')] };
		const [doc] = readGetDataRestAnswer(answer);
		expect(doc.data!.master.fields.DocNo).toBe('000038');
		expect(() => readGetDataRestAnswer({ success: true, result: ['%%%'] })).toThrow('not base64');
		expect(() => readGetDataRestAnswer({ success: true, result: [Buffer.from('<!DOCTYPE x><x/>').toString('base64')] })).toThrow('cannot be read safely');
		expect(() => readGetDataRestAnswer({ success: false, message: { text: 'Profile not found' } })).toThrow('Profile not found');
		expect(() => readGetDataRestAnswer({ success: true, retVal: false })).toThrow('retVal false');
	});

	test('a SetDataRest answer: saved, or the vendor failure', () => {
		expect(readSetDataRestAnswer({ success: true, retVal: true }).saved).toBe(true);
		expect(() => readSetDataRestAnswer({ success: true, retVal: false })).toThrow('did not save');
		expect(() => readSetDataRestAnswer({ Result: false, Message: 'Customer 0099 does not exist' })).toThrow('Customer 0099 does not exist');
	});
});

describe('MagicLink XML: bad input is named, values are escaped', () => {
	const target = { tbNamespace: 'Document.ERP.Sales.Documents.Invoice', profile: 'DefaultLight' };
	test('names and namespaces are checked', () => {
		expect(() => magicLinkEnvelope({ ...target, tbNamespace: 'ERP.Sales' })).toThrow('tbNamespace');
		expect(() => magicLinkEnvelope({ ...target, profile: '../x' })).toThrow('profile');
		expect(() => magicLinkDataXml(target, { master: { name: 'Sale Document', fields: {} } })).toThrow('master.name');
		expect(() => magicLinkDataXml(target, { master: { name: 'S', fields: { 'a<b': '1' } } })).toThrow(MagoInputError);
		expect(() => magicLinkDataXml(target, { master: { name: 'S', fields: {} }, slaves: [{ name: 'D', fields: {}, rows: [] }] })).toThrow('slaves[0]');
		expect(() => magicLinkParametersXml(target, {})).toThrow('parameters');
	});
	test('property: any text values survive a write and read unchanged', () => {
		const text = fc.string().filter((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/.test(s) && !s.includes('\r'));
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom('DocNo', 'Description', 'CustSupp', 'Notes'), text), (fields) => {
				const doc = readMagicLinkXml(magicLinkDataXml(target, { master: { name: 'SaleDocument', fields }, slaves: [{ name: 'Detail', rowName: 'DetailRow', rows: [fields] }] }));
				expect(doc.data!.master.fields).toEqual(fields);
				if (Object.keys(fields).length) expect(doc.data!.slaves![0].rows![0]).toEqual(fields);
			}),
			{ numRuns: 300 },
		);
	});
	test('fuzz: any bytes read as MagicLink give a document or a Mago error', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string().map((s) => `<maxs:X xmlns:maxs="u"><maxs:Data>${s}</maxs:Data></maxs:X>`)), (xml) => {
				try {
					readMagicLinkXml(xml);
				} catch (e) {
					expect(e instanceof MagoCloudError || e instanceof MagoInputError).toBe(true);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('MagicLink create write safety', () => {
	const target = { tbNamespace: 'Document.ERP.Sales.Documents.Invoice', profile: 'DefaultLight' };
	const data = { master: { name: 'SaleDocument', fields: { DocNo: '000038', DocumentDate: '2026-11-20', CustSupp: '0001' } } };
	const found = (fields: Record<string, string>) => readMagicLinkXml(magicLinkDataXml(target, { master: { name: 'SaleDocument', fields } }));

	test('an invoice with its number is looked up by DocNo and DocumentDate, with a GetData search of those fields', () => {
		const plan = planMagicLinkCreateLookup(target, data);
		if (plan.kind !== 'by-key') throw new Error('expected a key plan');
		expect(plan.key).toEqual({ DocNo: '000038', DocumentDate: '2026-11-20' });
		expect(readMagicLinkXml(plan.parametersXml).parameters).toEqual(plan.key);
		expect(() => checkKeyUnused(plan, [found({ DocNo: '000037', DocumentDate: '2026-11-20' })])).not.toThrow();
		expect(() => checkKeyUnused(plan, [found(data.master.fields)])).toThrow('already hold DocNo 000038');
		expect(recoverMagicLinkCreate(plan, [found(data.master.fields)]).kind).toBe('created');
		expect(recoverMagicLinkCreate(plan, [])).toEqual({ kind: 'not-applied' });
		expect(recoverMagicLinkCreate(plan, [found(data.master.fields), found(data.master.fields)]).kind).toBe('cannot-tell');
	});

	test('an invoice Mago will number cannot be told apart: the message says where to check', () => {
		const plan = planMagicLinkCreateLookup(target, { master: { name: 'SaleDocument', fields: { DocumentDate: '2026-11-20', CustSupp: '0001' } } });
		expect(plan.kind).toBe('cannot-tell');
		expect(plan.kind === 'cannot-tell' && plan.message).toBe(
			'The Invoice may have been saved by Mago but the answer was lost, and without DocNo and DocumentDate the node cannot tell it from an older one: check the Invoice documents in Mago for customer/supplier "0001" dated 2026-11-20 before running again.',
		);
	});
});
