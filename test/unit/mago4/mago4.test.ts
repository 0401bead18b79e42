/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { parseXml, type XmlElement } from '../../../lib/xml';
import { parseWsdl, SoapFaultError, SoapReplyError, SoapRequestError } from '../../../lib/soap';
import {
	buildDocumentXml,
	buildParametersXml,
	getDataRequest,
	loginCompactRequest,
	logOffRequest,
	magoEndpoints,
	MagoDocumentError,
	MagoError,
	readDocuments,
	readGetDataReply,
	readLoginCompactReply,
	readProfile,
	readSetDataReply,
	requirePosted,
	setDataRequest,
	withSession,
	xmlGetParametersRequest,
	type MagoRequest,
	type MagoSession,
} from '../../../lib/mago4';
import { describeWithSpec, specPath } from '../../helpers/specs';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SAMPLES = 'mago4/magiclink-samples';
const PROFILE = 'mago4/magiclink-profiles-example/Applications/ERP/Accounting/ModuleObjects/PurchaseDocJE/ExportProfiles/AllUsers/Basic';

function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected an error');
}

const reply = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ENV}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An element tree without white space between elements, comments or namespace declarations: what MagicLink reads. */
function shape(el: XmlElement): unknown {
	return {
		name: el.local,
		ns: el.namespace,
		attributes: el.attributes.map((a) => `${a.local}=${a.value}`).sort(),
		...(el.children.length ? { children: el.children.map(shape) } : { text: el.text }),
	};
}
const shapeOf = (xml: string | Buffer) => shape(parseXml(xml).root);

describeWithSpec('mago4/wsdl', 'Mago4 requests match the vendor WSDLs', () => {
	const login = parseWsdl(fs.readFileSync(specPath('mago4/wsdl/LoginManager.wsdl')));
	const tb = parseWsdl(fs.readFileSync(specPath('mago4/wsdl/TbServices.wsdl')));
	const cases: Array<[string, MagoRequest, typeof tb]> = [
		['LoginCompact', loginCompactRequest({ userName: 'u', companyName: 'c', password: 'p', producerKey: 'K' }), login],
		['LogOff', logOffRequest('T'), login],
		['GetData', getDataRequest({ authenticationToken: 'T', parameters: '<x/>', applicationDate: '2025-01-15' }), tb],
		['SetData', setDataRequest({ authenticationToken: 'T', data: '<x/>', applicationDate: '2025-01-15' }), tb],
		['XmlGetParameters', xmlGetParametersRequest({ authenticationToken: 'T', parameters: '<x/>', applicationDate: '2025-01-15' }), tb],
	];
	it.each(cases)('%s: body element, namespace, parameter order and SOAPAction are the WSDL\'s', (name, request, wsdl) => {
		const op = wsdl.operation(name);
		const call = parseXml(request.body).root.children.find((c) => c.local === 'Body')!.children[0];
		expect(call.local).toBe(op.input.element);
		expect(call.namespace).toBe(op.input.namespace);
		expect(call.children.map((c) => c.local)).toEqual(op.input.parameters.map((p) => p.name));
		for (const c of call.children) expect(c.namespace).toBe(op.input.namespace);
		expect(request.soapActionHeader).toBe(`"${op.soapAction}"`);
	});

	it('endpoints have the paths of the WSDL addresses', () => {
		const e = magoEndpoints('http://localhost', 'Mago4-3-4-0');
		expect(e.loginManager).toBe(login.address);
		expect(e.tbServices).toBe(tb.address);
	});
});

