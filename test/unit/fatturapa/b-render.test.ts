/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { parseFatturaPA } from '../../../lib/fatturapa';
import { renderInvoiceHtml } from '../../../lib/fatturapa/render';
import { escapeHtml, formatDateIt, formatNumberIt } from '../../../lib/fatturapa/render-format';
import { parseXml } from '../../../lib/xml';
import { baseInvoice, line } from './b-fixture';

/** the page's visible text, tags removed and entities decoded */
function visibleText(html: string): string {
	const body = html.slice(html.indexOf('<body>'));
	return body
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

describe('renderInvoiceHtml', () => {
	const html = renderInvoiceHtml(baseInvoice());
	test('is a complete, self-contained page: no script, no external resource', () => {
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(html).toContain('<html lang="it">');
		expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
	});
	test('shows the parties, the document and Italian labels', () => {
		const text = visibleText(html);
		expect(text).toContain('Fattura 123 del 30/06/2025');
		expect(text).toContain('Cedente / Prestatore ALPHA SRL Partita IVA IT01234567897 Regime fiscale RF01 - Regime ordinario');
		expect(text).toContain('Cessionario / Committente DITTA BETA Codice fiscale 09876543217');
		expect(text).toContain('TD01 - Fattura n. 123 del 30/06/2025');
		expect(text).toContain('Riepilogo IVA');
	});
	test('amounts in Italian form, exact, prices keep their significant decimals', () => {
		const m = baseInvoice();
		m.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee = [line({ Quantita: '22633.00', PrezzoUnitario: '0.03098700', PrezzoTotale: '701.33' })];
		m.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.ImportoTotaleDocumento = '1234567.80';
		const text = visibleText(renderInvoiceHtml(m));
		expect(text).toContain('22.633,00');
		expect(text).toContain('0,030987');
		expect(text).toContain('701,33');
		expect(text).toContain('Totale documento: 1.234.567,80 EUR');
	});
	test('every text is escaped: markup in a description stays text', () => {
		const m = baseInvoice();
		m.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Descrizione = '<img src=x onerror="alert(1)"> & "quotes"';
		m.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica.Denominazione = "O'Brien <b>Srl</b>";
		const out = renderInvoiceHtml(m);
		expect(out).not.toContain('<img');
		expect(out).not.toContain('<b>Srl');
		expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot;');
		expect(visibleText(out)).toContain("O'Brien <b>Srl</b>");
	});
	test('the page is well-formed markup (parses as XML once the doctype is removed)', () => {
		const out = renderInvoiceHtml(baseInvoice()).replace('<!DOCTYPE html>', '').replace(/<meta ([^>]*)>/g, '<meta $1/>').replace(/<br>/g, '<br/>');
		expect(() => parseXml(out)).not.toThrow();
	});
	test('a lotto shows each body numbered; a subset can be chosen', () => {
		const m = baseInvoice();
		const second = JSON.parse(JSON.stringify(m.FatturaElettronicaBody[0]));
		second.DatiGenerali.DatiGeneraliDocumento.Numero = '124';
		m.FatturaElettronicaBody.push(second);
		expect(visibleText(renderInvoiceHtml(m))).toMatch(/1\. TD01 - Fattura n\. 123 .* 2\. TD01 - Fattura n\. 124/);
		const only = visibleText(renderInvoiceHtml(m, { bodies: [1] }));
		expect(only).toContain('n. 124');
		expect(only).not.toContain('n. 123 del');
		expect(() => renderInvoiceHtml(m, { bodies: [5] })).toThrow('renderInvoiceHtml: body 5 does not exist (the file has 2)');
	});
	test('the title names the document type', () => {
		const m = baseInvoice();
		m.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.TipoDocumento = 'TD04';
		expect(renderInvoiceHtml(m)).toContain('<title>Nota di credito 123 del 30/06/2025</title>');
		expect(renderInvoiceHtml(m, { title: 'Copia <cortesia>' })).toContain('<title>Copia &lt;cortesia&gt;</title>');
	});
	test('a missing optional block is simply left out', () => {
		const m = baseInvoice();
		delete (m.FatturaElettronicaBody[0] as { DatiPagamento?: unknown }).DatiPagamento;
		expect(visibleText(renderInvoiceHtml(m))).not.toContain('Pagamento');
	});
	test('not a model: a clear error', () => {
		expect(() => renderInvoiceHtml({} as never)).toThrow('renderInvoiceHtml: expected a FatturaPA model');
	});
});

describe('formatting helpers', () => {
	test('numbers', () => {
		expect(formatNumberIt('1234.5')).toBe('1.234,50');
		expect(formatNumberIt('-0.05')).toBe('-0,05');
		expect(formatNumberIt('n/a')).toBe('n/a');
		expect(formatNumberIt(undefined)).toBe('');
	});
	test('dates', () => {
		expect(formatDateIt('2025-06-30')).toBe('30/06/2025');
		expect(formatDateIt('2025-06-30T16:46:12.000+02:00')).toBe('30/06/2025 16:46');
		expect(formatDateIt('ieri')).toBe('ieri');
	});
	test('escaping', () => {
		expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
	});
});

describeWithSpec('fatturapa/samples/valid', 'every valid sample renders', () => {
	const dirs = ['ade-official', 'oca-l10n-italy', 'gobl-fatturapa', 'fatturaelettronicaphp', 'derived'];
	const files = dirs.flatMap((d) => (fs.existsSync(specPath('fatturapa/samples/valid', d)) ? fs.readdirSync(specPath('fatturapa/samples/valid', d)).filter((f) => f.endsWith('.xml')).map((f) => `${d}/${f}`) : []));
	test('there are samples', () => {
		expect(files.length).toBeGreaterThan(50);
	});
	test.each(files)('%s', (f) => {
		const model = parseFatturaPA(fs.readFileSync(specPath('fatturapa/samples/valid', f)));
		const html = renderInvoiceHtml(model);
		const numero = model.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Numero;
		expect(visibleText(html)).toContain(`n. ${numero}`);
	});
});
