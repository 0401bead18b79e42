/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The built FatturaPA node through real n8n-core (WorkflowExecute on dist/): every operation, both
 * "On Invalid Invoice" modes, signed .p7m input, lotti giving one item per body, and bad inputs
 * refused with the field named. Samples are read in place from ../shared/specs.
 */
import * as fs from 'node:fs';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { serializeFatturaPA, TipoDocumentoCodes, validateFatturaPA, type FatturaInput } from '../../lib/fatturapa';
import { chain, loadPackage, prepare, runWorkflow } from '../harness/n8n';
import { describeWithSpec, specPath } from '../helpers/specs';

const SAMPLES = 'fatturapa/samples';
const sample = (...parts: string[]) => fs.readFileSync(specPath(SAMPLES, ...parts));
const fileItem = (bytes: Buffer, fileName: string, json: IDataObject = {}): INodeExecutionData =>
	({ json, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/xml', fileName } } }) as INodeExecutionData;

async function fatturaPA(parameters: IDataObject, input: INodeExecutionData[] = [{ json: {} }], options: { continueOnFail?: boolean; staticData?: IDataObject } = {}) {
	const result = await runWorkflow(
		chain({ name: 'FatturaPA', type: 'fatturaPa', parameters: parameters as never, ...(options.continueOnFail ? { continueOnFail: true } : {}) }),
		{},
		input,
		options.staticData ? { staticData: options.staticData } : {},
	);
	return result;
}

function nodeError(result: Awaited<ReturnType<typeof fatturaPA>>): Error & { description?: string } {
	const taskData = result.run.data.resultData.runData.FatturaPA?.[0];
	const error = (taskData?.error ?? result.error()) as (Error & { description?: string }) | undefined;
	if (!error) throw new Error('expected the node to fail, but it succeeded');
	return error;
}

const binaryText = (item: INodeExecutionData, property = 'data') => Buffer.from(item.binary![property].data, 'base64').toString('utf8');

const cedente = { denominazione: 'Alfa S.r.l.', partitaIva: '01234567897', regimeFiscale: 'RF01', indirizzo: 'Via Roma 1', cap: '20100', comune: 'Milano', provincia: 'MI' };
const cessionario = { denominazione: 'Gamma S.p.A.', partitaIva: '07643520567', indirizzo: 'Corso Italia 10', cap: '10121', comune: 'Torino', provincia: 'TO' };
const invoice = (extra: Partial<FatturaInput> = {}): FatturaInput =>
	({
		progressivoInvio: '00001',
		data: '2025-05-10',
		numero: '12/2025',
		cedente,
		cessionario,
		righe: [
			{ descrizione: 'Consulenza', quantita: '2', prezzoUnitario: '150.00', aliquotaIVA: 22 },
			{ descrizione: 'Marca da bollo rimborsata', prezzoUnitario: '2.00', aliquotaIVA: 0, natura: 'N1' },
		],
		...extra,
	}) as FatturaInput;
// TD17 (reverse charge on services from abroad) with an Italian cedente: builds, but SdI refuses it with 00473
const td17WithItalianSeller = (progressivo: string) => invoice({ tipoDocumento: 'TD17', progressivoInvio: progressivo });

describe('FatturaPA node description', () => {
	it('is a tool-usable transform with an action on every operation and outputs drawn from "On Invalid Invoice"', async () => {
		const loader = await loadPackage();
		const description = (loader.nodeTypes.fatturaPa.type as { description: Record<string, any> }).description;
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBeTruthy();
		const operations = description.properties.find((p: any) => p.name === 'operation').options;
		expect(operations.map((o: any) => o.value).sort()).toEqual(['build', 'fileName', 'parse', 'parseNotification', 'renderHtml', 'validate']);
		for (const o of operations) expect(o.action).toBeTruthy();
		expect(description.outputs).toMatch(/^=\{\{.*"route".*"Invalid".*\}\}$/);
	});

	it.each([
		['build', 'route', ['Valid', 'Invalid']],
		['validate', 'route', ['Valid', 'Invalid']],
		['parse', 'route', ['Valid', 'Invalid']],
		['build', 'fail', [undefined]],
		['validate', 'output', [undefined]],
		['parse', 'ignore', [undefined]],
		['renderHtml', 'route', [undefined]],
	])('n8n draws the outputs of %s with On Invalid Invoice = %s as %j', async (operation, onInvalid, names) => {
		const { workflow, nodes } = await prepare(chain({ name: 'FatturaPA', type: 'fatturaPa', parameters: { operation, onInvalid } as never }), {});
		const description = (workflow.nodeTypes.getByNameAndVersion(nodes[0].type, 1) as { description: any }).description;
		const outputs = NodeHelpers.getNodeOutputs(workflow, workflow.getNode('FatturaPA')!, description) as Array<{ type: string; displayName?: string }>;
		expect(outputs.map((o) => o.type)).toEqual(names.map(() => 'main'));
		expect(outputs.map((o) => o.displayName)).toEqual(names);
	});

	it('offers the code lists with their Italian labels', async () => {
		const loader = await loadPackage();
		const properties = (loader.nodeTypes.fatturaPa.type as { description: Record<string, any> }).description.properties;
		const tipo = properties.find((p: any) => p.name === 'tipoDocumento');
		expect(tipo.options).toContainEqual({ name: 'TD04 - Nota di credito', value: 'TD04' });
		expect(tipo.options).toEqual(TipoDocumentoCodes.map((c) => ({ name: `${c.code} - ${c.label}`, value: c.code })));
		const natura = properties.find((p: any) => p.name === 'righe').options[0].values.find((v: any) => v.name === 'natura');
		expect(natura.options).toContainEqual({ name: 'N2.2 - Non soggette - altri casi', value: 'N2.2' });
	});
});

describe('Build', () => {
	it('writes the XML as an application/xml binary named IT<partita IVA>_<progressivo>.xml, with totals in JSON', async () => {
		const result = await fatturaPA({ operation: 'build', buildInput: 'item' }, [{ json: invoice() as unknown as IDataObject }]);
		const [item] = result.output('FatturaPA');
		expect(item.binary!.data).toMatchObject({ mimeType: 'application/xml', fileName: 'IT01234567897_00001.xml' });
		expect(item.json).toMatchObject({ fileName: 'IT01234567897_00001.xml', tipoDocumento: 'TD01', valid: true, errorCount: 0 });
		expect(item.json.totals).toEqual({ imponibile: '302.00', imposta: '66.00', bollo: '0.00', totale: '368.00' });
		expect(item.pairedItem).toEqual({ item: 0 });
		// what the node wrote passes every layer when checked again from the file
		expect(validateFatturaPA(binaryText(item), { receivedOn: '2025-05-10' }).findings.filter((f) => f.severity === 'error')).toEqual([]);
	});

	it('builds from the fields of the node', async () => {
		const result = await fatturaPA({
			operation: 'build',
			buildInput: 'fields',
			progressivoInvio: 'A1',
			tipoDocumento: 'TD01',
			data: '2025-06-30',
			numero: 'F-7',
			cedente: { details: cedente },
			cessionario: { details: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01H501U', indirizzo: 'Via Po 2', cap: '00100', comune: 'Roma', provincia: 'RM', nazione: 'IT' } },
			righe: { riga: [{ descrizione: 'Licenza annuale', quantita: '', prezzoUnitario: '99.90', aliquotaIVA: '22', natura: '' }] },
			pagamento: { dettaglio: [{ modalita: 'MP05', iban: 'IT60X0542811101000000123456', scadenza: '2025-07-31', importo: '' }] },
			additionalFields: { pecDestinatario: 'rossi@pec.example.it' },
			buildOptions: { includeXml: true },
		});
		const [item] = result.output('FatturaPA');
		expect(item.json.fileName).toBe('IT01234567897_A1.xml');
		expect(item.json.xml).toContain('<PECDestinatario>rossi@pec.example.it</PECDestinatario>');
		expect(item.json.xml).toContain('<ImportoPagamento>121.88</ImportoPagamento>');
		expect((item.json.model as any).FatturaElettronicaHeader.CessionarioCommittente.DatiAnagrafici.Anagrafica).toEqual({ Nome: 'Mario', Cognome: 'Rossi' });
	});

	it('builds one invoice per incoming item, each paired with its item', async () => {
		const items = ['00001', '00002', '00003'].map((p) => ({ json: invoice({ progressivoInvio: p, numero: `${p}/2025` }) as unknown as IDataObject }));
		const out = (await fatturaPA({ operation: 'build', buildInput: 'item' }, items)).output('FatturaPA');
		expect(out.map((i) => [i.json.fileName, i.pairedItem])).toEqual([
			['IT01234567897_00001.xml', { item: 0 }],
			['IT01234567897_00002.xml', { item: 1 }],
			['IT01234567897_00003.xml', { item: 2 }],
		]);
	});

	it('refuses a bad line naming the field and what was expected', async () => {
		const bad = invoice({ righe: [{ descrizione: 'x', prezzoUnitario: '12,50', aliquotaIVA: 22 }] });
		const error = nodeError(await fatturaPA({ operation: 'build', buildInput: 'item' }, [{ json: bad as unknown as IDataObject }]));
		expect(error.message).toMatch(/righe\[0\]\.prezzoUnitario: expected a decimal number like 12\.50, got "12,50"/);
	});

	it('refuses text that is not JSON in Invoice (JSON)', async () => {
		const error = nodeError(await fatturaPA({ operation: 'build', buildInput: 'json', invoiceJson: '{ "progressivoInvio": ' }));
		expect(error.message).toMatch(/^Invoice \(JSON\): expected a JSON object/);
	});

	it('refuses a fields build without lines, naming Righe', async () => {
		const error = nodeError(await fatturaPA({ operation: 'build', buildInput: 'fields', progressivoInvio: '1', data: '2025-01-02', numero: '1', cedente: { details: cedente }, cessionario: { details: cessionario } }));
		expect(error.message).toBe('Righe: add at least one invoice line');
	});

	it('stops with the SdI codes and paths when the built invoice breaks an SdI rule', async () => {
		const error = nodeError(await fatturaPA({ operation: 'build', buildInput: 'item', onInvalid: 'fail' }, [{ json: td17WithItalianSeller('9') as unknown as IDataObject }]));
		expect(error.message).toMatch(/IT01234567897_9\.xml is not valid \(1 error\): 00473 at \/FatturaElettronica\/FatturaElettronicaBody\[1\]\/DatiGenerali\/DatiGeneraliDocumento\/TipoDocumento/);
		expect(error.description).toMatch(/00473 .*: with TipoDocumento TD17/);
	});

	it('sends an invalid invoice to the "Invalid" output and a valid one to "Valid"', async () => {
		const result = await fatturaPA({ operation: 'build', buildInput: 'item', onInvalid: 'route' }, [
			{ json: invoice() as unknown as IDataObject },
			{ json: td17WithItalianSeller('2') as unknown as IDataObject },
		]);
		const [valid, invalid] = [result.output('FatturaPA', 0), result.output('FatturaPA', 1)];
		expect(valid.map((i) => [i.json.fileName, i.json.valid, i.pairedItem])).toEqual([['IT01234567897_00001.xml', true, { item: 0 }]]);
		expect(invalid.map((i) => [i.json.fileName, i.json.valid, i.pairedItem])).toEqual([['IT01234567897_2.xml', false, { item: 1 }]]);
		expect((invalid[0].json.findings as IDataObject[]).filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['00473']);
		expect(invalid[0].binary!.data.fileName).toBe('IT01234567897_2.xml');
	});

	it('with Continue on Fail, a bad item becomes an error item and the others go on', async () => {
		const result = await fatturaPA({ operation: 'build', buildInput: 'item' }, [{ json: { progressivoInvio: '1' } }, { json: invoice() as unknown as IDataObject }], { continueOnFail: true });
		const out = result.output('FatturaPA');
		expect(out[0].json.error).toMatch(/^Build: data: expected a date YYYY-MM-DD/);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json.fileName).toBe('IT01234567897_00001.xml');
	});
});

describeWithSpec(SAMPLES, 'Validate', () => {
	const base = () => fileItem(sample('valid', 'derived', 'S00000_base_semantically_valid.xml'), 'S00000.xml', { id: 7 });
	const semantic = () => fileItem(sample('invalid', 'semantic', 'S00423_prezzototale_not_qty_x_price.xml'), 'S00423.xml');
	const options = { receivedOn: '2026-01-15' };

	it('attaches the verdict to the item and keeps its JSON and file', async () => {
		const [item] = (await fatturaPA({ operation: 'validate', inputSource: 'binary', validateOptions: options }, [base()])).output('FatturaPA');
		expect(item.json.id).toBe(7);
		expect(item.json.validation).toMatchObject({ valid: true, errorCount: 0, formato: 'FPR12', signed: false, fileName: 'S00000.xml' });
		expect(item.binary!.data.fileName).toBe('S00000.xml');
	});

	it('gives each finding with code, path, Italian and English message and severity', async () => {
		const [item] = (await fatturaPA({ operation: 'validate', inputSource: 'binary', validateOptions: options }, [semantic()])).output('FatturaPA');
		const findings = (item.json.validation as any).findings as IDataObject[];
		const error = findings.find((f) => f.severity === 'error')!;
		expect(Object.keys(error).sort()).toEqual(expect.arrayContaining(['code', 'message_en', 'message_it', 'path', 'severity']));
		expect(error.code).toBe('00423');
		expect(error.path).toMatch(/DettaglioLinee\[\d+\]\/PrezzoTotale$/);
		expect((item.json.validation as any).valid).toBe(false);
	});

	it('gives one item per finding when asked', async () => {
		const out = (await fatturaPA({ operation: 'validate', inputSource: 'binary', validateOptions: { ...options, findingsOutput: 'split' } }, [semantic()])).output('FatturaPA');
		expect(out.filter((i) => i.json.severity === 'error').map((i) => i.json.code)).toEqual(['00423']);
		expect(out.every((i) => i.json.fileName === 'S00423.xml' && i.json.invoiceValid === false)).toBe(true);
		expect(out.every((i) => (i.pairedItem as { item?: number }).item === 0)).toBe(true);
	});

	it('routes invalid invoices to the "Invalid" output', async () => {
		const result = await fatturaPA({ operation: 'validate', inputSource: 'binary', onInvalid: 'route', validateOptions: options }, [semantic(), base()]);
		expect(result.output('FatturaPA', 0).map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(result.output('FatturaPA', 1).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('stops with the codes and paths when asked to', async () => {
		const error = nodeError(await fatturaPA({ operation: 'validate', inputSource: 'binary', onInvalid: 'fail', validateOptions: options }, [semantic()]));
		expect(error.message).toMatch(/^The invoice S00423\.xml is not valid \(1 error\): 00423 at \/FatturaElettronica\/FatturaElettronicaBody\[1\]\/DatiBeniServizi\/DettaglioLinee\[\d+\]\/PrezzoTotale$/);
	});

	it('validates a signed .p7m', async () => {
		const [item] = (await fatturaPA({ operation: 'validate', inputSource: 'binary', validateOptions: options }, [fileItem(sample('valid', 'signed-p7m', 'IT01234567890_FPR03.xml.p7m'), 'IT01234567890_FPR03.xml.p7m')])).output('FatturaPA');
		expect(item.json.validation).toMatchObject({ valid: true, signed: true });
	});

	it('refuses a DTD at the safe-parsing layer', async () => {
		const [item] = (await fatturaPA({ operation: 'validate', inputSource: 'binary', validateOptions: options }, [fileItem(sample('invalid', 'security', 'billion_laughs.xml'), 'bomb.xml')])).output('FatturaPA');
		expect((item.json.validation as any).findings.map((f: IDataObject) => f.code)).toEqual([expect.stringMatching(/^XML-(DOCTYPE|ENTITY)$/)]);
	});

	it('validates the JSON model Build gives', async () => {
		const built = (await fatturaPA({ operation: 'build', buildInput: 'item' }, [{ json: invoice() as unknown as IDataObject }])).output('FatturaPA');
		const [item] = (await fatturaPA({ operation: 'validate', inputSource: 'json', modelField: 'model', validateOptions: options }, [{ json: built[0].json }])).output('FatturaPA');
		expect(item.json.validation).toMatchObject({ valid: true, formato: 'FPR12' });
	});

	it('names the field when the model is missing', async () => {
		const error = nodeError(await fatturaPA({ operation: 'validate', inputSource: 'json', modelField: 'fattura' }, [{ json: { fattura: 'x' } }]));
		expect(error.message).toBe('Model Field: expected "fattura" to hold an invoice model (an object with FatturaElettronicaHeader and FatturaElettronicaBody), found string');
	});

	it('names the binary property when the file is missing', async () => {
		const error = nodeError(await fatturaPA({ operation: 'validate', inputSource: 'binary', binaryPropertyName: 'fattura' }, [{ json: {} }]));
		expect(error.message).toMatch(/fattura/);
	});

	it('names Received On when it is not a date', async () => {
		const error = nodeError(await fatturaPA({ operation: 'validate', inputSource: 'binary', validateOptions: { receivedOn: '15/01/2026' } }, [base()]));
		expect(error.message).toBe('Received On: expected a date YYYY-MM-DD (or empty for today), got "15/01/2026"');
	});

	it('refuses a file that is neither XML nor a .p7m, naming the binary field', async () => {
		const error = nodeError(await fatturaPA({ operation: 'validate', inputSource: 'binary' }, [fileItem(Buffer.from('%PDF-1.4 not an invoice'), 'fattura.pdf')]));
		expect(error.message).toMatch(/^Input Binary Field: expected a FatturaPA as XML or signed \.p7m; p7m: /);
	});

	it('names the XML field when it is empty', async () => {
		const error = nodeError(await fatturaPA({ operation: 'validate', inputSource: 'text', xmlText: '  ' }));
		expect(error.message).toBe('XML: expected the XML as text, got an empty value');
	});
});

describeWithSpec(SAMPLES, 'Parse', () => {
	it('gives one item per FatturaElettronicaBody with the header merged in', async () => {
		const out = (await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [fileItem(sample('valid', 'ade-official', 'IT01234567890_FPR03.xml'), 'IT01234567890_FPR03.xml')])).output('FatturaPA');
		expect(out).toHaveLength(2);
		expect(out.map((i) => [i.json.bodyIndex, i.json.bodyCount, i.pairedItem])).toEqual([
			[1, 2, { item: 0 }],
			[2, 2, { item: 0 }],
		]);
		for (const item of out) {
			expect((item.json.FatturaElettronicaHeader as any).DatiTrasmissione.FormatoTrasmissione).toBe('FPR12');
			expect(Array.isArray(item.json.FatturaElettronicaBody)).toBe(false);
			expect((item.json.FatturaElettronicaBody as any).DatiGenerali.DatiGeneraliDocumento.Numero).toBeTruthy();
		}
		expect(out[0].json).toMatchObject({ fileName: 'IT01234567890_FPR03.xml', formato: 'FPR12', semplificata: false, signed: false });
	});

	it('gives the bodies of every file of a batch, each paired with its file', async () => {
		const out = (
			await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [
				fileItem(sample('valid', 'ade-official', 'IT01234567890_FPR03.xml'), 'a.xml'),
				fileItem(sample('valid', 'derived', 'S00000_base_semantically_valid.xml'), 'b.xml'),
			])
		).output('FatturaPA');
		expect(out.map((i) => [i.json.fileName, i.json.bodyIndex, (i.pairedItem as { item?: number }).item])).toEqual([
			['a.xml', 1, 0],
			['a.xml', 2, 0],
			['b.xml', 1, 1],
		]);
	});

	it.each(['IT01234567890_FPR03.xml.p7m', 'IT01234567890_FPR03.base64.xml.p7m', 'IT02182030391_31.Base64.CRLF.xml.p7m'])('unwraps the signed %s and tells who signed it', async (name) => {
		const out = (await fatturaPA({ operation: 'parse', inputSource: 'binary', parseOptions: { verifySignature: true } }, [fileItem(sample('valid', 'signed-p7m', name), name)])).output('FatturaPA');
		expect(out.length).toBeGreaterThanOrEqual(1);
		expect(out[0].json.signed).toBe(true);
		expect((out[0].json.signers as IDataObject[]).length).toBeGreaterThanOrEqual(1);
		expect(out[0].json.signature).toMatchObject({ status: 'valid', trustChecked: false });
	});

	it('fails on a tampered signature when asked to verify it, naming the option', async () => {
		// one character of the signed XML changed in place: the envelope still reads, the digest no longer matches
		const bytes = Buffer.from(sample('valid', 'signed-p7m', 'IT01234567890_FPR03.xml.p7m'));
		const at = bytes.indexOf('<Numero>') + '<Numero>'.length;
		expect(at).toBeGreaterThan(8);
		bytes[at] = bytes[at] === 0x39 ? 0x38 : bytes[at] + 1;
		const item = fileItem(bytes, 'tampered.xml.p7m');
		const error = nodeError(await fatturaPA({ operation: 'parse', inputSource: 'binary', parseOptions: { verifySignature: true } }, [item]));
		expect(error.message).toMatch(/^Verify Signature: the \.p7m signature of tampered\.xml\.p7m is not valid/);
		// without verification the content is still read
		expect((await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [item])).output('FatturaPA')[0].json.signed).toBe(true);
	});

	it('explains a .p7m that cannot be unwrapped, naming the binary field', async () => {
		const error = nodeError(await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [fileItem(sample('invalid', 'signature', 'php_invalid.xml.p7m'), 'php_invalid.xml.p7m')]));
		expect(error.message).toMatch(/^Input Binary Field: expected a FatturaPA as XML or signed \.p7m; p7m: /);
	});

	it('turns Allegati into binary files and drops their base64 from the JSON', async () => {
		const [item] = (await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [fileItem(sample('valid', 'ade-official', 'IT01234567890_FPR04.xml'), 'FPR04.xml')])).output('FatturaPA');
		const allegati = (item.json.FatturaElettronicaBody as any).Allegati as IDataObject[];
		expect(allegati[0]).toMatchObject({ NomeAttachment: 'LogoA.jpg', binaryProperty: 'attachment_1' });
		expect(allegati[0].Attachment).toBeUndefined();
		expect(item.binary!.attachment_1).toMatchObject({ fileName: 'LogoA.jpg', mimeType: 'image/jpeg' });
		const bytes = Buffer.from(item.binary!.attachment_1.data, 'base64');
		expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // a JPEG
		expect(allegati[0].size).toBe(bytes.length);
	});

	it('detects a fattura semplificata', async () => {
		const [item] = (await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [fileItem(sample('valid', 'semplificata', 'IT01234567890_FSM10.xml'), 'FSM10.xml')])).output('FatturaPA');
		expect(item.json).toMatchObject({ semplificata: true, formato: 'FSM10' });
	});

	it('routes an invalid received invoice to "Invalid" when validating', async () => {
		const result = await fatturaPA({ operation: 'parse', inputSource: 'binary', onInvalid: 'route', parseOptions: { receivedOn: '2026-01-15' } }, [
			fileItem(sample('invalid', 'semantic', 'S00422_imponibile_differs_from_lines_by_2eur.xml'), 'S00422.xml'),
		]);
		expect(result.output('FatturaPA', 0)).toEqual([]);
		const [item] = result.output('FatturaPA', 1);
		expect(item.json).toMatchObject({ valid: false, bodyIndex: 1 });
		expect((item.json.findings as IDataObject[]).filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['00422']);
	});

	it('points to Parse Notification when given an SdI receipt', async () => {
		const error = nodeError(await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [fileItem(sample('notifications', 'pa-sdicoop-unsigned', 'IT01234567890_11111_RC_001.xml'), 'rc.xml')]));
		expect(error.message).toMatch(/^Input Binary Field: the root element is <.*RicevutaConsegna>; expected <FatturaElettronica> or <FatturaElettronicaSemplificata>/);
		expect(error.description).toMatch(/Parse Notification/);
	});

	it('refuses text that is not XML, naming the XML field', async () => {
		const error = nodeError(await fatturaPA({ operation: 'parse', inputSource: 'text', xmlText: 'fattura n. 1' }));
		expect(error.message).toMatch(/^XML: expected a FatturaPA as XML or signed \.p7m; /);
	});
});

