import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** A manual (personal) access token from Fatture in Cloud: Settings > Applicazioni collegate > token. */
export class FattureInCloudApi implements ICredentialType {
	name = 'fattureInCloudApi';

	displayName = 'Fatture in Cloud API (Manual Token) API';

	icon = { light: 'file:../nodes/FattureInCloud/fattureincloud.svg', dark: 'file:../nodes/FattureInCloud/fattureincloud.dark.svg' } as const;

	documentationUrl = 'https://developers.fattureincloud.it/docs/authentication/manual-authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The manual authentication token created in Fatture in Cloud for your company',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api-v2.fattureincloud.it',
			description: 'Leave the default for the real service; point it at an emulator to test flows without an account',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/user/info',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Fatture in Cloud refused the access token (401): create a new manual token in your Fatture in Cloud account and paste it here, and check that Base URL points at the service that issued it',
				},
			},
		],
	};
}
