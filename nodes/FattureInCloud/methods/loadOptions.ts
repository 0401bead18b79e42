import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ficClient } from '../transport';

/** The companies the credential reaches, controlled companies included (accountants). */
export async function getCompanies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await ficClient(this);
	const response = await client.request<IDataObject>({ method: 'GET', path: '/user/companies' });
	const companies = (((response?.body?.data as IDataObject)?.companies ?? []) as IDataObject[]).flatMap((company) => [
		company,
		...((company.controlled_companies ?? []) as IDataObject[]),
	]);
	const seen = new Set<string>();
	return companies
		.filter((company) => !seen.has(String(company.id)) && seen.add(String(company.id)))
		.map((company) => ({ name: `${String(company.name)} (${String(company.id)})`, value: String(company.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
