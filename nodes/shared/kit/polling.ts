/**
 * The one shape of a polling trigger's poll():
 * - a manual run ("Fetch Test Event") calls `sample`, which shows a few recent records that
 *   respect the trigger's filters, and leaves the stored state alone;
 * - a scheduled run calls `poll` with the stored state and saves the state it returns only after
 *   the whole poll came back: a poll that fails half way emits nothing and moves no cursor, so the
 *   next one sees the same records again (lib/polling's bookkeeping drops the ones already emitted).
 * State lives in the workflow's static data under one key per trigger.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

export interface PollOutcome<S> {
	items: IDataObject[] | INodeExecutionData[];
	state: S;
}

export interface PollDefinition<S> {
	/** Key of the trigger's state in the node's static data. */
	stateKey: string;
	/** The recent records a manual run shows (filters applied); the state is neither read nor saved. */
	sample(ctx: IPollFunctions): Promise<IDataObject[] | INodeExecutionData[]>;
	/** One complete poll from `state`: what to emit and the state after it. */
	poll(ctx: IPollFunctions, state: S | undefined): Promise<PollOutcome<S>>;
}

function asItems(list: IDataObject[] | INodeExecutionData[]): INodeExecutionData[] {
	return (list as Array<IDataObject | INodeExecutionData>).map((entry) =>
		entry && typeof entry === 'object' && 'json' in entry && entry.json && typeof entry.json === 'object' ? (entry as INodeExecutionData) : { json: entry as IDataObject },
	);
}

export async function runPollTrigger<S>(ctx: IPollFunctions, definition: PollDefinition<S>): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') {
		const sample = asItems(await definition.sample(ctx));
		return sample.length ? [sample] : null;
	}
	const staticData = ctx.getWorkflowStaticData('node') as IDataObject;
	const previous = staticData[definition.stateKey] as S | undefined;
	const outcome = await definition.poll(ctx, previous);
	// only now, after every page came back, does the state move
	staticData[definition.stateKey] = outcome.state as unknown as IDataObject;
	const items = asItems(outcome.items);
	return items.length ? [items] : null;
}
