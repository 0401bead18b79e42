/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import type { XmlElement } from '../../../lib/xml';
import { fieldsOf, type SchemaSet } from '../../../lib/fatturapa/structure/schemaSet';
import { elementParticles } from '../../../lib/fatturapa/structure/schemaSet';

/**
 * Mutations of valid invoices for the differential test against xmllint: each one is a small
 * edit a person or a buggy generator makes (drop, duplicate, reorder, rename, wrong value...).
 * Many stay valid on purpose: agreement on "valid" matters as much as on "invalid".
 */
export type MutationKind =
	| 'drop'
	| 'duplicate'
	| 'swap'
	| 'move'
	| 'value'
	| 'typed-value'
	| 'rename'
	| 'unknown-child'
	| 'attribute'
	| 'namespace'
	| 'text-in-complex'
	| 'root-attribute';

export interface Mutation {
	base: number;
	kind: MutationKind;
	pick: number;
	pick2: number;
	value: number;
}

export const KINDS: MutationKind[] = ['drop', 'duplicate', 'swap', 'move', 'value', 'typed-value', 'typed-value', 'rename', 'unknown-child', 'attribute', 'namespace', 'text-in-complex', 'root-attribute'];

export function mutationArbitrary(bases: number): fc.Arbitrary<Mutation> {
	return fc.record({
		base: fc.nat(bases - 1),
		kind: fc.constantFrom(...KINDS),
		pick: fc.nat(100000),
		pick2: fc.nat(100000),
		value: fc.nat(100000),
	});
}

const POOL = [
	'', ' ', 'A', 'AB', 'ABC', 'IT', 'it', 'ITA', 'EUR', 'eur', 'X'.repeat(5), 'X'.repeat(6), 'X'.repeat(7), 'X'.repeat(10), 'X'.repeat(11),
	'X'.repeat(16), 'X'.repeat(17), 'X'.repeat(20), 'X'.repeat(21), 'X'.repeat(28), 'X'.repeat(29), 'X'.repeat(35), 'X'.repeat(36),
	'X'.repeat(60), 'X'.repeat(61), 'X'.repeat(80), 'X'.repeat(81), 'X'.repeat(100), 'X'.repeat(101), 'X'.repeat(200), 'X'.repeat(201),
	'X'.repeat(1000), 'X'.repeat(1001), '0', '1', '01', '+1', '-1', '9999', '10000', '999', '1000', '1.0', '1.00', '1.000', '-1.00', '0.00',
	'100.00', '100.01', '999.99', '12345678901.00', '123456789012.00', '1.12345678', '1.123456789', ' 1.00', '1.00 ', '\n  5.00\n', '1,00',
	'2020-01-01', '2020-02-30', '2024-02-29', '1969-12-31', '1970-01-01', '2020-1-1', ' 2020-01-01', '2020-01-01 ', '2020-01-01Z',
	'2020-01-01+01:00', '2020-01-01T10:00:00', '2020-01-01T24:00:00', '2020-01-01T10:00:00.5Z', 'TD01', 'TD07', 'TD29', 'TD30', 'N2',
	'N2.1', 'N3.7', 'N6.9', 'N7', 'RF03', 'RF19', 'RF20', 'MP23', 'MP24', 'TP01', 'TP04', 'SI', 'NO', 'si', 'SC', 'MG', 'XXXXXXX',
	'0000000', 'ABC123', 'abc1234', 'ABC1234 ', '01234567897', 'RSSMRA80A01H501U', 'rssmra80a01h501u', 'a@b.it', 'a@b', 'pec@pec.it ',
	' a@b.it', 'a.b@c.d.e', 'a..b@c.it', 'è', 'città', '’', 'ü€', 'a\tb', 'x\ny', '&<>', 'IT60X0542811101000000123456', 'IT60',
	'BCITITMM', 'BCITITMMXXX', 'bcititmm', '00100', '0010', 'MI', 'Mi', 'QUJD', 'QUJ', 'QUI=', '!!!!', '1234', '12345', 'ABCDEFGHIJ',
	'  AB  ', 'A B', '12.5', '5', '2.00', 'D', 'I', 'S', 'E', 'FPR12', 'FPA12', 'FPR11',
];

interface Node {
	el: XmlElement;
	parent?: XmlElement;
	/** simple type of a leaf, complex type of a block; undefined inside foreign or unknown content */
	type?: string;
	complex: boolean;
}

function collect(schema: SchemaSet, root: XmlElement): Node[] {
	const out: Node[] = [];
	const walk = (el: XmlElement, parent: XmlElement | undefined, type: string | undefined) => {
		const complex = type !== undefined && schema.complexTypes[type] !== undefined;
		out.push({ el, parent, type, complex });
		if (!complex) return;
		const fields = fieldsOf(schema, type!);
		for (const c of el.children) {
			const f = fields.get(c.local);
			if (!f || f.kind === 'foreign') continue; // ds:Signature has its own schema: left alone
			walk(c, el, f.type);
		}
	};
	walk(root, undefined, schema.root.type);
	return out;
}

function clone(el: XmlElement): XmlElement {
	return {
		...el,
		attributes: el.attributes.map((a) => ({ ...a })),
		children: el.children.map(clone),
		namespaceDeclarations: el.namespaceDeclarations ? { ...el.namespaceDeclarations } : undefined,
	};
}

