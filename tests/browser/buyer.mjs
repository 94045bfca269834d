// A new buyer, in a real browser, in Chinese and in English, on a desktop
// (1366×900) and a phone (390×844): register (a weak password refused,
// then a good one) → search and browse → product (only the combinations
// that are sold) → confirm → top up through the sandbox gateway (its own
// site) → pay → result → my orders → cancel an order (asked first) →
// the instance, provisioned by the vendor → 免登 lands on the vendor's page
// with a token the partner API verifies → renew, paid through the gateway
// → a service delivered by people (交付中心): buy it once, pay from the
// balance, submit the requirement with a file, the vendor confirms it,
// reports progress and submits the work, the buyer downloads the file
// back, accepts, and finds it completed in the delivery center → change
// the password → sign out → sign in → sign out everywhere.
// Every page: no console error, no CSP violation, nothing wider than the
// screen; a screenshot of each in var/test/out/t80_browser/.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partner, startVendor } from './vendor.mjs';

const base = process.env.BASE;
const sandbox = process.env.SANDBOX;
const out = process.env.OUT;
const key = process.env.PARTNER_KEY, secret = process.env.PARTNER_SECRET;
const vendorPort = Number(process.env.VENDOR_PORT);
mkdirSync(out, { recursive: true });

let passed = 0, failed = 0;
function check(what, ok) {
  if (ok) passed++;
  else { failed++; console.error(`  FAIL [browser] ${what}`); }
}

