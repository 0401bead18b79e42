import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret a sender signs its webhooks with. There is no remote API to test it
 * against, so the credential test only checks it is usable (length, whsec_ form).
 */
export class SignedWebhookApi implements ICredentialType {
	name = 'signedWebhookApi';

	displayName = 'Signed Webhook Secret API';

	icon = { light: 'file:../nodes/SignedWebhook/signedwebhook.svg', dark: 'file:../nodes/SignedWebhook/signedwebhook.dark.svg' } as const;

	documentationUrl = 'https://github.com/gestionali-italiani/n8n-nodes-gestionali-italiani#signed-webhook';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The signing secret shared with the sender (for Standard Webhooks, the whsec_… value)',
		},
	];

	testedBy = 'signedWebhookSecretTest';
}
