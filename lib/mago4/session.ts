import type { MagoSession } from './reply';

/**
 * One MagicLink session around a piece of work. Every LoginCompact takes a client access licence
 * (CAL) until LogOff, and the token never expires by itself, so LogOff runs in `finally`: after
 * the work, whether it returned or threw.
 *
 * A LogOff that fails never hides the work's own outcome: when the work threw, its error is
 * thrown; when the work succeeded (a document may have been posted), its result is returned, and
 * the LogOff failure goes to `onLogOffError`, so the caller never re-sends work that was applied.
 */
export async function withSession<T>(
	login: () => Promise<MagoSession>,
	work: (session: MagoSession) => Promise<T>,
	logOff: (session: MagoSession) => Promise<void>,
	onLogOffError: (error: unknown, session: MagoSession) => void = () => undefined,
): Promise<T> {
	const session = await login();
	try {
		return await work(session);
	} finally {
		try {
			await logOff(session);
		} catch (error) {
			onLogOffError(error, session);
		}
	}
}
