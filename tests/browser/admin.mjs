// The operator in a real browser (Debian's Chromium, basic auth as nginx
// asks), in Chinese at desktop width and in English at phone width: the
// dashboard → catalog, find a product, delist it with a reason → the
// buyer no longer finds it but still has their instance → orders, find
// the buyer's order, refund it → the buyer's order says refunded → the
// audit log shows both → list the product again → every other section.
// Every page: no console error, no CSP violation, nothing wider than the
// screen; a screenshot of each in var/test/out/t81_admin_browser/.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.BASE;
const out = process.env.OUT;
const admin = { username: process.env.ADMIN_USER, password: process.env.ADMIN_PASSWORD };
const product = { id: process.env.PRODUCT_ID, 'zh-CN': process.env.PRODUCT_ZH, en: process.env.PRODUCT_EN };
const walks = JSON.parse(process.env.WALKS); // [{ lang, width, height, email, order }]
const password = process.env.PASSWORD;
mkdirSync(out, { recursive: true });

let passed = 0, failed = 0;
function check(what, ok) {
  if (ok) passed++;
  else { failed++; console.error(`  FAIL [admin-browser] ${what}`); }
}

const T = {
  'zh-CN': {
    locale: 'zh-CN', console: '云市场运营后台', catalog: '商品目录', orders: '订单', audit: '操作日志',
    vendors: '服务商', buyers: '买家', deliveries: '交付', filter: '筛选', delist: '下架', list: '上架',
    delisted: '商品已下架', listed: '商品已上架', refund: '退款', refunded: '退款完成', refundedStatus: '已退款',
    reason: '客户投诉：演示下架', refundReason: '买家误购，全额退款', noResults: '没有找到匹配的商品',
  },
  en: {
    locale: 'en-US', console: 'Marketplace operator console', catalog: 'Catalog', orders: 'Orders',
    audit: 'Audit log', vendors: 'Vendors', buyers: 'Buyers', deliveries: 'Deliveries', filter: 'Filter',
    delist: 'Delist', list: 'List', delisted: 'The product is delisted', listed: 'The product is listed',
    refund: 'Refund', refunded: 'The refund is done', refundedStatus: 'Refunded',
    reason: 'Customer complaint: delisted for review', refundReason: 'Bought by mistake, full refund',
    noResults: 'No products match',
  },
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

async function context(t, width, height, credentials) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: t.locale,
                                         httpCredentials: credentials });
  const problems = [];
  await ctx.exposeBinding('__cspViolation', (_, v) => problems.push(`CSP: ${v}`));
  await ctx.addInitScript(() => document.addEventListener('securitypolicyviolation',
    e => window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} on ${document.location.href}`)));
  ctx.on('page', p => {
    p.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    p.on('pageerror', e => problems.push(`script: ${e}`));
  });
  return { ctx, problems, page: await ctx.newPage() };
}

async function walk({ lang, width, height, email, order }) {
  const t = T[lang];
  const tag = `${lang}-${width}`;
  const a = await context(t, width, height, admin);
  const b = await context(t, width, height, undefined);
  const page = a.page;
  let shots = 0;
  async function look(name, who = a) {
    const p = who.page;
    await p.waitForLoadState('load');
    const over = await p.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return document.documentElement.scrollWidth > w;
    });
    // admin tables scroll inside their own box; the page itself never does
    check(`${tag} ${name}: the page is no wider than the screen`, !over);
    check(`${tag} ${name}: no console error or CSP violation ${JSON.stringify(who.problems)}`, who.problems.length === 0);
    who.problems.length = 0;
    await p.screenshot({ path: `${out}/${tag}-${String(++shots).padStart(2, '0')}-${name}.png`, fullPage: true });
  }
  const go = async (p, locator) => Promise.all([p.waitForNavigation(), locator.click()]);
  const nav = key => page.locator('.admin-nav a', { hasText: new RegExp(`^${t[key]}$`) });
  const main = async (p = page) => (await p.textContent('main')) || '';

  try {
    // The dashboard, in the console's own layout.
    await page.goto(`${base}/admin/?lang=${lang}`);
    check(`${tag} the console's header`, (await page.textContent('.admin-header')).includes(t.console));
    check(`${tag} the admin's name`, (await page.textContent('.admin-who')) === admin.username);
    await look('dashboard');

    // Catalog: find the product, open it, delist it with a reason.
    await go(page, nav('catalog'));
    await look('catalog');
    await page.fill('form.admin-filters input[name=q]', product[lang]);
    await go(page, page.locator('form.admin-filters button[type=submit]'));
    check(`${tag} the filter is in the address`, new URL(page.url()).searchParams.get('q') === product[lang]);
    await look('catalog-found');
    await go(page, page.locator(`a[href="/admin/products/${product.id}"]`).first());
    await look('product');
    const delist = page.locator(`form[action="/admin/products/${product.id}/delist"]`);
    await delist.locator('[name=reason]').fill(t.reason);
    await go(page, delist.locator('button[type=submit]'));
    check(`${tag} delisted: the notice`, (await main()).includes(t.delisted));
    check(`${tag} delisted: the list form is offered instead`,
      await page.locator(`form[action="/admin/products/${product.id}/list"]`).count() === 1);
    await look('product-delisted');

    // The buyer: the product is gone from search, their instance stays.
    await b.page.goto(`${base}/login?lang=${lang}`);
    await b.page.fill('input[name=email]', email);
    await b.page.fill('input[name=password]', password);
    await go(b.page, b.page.locator('main form button[type=submit]'));
    await b.page.goto(`${base}/search?q=${encodeURIComponent(product[lang])}`);
    check(`${tag} the buyer's search no longer finds it`, (await main(b.page)).includes(t.noResults));
    await look('buyer-search', b);
    await b.page.goto(`${base}/services`);
    check(`${tag} the buyer still has the instance`, (await main(b.page)).includes(product[lang]));
    await look('buyer-services', b);

    // Orders: find the buyer's order and refund it in full.
    await go(page, nav('orders'));
    await look('orders');
    await page.fill('form.admin-filters input[name=no]', order);
    await go(page, page.locator('form.admin-filters button[type=submit]'));
    await go(page, page.locator(`a[href="/admin/orders/${order}"]`).first());
    await look('order');
    await go(page, page.locator(`a[href="/admin/orders/${order}/refund"]`));
    await look('refund-form');
    const refund = page.locator(`form[action="/admin/orders/${order}/refund"]`);
    await refund.locator('[name=reason]').fill(t.refundReason);
    await go(page, refund.locator('button[type=submit]'));
    check(`${tag} refunded: the notice`, (await main()).includes(t.refunded));
    check(`${tag} refunded: no refund offered any more`,
      await page.locator(`a[href="/admin/orders/${order}/refund"]`).count() === 0);
    await look('order-refunded');
    await b.page.goto(`${base}/orders/${order}`);
    check(`${tag} the buyer's order says refunded`, (await main(b.page)).includes(t.refundedStatus));
    await look('buyer-order', b);

    // The audit log holds both, with the reasons.
    await go(page, nav('audit'));
    const log = await main();
    check(`${tag} audit: the delisting`, log.includes('product.delist') && log.includes(t.reason));
    check(`${tag} audit: the refund`, log.includes('order.refund') && log.includes(t.refundReason));
    await look('audit');

    // List the product again, from its page.
    await page.goto(`${base}/admin/products/${product.id}`);
    const list = page.locator(`form[action="/admin/products/${product.id}/list"]`);
    await go(page, list.locator('button[type=submit]'));
    check(`${tag} listed again: the notice`, (await main()).includes(t.listed));
    await look('product-listed');

    // The other sections open cleanly.
    for (const key of ['vendors', 'buyers', 'deliveries']) {
      await go(page, nav(key));
      check(`${tag} ${key}: a list`, await page.locator('main table, main p.muted').count() > 0);
      await look(key);
    }
  } catch (e) {
    check(`${tag} walk: ${e.message.split('\n')[0]} (at ${page.url()})`, false);
  } finally {
    await a.ctx.close();
    await b.ctx.close();
  }
}

for (const w of walks) await walk(w);
await browser.close();
console.log(`admin-browser: ${passed} passed, ${failed} failed`);