describeWithSpec(`${SAMPLES}/notifications`, 'Parse Notification', () => {
	const pa = fs.existsSync(specPath(SAMPLES, 'notifications', 'pa-sdicoop-unsigned')) ? fs.readdirSync(specPath(SAMPLES, 'notifications', 'pa-sdicoop-unsigned')) : [];
	const b2b = fs.existsSync(specPath(SAMPLES, 'notifications', 'b2b-real-from-pec')) ? fs.readdirSync(specPath(SAMPLES, 'notifications', 'b2b-real-from-pec')) : [];

	it('reads every SdI notification sample of both families, typed by its root element', async () => {
		expect(pa.length + b2b.length).toBeGreaterThanOrEqual(12);
		const items = [...pa.map((f) => fileItem(sample('notifications', 'pa-sdicoop-unsigned', f), f)), ...b2b.map((f) => fileItem(sample('notifications', 'b2b-real-from-pec', f), f))];
		const out = (await fatturaPA({ operation: 'parseNotification', inputSource: 'binary' }, items)).output('FatturaPA');
		expect(out.map((i) => i.json.type)).toEqual([...pa, ...b2b].map((f) => /_([A-Z]{2})_\d{3}\.xml$/.exec(f)![1]));
		expect(out.map((i) => (i.pairedItem as { item?: number }).item)).toEqual(items.map((_i, n) => n));
		const ns = out[pa.indexOf('IT01234567890_11111_NS_001.xml')].json;
		expect(ns.status).toBeTruthy();
		expect((ns.errors as IDataObject[]).length).toBeGreaterThanOrEqual(1);
	});

	it('points to Parse when given an invoice', async () => {
		const error = nodeError(await fatturaPA({ operation: 'parseNotification', inputSource: 'binary' }, [fileItem(sample('valid', 'derived', 'S00000_base_semantically_valid.xml'), 'x.xml')]));
		expect(error.message).toMatch(/this is an invoice .*use the Parse operation/);
	});
});

