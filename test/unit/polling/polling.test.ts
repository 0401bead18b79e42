/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';

import { fingerprint, minusSeconds, runPoll, type FetchPage, type PolledRecord, type PollState } from '../../../lib/polling';

const ts = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');

interface SourceRecord {
	id: number;
	version: number;
	paid: boolean;
	createdAt: number;
	updatedAt: number;
}

class Source {
	records = new Map<number, SourceRecord>();
	clock = 1000;
	nextId = 1;
	requests = 0;
	failAtRequest?: number;
	/** operations to run between pages of a poll */
	duringPoll: Array<() => void> = [];

	insert(createdAt = this.clock) {
		const id = this.nextId++;
		this.records.set(id, { id, version: 1, paid: false, createdAt, updatedAt: createdAt });
	}
	update(id: number, paid?: boolean) {
		const record = this.records.get(id);
		if (!record) return;
		record.version++;
		if (paid) record.paid = true;
		record.updatedAt = this.clock;
	}
	remove(id: number) {
		this.records.delete(id);
	}
	toPolled(r: SourceRecord): PolledRecord {
		const data = { id: r.id, version: r.version, paid: r.paid };
		return { id: r.id, updatedAt: ts(r.updatedAt), createdAt: ts(r.createdAt), paid: r.paid, fingerprint: fingerprint(data), data };
	}
	fetch: FetchPage = async (after, pageSize) => {
		this.requests++;
		if (this.failAtRequest !== undefined && this.requests === this.failAtRequest) throw new Error('503 from the source');
		const op = this.duringPoll.shift();
		op?.();
		return [...this.records.values()]
			.map((r) => this.toPolled(r))
			.filter((r) => !after || r.updatedAt > after.at || (r.updatedAt === after.at && r.id > after.id))
			.sort((a, b) => (a.updatedAt === b.updatedAt ? a.id - b.id : a.updatedAt < b.updatedAt ? -1 : 1))
			.slice(0, pageSize);
	};
}

