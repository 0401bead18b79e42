/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseXml, XmlParseError, serializeElement, decodeXml } from '../../../lib/xml';
import { describeWithSpec, specPath } from '../../helpers/specs';

function refusal(input: string | Uint8Array, options = {}): XmlParseError {
	try {
		parseXml(input, options);
	} catch (e) {
		if (e instanceof XmlParseError) return e;
		throw e;
	}
	throw new Error('expected the parser to refuse the input');
}

describe('safe XML parser: what it refuses', () => {
	it('refuses a DOCTYPE before reading any of it, with a message that says why', () => {
		const e = refusal('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>');
		expect(e.kind).toBe('doctype');
		expect(e.message).toMatch(/DOCTYPE \(DTD\) is not allowed/);
		expect(e.line).toBe(1);
	});

	it('refuses an entity that is not one of the five predefined ones, naming it', () => {
		const e = refusal('<a>&xxe;</a>');
		expect(e.kind).toBe('entity');
		expect(e.message).toContain('&xxe;');
	});

	it('refuses input over the size cap, and the cap is configurable', () => {
		const big = `<a>${'x'.repeat(2000)}</a>`;
		expect(refusal(big, { maxBytes: 1000 }).kind).toBe('too-large');
		expect(parseXml(big, { maxBytes: 5000 }).root.text).toHaveLength(2000);
	});

	it('measures a string by its UTF-8 size against the cap', () => {
		const accented = `<a>${'è'.repeat(600)}</a>`; // 607 characters, 1207 bytes
		expect(refusal(accented, { maxBytes: 1000 }).kind).toBe('too-large');
	});

	it.each([
		['mismatched end tag', '<a><b></a></b>', /does not match start tag <b>/],
		['unclosed root', '<a><b/>', /<a> is not closed/],
		['two roots', '<a/><b/>', /second root/],
		['text before the root', 'hello<a/>', /text before the root/],
		['bare ampersand', '<a>fish & chips</a>', /"&" must start a reference/],
		['duplicate attribute', '<a x="1" x="2"/>', /appears twice/],
		['unquoted attribute', '<a x=1/>', /must be quoted/],
		['"<" in an attribute', '<a x="<"/>', /"<" is not allowed/],
		['control character', '<a>\u0001</a>', /U\+0001 is not allowed/],
		['late XML declaration', '<a/><?xml version="1.0"?>', /only allowed at the very start/],
		['"--" inside a comment', '<a><!-- a -- b --></a>', /"--" is not allowed/],
		['character reference to a non-character', '<a>&#0;</a>', /not an XML character/],
	])('refuses malformed XML: %s', (_name, xml, message) => {
		const e = refusal(xml);
		expect(e.kind).toBe('syntax');
		expect(e.message).toMatch(message);
	});

	it('gives the line and column of a syntax error', () => {
		const e = refusal('<a>\n  <b>\n  </c>\n</a>');
		expect(e.line).toBe(3);
		expect(e.column).toBe(3);
	});

	it('refuses bytes that are not the UTF-8 the file claims', () => {
		const e = refusal(Buffer.from([0x3c, 0x61, 0x3e, 0xe8, 0x3c, 0x2f, 0x61, 0x3e])); // <a>è</a> in latin1, no declaration
		expect(e.kind).toBe('encoding');
		expect(e.message).toMatch(/not valid UTF-8.*offset 3/);
	});

	it('refuses an encoding it does not know rather than guessing', () => {
		const e = refusal(Buffer.from('<?xml version="1.0" encoding="EBCDIC-IT"?><a/>'));
		expect(e.kind).toBe('encoding');
		expect(e.message).toContain('EBCDIC-IT'.toLowerCase());
	});
});

