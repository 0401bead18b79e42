/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The in-process test harness of one system, from its profile: which node and credential, how
 * its emulator starts and which credential data point at it. Every system's node tests start
 * from this instead of writing the emulator/credential/runWorkflow plumbing again:
 *
 *   const fattura24 = systemHarness({ node: 'fattura24', credentialType: 'fattura24Api',
 *     startEmulator: () => startFattura24Emulator({ seed: 'demo' }),
 *     credentials: (em) => ({ apiKey: em.apiKey, baseUrl: em.url }) });
 *   let sys: SystemUnderTest<Fattura24Emulator>;
 *   beforeEach(async () => { sys = await fattura24.start(); });
 *   afterEach(async () => sys.stop());
 *   const { items, error } = await sys.run({ resource: 'document', operation: 'create', ... });
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { chain, runWorkflow, type RunResult } from './n8n';

export interface SystemProfile<E extends { close(): Promise<void> }> {
	/** The node's type name without the package prefix ("fattura24"). */
	node: string;
	credentialType?: string;
	startEmulator(): Promise<E>;
	/** The credential data pointing at a running emulator. */
	credentials?(emulator: E): ICredentialDataDecryptedObject;
	/** The node's display name in the test workflow (default "Node"). */
	nodeName?: string;
	typeVersion?: number;
}

export interface NodeRun {
	result: RunResult;
	/** The execution's error (what n8n would show), or undefined. */
	error?: Error;
	/** The node's items on `output` 0 (none when it failed). */
	items: INodeExecutionData[];
	/** The items of another output. */
	output(index: number): INodeExecutionData[];
}

export interface SystemUnderTest<E> {
	emulator: E;
	/** The credentials store, by credential type; a test may change it (a wrong password). */
	store: Record<string, ICredentialDataDecryptedObject>;
	run(parameters: IDataObject, input?: INodeExecutionData[], options?: { continueOnFail?: boolean; staticData?: IDataObject }): Promise<NodeRun>;
	stop(): Promise<void>;
}

export function systemHarness<E extends { close(): Promise<void> }>(profile: SystemProfile<E>) {
	const nodeName = profile.nodeName ?? 'Node';
	return {
		async start(): Promise<SystemUnderTest<E>> {
			const emulator = await profile.startEmulator();
			const store: Record<string, ICredentialDataDecryptedObject> =
				profile.credentialType && profile.credentials ? { [profile.credentialType]: profile.credentials(emulator) } : {};
			return {
				emulator,
				store,
				async run(parameters, input = [{ json: {} }], options = {}) {
					const node = {
						name: nodeName,
						type: profile.node,
						typeVersion: profile.typeVersion,
						parameters: parameters as never,
						...(options.continueOnFail ? { continueOnFail: true } : {}),
						...(profile.credentialType ? { credentials: { [profile.credentialType]: { id: `${profile.credentialType}-1`, name: profile.credentialType } } } : {}),
					};
					const result = await runWorkflow(chain(node), store, input, { staticData: options.staticData });
					const error = result.error();
					return { result, error, items: error ? [] : result.output(nodeName), output: (index: number) => (error ? [] : result.output(nodeName, index)) };
				},
				async stop() {
					await emulator.close();
				},
			};
		},
	};
}
