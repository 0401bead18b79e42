/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Every example workflow opened on the canvas as a newcomer finds it after `npm run demo`: all its
 * nodes drawn, none with n8n's red warning (a pristine example always runs: the demo re-imports
 * them at every start). Then the key screens again in dark mode. Screenshots of each canvas land
 * in .tmp/screenshots/.
 */
import { launch, login, newWorkflow, openActionPanel, screenshot, searchPanel, type Browser } from './browser';
import { demoInfo } from './demo';
import { exampleWorkflows } from '../../scripts/demoSetup';

const demo = demoInfo();
const examples = exampleWorkflows();

let browser: Browser;

afterEach(async () => {
	await browser?.close();
});

test('every example opens on the canvas with all its nodes and no node warning', async () => {
	browser = await launch();
	const { page } = browser;
	await login(page, demo.url, demo.owner);
	const problems: string[] = [];
	for (const example of examples) {
		await page.goto(`${demo.url}/workflow/${example.id}`);
		await page.getByTestId('canvas-node').first().waitFor();
		await page.waitForTimeout(1500);
		const drawn = await page.getByTestId('canvas-node').count();
		const expected = (example.nodes as Array<{ type: string }>).filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
		if (drawn < expected) problems.push(`${example.name}: ${drawn} of ${expected} nodes drawn`);
		const warnings = await page.getByTestId('canvas-node').getByTestId('node-issues').count();
		if (warnings) problems.push(`${example.name}: ${warnings} node(s) with a warning`);
		await screenshot(page, `30-example-${example.id}`);
	}
	expect(problems).toEqual([]);
});

test('dark mode: the workflows list, the nodes panel and a node form', async () => {
	browser = await launch({ colorScheme: 'dark' });
	const { page } = browser;
	await login(page, demo.url, demo.owner);
	await page.getByText(examples[0].name).first().waitFor();
	await screenshot(page, '40-dark-workflows-list');
	await newWorkflow(page, demo.url);
	await openActionPanel(page);
	const listed = await searchPanel(page, 'fattura');
	expect(listed).toEqual(expect.arrayContaining(['FatturaPA', 'Fatture in Cloud', 'Aruba Fatturazione Elettronica']));
	await screenshot(page, '41-dark-panel-fattura');
	await page.getByTestId('node-creator-item-name').filter({ hasText: /^FatturaPA$/ }).first().click();
	await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Validate an invoice' }).first().click();
	await page.getByTestId('ndv').getByTestId('node-parameters').waitFor();
	// the dark icon variant is served (nodes declare icon.dark)
	const icons = await page.getByTestId('ndv').locator('img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { src: string }).src));
	expect(icons.some((src) => /fatturapa\.dark\.svg/.test(src))).toBe(true);
	await screenshot(page, '42-dark-fatturapa-validate');
	await page.goto(`${demo.url}/workflow/${examples[0].id}`);
	await page.getByTestId('canvas-node').first().waitFor();
	await page.waitForTimeout(1000);
	await screenshot(page, '43-dark-example');
});