// What the pages say, per language.
const T = {
  'zh-CN': {
    locale: 'zh-CN', register: '注册', weak: '这个密码太常见', search: 'CRM', found: /共找到 \d+ 款商品/,
    category: '企业办公', product: '云雀文档', spec: '企业版', month: '1 个月', year: '1 年',
    years: ['1 年', '2 年', '3 年'], price: '¥20,000.00', topupOk: '充值成功', paid: '支付成功',
    unpaid: '待支付', paidStatus: '已支付', cancelled: '已取消', provisioning: '开通中', active: '运行中',
    zone: '北京时间（UTC+08:00）', notFound: '没有找到这个订单', backToOrders: '我的订单',
    passwordChanged: '密码已修改', signedOut: '您已退出登录', everywhere: '已退出所有设备上的登录',
    renewLater: '服务商完成开通后即可续费', notOffered: '该规格不提供此周期',
    service: '云雀办公培训服务', once: '一次性', servicePrice: '¥3,800.00', file: '培训需求说明.pdf', report: '培训总结.txt',
    deliveries: '交付中心', reqSubmitted: '需求已提交', pendingConfirmation: '待确认需求',
    pendingAcceptance: '待用户验收', completed: '已完成', progress: '实施进度', accept: '验收',
    accepted: '已验收，交付完成', note: '课程大纲已确定，讲师已安排',
  },
  en: {
    locale: 'en-US', register: 'Register', weak: 'This password is too common', search: 'CRM',
    found: /Products found: \d+/, category: 'Office & Collaboration', product: 'Skylark Docs',
    spec: 'Enterprise', month: '1 month', year: '1 year', years: ['1 year', '2 years', '3 years'],
    price: 'CNY 20,000.00', topupOk: 'Top-up successful', paid: 'Payment successful', unpaid: 'Awaiting payment',
    paidStatus: 'Paid', cancelled: 'Cancelled', provisioning: 'Provisioning', active: 'Active',
    zone: 'Beijing time (UTC+08:00)', notFound: 'There is no such order', backToOrders: 'My orders',
    passwordChanged: 'Your password has been changed', signedOut: 'You have signed out',
    everywhere: 'You have been signed out on every device', renewLater: 'Renewal opens once the vendor',
    notOffered: 'Not sold for this period',
    service: 'Skylark Office Training', once: 'One-off', servicePrice: 'CNY 3,800.00', file: 'training-brief.pdf', report: 'training-report.txt',
    deliveries: 'Delivery center', reqSubmitted: 'Your requirement has been submitted',
    pendingConfirmation: 'Requirement to be confirmed', pendingAcceptance: 'Awaiting your acceptance',
    completed: 'Completed', progress: 'Progress', accept: 'Accept', accepted: 'Accepted: the delivery is complete',
    note: 'Course outline agreed; the trainer is booked',
  },
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const vendor = await startVendor({ port: vendorPort, base, key, secret });
// files the buyers attach to their requirements
const files = mkdtempSync(join(tmpdir(), 'mp-walk-'));

// One walk of the whole story with a new buyer.
async function walk(lang, width, height) {
  const t = T[lang];
  const tag = `${lang}-${width}`;
  const context = await browser.newContext({ viewport: { width, height }, locale: t.locale });
  const problems = [];     // console errors and CSP violations nobody expected
  let allowed = [];        // console errors an expected 4xx page produces
  const onConsole = m => {
    if (m.type() !== 'error') return;
    const i = allowed.findIndex(a => m.text().includes(a));
    if (i >= 0) allowed.splice(i, 1);
    else problems.push(`console: ${m.text()}`);
  };
  // every violation of a page's policy, reported by the page itself
  await context.exposeBinding('__cspViolation', (_, v) => problems.push(`CSP: ${v}`));
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
    e => window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} on ${document.location.href}`)));
  context.on('page', p => {
    p.on('console', onConsole);
    p.on('pageerror', e => problems.push(`script: ${e}`));
  });
  const page = await context.newPage();
  let shots = 0;

  // The page as the buyer sees it now: no problem so far, nothing wider
  // than the screen, breadcrumbs on the marketplace's pages below home, a
  // screenshot.
  const noCrumbs = /^(home|signed-out|sandbox-.*|vendor-page|order-missing)$/;
  async function look(name, p = page) {
    await p.waitForLoadState('load');
    if (!noCrumbs.test(name))
      check(`${tag} ${name}: breadcrumbs`, await p.locator('nav.crumbs a[href="/"]').count() === 1);
    const over = await p.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const wide = [];
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && (r.right > w + 1 || r.left < -1))
          wide.push(`${e.tagName.toLowerCase()}.${e.className} (${Math.round(r.left)}–${Math.round(r.right)})`);
      }
      return { scroll: document.documentElement.scrollWidth > w, wide: wide.slice(0, 4) };
    });
    check(`${tag} ${name}: nothing wider than the screen ${JSON.stringify(over.wide)}`, !over.scroll && over.wide.length === 0);
    check(`${tag} ${name}: no console error or CSP violation ${JSON.stringify(problems)}`, problems.length === 0);
    problems.length = 0;
    await p.screenshot({ path: `${out}/${tag}-${String(++shots).padStart(2, '0')}-${name}.png`, fullPage: true });
  }
  const path = () => new URL(page.url()).pathname;
  const main = async () => (await page.textContent('main')) || '';
  // clicks and waits for the navigation it starts (redirects followed)
  const go = async locator => Promise.all([page.waitForNavigation(), locator.click()]);

  try {
    // Home, in the language the browser asks for; times named once, in Beijing time.
    await page.goto(`${base}/`);
    check(`${tag} the page speaks ${lang}`, (await page.getAttribute('html', 'lang')) === lang);
    check(`${tag} footer names the zone`, (await page.textContent('footer')).includes(t.zone));
    await look('home');

    // Register: a weak password is refused with zxcvbn's reason, then a good one.
    await go(page.locator('.site-nav a', { hasText: t.register }));
    check(`${tag} on the register page`, path() === '/register');
    const email = `walk-${lang}-${width}-${Date.now()}@example.com`;
    await page.fill('input[name=email]', email);
    await page.fill('input[name=name]', lang === 'en' ? 'Walker' : '浏览器买家');
    await page.fill('input[name=password]', 'secret123');
    await page.fill('input[name=password2]', 'secret123');
    allowed.push('status of 422');
    await go(page.locator('form[action="/register"] button[type=submit]'));
    check(`${tag} weak password refused, with why`, (await page.textContent('#password-error') || '').includes(t.weak));
    await look('register-weak-password');
    await page.fill('input[name=password]', 'Lantern-Quokka-Harbor-7');
    await page.fill('input[name=password2]', 'Lantern-Quokka-Harbor-7');
    await go(page.locator('form[action="/register"] button[type=submit]'));
    check(`${tag} registered and on the account page`, path() === '/account');
    await look('account-new');

    // Search: categories count too, and the number of results is shown.
    await page.fill('.site-search input[name=q]', t.search);
    await go(page.locator('.site-search button'));
    check(`${tag} search results counted`, t.found.test(await main()));
    await look('search');

    // Browse: home → category → the product.
    await go(page.locator('.brand'));
    await go(page.locator('.category-grid a', { hasText: t.category }));
    check(`${tag} category page`, path() === '/categories/office');
    await look('category');
    await go(page.locator('a.card-link', { has: page.locator('.card-name', { hasText: new RegExp(`^${t.product}$`) }) }));
    check(`${tag} product page`, /^\/products\/\d+$/.test(path()));
    await look('product');

    // Only the combinations that are sold: the enterprise spec is sold by the year.
    await go(page.locator('.chooser a.chip', { hasText: t.spec }));
    const periods = (await page.locator('ul[aria-labelledby=period-label] a.chip').allTextContents()).map(s => s.trim());
    check(`${tag} enterprise periods are years only: ${periods}`,
      t.years.every((y, i) => periods[i] && periods[i].startsWith(y)) && periods.length === 3);
    check(`${tag} no monthly enterprise choice`, !periods.some(p => p.startsWith(t.month)));
    check(`${tag} the price table marks what is not sold`,
      await page.locator(`.price-table td.none span[title="${t.notOffered}"]`).count() > 0);
    await go(page.locator('ul[aria-labelledby=period-label] a.chip', { hasText: t.year }).first());
    check(`${tag} the choice's price next to Buy now: ${await page.textContent('.buy-price')}`,
      (await page.textContent('.buy-price')).trim() === t.price);
    await look('product-enterprise-year');

    // Buy now → confirm (核对订单信息) → submit (提交订单).
    await go(page.locator('form.buy button[type=submit]'));
    check(`${tag} confirm page`, path() === '/buy');
    check(`${tag} confirm shows the price`, (await main()).includes(t.price));
    await look('confirm');
    await go(page.locator('form[action="/orders"] button[type=submit]'));
    check(`${tag} on the pay page`, /^\/orders\/\d{18}\/pay$/.test(path()));
    const orderPay = path();
    check(`${tag} balance too low to pay from`, await page.locator('input[name=method][value=balance]').isDisabled());
    await look('pay-short');

    // Top up through the sandbox gateway, on its own site.
    await go(page.locator('a[href="/account#topup"]'));
    await page.fill('form[action="/account/topup"] input[name=amount]', '20000');
    await go(page.locator('form[action="/account/topup"] button[type=submit]'));
    check(`${tag} on the gateway's own site`, page.url().startsWith(`${sandbox}/sandbox/pay?`));
    await look('sandbox-topup');
    await go(page.locator('button[name=action][value=confirm]'));
    check(`${tag} back at the marketplace, on the result`, page.url().startsWith(`${base}/payments/`));
    check(`${tag} top-up succeeded`, (await main()).includes(t.topupOk));
    check(`${tag} balance shown with separators`, (await main()).includes(t.price));
    await look('topup-result');

    // My orders → 去支付 → pay from the balance → result.
    await go(page.locator('.site-nav a[href="/orders"]'));
    check(`${tag} my orders lists it unpaid`, (await main()).includes(t.unpaid));
    await look('orders-unpaid');
    await go(page.locator(`a.button.primary[href="${orderPay}"]`));
    await page.check('input[name=method][value=balance]');
    await look('pay');
    await go(page.locator('main form button[type=submit]'));
    check(`${tag} payment result page`, /^\/payments\/\d{18}$/.test(path()));
    check(`${tag} payment succeeded`, (await main()).includes(t.paid));
    check(`${tag} times in Beijing time`,
      (await page.getAttribute('main time', 'datetime') || '').endsWith('+08:00'));
    await look('pay-result');

    // An order the buyer changes their mind about: cancelling asks first.
    await go(page.locator('.brand'));
    await go(page.locator('.category-grid a', { hasText: t.category }));
    await go(page.locator('a.card-link', { has: page.locator('.card-name', { hasText: new RegExp(`^${t.product}$`) }) }));
    await go(page.locator('form.buy button[type=submit]'));
    await go(page.locator('form[action="/orders"] button[type=submit]'));
    const second = path().replace(/\/pay$/, '');
    await go(page.locator('.site-nav a[href="/orders"]'));
    await go(page.locator(`a[href="${second}"]`).first());
    await go(page.locator(`a.button.danger[href="${second}/cancel"]`));
    check(`${tag} cancelling asks first`, path() === `${second}/cancel`);
    await look('cancel-confirm');
    await go(page.locator(`form[action="${second}/cancel"] button.danger`));
    check(`${tag} cancelled`, (await main()).includes(t.cancelled));
    await look('order-cancelled');

    // An order that is not there: a page in the buyer's language with a way back.
    allowed.push('status of 404');
    await page.goto(`${base}/orders/000000000000000000`);
    check(`${tag} a missing order explained`, (await page.textContent('.error-detail')).includes(t.notFound));
    check(`${tag} with a way back to my orders`, (await page.textContent('.error-page .actions')).includes(t.backToOrders));
    await look('order-missing');

    // The instance: provisioning, no renewal yet.
    await go(page.locator('.site-nav a[href="/services"]'));
    await look('services-provisioning');
    await go(page.locator('main a[href^="/services/ins-"]').first());
    const ins = path().split('/')[2];
    check(`${tag} instance page`, /^ins-[a-z0-9]{10}$/.test(ins));
    check(`${tag} provisioning`, (await main()).includes(t.provisioning));
    check(`${tag} no renewal while provisioning`, await page.locator(`a[href="/services/${ins}/renew"]`).count() === 0);
    check(`${tag} says when renewal opens`, (await main()).includes(t.renewLater));
    await look('instance-provisioning');

    // The vendor provisions it through the partner API.
    const info = `<app-info><login-url>http://127.0.0.1:${vendorPort}/login</login-url><account>${ins}-admin</account>` +
      `<password>initial-${ins}</password><free-login-url>${vendor.url}</free-login-url></app-info>`;
    const prov = await partner(base, key, secret, 'POST', `/partner/v1/instances/${ins}/app-info`, info);
    check(`${tag} the vendor provisioned it (${prov.status})`, prov.status === 200);
    await go(page.locator(`#app-info a.button[href="/services/${ins}"]`));
    check(`${tag} running`, (await main()).includes(t.active));
    check(`${tag} app info shown`, (await main()).includes(`${ins}-admin`));
    await page.locator('details.reveal summary').click();
    await look('instance-active');

    // 免登: the form opens the vendor's page in a new window; the page's
    // policy lets exactly that site in, and the token verifies once.
    const [popup] = await Promise.all([context.waitForEvent('page'),
      page.locator('#free-login form button[type=submit]').click()]);
    await popup.waitForLoadState('load');
    check(`${tag} landed on the vendor's page`, popup.url().startsWith(`${vendor.url}?token=`));
    check(`${tag} the partner API verified the token`, (await popup.textContent('#verdict')).startsWith('verified'));
    check(`${tag} for this instance`, (await popup.textContent('#instance')).trim() === ins);
    check(`${tag} with an open id`, /^[0-9a-f]{32}$/.test((await popup.textContent('#open-id')).trim()));
    const visit = vendor.visits[vendor.visits.length - 1];
    const again = await partner(base, key, secret, 'POST', '/partner/v1/free-login/verify',
      `<free-login-verify><token>${visit.token}</token></free-login-verify>`);
    check(`${tag} a token works once (${again.status})`, again.status === 404 && again.body.includes('invalid_token'));
    await look('vendor-page', popup);
    await popup.close();

    // Renew (续费) a year, paid online through the gateway.
    await go(page.locator(`.list-head a.button[href="/services/${ins}/renew"]`));
    await page.check('input[name=period][value="12"]');
    await look('renew');
    await go(page.locator(`form[action="/services/${ins}/renew"] button[type=submit]`));
    check(`${tag} a renewal order to pay`, /^\/orders\/\d{18}\/pay$/.test(path()));
    await page.check('input[name=method][value=sandbox]');
    await go(page.locator('main form button[type=submit]'));
    check(`${tag} the pay page's form reached the gateway's site`, page.url().startsWith(`${sandbox}/sandbox/pay?`));
    await look('sandbox-renew');
    await go(page.locator('button[name=action][value=confirm]'));
    check(`${tag} renewal paid`, (await main()).includes(t.paid));
    await look('renew-result');
    await go(page.locator('.site-nav a[href="/orders"]'));
    check(`${tag} my orders shows paid orders`, (await main()).includes(t.paidStatus));
    await look('orders');

    // A service delivered by people, bought once (一次性), paid from the
    // balance after a top-up through the gateway.
    await page.fill('.site-search input[name=q]', t.service);
    await go(page.locator('.site-search button'));
    await go(page.locator('a.card-link', { has: page.locator('.card-name', { hasText: new RegExp(`^${t.service}$`) }) }));
    check(`${tag} the service's product page`, /^\/products\/\d+$/.test(path()));
    check(`${tag} sold once: ${await page.textContent('.buy-choice')}`, (await page.textContent('.buy-choice')).includes(t.once));
    check(`${tag} the once price next to Buy now`, (await page.textContent('.buy-price')).trim() === t.servicePrice);
    await look('product-once');
    await go(page.locator('form.buy button[type=submit]'));
    check(`${tag} confirm the service`, path() === '/buy' && (await main()).includes(t.servicePrice));
    await go(page.locator('form[action="/orders"] button[type=submit]'));
    check(`${tag} the service's pay page`, /^\/orders\/\d{18}\/pay$/.test(path()));
    const servicePay = path();
    await go(page.locator('a[href="/account#topup"]'));
    await page.fill('form[action="/account/topup"] input[name=amount]', '3800');
    await go(page.locator('form[action="/account/topup"] button[type=submit]'));
    check(`${tag} topping up for the service on the gateway's site`, page.url().startsWith(`${sandbox}/sandbox/pay?`));
    await go(page.locator('button[name=action][value=confirm]'));
    check(`${tag} topped up for the service`, (await main()).includes(t.topupOk));
    await go(page.locator('.site-nav a[href="/orders"]'));
    await go(page.locator(`a.button.primary[href="${servicePay}"]`));
    await page.check('input[name=method][value=balance]');
    await go(page.locator('main form button[type=submit]'));
    check(`${tag} the service is paid`, /^\/payments\/\d{18}$/.test(path()) && (await main()).includes(t.paid));
    const toRequirement = page.locator('main a.button.primary[href^="/deliveries/"]');
    check(`${tag} the result leads to the requirement`, await toRequirement.count() === 1 &&
      /^\/deliveries\/dlv-[a-z0-9]{10}\/requirement$/.test(await toRequirement.getAttribute('href')));
    await look('pay-result-manual');

    // 提交需求: title, description, contact and a file, sent as multipart.
    await go(toRequirement);
    const dlv = path().split('/')[2];
    check(`${tag} on the requirement form (${path()})`, path() === `/deliveries/${dlv}/requirement`);
    check(`${tag} the form is multipart`,
      (await page.getAttribute(`form[action="/deliveries/${dlv}/requirement"]`, 'enctype')) === 'multipart/form-data');
    const brief = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
      Buffer.from(`1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n% ${tag}\n%`),
      randomBytes(512), Buffer.from('\ntrailer <</Root 1 0 R>>\n%%EOF\n')]);
    mkdirSync(join(files, tag));
    const briefPath = join(files, tag, t.file);
    writeFileSync(briefPath, brief);
    await page.fill('input[name=title]', `${t.service} ${tag}`);
    await page.fill('textarea[name=description]', `${t.service}: 40 ${lang === 'en' ? 'staff, two sessions' : '名员工，分两场'}.`);
    await page.fill('input[name=contact]', email);
    await page.setInputFiles('input[type=file][name=attachments]', briefPath);
    await look('requirement');
    await go(page.locator(`form[action="/deliveries/${dlv}/requirement"] button[type=submit]`));
    check(`${tag} back on the delivery`, path() === `/deliveries/${dlv}`);
    check(`${tag} with its notice`, (await page.textContent('main .flash-ok') || '').includes(t.reqSubmitted));
    check(`${tag} the vendor is to confirm it`, (await page.textContent('h1 .status')).trim() === t.pendingConfirmation);
    check(`${tag} the file is listed`, await page.locator('ul.files a[download]', { hasText: t.file }).count() === 1);
    await look('delivery-submitted');

    // The vendor, over the partner API: confirms the latest version,
    // reports progress, submits the work for acceptance with a report.
    const got = await partner(base, key, secret, 'GET', `/partner/v1/deliveries/${dlv}`);
    const versions = [...got.body.matchAll(/<requirement\b[^>]*\bversion="(\d+)"/g)].map(m => Number(m[1]));
    check(`${tag} the vendor reads the requirement (${got.status}, versions ${versions})`,
      got.status === 200 && versions.length === 1 && got.body.includes(t.file));
    const latest = Math.max(...versions);
    const report = Buffer.from(`${t.service} ${tag}\n${randomBytes(48).toString('hex')}\n`);
    const steps = [
      ['confirm', `<confirm version="${latest}"/>`, 'in_service'],
      ['progress', `<progress><note>${t.note} (${tag})</note></progress>`, 'in_service'],
      ['submit', `<submit><note>Done.</note><attachment name="${t.report}">${report.toString('base64')}</attachment></submit>`,
       'pending_acceptance'],
    ];
    for (const [step, doc, state] of steps) {
      const r = await partner(base, key, secret, 'POST', `/partner/v1/deliveries/${dlv}/${step}`, doc);
      check(`${tag} the vendor's ${step} (${r.status})`, r.status === 200 && r.body.includes(`status="${state}"`));
    }

    // Back in the browser: the progress note, both files downloaded whole, 验收.
    await page.reload();
    check(`${tag} awaiting acceptance`, (await page.textContent('h1 .status')).trim() === t.pendingAcceptance);
    check(`${tag} the vendor's progress note in the history`,
      await page.locator('ol.timeline li', { has: page.locator('strong', { hasText: t.progress }) })
        .filter({ hasText: `${t.note} (${tag})` }).count() === 1);
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.locator('ul.files a[download]', { hasText: t.file }).first().click()]);
    check(`${tag} the download keeps the file's name (${download.suggestedFilename()})`, download.suggestedFilename() === t.file);
    const back = readFileSync(await download.path());
    check(`${tag} the download is the uploaded file, byte for byte (${back.length} of ${brief.length})`, back.equals(brief));
    const [fromVendor] = await Promise.all([page.waitForEvent('download'),
      page.locator('ol.timeline li ul.files a[download]', { hasText: t.report }).first().click()]);
    check(`${tag} the vendor's report downloads as sent (${fromVendor.suggestedFilename()})`,
      fromVendor.suggestedFilename() === t.report && readFileSync(await fromVendor.path()).equals(report));
    await look('delivery-pending-acceptance');
    const accept = page.locator(`form[action="/deliveries/${dlv}/accept"] button[type=submit]`);
    check(`${tag} the button says ${t.accept}`, (await accept.textContent()).trim() === t.accept);
    await go(accept);
    check(`${tag} accepted`, path() === `/deliveries/${dlv}` && (await page.textContent('main .flash-ok') || '').includes(t.accepted));
    check(`${tag} completed`, (await page.textContent('h1 .status')).trim() === t.completed);
    check(`${tag} nothing left to accept`, await page.locator(`form[action="/deliveries/${dlv}/accept"]`).count() === 0);
    await look('delivery-completed');

    // 交付中心 from the header lists it, completed.
    const center = page.locator('.site-nav a[href="/deliveries"]');
    check(`${tag} the header names ${t.deliveries}`, (await center.textContent()).trim() === t.deliveries);
    await go(center);
    const row = page.locator('tr', { has: page.locator(`a[href="/deliveries/${dlv}"]`) });
    check(`${tag} the delivery center lists it`, await row.count() === 1);
    check(`${tag} completed in the list`, (await row.locator('.status').textContent()).trim() === t.completed);
    await look('deliveries');

    // Change the password, sign out, sign in with the new one, sign out everywhere.
    await go(page.locator('.site-nav a.who'));
    await page.fill('form[action="/account/password"] input[name=current]', 'Lantern-Quokka-Harbor-7');
    await page.fill('form[action="/account/password"] input[name=password]', 'Harbor-Otter-Meadow-9');
    await page.fill('form[action="/account/password"] input[name=password2]', 'Harbor-Otter-Meadow-9');
    await go(page.locator('form[action="/account/password"] button[type=submit]'));
    check(`${tag} password changed`, (await main()).includes(t.passwordChanged));
    await look('password-changed');
    await go(page.locator('.site-nav .signout button'));
    check(`${tag} signed out`, (await main()).includes(t.signedOut));
    await look('signed-out');
    await go(page.locator('.site-nav a[href^="/login"]'));
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'Harbor-Otter-Meadow-9');
    await go(page.locator('form[action="/login"] button[type=submit]'));
    check(`${tag} signed in with the new password`, (await page.locator('.site-nav a.who').count()) === 1);
    await go(page.locator('.site-nav a.who'));
    await go(page.locator('form[action="/account/sessions/end"] button[type=submit]'));
    check(`${tag} signed out everywhere`, (await main()).includes(t.everywhere));
    await look('signed-out-everywhere');
  } catch (e) {
    failed++;
    console.error(`  FAIL [browser] ${tag}: ${e.message.split('\n')[0]}`);
    await page.screenshot({ path: `${out}/${tag}-failure.png`, fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
}

try {
  for (const lang of ['zh-CN', 'en'])
    for (const [w, h] of [[1366, 900], [390, 844]])
      await walk(lang, w, h);
} finally {
  await vendor.close();
  await browser.close();
  rmSync(files, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
