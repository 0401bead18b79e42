/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Debian's chromium driven by playwright-core for the browser suite: a fresh profile per launch,
 * no network but loopback (no QUIC, no background services, no sync), screenshots into
 * .tmp/screenshots/ (CI keeps them as artefacts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';
import { demoInfo } from './demo';

// n8n's editor marks its elements with data-test-id
selectors.setTestIdAttribute('data-test-id');

export const REPO = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(REPO, '.tmp', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** A headless chromium with a fresh --user-data-dir; `colorScheme: 'dark'` for the dark-mode screens. */
export async function launch(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`the browser suite needs Debian's chromium at ${CHROMIUM} (apt-get install chromium fonts-liberation), or CHROMIUM_PATH`);
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
		viewport: { width: 1440, height: 900 },
		colorScheme: options.colorScheme ?? 'light',
		locale: 'en-US',
		timezoneId: 'Europe/Rome',
	});
	context.setDefaultTimeout(30_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		async close() {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/**
 * One signed-in browser for a test file: launched and signed in to the demo before the file's
 * tests (`ready` gets its page), closed after them.
 */
export function signedInForThisFile(ready: (page: Page) => void): void {
	let browser: Browser | undefined;
	beforeAll(async () => {
		const demo = demoInfo();
		browser = await launch();
		await login(browser.page, demo.url, demo.owner);
		ready(browser.page);
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
	});
}

/** Signs in through n8n's sign-in page as a user would. */
export async function login(page: Page, url: string, owner: { email: string; password: string }): Promise<void> {
	await page.goto(`${url}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(owner.email);
	await page.locator('input[type="password"]').first().fill(owner.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/** A full-page screenshot in .tmp/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const file = path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
	await page.screenshot({ path: file });
	return file;
}

/** A new, empty workflow in the editor, its canvas ready. */
export async function newWorkflow(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/workflow/new`);
	await page.getByTestId('canvas-add-button').waitFor();
}

/** The names the nodes panel lists for `term` (after n8n's search debounce settles). */
export async function searchPanel(page: Page, term: string): Promise<string[]> {
	await page.getByTestId('node-creator-search-bar').fill(term);
	let previous = '';
	for (let i = 0; i < 20; i++) {
		await page.waitForTimeout(300);
		const names = (await page.getByTestId('node-creator-item-name').allInnerTexts()).map((n) => n.trim());
		const now = names.join('\n');
		if (now === previous && i > 1) return names;
		previous = now;
	}
	return previous ? previous.split('\n') : [];
}

/** The panel's title: "What triggers this workflow?" or "What happens next?". */
export async function panelTitle(page: Page): Promise<string> {
	return (await page.getByTestId('nodes-list-header').first().innerText()).split('\n')[0].trim();
}

/** Opens the trigger list of an empty workflow. */
export async function openTriggerPanel(page: Page): Promise<void> {
	await page.getByTestId('canvas-add-button').click();
	await page.getByTestId('node-creator').waitFor();
}

/** Adds n8n's Manual Trigger, then opens the "What happens next?" list. */
export async function openActionPanel(page: Page): Promise<void> {
	await openTriggerPanel(page);
	await page.getByTestId('node-creator-search-bar').fill('Manual Trigger');
	await page.getByTestId('node-creator-item-name').filter({ hasText: /^Manual Trigger$/ }).first().click();
	// the manual trigger opens no form: the panel closes and the node sits on the canvas
	await page.getByTestId('canvas-node').first().waitFor();
	await page.keyboard.press('Escape');
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator').waitFor();
}
