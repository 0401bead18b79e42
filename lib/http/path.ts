/**
 * The one path filler: `/c/{company_id}/issued_documents/{document_id}` with its values. A value
 * that is missing, empty or only spaces is an error naming the placeholder, never an empty
 * segment that would send the request to another endpoint; each value is URL-encoded.
 */
export class MissingPathValue extends Error {
	constructor(
		readonly placeholder: string,
		readonly template: string,
		readonly label?: string,
	) {
		super(`${label ?? placeholder}: a value is required (it fills {${placeholder}} in ${template})`);
		this.name = 'MissingPathValue';
	}
}

export type PathValues = Record<string, string | number | undefined | null>;

/**
 * Fills every `{name}` of `template` from `values`. `labels` gives the field name the user sees
 * for a placeholder ("Document ID" for document_id), used in the error.
 */
export function fillPath(template: string, values: PathValues, labels: Record<string, string> = {}): string {
	return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
		const value = values[name];
		const text = value === undefined || value === null ? '' : String(value).trim();
		if (!text) throw new MissingPathValue(name, template, labels[name]);
		return encodeURIComponent(text);
	});
}

/** The placeholders of a template, in order. */
export function placeholdersOf(template: string): string[] {
	return [...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]);
}
