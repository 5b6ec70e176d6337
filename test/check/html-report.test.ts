/**
 * The HTML report in a real headless Chromium: the differences are shown and highlighted, the
 * filter box filters, the waivers show their expiry, and nothing is fetched from the network.
 * The screenshot is kept in test-output/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { run } from '../../packages/parity/src/cli/check';

/** Debian's chromium, or the browser `CHROMIUM_PATH` names (GitHub's runners ship Chrome). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const OUTPUT = join(ROOT, 'test-output');
const ORDERS_HCL = join(ROOT, 'test', 'fixtures', 'hcl', 'orders-terraform');
const available = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `skipping the HTML report browser test: ${CHROMIUM} is absent (install it with \`apt-get install -y chromium\`; in CI it must run)`,
  );
}

(available ? test : test.skip)('the HTML report shows and filters the differences in Chromium', async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const file = join(OUTPUT, 'parity-check.html');
  const policy = join(ORDERS_HCL, 'parity-policy.yaml');
  const code = await run([
    '--hcl',
    `staging=${join(ORDERS_HCL, 'envs', 'staging')}`,
    '--hcl',
    `prod=${join(ORDERS_HCL, 'envs', 'prod')}`,
    '--policy',
    policy,
    '--format',
    'html',
    '--output',
    file,
  ]);
  expect(code).toBe(1);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`);
    expect(await page.textContent('h1')).toBe('Parity check: parity broken');
    expect(await page.locator('table.findings tr.finding').count()).toBe(2);
    expect(await page.locator('td.diff').allTextContents()).toEqual(['16.8', 'present']);
    // The shared waivers table: environment and rule of the waived finding instead of the group.
    expect(await page.locator('table.waivers td').allTextContents()).toEqual([
      ...['staging', 'aws_db_instance.main', 'password', 'invariant', 'platform-team', '2099-12-31', 'applied'],
      'The master password is injected by CI through TF_VAR_db_password and never in code.',
    ]);
    expect(await page.locator('table.findings-list tr.finding-item').count()).toBe(2);
    expect(await page.locator('details.why summary').allTextContents()).toEqual(['why: invariant']);
    await page.screenshot({ path: join(OUTPUT, 'parity-check.png'), fullPage: true });

    await page.fill('#filter', 'legacy');
    expect(await page.locator('table.findings tr.finding:visible').allTextContents()).toEqual([
      'aws_s3_bucket.legacy_exports(resource)absentpresentinvariant',
    ]);
    expect(requests).toEqual([`file://${file}`]);
  } finally {
    await browser.close();
  }
});
