/**
 * Client-side per-minute limits, so that the documented Aruba limits (upload 30/min, search
 * 12/min, notifications 12/min; sign-in 1/min is kept by the token rules) are never exceeded
 * by this process. A rolling window of start times per (account, bucket): a call waits until
 * the oldest start in the window is a minute old. 429 answers are still honoured by the
 * transport's back-off (other processes, other tools on the same account).
 */
export type ArubaBucket = 'upload' | 'search' | 'notification';

export const ARUBA_LIMITS_PER_MINUTE: Record<ArubaBucket, number> = { upload: 30, search: 12, notification: 12 };

const WINDOW_MS = 60_000;

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export class RollingLimiter {
	private readonly starts = new Map<string, number[]>();

	constructor(
		private readonly limits: Record<string, number>,
		private readonly clock: Clock,
	) {}

	/** How long a call of this bucket would wait now (0 = go). */
	waitFor(key: string, bucket: string): number {
		const limit = this.limits[bucket];
		if (!limit) return 0;
		const now = this.clock.now();
		const starts = this.prune(key, bucket, now);
		return starts.length < limit ? 0 : starts[starts.length - limit] + WINDOW_MS - now;
	}

	/** Waits for a free slot and takes it. Concurrent callers are served in call order. */
	async acquire(key: string, bucket: string): Promise<number> {
		if (!this.limits[bucket]) return 0;
		let waited = 0;
		for (;;) {
			const wait = this.waitFor(key, bucket);
			if (wait <= 0) break;
			// in steps, so a clock that moves differently (suspend, tests) is read again
			const step = Math.min(wait, 1000);
			waited += step;
			await this.clock.sleep(step);
		}
		this.prune(key, bucket, this.clock.now()).push(this.clock.now());
		return waited;
	}

	private prune(key: string, bucket: string, now: number): number[] {
		const id = `${key}\u0000${bucket}`;
		let starts = this.starts.get(id);
		if (!starts) {
			starts = [];
			this.starts.set(id, starts);
		}
		while (starts.length && starts[0] <= now - WINDOW_MS) starts.shift();
		return starts;
	}
}