describe('Mago4 requests: values', () => {
	it('GetData defaults to the values Microarea\'s own client passes, and the application date as a day', () => {
		const call = parseXml(getDataRequest({ authenticationToken: 'T', parameters: '<maxs:X/>', applicationDate: '2025-01-15' }).body).root.children[1].children[0];
		expect(call.children.map((c) => [c.local, c.text])).toEqual([
			['authenticationToken', 'T'], ['parameters', '<maxs:X/>'], ['applicationDate', '2025-01-15T00:00:00'], ['loadAction', '0'], ['resultType', '1'], ['formatType', '0'], ['useApproximation', 'true'],
		]);
	});

	it('the producer key travels as askingProcess; overWriteLogin is false unless asked', () => {
		const call = parseXml(loginCompactRequest({ userName: 'u', companyName: 'c', password: 'p', producerKey: 'K' }).body).root.children[1].children[0];
		expect(call.children.map((c) => [c.local, c.text])).toEqual([['userName', 'u'], ['companyName', 'c'], ['password', 'p'], ['askingProcess', 'K'], ['overWriteLogin', 'false']]);
	});

	it('refuses bad values by field name', () => {
		expect(thrown(() => getDataRequest({ authenticationToken: 'T', parameters: '<x/>', applicationDate: '15/01/2025' })).message).toBe('SOAP operation GetData: applicationDate: expected a date YYYY-MM-DD, got "15/01/2025"');
		expect(thrown(() => getDataRequest({ authenticationToken: 'T', parameters: '<x/>', applicationDate: '2025-02-30' })).message).toContain('2025-02-30 is not a calendar date');
		expect(thrown(() => setDataRequest({ authenticationToken: 'T', data: '<x/>', applicationDate: '2025-01-15', postingAction: 1.5 })).message).toContain('postingAction: expected a 32-bit integer');
		expect(thrown(() => loginCompactRequest({ userName: 'u', companyName: 'c', password: 'p', producerKey: '' }))).toBeInstanceOf(SoapRequestError);
		expect(thrown(() => magoEndpoints('http://h', '../x')).message).toContain('instance: expected the Mago instance name');
	});
});

describe('Mago4 replies', () => {
	it('LoginCompact 0: the session with its token', () => {
		const xml = reply('<LoginCompactResponse xmlns="http://microarea.it/LoginManager/"><LoginCompactResult>0</LoginCompactResult><userName>sa</userName><companyName>DEMO</companyName><authenticationToken>6b1e-42</authenticationToken></LoginCompactResponse>');
		expect(readLoginCompactReply(xml)).toEqual({ authenticationToken: '6b1e-42', userName: 'sa', companyName: 'DEMO' });
	});

	it('LoginCompact non-zero: the code explained in words', () => {
		const code = (n: number) => reply(`<LoginCompactResponse xmlns="http://microarea.it/LoginManager/"><LoginCompactResult>${n}</LoginCompactResult></LoginCompactResponse>`);
		const e = thrown(() => readLoginCompactReply(code(13))) as MagoError;
		expect(e).toBeInstanceOf(MagoError);
		expect(e.code).toBe(13);
		expect(e.message).toBe('Mago4 error 13: wrong user name or password (InvalidUserError) (in LoginCompact)');
		expect(thrown(() => readLoginCompactReply(code(10))).message).toMatch(/^Mago4 error 10: no client access licence \(CAL\) is free/);
		expect(thrown(() => readLoginCompactReply(code(12))).message).toMatch(/^Mago4 error 12: the calling process is not authenticated: check the producer key/);
		expect(thrown(() => readLoginCompactReply(code(5))).message).toBe("Mago4 error 5: undocumented MagicLink code (not in the vendor's LoginReturnCodes list) (in LoginCompact)");
	});

	it('LoginCompact without a result or a token is malformed', () => {
		expect(thrown(() => readLoginCompactReply(reply('<LoginCompactResponse xmlns="http://microarea.it/LoginManager/"/>'))).message).toContain('<LoginCompactResult> is missing, expected an integer');
		expect(thrown(() => readLoginCompactReply(reply('<LoginCompactResponse xmlns="http://microarea.it/LoginManager/"><LoginCompactResult>0</LoginCompactResult></LoginCompactResponse>')))).toBeInstanceOf(SoapReplyError);
	});

	it('a .NET fault on GetData names the operation and the fault string', () => {
		const e = thrown(() => readGetDataReply(reply('<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; TbLoader not started</faultstring><detail/></soap:Fault>')));
		expect(e).toBeInstanceOf(SoapFaultError);
		expect(e.message).toBe('SOAP operation GetData failed (fault code soap:Server): Server was unable to process request. ---> TbLoader not started');
	});

	it('SetData false: a MagoError with what the result says', () => {
		const out = readSetDataReply(reply('<SetDataResponse xmlns="http://microarea.it/TbServices/"><SetDataResult>false</SetDataResult><result>&lt;Diagnostic&gt;&lt;Error&gt;Customer 0099 does not exist&lt;/Error&gt;&lt;/Diagnostic&gt;</result></SetDataResponse>'));
		expect(out.posted).toBe(false);
		expect(thrown(() => requirePosted(out)).message).toBe('Mago4 SetData failed: Mago did not post the document: Customer 0099 does not exist');
		expect(requirePosted({ posted: true, result: '<ok/>' })).toBe('<ok/>');
	});
});

