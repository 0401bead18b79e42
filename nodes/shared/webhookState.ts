/**
 * State a webhook trigger keeps between calls (replay ids, rate-limit windows).
 *
 * Why not only workflow static data: n8n 2.x saves static data changed inside webhook() only
 * when the call does NOT start an execution; when it does, the execution re-wraps the same
 * static data and resets its "changed" flag before the save (checked on n8n 2.41.1), so the
 * change is lost. So the state lives in this process, keyed by workflow and node, and is
 * mirrored into static data (which persists it whenever n8n does save). In queue mode with
 * several webhook processes the limits therefore apply per process; signed timestamps
 * (Stripe, Standard Webhooks) still bound replays across processes.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

const MAX_TRACKED = 1000;
const processState = new Map<string, IDataObject>();

function keyOf(ctx: IWebhookFunctions | IHookFunctions): string {
	return `${ctx.getWorkflow().id ?? 'unsaved'}:${ctx.getNode().id}`;
}

/** The live state for this trigger (only the given static-data keys): process memory, seeded from static data. */
export function loadWebhookState<T extends IDataObject>(ctx: IWebhookFunctions, keys: string[]): T {
	const key = keyOf(ctx);
	let state = processState.get(key);
	if (!state) {
		const persisted = ctx.getWorkflowStaticData('node');
		state = Object.fromEntries(keys.filter((k) => persisted[k] !== undefined).map((k) => [k, JSON.parse(JSON.stringify(persisted[k])) as IDataObject]));
		processState.set(key, state);
		if (processState.size > MAX_TRACKED) processState.delete(processState.keys().next().value as string);
	}
	return state as T;
}

/** Mirrors the state into static data so it survives restarts whenever n8n saves it. */
export function saveWebhookState(ctx: IWebhookFunctions, state: IDataObject): void {
	const persisted = ctx.getWorkflowStaticData('node');
	for (const [key, value] of Object.entries(state)) persisted[key] = JSON.parse(JSON.stringify(value)) as IDataObject;
}

/** On activation and deactivation the trigger starts from nothing. */
export function resetWebhookState(ctx: IHookFunctions): void {
	processState.delete(keyOf(ctx));
}
