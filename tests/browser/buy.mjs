// A new buyer, in a real browser: register, top up in the sandbox, browse,
// buy (立即购买), confirm (提交订单), pay from the balance, see the result,
// purchased products & services (已购产品与服务) and the instance page.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.BASE;
const out = process.env.OUT;
mkdirSync(out, { recursive: true });
let passed = 0, failed = 0;
function check(what, ok) {
  if (ok) passed++;
  else { failed++; console.error(`  FAIL [browser] ${what}`); }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
// a buyer in China: pages in Chinese, as the buyer guide shows them
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
const errors = [];
page.on('pageerror', e => errors.push(String(e)));
page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
const shot = name => page.screenshot({ path: `${out}/${name}.png`, fullPage: true });

try {
  // register
  await page.goto(`${base}/`);
  check('home has categories', await page.locator('.category-grid li').count() >= 8);
  await page.goto(`${base}/register`);
  const email = `browser-${Date.now()}@example.com`;
  await page.fill('input[name=email]', email);
  await page.fill('input[name=name]', '浏览器买家');
  await page.fill('input[name=password]', 'secret123');
  await page.fill('input[name=password2]', 'secret123');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
  check('registered and on the account page', new URL(page.url()).pathname === '/account');
  check('signed-in name in the header', (await page.textContent('.site-header')).includes('浏览器买家'));

  // top up 50000 yuan through the sandbox's own page
  await page.fill('form[action="/account/topup"] input[name=amount]', '50000');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/account/topup"] button[type=submit]')]);
  check('on the sandbox page', new URL(page.url()).pathname === '/sandbox/pay');
  await shot('sandbox');
  await Promise.all([page.waitForNavigation(), page.click('button[name=action][value=confirm]')]);
  check('top-up result says success', new URL(page.url()).pathname.startsWith('/payments/'));
  await page.goto(`${base}/account`);
  check('balance shows 50000.00', (await page.textContent('main')).includes('50000.00'));

  // browse: home → a category, cheapest first → a product
  await page.goto(`${base}/`);
  await Promise.all([page.waitForNavigation(), page.click('.category-grid a >> nth=0')]);
  check('category page lists products', await page.locator('.cards .card').count() > 0);
  await Promise.all([page.waitForNavigation(), page.click('a.sort[href$="sort=price_asc"]')]);
  await Promise.all([page.waitForNavigation(), page.click('.cards .card a.card-link >> nth=0')]);
  check('product page has the price table', await page.locator('table.prices').count() === 1);
  await shot('product');

  // buy now → confirm → submit
  await Promise.all([page.waitForNavigation(), page.click('form.buy button[type=submit]')]);
  check('confirm page (核对订单信息)', (await page.textContent('main')).includes('核对订单信息'));
  await shot('confirm');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/orders"] button[type=submit]')]);
  check('on the payment page', /\/orders\/\d{18}\/pay$/.test(new URL(page.url()).pathname));

  // pay from the balance
  await page.check('input[name=method][value=balance]');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  check('payment result page', /^\/payments\/\d{18}$/.test(new URL(page.url()).pathname));
  check('payment succeeded (支付成功)', (await page.textContent('main')).includes('支付成功'));
  await shot('result');

  // purchased products & services → the instance page
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/services"]')]);
  check('services list has the instance', await page.locator('main a[href^="/services/ins-"]').count() >= 1);
  await Promise.all([page.waitForNavigation(), page.click('main a[href^="/services/ins-"] >> nth=0')]);
  check('instance page', /^\/services\/ins-[a-z0-9]{10}$/.test(new URL(page.url()).pathname));
  const text = await page.textContent('main');
  check('instance shows it is being provisioned or is ready', /开通中|运行中|人工交付|已开通/.test(text));
  await shot('instance');

  // my orders lists the order as paid
  await page.goto(`${base}/orders`);
  check('my orders shows a paid order', (await page.textContent('main')).includes('已支付'));
  check('no script errors', errors.length === 0);
} catch (e) {
  failed++;
  console.error(`  FAIL [browser] ${e.message}`);
  await shot('failure').catch(() => {});
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
