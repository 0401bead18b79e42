/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The nodes panel as a consultant uses it: searching in English and in Italian finds our nodes,
 * triggers under "What triggers this workflow?", actions under "What happens next?".
 *
 * n8n's own rule (editor-ui NodeCreator, 2.41): a search in the trigger list shows every trigger
 * AND every node that has actions, so that a consultant can reach an app's actions from there;
 * choosing an action-only node then says "No <node> Triggers available" and offers Schedule and
 * Webhook. n8n's built-in HTML node is listed the same way. The last test checks that FatturaPA is
 * never offered as a trigger there.
 */
import type { Page } from 'playwright-core';

import { newWorkflow, openActionPanel, openTriggerPanel, panelTitle, screenshot, searchPanel, signedInForThisFile } from './browser';
import { demoInfo } from './demo';

const FATTURAPA = 'FatturaPA';
const FIC = 'Fatture in Cloud';
const FIC_POLLING = 'Fatture in Cloud Polling Trigger';
const ARUBA = 'Aruba Fatturazione Elettronica';
const SIGNED = 'Signed Webhook Trigger';

/** Term -> the nodes of ours the search must list (English, Italian and one term per system). */
const SEARCHES: Array<{ term: string; lang: 'en' | 'it'; triggers: string[]; actions: string[] }> = [
	{ term: 'invoice', lang: 'en', triggers: [FIC, FIC_POLLING, ARUBA], actions: [FATTURAPA, FIC, ARUBA] },
	{ term: 'e-invoice', lang: 'en', triggers: [FIC, FIC_POLLING, ARUBA], actions: [FATTURAPA, FIC, ARUBA] },
	{ term: 'HMAC', lang: 'en', triggers: [SIGNED], actions: [] },
	{ term: 'webhook', lang: 'en', triggers: [SIGNED], actions: [] },
	{ term: 'fattura', lang: 'it', triggers: [FIC, FIC_POLLING, ARUBA], actions: [FATTURAPA, FIC, ARUBA] },
	{ term: 'SDI', lang: 'it', triggers: [FIC, FIC_POLLING, ARUBA], actions: [FATTURAPA, FIC, ARUBA] },
	{ term: 'gestionale', lang: 'it', triggers: [FIC, FIC_POLLING], actions: [FIC] },
	{ term: 'Aruba', lang: 'it', triggers: [ARUBA], actions: [ARUBA] },
	// one term per system, as its users say it
	{ term: 'TeamSystem', lang: 'it', triggers: [FIC, FIC_POLLING], actions: [FIC] },
	{ term: 'esito committente', lang: 'it', triggers: [ARUBA], actions: [ARUBA] },
	{ term: 'p7m', lang: 'it', triggers: [], actions: [FATTURAPA] },
	{ term: 'firma', lang: 'it', triggers: [SIGNED], actions: [] },
];

let page: Page;
const demo = demoInfo();
signedInForThisFile((signedIn) => (page = signedIn));

test('the sign-in page takes the demo owner to the workflows list', async () => {
	expect(new URL(page.url()).pathname).toMatch(/^\/home/);
	await page.getByText(demo.workflows[0].name).first().waitFor();
	await screenshot(page, '00-workflows-list');
});

test('in an empty workflow, searching "What triggers this workflow?" finds our triggers', async () => {
	await newWorkflow(page, demo.url);
	await openTriggerPanel(page);
	expect(await panelTitle(page)).toBe('What triggers this workflow?');
	const missing: string[] = [];
	for (const { term, triggers } of SEARCHES) {
		const listed = await searchPanel(page, term);
		for (const name of triggers) if (!listed.includes(name)) missing.push(`"${term}" does not list ${name} (listed: ${listed.join(', ')})`);
		if (term === 'fattura') await screenshot(page, '01-panel-triggers-fattura');
	}
	expect(missing).toEqual([]);
});

test('after a trigger, searching "What happens next?" finds our action nodes', async () => {
	await newWorkflow(page, demo.url);
	await openActionPanel(page);
	expect(await panelTitle(page)).toBe('What happens next?');
	const missing: string[] = [];
	for (const { term, actions } of SEARCHES) {
		const listed = await searchPanel(page, term);
		for (const name of actions) if (!listed.includes(name)) missing.push(`"${term}" does not list ${name} (listed: ${listed.join(', ')})`);
		if (term === 'SDI') await screenshot(page, '02-panel-actions-sdi');
	}
	expect(missing).toEqual([]);
});

test.each([FIC, ARUBA])('%s, chosen from the trigger list, offers its triggers first', async (name) => {
	await newWorkflow(page, demo.url);
	await openTriggerPanel(page);
	await searchPanel(page, name);
	await page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
	const panel = page.getByTestId('node-creator');
	await panel.getByText(/^Triggers \(\d+\)$/).first().waitFor();
	expect(await panel.innerText()).not.toMatch(/No .* Triggers available/);
	await screenshot(page, `03-panel-${name}-from-triggers`);
});

test('FatturaPA is never offered as a trigger: chosen from the trigger list it says so and suggests Schedule and Webhook', async () => {
	await newWorkflow(page, demo.url);
	await openTriggerPanel(page);
	await searchPanel(page, FATTURAPA);
	await page.getByTestId('node-creator-item-name').filter({ hasText: /^FatturaPA$/ }).first().click();
	const panel = page.getByTestId('node-creator');
	await panel.getByText('No FatturaPA Triggers available', { exact: false }).waitFor();
	const text = await panel.innerText();
	expect(text).toMatch(/On a Schedule/);
	expect(text).toMatch(/On a Webhook call/);
	// its six operations are actions, none of them a trigger event
	expect(text).toMatch(/Actions \(6\)/);
	expect(text).not.toMatch(/^On new .*FatturaPA/m);
	await screenshot(page, '04-panel-fatturapa-from-triggers');
});
