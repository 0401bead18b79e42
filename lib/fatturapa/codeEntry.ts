/** One value of an XSD code list with its official Italian description (what n8n dropdowns show). */
export interface CodeEntry {
	readonly code: string;
	readonly label: string;
}