describe('withSession: LogOff always runs, and never hides the outcome', () => {
	const session: MagoSession = { authenticationToken: 'T', userName: 'u', companyName: 'c' };

	it('logs off after the work returns, and returns its result', async () => {
		const calls: string[] = [];
		const result = await withSession(async () => (calls.push('login'), session), async (s) => (calls.push(`work ${s.authenticationToken}`), 42), async () => void calls.push('logoff'));
		expect(result).toBe(42);
		expect(calls).toEqual(['login', 'work T', 'logoff']);
	});

	it('logs off when the work throws, and throws the work\'s error even if LogOff fails too', async () => {
		const logoff = jest.fn(async () => {
			throw new Error('LogOff down');
		});
		const onLogOffError = jest.fn();
		await expect(withSession(async () => session, async () => { throw new Error('GetData failed'); }, logoff, onLogOffError)).rejects.toThrow('GetData failed');
		expect(logoff).toHaveBeenCalledWith(session);
		expect(onLogOffError).toHaveBeenCalledWith(expect.objectContaining({ message: 'LogOff down' }), session);
	});

	it('a LogOff failure after a successful SetData returns the result (it must not look unposted and be re-sent)', async () => {
		const onLogOffError = jest.fn();
		await expect(withSession(async () => session, async () => 'posted', async () => { throw new Error('timeout'); }, onLogOffError)).resolves.toBe('posted');
		expect(onLogOffError).toHaveBeenCalledTimes(1);
	});

	it('no LogOff when the login itself failed (there is no token)', async () => {
		const logoff = jest.fn(async () => undefined);
		await expect(withSession(async () => { throw new MagoError('LoginCompact', 13); }, async () => 1, logoff)).rejects.toBeInstanceOf(MagoError);
		expect(logoff).not.toHaveBeenCalled();
	});
});

describeWithSpec(SAMPLES, 'MagicLink documents as items (vendor samples)', () => {
	const sample = (f: string) => fs.readFileSync(specPath(SAMPLES, f));

	it('a sale journal entry: master, a one-record slave, rows, and enumerations by name', () => {
		const [doc] = readDocuments(sample('SaleDocJESample.xml'));
		expect(doc.tbNamespace).toBe('Document.ERP.Accounting.Documents.SaleDocJE');
		expect(doc.xTechProfile).toBe('TcPos_SaleDocJE');
		expect(doc.masterName).toBe('JournalEntriesTax');
		expect(doc.master).toEqual({ CustSuppType: 'Customer', CustSupp: '0001', TaxJournal: 'VEN' });
		expect(doc.slaves.JESlave).toEqual({ AccTpl: 'FE', PostingDate: '2021-12-15', DocumentDate: '2021-12-15' });
		const rows = doc.slaves.GLJournal as Array<Record<string, string>>;
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatchObject({ Account: '01011000', DebitCreditSign: 'Debit', Amount: '244.00', AmountType: '6356995' });
		expect(rows[1].DebitCreditSign).toBe('Credit');
		expect(doc.slaves.TaxSummary).toEqual([{ Line: '1', TaxCode: '22', TaxableAmount: '200.00', TaxAmount: '44.00', TotalAmount: '244.00' }]);
	});

	it('enumerations can be kept as stored numbers', () => {
		expect(readDocuments(sample('SaleDocJESample.xml'), { enumNames: false })[0].master.CustSuppType).toBe('3211264');
	});

	it.each(['SaleDocJESample.xml', 'CGM-sample.xml', 'PurchaseDocJESample.xml', 'PurchaseDocJESample-minimal.xml', 'PureJEPaymentSample.xml', 'ReceivableSample.xml', 'ReceivableCollectionSample.xml', 'PureJeCollectionSample.xml'])(
		'%s: item -> SetData XML is the vendor sample again (same elements, attributes and values)',
		(f) => {
			const [doc] = readDocuments(sample(f));
			expect(shapeOf(buildDocumentXml(doc))).toEqual(shapeOf(sample(f)));
		},
	);

	it('updateType on a slave survives the round trip', () => {
		const [doc] = readDocuments(sample('ReceivableCollectionSample.xml'));
		expect(doc.updateTypes).toEqual({ Detail: 'OnlyInsert' });
	});

	it('a search sample is what buildParametersXml writes for the same filters', () => {
		const xml = buildParametersXml({ tbNamespace: 'Document.ERP.AP_AR.Documents.Payables', xTechProfile: 'Basic', owner: 'AllUsers', filters: { DocNo: 'ABC-000-X-456', DocumentDate: '2021-10-28' } });
		expect(shapeOf(xml)).toEqual(shapeOf(sample('Search_Payable_by_DocNo_and_Date.xml')));
		const sale = buildParametersXml({ tbNamespace: 'Document.ERP.Accounting.Documents.SaleDocJE', xTechProfile: 'TcPos_SaleDocJE', filters: { TaxJournal: 'VEN', DocumentDate: '2021-12-20', DocNo: '000037' } });
		expect(shapeOf(sale)).toEqual(shapeOf(sample('Search_SaleDocJE_by_DocNo_Date_TaxJournal.xml')));
	});

	it('a GetData reply carrying documents: each string read as items', () => {
		const xml = reply(`<GetDataResponse xmlns="http://microarea.it/TbServices/"><GetDataResult><string>${esc(sample('SaleDocJESample.xml').toString())}</string><string xsi:nil="true"/></GetDataResult></GetDataResponse>`);
		const pages = readGetDataReply(xml);
		expect(pages).toHaveLength(1);
		expect(readDocuments(pages[0])[0].master.CustSupp).toBe('0001');
	});

	it('not a MagicLink document: refused with the reason', () => {
		expect(thrown(() => readDocuments('<a/>')).message).toBe('<a> has no tbNamespace attribute: not a MagicLink document');
		expect(thrown(() => readDocuments('<a tbNamespace="x"><b/></a>')).message).toBe('<a> has no <Data>');
		expect(thrown(() => readDocuments('<a'))).toBeInstanceOf(MagoDocumentError);
	});
});

