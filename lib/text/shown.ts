/** JSON text of a value for an error message, cut short so a huge input cannot flood the error. */
export function shown(value: unknown): string {
	let text: string;
	try {
		text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
