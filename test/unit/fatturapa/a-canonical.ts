/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import type { XmlElement } from '../../../lib/xml';

/**
 * The comparison the round-trip contract uses: element tree by local name, text trimmed,
 * attributes by local name in any order, namespace declarations and prefixes ignored.
 */
export function canonical(el: XmlElement): string {
	const attrs = el.attributes
		.filter((a) => a.namespace !== 'http://www.w3.org/2001/XMLSchema-instance')
		.map((a) => `${a.local}=${JSON.stringify(a.value)}`)
		.sort()
		.join(' ');
	const text = el.children.length ? '' : JSON.stringify(el.text.trim());
	return `(${el.local}${attrs ? ' ' + attrs : ''}${text ? ' ' + text : ''}${el.children.map(canonical).join('')})`;
}

/** The first place two canonical trees differ, for a readable failure. */
export function firstDifference(a: XmlElement, b: XmlElement, path = ''): string | undefined {
	const here = `${path}/${a.local}`;
	if (a.local !== b.local) return `${here}: element ${a.local} vs ${b.local}`;
	if (a.children.length === 0 && b.children.length === 0 && a.text.trim() !== b.text.trim()) return `${here}: text ${JSON.stringify(a.text.trim())} vs ${JSON.stringify(b.text.trim())}`;
	const n = Math.max(a.children.length, b.children.length);
	for (let i = 0; i < n; i++) {
		if (!a.children[i] || !b.children[i]) return `${here}: child ${i + 1} ${a.children[i]?.local ?? '(none)'} vs ${b.children[i]?.local ?? '(none)'}`;
		const d = firstDifference(a.children[i], b.children[i], here);
		if (d) return d;
	}
	if (canonical(a) !== canonical(b)) return `${here}: attributes differ`;
	return undefined;
}