describeWithSpec(PROFILE, 'MagicLink export profile (vendor example, PurchaseDocJE Basic)', () => {
	const profile = () =>
		readProfile({
			fields: fs.readFileSync(specPath(PROFILE, 'Field.xml')),
			externalReferences: fs.readFileSync(specPath(PROFILE, 'ExternalReferences.xml')),
			document: fs.readFileSync(specPath(PROFILE, 'Document.xml')),
		});

	it('reads the DBTs, their exported fields in order, update types and limits', () => {
		const p = profile();
		expect(p.dbts.map((d) => d.name)).toEqual(['JournalEntriesTax', 'TaxSummary', 'JESlave', 'GLJournal', 'EUAnnotations']);
		expect(p.dbts[2].fields).toEqual(['JournalEntryId', 'AccTpl', 'PostingDate', 'AccrualDate', 'DocumentDate', 'DocNo', 'TotalAmount']);
		expect(p.dbts[0]).toMatchObject({ export: true, updateType: 'Replace' });
		expect(p).toMatchObject({ maxDocuments: 10, maxDimension: 100 });
	});

	it('the vendor purchase sample posts through its profile, fields in profile order', () => {
		const [doc] = readDocuments(fs.readFileSync(specPath(SAMPLES, 'PurchaseDocJESample.xml')));
		const written = readDocuments(buildDocumentXml(doc, { profile: profile() }))[0];
		expect(written).toEqual(doc);
		expect(Object.keys((written.slaves.JESlave as Record<string, string>))).toEqual(['AccTpl', 'PostingDate', 'AccrualDate', 'DocumentDate', 'DocNo']);
	});

	it('a field the profile does not export is refused, naming the table, the field and the ones it has', () => {
		const [doc] = readDocuments(fs.readFileSync(specPath(SAMPLES, 'PurchaseDocJESample.xml')));
		(doc.slaves.JESlave as Record<string, string>).Notes = 'x';
		expect(thrown(() => buildDocumentXml(doc, { profile: profile() })).message).toBe('slaves.JESlave.Notes: Notes not exported by the profile for JESlave; it has JournalEntryId, AccTpl, PostingDate, AccrualDate, DocumentDate, DocNo, TotalAmount');
	});

	it('an unknown enumeration name is refused with the known ones', () => {
		const [doc] = readDocuments(fs.readFileSync(specPath(SAMPLES, 'PurchaseDocJESample.xml')));
		doc.master.CustSuppType = 'Vendor';
		expect(thrown(() => buildDocumentXml(doc)).message).toBe('JournalEntriesTax.CustSuppType: "Vendor" is not a known CustSuppType; expected Customer or Supplier or the stored number');
	});
});
