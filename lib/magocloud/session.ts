/**
 * Every MagoCloud login takes a licence seat (CAL) until logoff, so a session always ends with a
 * logoff, also when the work fails. A failed logoff never hides the work's own result or error:
 * a write that succeeded must be reported as done (or a re-run would write it twice), so the
 * logoff failure goes to `onLogoffFailure` instead of being thrown.
 */
export interface SessionOptions {
	onLogoffFailure?: (error: unknown) => void;
}

export async function withSession<S, T>(login: () => Promise<S>, work: (session: S) => Promise<T>, logoff: (session: S) => Promise<unknown>, options: SessionOptions = {}): Promise<T> {
	const session = await login();
	try {
		return await work(session);
	} finally {
		try {
			await logoff(session);
		} catch (e) {
			options.onLogoffFailure?.(e);
		}
	}
}
