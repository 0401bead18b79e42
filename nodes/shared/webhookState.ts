/**
 * State a webhook trigger keeps between calls (replay ids, rate-limit windows).
 *
 * Why not only workflow static data: n8n 2.x saves static data changed inside webhook() only
 * when the call does NOT start an execution; when it does, the execution re-wraps the same
 * static data and resets its "changed" flag before the save (checked on n8n 2.41.1), so the
 * change is lost. So the state lives in this process, keyed by workflow and node, and the
 * replay ids are mirrored into static data (which persists them whenever n8n does save). In
 * queue mode with several webhook processes the limits therefore apply per process; signed
 * timestamps (Stripe, Standard Webhooks) still bound replays across processes.
 *
 * In memory the state is a ReplayCache and a RateLimiter (Maps); in static data the replay ids
 * are an array of [id, ms] entries, so no id is ever an object key (an id `__proto__` cannot
 * touch a prototype on the way in or out).
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { RateLimiter } from '../../lib/webhook/rateLimit';
import { DEFAULT_REPLAY_CACHE, ReplayCache, type ReplayCacheOptions } from '../../lib/webhook/replayCache';

/** Triggers whose state one process keeps; the least recently used is dropped past it. */
const MAX_TRACKED = 1000;

interface TriggerMemory {
	replay?: ReplayCache;
	rateLimit?: RateLimiter;
}

const processState = new Map<string, TriggerMemory>();

function keyOf(ctx: IWebhookFunctions | IHookFunctions): string {
	return `${ctx.getWorkflow().id ?? 'unsaved'}:${ctx.getNode().id}`;
}

function memoryOf(ctx: IWebhookFunctions): TriggerMemory {
	const key = keyOf(ctx);
	let memory = processState.get(key);
	if (memory) processState.delete(key);
	else memory = {};
	processState.set(key, memory);
	while (processState.size > MAX_TRACKED) processState.delete(processState.keys().next().value as string);
	return memory;
}

/** The trigger's replay cache: process memory, seeded from static data[staticKey] on first use. */
export function replayCacheOf(ctx: IWebhookFunctions, staticKey: string, options: ReplayCacheOptions = DEFAULT_REPLAY_CACHE): ReplayCache {
	const memory = memoryOf(ctx);
	memory.replay ??= ReplayCache.fromJSON(ctx.getWorkflowStaticData('node')[staticKey], options);
	return memory.replay;
}

/** Mirrors the replay ids into static data so they survive restarts whenever n8n saves it. */
export function saveReplayCache(ctx: IWebhookFunctions, staticKey: string, cache: ReplayCache): void {
	ctx.getWorkflowStaticData('node')[staticKey] = cache.toJSON() as unknown as IDataObject[];
}

/** The trigger's per-IP rate limiter (process memory only: windows last a minute). */
export function rateLimiterOf(ctx: IWebhookFunctions): RateLimiter {
	const memory = memoryOf(ctx);
	memory.rateLimit ??= new RateLimiter();
	return memory.rateLimit;
}

/** On activation and deactivation the trigger starts from nothing. */
export function resetWebhookState(ctx: IHookFunctions): void {
	processState.delete(keyOf(ctx));
}
