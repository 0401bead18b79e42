/**
 * Mago enumerations travel as 32-bit integers: (tag << 16) + item, e.g. CustSuppType customer =
 * 49 << 16 = 3211264 (../shared/specs/mago4/endpoints.json, enumEncoding). Only the names below
 * are known without asking the installation (GetXMLEnum lists the rest, in its own language).
 */
export interface MagoEnum {
	tag: number;
	items: Readonly<Record<number, string>>;
	/** where the names come from */
	source: string;
}

export const MAGO_ENUMS: Readonly<Record<string, MagoEnum>> = {
	CustSuppType: { tag: 49, items: { 0: 'Customer', 1: 'Supplier' }, source: 'endpoints.json: customer=3211264, supplier=3211265' },
	// the vendor samples post a sale with the customer row 4980736 and the revenue and VAT rows
	// 4980737, and a purchase the other way round: our inference, not a vendor table
	DebitCreditSign: { tag: 76, items: { 0: 'Debit', 1: 'Credit' }, source: 'inferred from the vendor MagicLink samples (SaleDocJE, PurchaseDocJE)' },
};

export function decodeEnum(value: number): { tag: number; item: number } {
	return { tag: Math.floor(value / 65536), item: value % 65536 };
}

export function encodeEnum(tag: number, item: number): number {
	return tag * 65536 + item;
}

export type EnumTable = Readonly<Record<string, MagoEnum>>;

/** A field's stored value shown by name ('3211264' -> 'Customer'), or as it is when unknown. */
export function enumName(field: string, value: string, table: EnumTable = MAGO_ENUMS): string {
	const e = table[field];
	if (!e || !/^\d{1,10}$/.test(value)) return value;
	const { tag, item } = decodeEnum(Number(value));
	return tag === e.tag && e.items[item] !== undefined ? e.items[item] : value;
}

/** A name back to the stored value ('Customer' -> '3211264'); digits pass through; undefined when the name is unknown. */
export function enumValue(field: string, nameOrValue: string, table: EnumTable = MAGO_ENUMS): string | undefined {
	if (/^\d{1,10}$/.test(nameOrValue)) return nameOrValue;
	const e = table[field];
	if (!e) return nameOrValue;
	const found = Object.entries(e.items).find(([, name]) => name.toLowerCase() === nameOrValue.toLowerCase());
	return found ? String(encodeEnum(e.tag, Number(found[0]))) : undefined;
}