describeWithSpec(SAMPLES, 'Render HTML', () => {
	it('writes a text/html file named after the invoice', async () => {
		const [item] = (await fatturaPA({ operation: 'renderHtml', inputSource: 'binary' }, [fileItem(sample('valid', 'ade-official', 'IT01234567890_FPR01.xml'), 'IT01234567890_FPR01.xml')])).output('FatturaPA');
		expect(item.binary!.html).toMatchObject({ mimeType: 'text/html', fileName: 'IT01234567890_FPR01.html' });
		const html = binaryText(item, 'html');
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(html).toContain('Fattura');
		expect(item.json.bytes).toBe(Buffer.byteLength(html));
	});

	it('renders the model of a built invoice', async () => {
		const built = (await fatturaPA({ operation: 'build', buildInput: 'item' }, [{ json: invoice() as unknown as IDataObject }])).output('FatturaPA');
		const [item] = (await fatturaPA({ operation: 'renderHtml', inputSource: 'json', renderOptions: { title: 'Fattura 12/2025' } }, [{ json: built[0].json }])).output('FatturaPA');
		expect(binaryText(item, 'html')).toContain('<title>Fattura 12/2025</title>');
		expect(item.json.fileName).toBe('IT01234567897_00001.html');
	});
});

describe('File Name', () => {
	it('counts on from the last progressivo given', async () => {
		const [item] = (await fatturaPA({ operation: 'fileName', fileNameMode: 'next', idCodice: '01234567897', lastProgressivo: '0000Z' })).output('FatturaPA');
		expect(item.json).toMatchObject({ fileName: 'IT01234567897_00010.xml', progressivo: '00010' });
	});

	it('hands out a new progressivo to every item and remembers the last one in static data', async () => {
		const staticData: IDataObject = {};
		const run = async (n: number) => (await fatturaPA({ operation: 'fileName', fileNameMode: 'next', idCodice: '01234567897', extension: 'xml.p7m' }, Array.from({ length: n }, () => ({ json: {} })), { staticData })).output('FatturaPA');
		expect((await run(3)).map((i) => i.json.fileName)).toEqual(['IT01234567897_00001.xml.p7m', 'IT01234567897_00002.xml.p7m', 'IT01234567897_00003.xml.p7m']);
		expect((await run(1))[0].json.fileName).toBe('IT01234567897_00004.xml.p7m');
	});

	it('reads a file name into its parts', async () => {
		const [item] = (await fatturaPA({ operation: 'fileName', fileNameMode: 'read', fileNameToRead: 'IT01234567897_0001A.xml.p7m' })).output('FatturaPA');
		expect(item.json).toMatchObject({ idPaese: 'IT', idCodice: '01234567897', progressivo: '0001A', extension: 'xml.p7m' });
	});

	it('names the field that is wrong', async () => {
		expect(nodeError(await fatturaPA({ operation: 'fileName', fileNameMode: 'given', idCodice: '123', progressivo: '1' })).message).toMatch(/^ID Codice: expected the trasmittente's partita IVA \(11 digits\) or codice fiscale/);
		expect(nodeError(await fatturaPA({ operation: 'fileName', fileNameMode: 'given', idCodice: '01234567897', progressivo: '123456' })).message).toMatch(/^Progressivo: expected 1 to 5 letters or digits/);
		expect(nodeError(await fatturaPA({ operation: 'fileName', fileNameMode: 'next', idCodice: '01234567897', lastProgressivo: 'ZZZZZ' })).message).toMatch(/^Last Progressivo: progressivo: ZZZZZ was the last one/);
		expect(nodeError(await fatturaPA({ operation: 'fileName', fileNameMode: 'read', fileNameToRead: 'fattura.xml' })).message).toMatch(/^File Name: expected an SdI file name/);
	});
});

describe('Parse of an invoice built with an attachment', () => {
	it('gives the attachment back byte for byte', async () => {
		const built = (await fatturaPA({ operation: 'build', buildInput: 'item' }, [{ json: invoice() as unknown as IDataObject }])).output('FatturaPA');
		const model = built[0].json.model as any;
		const pdf = Buffer.from('%PDF-1.4\n% a tiny test document\n');
		model.FatturaElettronicaBody[0].Allegati = [{ NomeAttachment: 'ordine.pdf', FormatoAttachment: 'PDF', Attachment: pdf.toString('base64') }];
		const xml = Buffer.from(serializeFatturaPA(model));
		const [item] = (await fatturaPA({ operation: 'parse', inputSource: 'binary' }, [fileItem(xml, 'IT01234567897_00001.xml')])).output('FatturaPA');
		expect(item.binary!.attachment_1).toMatchObject({ fileName: 'ordine.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(item.binary!.attachment_1.data, 'base64').equals(pdf)).toBe(true);
	});
});
