/**
 * SdI file names: <IdPaese><IdCodice>_<progressivo>.<xml|xml.p7m|zip>, where IdPaese/IdCodice
 * identify the TRASMITTENTE (who sends the file, often an intermediary) and the progressivo is
 * up to 5 characters of A-Z0-9, never reused (SdI error 00002 otherwise).
 */

export type FileExtension = 'xml' | 'xml.p7m' | 'zip';

export interface FileNameParts {
	/** ISO 3166-1 alpha-2 code of the trasmittente, default IT */
	idPaese?: string;
	/** the trasmittente's partita IVA or codice fiscale (foreign: its tax id) */
	idCodice: string;
	/** 1 to 5 characters A-Z/0-9; shorter values are written as given */
	progressivo: string;
	extension?: FileExtension;
}

const PROGRESSIVO = /^[A-Za-z0-9]{1,5}$/;
const NAME = /^([A-Z]{2})([A-Za-z0-9]{2,28})_([A-Za-z0-9]{1,5})\.(xml|xml\.p7m|zip)$/i;

export function fileName(parts: FileNameParts): string {
	const idPaese = (parts.idPaese ?? 'IT').toUpperCase();
	if (!/^[A-Z]{2}$/.test(idPaese)) throw new RangeError(`idPaese: expected a two-letter country code like IT, got ${JSON.stringify(parts.idPaese)}`);
	const idCodice = String(parts.idCodice ?? '').trim().toUpperCase();
	if (idPaese === 'IT' ? !/^[A-Z0-9]{11}$|^[A-Z0-9]{16}$/.test(idCodice) : !/^[A-Z0-9]{2,28}$/.test(idCodice))
		throw new RangeError(
			`idCodice: expected the trasmittente's ${idPaese === 'IT' ? 'partita IVA (11 digits) or codice fiscale (16 characters)' : 'tax id (2 to 28 letters or digits)'}, got ${JSON.stringify(parts.idCodice)}`,
		);
	if (!PROGRESSIVO.test(parts.progressivo ?? ''))
		throw new RangeError(`progressivo: expected 1 to 5 letters or digits (A-Z, 0-9), got ${JSON.stringify(parts.progressivo)}`);
	const extension = parts.extension ?? 'xml';
	if (!['xml', 'xml.p7m', 'zip'].includes(extension)) throw new RangeError(`extension: expected xml, xml.p7m or zip, got ${JSON.stringify(extension)}`);
	return `${idPaese}${idCodice}_${parts.progressivo.toUpperCase()}.${extension}`;
}

/** Splits an SdI file name; undefined when the name does not follow the rule. */
export function parseFileName(name: string): Required<FileNameParts> | undefined {
	const m = NAME.exec(name);
	if (!m) return undefined;
	return { idPaese: m[1].toUpperCase(), idCodice: m[2], progressivo: m[3], extension: m[4].toLowerCase() as FileExtension };
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The progressivo after `previous`, counting in base 36 over 0-9A-Z and padded to 5 characters
 * ('00009' -> '0000A', '0000Z' -> '00010'). Throws after 'ZZZZZ' (60,466,175 files).
 */
export function nextProgressivo(previous?: string): string {
	if (previous === undefined || previous === '') return '00001';
	if (!PROGRESSIVO.test(previous)) throw new RangeError(`previous progressivo: expected 1 to 5 letters or digits, got ${JSON.stringify(previous)}`);
	const n = parseInt(previous.toUpperCase(), 36) + 1;
	if (n >= 36 ** 5) throw new RangeError('progressivo: ZZZZZ was the last one; use another trasmittente id or reset with SdI');
	let s = '';
	for (let v = n; v > 0; v = Math.floor(v / 36)) s = DIGITS[v % 36] + s;
	return s.padStart(5, '0');
}