describe('safe XML parser: what it accepts', () => {
	it('resolves the five predefined entities and character references', () => {
		expect(parseXml('<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;</a>').root.text).toBe(`<>&"'AB😀`);
	});

	it('keeps CDATA content as text', () => {
		expect(parseXml('<a><![CDATA[x < y & z]]></a>').root.text).toBe('x < y & z');
	});

	it('skips a UTF-8 byte-order mark', () => {
		const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>ok</a>')]);
		expect(parseXml(bom).root.text).toBe('ok');
		expect(parseXml('\uFEFF<a>ok</a>').root.text).toBe('ok');
	});

	it('decodes ISO-8859-1 as ISO-8859-1 and windows-1252 as windows-1252', () => {
		const latin1 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), Buffer.from([0xe8, 0x80]), Buffer.from('</a>')]);
		expect(parseXml(latin1).root.text).toBe('è\u0080');
		const cp1252 = Buffer.concat([Buffer.from("<?xml version='1.0' encoding='windows-1252'?><a>"), Buffer.from([0xe8, 0x80, 0x93]), Buffer.from('</a>')]);
		expect(parseXml(cp1252).root.text).toBe('è€“');
	});

	it('accepts a processing instruction and comments before the root', () => {
		const doc = parseXml('<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="fatturapa.xsl"?>\n<!-- c --><a/>');
		expect(doc.root.local).toBe('a');
		expect(doc.declaration).toEqual({ version: '1.0' });
	});

	it('addresses elements by local name whatever the prefix, and resolves namespaces', () => {
		const doc = parseXml('<p:F xmlns:p="urn:x"><H><q:B xmlns:q="urn:y"/></H></p:F>');
		expect(doc.root.local).toBe('F');
		expect(doc.root.namespace).toBe('urn:x');
		expect(doc.root.children[0].namespace).toBe('');
		expect(doc.root.children[0].children[0]).toMatchObject({ local: 'B', namespace: 'urn:y' });
	});

	it('lets xmlns="" reset the default namespace', () => {
		const doc = parseXml('<F xmlns="urn:x"><H xmlns=""><B/></H></F>');
		expect(doc.root.namespace).toBe('urn:x');
		expect(doc.root.children[0].children[0].namespace).toBe('');
	});

	it('records an undeclared prefix instead of failing, so received files can still be read', () => {
		const doc = parseXml('<p:F><H/></p:F>');
		expect(doc.root.local).toBe('F');
		expect(doc.namespaceIssues[0].message).toMatch(/prefix p .* not declared/);
	});

	it('normalises line ends and attribute white space as XML requires', () => {
		const doc = parseXml('<a x="1\t2\n3" y="&#10;">l1\r\nl2\rl3</a>');
		expect(doc.root.text).toBe('l1\nl2\nl3');
		expect(doc.root.attributes.map((a) => a.value)).toEqual(['1 2 3', '\n']);
	});

	it('writes back what it read (serializeElement)', () => {
		const xml = '<p:F xmlns:p="urn:x" v="a&amp;b"><H>x &lt; y</H><E/></p:F>';
		expect(serializeElement(parseXml(xml).root, '', '')).toBe('<p:F xmlns:p="urn:x" v="a&amp;b">\n<H>x &lt; y</H>\n<E/>\n</p:F>');
	});

	it('returns text unchanged from decodeXml when given a string', () => {
		expect(decodeXml('<a/>')).toBe('<a/>');
	});
});

describeWithSpec('fatturapa/samples/invalid/security', 'safe XML parser on the security samples', () => {
	const dir = specPath('fatturapa', 'samples', 'invalid', 'security');
	const withDtd = fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), 'latin1').includes('<!DOCTYPE'));

	it('finds the DTD-based attacks among the samples', () => {
		expect(withDtd).toEqual(expect.arrayContaining(['billion_laughs.xml', 'entity_expansion.xml', 'quadratic_blowup.xml', 'recursive_entity.xml', 'small_jumbo.xml']));
	});

	it.each(withDtd)('refuses %s at its DOCTYPE within 20 ms, expanding nothing', (file) => {
		const bytes = fs.readFileSync(path.join(dir, file));
		const before = process.memoryUsage().heapUsed;
		const started = process.hrtime.bigint();
		const e = refusal(bytes);
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		expect(e.kind).toBe('doctype');
		expect(ms).toBeLessThan(20);
		expect(process.memoryUsage().heapUsed - before).toBeLessThan(5 * 1024 * 1024);
	});

	it.each(['jumbo_Causale.xml', 'jumbo_FatturaElettronicaHeader.xml'])('reads the large %s in linear time (under 500 ms)', (file) => {
		const bytes = fs.readFileSync(path.join(dir, file));
		const started = process.hrtime.bigint();
		const doc = parseXml(bytes);
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
		expect(doc.root.local).toBe('FatturaElettronica');
	});

	it('refuses the large samples by size when the cap is lowered', () => {
		const bytes = fs.readFileSync(path.join(dir, 'jumbo_Causale.xml'));
		expect(refusal(bytes, { maxBytes: 1024 * 1024 }).kind).toBe('too-large');
	});
});
