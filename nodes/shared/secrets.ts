/**
 * The secrets of the credential a call uses, read from n8n when a call fails (so a token n8n
 * refreshed or a sign-in stored during the call is known too), for scrubbing failures, errors
 * and log lines by value (lib/http/secrets).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { createScrubber, secretsOfCredential, type SecretScrubber } from '../../lib/http/secrets';
import type { HttpFailure } from '../../lib/http/httpError';

interface CredentialReader {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
}

export class CallSecrets {
	private readonly values = new Set<string>();
	private readonly pairs = new Map<string, [string, string]>();
	private scrubber: SecretScrubber = createScrubber({ values: [], pairs: [] });

	constructor(
		private readonly ctx: CredentialReader,
		private readonly credentialType: string,
	) {}

	/** Re-reads the credential and adds its secrets to those already known (old tokens stay scrubbed). */
	async load(): Promise<this> {
		let data: unknown;
		try {
			data = await this.ctx.getCredentials(this.credentialType);
		} catch {
			return this; // no credential to read: field-name redaction still applies
		}
		const found = secretsOfCredential(data);
		const before = this.values.size + this.pairs.size;
		for (const value of found.values) this.values.add(value);
		for (const pair of found.pairs) this.pairs.set(JSON.stringify(pair), pair);
		if (this.values.size + this.pairs.size !== before) this.scrubber = createScrubber({ values: [...this.values], pairs: [...this.pairs.values()] });
		return this;
	}

	text(text: string): string {
		return this.scrubber.scrub(text);
	}

	/** A failure whose message, headers and body hold no secret (the body may reach the caller). */
	failure(failure: HttpFailure): HttpFailure {
		if (this.scrubber.empty) return failure;
		return {
			...failure,
			message: this.scrubber.scrub(failure.message),
			headers: this.scrubber.scrubDeep(failure.headers),
			body: this.scrubber.scrubDeep(failure.body),
		};
	}

	/** The same error, scrubbed where it is. */
	error<E>(error: E): E {
		return this.scrubber.scrubError(error);
	}
}

/**
 * For a node's error path (before Continue On Fail turns the error into an item, or n8n keeps it):
 * an error a node built itself from an answer (e.g. a refusal code in a 200 body) is scrubbed too.
 */
export async function scrubError<E>(ctx: CredentialReader, credentialType: string, error: E): Promise<E> {
	return (await new CallSecrets(ctx, credentialType).load()).error(error);
}