describe('exactly-once polling', () => {
	test('the first poll starts from now: existing records are not emitted, later ones are', async () => {
		const source = new Source();
		source.insert();
		source.insert();
		const first = await runPoll({}, source.fetch, { now: ts(source.clock), pageSize: 10 });
		expect(first.changes).toEqual([]);
		source.clock += 900;
		source.insert();
		source.update(1, true);
		const second = await runPoll(first.state, source.fetch, { now: ts(source.clock), pageSize: 10 });
		expect(second.changes.map((c) => [c.kind, c.record.id])).toEqual([
			['paid', 1],
			['new', 3],
		]);
	});

	test('asked to emit existing records, the first poll emits them all as new', async () => {
		const source = new Source();
		for (let i = 0; i < 5; i++) source.insert();
		const first = await runPoll({}, source.fetch, { now: ts(source.clock + 10), pageSize: 2, emitExisting: true });
		expect(first.changes.map((c) => c.kind)).toEqual(['new', 'new', 'new', 'new', 'new']);
	});

	test('records sharing one timestamp across a page boundary are each emitted once', async () => {
		const source = new Source();
		const start = await runPoll({}, source.fetch, { now: ts(source.clock), pageSize: 3 });
		source.clock += 10;
		for (let i = 0; i < 7; i++) source.insert();
		const poll = await runPoll(start.state, source.fetch, { now: ts(source.clock), pageSize: 3 });
		expect(poll.changes.map((c) => c.record.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		const again = await runPoll(poll.state, source.fetch, { now: ts(source.clock), pageSize: 3 });
		expect(again.changes).toEqual([]);
	});

	test('a poll that fails half way changes no state, and the next one emits everything once', async () => {
		const source = new Source();
		const start = await runPoll({}, source.fetch, { now: ts(source.clock), pageSize: 2 });
		source.clock += 60;
		for (let i = 0; i < 5; i++) source.insert();
		source.failAtRequest = source.requests + 2;
		await expect(runPoll(start.state, source.fetch, { now: ts(source.clock), pageSize: 2 })).rejects.toThrow('503');
		const retry = await runPoll(start.state, source.fetch, { now: ts(source.clock), pageSize: 2 });
		expect(retry.changes.map((c) => c.record.id)).toEqual([1, 2, 3, 4, 5]);
	});

	test('a deletion during the poll does not make a later record slip between pages', async () => {
		const source = new Source();
		const start = await runPoll({}, source.fetch, { now: ts(source.clock), pageSize: 2 });
		source.clock += 60;
		for (let i = 0; i < 6; i++) source.insert();
		source.duringPoll = [() => undefined, () => source.remove(1)];
		const poll = await runPoll(start.state, source.fetch, { now: ts(source.clock), pageSize: 2 });
		expect(poll.changes.map((c) => c.record.id)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	test('state survives a JSON round trip (restart, republish)', async () => {
		const source = new Source();
		const start = await runPoll({}, source.fetch, { now: ts(source.clock), pageSize: 5 });
		source.clock += 60;
		source.insert();
		const poll = await runPoll(JSON.parse(JSON.stringify(start.state)) as PollState, source.fetch, { now: ts(source.clock), pageSize: 5 });
		const again = await runPoll(JSON.parse(JSON.stringify(poll.state)) as PollState, source.fetch, { now: ts(source.clock + 60), pageSize: 5 });
		expect(poll.changes).toHaveLength(1);
		expect(again.changes).toHaveLength(0);
	});

	test('minusSeconds keeps the source format', () => {
		expect(minusSeconds('2026-01-01 00:01:00', 120)).toBe('2025-12-31 23:59:00');
		expect(minusSeconds('2026-01-01T00:01:00', 60)).toBe('2026-01-01T00:00:00');
		expect(() => minusSeconds('ieri', 1)).toThrow(/not a date-time/);
	});

	test('property: across polls with inserts, updates, payments, deletes, failures and restarts, every state is emitted once and none is missed', async () => {
		const operation = fc.oneof(
			fc.record({ op: fc.constant('insert' as const) }),
			fc.record({ op: fc.constant('update' as const), pick: fc.nat(), paid: fc.boolean() }),
			fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
			fc.record({ op: fc.constant('tick' as const), seconds: fc.integer({ min: 0, max: 400 }) }),
		);
		const round = fc.record({
			before: fc.array(operation, { maxLength: 12 }),
			during: fc.array(operation, { maxLength: 4 }),
			failAt: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
			restart: fc.boolean(),
			pageSize: fc.integer({ min: 1, max: 4 }),
		});
		await fc.assert(
			fc.asyncProperty(fc.array(round, { minLength: 3, maxLength: 6 }), async (rounds) => {
				const source = new Source();
				const apply = (o: { op: string; pick?: number; paid?: boolean; seconds?: number }) => {
					const ids = [...source.records.keys()];
					if (o.op === 'insert') source.insert();
					else if (o.op === 'tick') source.clock += o.seconds ?? 0;
					else if (ids.length && o.op === 'update') source.update(ids[(o.pick ?? 0) % ids.length], o.paid);
					else if (ids.length && o.op === 'delete') source.remove(ids[(o.pick ?? 0) % ids.length]);
				};
				let state: PollState = (await runPoll({}, source.fetch, { now: ts(source.clock), pageSize: 3 })).state;
				const emitted = new Map<string, number>();
				const lastEmitted = new Map<number, string>();
				for (const r of rounds) {
					r.before.forEach(apply);
					source.clock += 1;
					source.duringPoll = r.during.map((o) => () => apply(o));
					source.failAtRequest = r.failAt !== undefined ? source.requests + r.failAt : undefined;
					try {
						const result = await runPoll(state, source.fetch, { now: ts(source.clock), pageSize: r.pageSize });
						state = r.restart ? (JSON.parse(JSON.stringify(result.state)) as PollState) : result.state;
						for (const change of result.changes) {
							const key = `${change.record.id}:${change.record.fingerprint}`;
							emitted.set(key, (emitted.get(key) ?? 0) + 1);
							lastEmitted.set(change.record.id, change.record.fingerprint);
						}
					} catch {
						// failed poll: nothing persisted
					}
					source.failAtRequest = undefined;
					source.duringPoll = [];
				}
				source.clock += 1;
				const final = await runPoll(state, source.fetch, { now: ts(source.clock), pageSize: 3 });
				for (const change of final.changes) {
					const key = `${change.record.id}:${change.record.fingerprint}`;
					emitted.set(key, (emitted.get(key) ?? 0) + 1);
					lastEmitted.set(change.record.id, change.record.fingerprint);
				}
				// never twice
				for (const [key, count] of emitted) if (count !== 1) throw new Error(`${key} emitted ${count} times`);
				// never missed: every record that changed after the start shows its current state
				for (const record of source.records.values()) {
					if (record.updatedAt >= 1000 && record.createdAt >= 1000 || record.version > 1) {
						const current = source.toPolled(record).fingerprint;
						if (lastEmitted.get(record.id) !== current) throw new Error(`record ${record.id} current state never emitted`);
					}
				}
			}),
			{ numRuns: 300 },
		);
	});
});
