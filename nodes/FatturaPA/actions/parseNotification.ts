/** Parse Notification: an SdI receipt of either family (PA SdICoop or B2B), plain or signed. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseNotification as parseSdiNotification, type SdiNotification } from '../../../lib/fatturapa';

/** <invoice file name>_<type>_<3 digits>.xml: only a name of this shape is handed on to be cross-checked */
const NOTIFICATION_NAME = /_(RC|NS|MC|NE|DT|AT|EC|SE|MT)_\d{3}\.xml(\.p7m)?$/i;
import { readXmlInput } from './input';
import type { ActionResult } from './types';

export async function parseNotification(ctx: IExecuteFunctions, itemIndex: number): Promise<ActionResult[]> {
	const input = await readXmlInput(ctx, itemIndex);
	let notification: SdiNotification | undefined;
	let failure: Error | undefined;
	try {
		notification = parseSdiNotification(input.data, input.fileName && NOTIFICATION_NAME.test(input.fileName) ? { fileName: input.fileName } : {});
	} catch (error) {
		failure = error as Error;
	}
	if (!notification) {
		const field = typeof input.data === 'string' ? 'XML' : 'Input Binary Field';
		throw new NodeOperationError(ctx.getNode(), `${field}: expected an SdI notification (RC, NS, MC, NE, DT, AT, EC, SE or MT) as XML or .p7m; ${failure?.message}`, { itemIndex });
	}
	if (notification.type === 'unknown' && /^FatturaElettronica/.test(notification.rootElement)) {
		throw new NodeOperationError(ctx.getNode(), `Input: this is an invoice (<${notification.rootElement}>), not an SdI notification; use the Parse operation`, { itemIndex });
	}
	return [{ json: notification as unknown as IDataObject }];
}