function valuesFor(schema: SchemaSet, type: string | undefined): string[] {
	const def = type ? schema.simpleTypes[type] : undefined;
	if (!def) return POOL;
	const out: string[] = [];
	if (def.enumeration) out.push(...def.enumeration, ...def.enumeration.slice(0, 2).map((v) => v.toLowerCase()), `${def.enumeration[0]} `);
	for (const n of [def.length, def.minLength, def.maxLength]) if (n !== undefined) out.push('9'.repeat(n), '9'.repeat(n + 1), 'A'.repeat(Math.max(0, n - 1)));
	for (const m of [def.minInclusive, def.maxInclusive]) if (m !== undefined) out.push(m, `${m}1`);
	const max = /\{1,(\d+)\}/.exec(def.patterns?.[0]?.xsd ?? '');
	if (max) out.push('a'.repeat(Number(max[1])), 'a'.repeat(Number(max[1]) + 1), `${'a'.repeat(Number(max[1]) - 1)}è`, `${'a'.repeat(Number(max[1]) - 1)}’`);
	return out.length ? out : POOL;
}

/** Applies a mutation to a copy of the base tree; returns the tree and a description for failures. */
export function applyMutation(schema: SchemaSet, base: XmlElement, m: Mutation): { root: XmlElement; description: string } {
	const root = clone(base);
	const nodes = collect(schema, root);
	const inner = nodes.filter((n) => n.parent);
	const leaves = inner.filter((n) => !n.complex);
	const blocks = nodes.filter((n) => n.complex);
	const node = inner[m.pick % inner.length];
	const where = (n: Node) => `${n.parent?.local ?? ''}/${n.el.local}`;
	const siblings = (n: Node) => n.parent!.children;
	switch (m.kind) {
		case 'drop': {
			siblings(node).splice(siblings(node).indexOf(node.el), 1);
			return { root, description: `drop ${where(node)}` };
		}
		case 'duplicate': {
			siblings(node).splice(siblings(node).indexOf(node.el) + 1, 0, clone(node.el));
			return { root, description: `duplicate ${where(node)}` };
		}
		case 'swap': {
			const list = siblings(node);
			const i = list.indexOf(node.el);
			if (i + 1 < list.length) [list[i], list[i + 1]] = [list[i + 1], list[i]];
			return { root, description: `swap ${where(node)} with its next sibling` };
		}
		case 'move': {
			const list = siblings(node);
			list.splice(list.indexOf(node.el), 1);
			const to = m.pick2 % (list.length + 1);
			list.splice(to, 0, node.el);
			return { root, description: `move ${where(node)} to position ${to + 1}` };
		}
		case 'value':
		case 'typed-value': {
			const leaf = leaves[m.pick % leaves.length];
			const values = m.kind === 'value' ? POOL : valuesFor(schema, leaf.type);
			const v = values[m.value % values.length];
			leaf.el.text = v;
			return { root, description: `${where(leaf)} = ${JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}...(${v.length})` : v)}` };
		}
		case 'rename': {
			const parentType = nodes.find((n) => n.el === node.parent)!.type!;
			const names = elementParticles(schema.complexTypes[parentType].content).map((p) => p.name);
			const name = [...names, 'Sconosciuto'][m.pick2 % (names.length + 1)];
			const old = node.el.local;
			node.el.name = name;
			node.el.local = name;
			return { root, description: `rename ${where({ ...node, el: { ...node.el, local: old } })} to ${name}` };
		}
		case 'unknown-child': {
			const block = blocks[m.pick % blocks.length];
			const extra: XmlElement = { name: 'Extra', local: 'Extra', namespace: '', attributes: [], children: [], text: '1', line: 0 };
			block.el.children.splice(m.pick2 % (block.el.children.length + 1), 0, extra);
			return { root, description: `unknown child in ${block.el.local}` };
		}
		case 'attribute': {
			const target = nodes[m.pick % nodes.length];
			const xsi = m.pick2 % 3 === 0;
			target.el.attributes.push(
				xsi
					? { name: 'xsi:schemaLocation', local: 'schemaLocation', namespace: 'http://www.w3.org/2001/XMLSchema-instance', value: 'urn:x x.xsd' }
					: { name: 'note', local: 'note', namespace: '', value: 'x' },
			);
			if (xsi && !root.namespaceDeclarations?.xsi) root.namespaceDeclarations = { ...root.namespaceDeclarations, xsi: 'http://www.w3.org/2001/XMLSchema-instance' };
			if (xsi && target.el.attributes.filter((a) => a.name === 'xsi:schemaLocation').length > 1) target.el.attributes.pop();
			return { root, description: `attribute ${xsi ? 'xsi:schemaLocation' : 'note'} on ${target.el.local}` };
		}
		case 'namespace': {
			node.el.namespaceDeclarations = { ...node.el.namespaceDeclarations, '': m.pick2 % 2 ? schema.targetNamespace : '' };
			return { root, description: `xmlns="${node.el.namespaceDeclarations['']}" on ${where(node)}` };
		}
		case 'text-in-complex': {
			const block = blocks[m.pick % blocks.length];
			block.el.text = m.pick2 % 2 ? 'testo' : '\n   ';
			return { root, description: `text ${JSON.stringify(block.el.text)} inside ${block.el.local}` };
		}
		case 'root-attribute': {
			const values = ['FPR12', 'FPA12', 'FPR11', '', 'fpr12', ' FPR12'];
			const v = values[m.value % values.length];
			const versione = root.attributes.find((a) => a.local === 'versione');
			if (versione && m.pick2 % 5 !== 0) versione.value = v;
			else root.attributes = root.attributes.filter((a) => a.local !== 'versione');
			return { root, description: versione && m.pick2 % 5 !== 0 ? `versione="${v}"` : 'no versione attribute' };
		}
	}
}
