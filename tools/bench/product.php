<?php
// make bench's PHP peer of the product page (GET /products/ID): the same
// two queries as handlers/catalog.c (catalog_product_model) and the same
// HTML as xslt/product.xsl in xslt/_layout.xsl, written the way a PHP shop
// writes a page: PDO with a persistent connection, strings escaped with
// htmlspecialchars, the interface texts in a PHP array (messages.php,
// which tools/bench.sh generates from xslt/i18n/ once). A guest's page in
// the default language; php-fpm with opcache runs it behind the same nginx.
declare(strict_types=1);

$M = require getenv('MP_BENCH_MESSAGES');

function h(string $s): string
{
    return htmlspecialchars($s);
}

// m:t(): the message for key, {1}, {2} replaced; the key itself if none
function t(string $key, string ...$args): string
{
    global $M;
    $text = $M[$key] ?? $key;
    foreach ($args as $i => $a) {
        $text = str_replace('{' . ($i + 1) . '}', $a, $text);
    }
    return $text;
}

function money_text(int $cents, bool $bare = false): string
{
    return ($bare ? '' : '¥') . number_format(intdiv($cents, 100)) . '.' . sprintf('%02d', $cents % 100);
}

function money(int $cents): string
{
    return '<span class="money">' . money_text($cents) . '</span>';
}

function period(int $months): string
{
    $key = $months === 0 ? 'period.once' : 'period.' . $months;
    $text = t($key);
    return $text !== $key ? $text : t('period.months', (string)$months);
}

// the description's paragraphs: split at blank lines
function paragraphs(string $text): array
{
    $out = [];
    foreach (preg_split('/\n\n[\r\n]*/', $text) as $p) {
        $p = rtrim($p, "\r\n ");
        if ($p !== '') {
            $out[] = $p;
        }
    }
    return $out;
}

// a spec's features: split at ASCII or full-width commas
function features(string $list): array
{
    $out = [];
    foreach (preg_split('/,|，/u', $list) as $f) {
        $f = trim($f, ' ');
        if ($f !== '') {
            $out[] = $f;
        }
    }
    return $out;
}

function l10n(string $zh, string $en): string
{
    return $zh !== '' ? $zh : $en;
}

function not_found(): void
{
    http_response_code(404);
    header('Content-Type: text/plain; charset=utf-8');
    echo "There is no such product.\n";
}

$path = $_SERVER['DOCUMENT_URI'] ?? '';
if (!preg_match('~^/products/([0-9]{1,18})$~', $path, $mm)) {
    not_found();
    return;
}
$id = (int)$mm[1];

$db = new PDO(getenv('MP_DB_DSN'), getenv('MP_DB_USER'), getenv('MP_DB_PASSWORD'), [
    PDO::ATTR_PERSISTENT => true,
    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
]);

$q = $db->prepare(
    "SELECT p.id, p.name_zh, p.name_en, p.summary_zh, p.summary_en, p.description_zh, p.description_en, "
    . "p.delivery_mode, p.free_login, p.price_from_cents, v.id AS vendor_id, v.slug AS vendor_slug, "
    . "v.name_zh AS vendor_zh, v.name_en AS vendor_en, v.website, "
    . "c.slug AS category_slug, c.name_zh AS category_zh, c.name_en AS category_en, "
    . "DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s') AS created, "
    . "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s') AS updated, "
    . "(p.listed = 1 AND v.status = 'active') AS on_sale, "
    . "COALESCE(NULLIF(p.support_email, ''), v.support_email) AS support_email, p.support_phone "
    . "FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "
    . "WHERE p.id = ?");
$q->execute([$id]);
$p = $q->fetch(PDO::FETCH_ASSOC);
if (!$p) {
    not_found();
    return;
}
$q = $db->prepare(
    "SELECT s.id, s.name_zh, s.name_en, s.features_zh, s.features_en, pr.period_months, pr.price_cents "
    . "FROM specs s JOIN prices pr ON pr.spec_id = s.id "
    . "WHERE s.product_id = ? AND s.active = 1 ORDER BY s.position, s.id, pr.period_months");
$q->execute([$id]);
$rows = $q->fetchAll(PDO::FETCH_ASSOC);

// specs with their prices (months => cents), in the query's order
$specs = [];
$offered = [];
foreach ($rows as $r) {
    $sid = (int)$r['id'];
    if (!isset($specs[$sid])) {
        $specs[$sid] = [
            'name' => l10n($r['name_zh'], $r['name_en']),
            'features' => features(l10n($r['features_zh'], $r['features_en'])),
            'prices' => [],
        ];
    }
    $specs[$sid]['prices'][(int)$r['period_months']] = (int)$r['price_cents'];
    $offered[(int)$r['period_months']] = true;
}
$periods = array_values(array_filter([0, 1, 3, 6, 12, 24, 36], fn ($m) => isset($offered[$m])));

// the choice: the spec and period asked for when sold, else the spec's
// first period, else the first spec's
$want_spec = (int)($_GET['spec'] ?? 0);
$want_months = (int)($_GET['period'] ?? -1);
$choice = null;
if ($rows) {
    if (isset($specs[$want_spec])) {
        $months = isset($specs[$want_spec]['prices'][$want_months])
            ? $want_months : array_key_first($specs[$want_spec]['prices']);
        $choice = [$want_spec, $months];
    } else {
        $choice = [(int)$rows[0]['id'], (int)$rows[0]['period_months']];
    }
}

$name = l10n($p['name_zh'], $p['name_en']);
$category = l10n($p['category_zh'], $p['category_en']);
$cat_href = '/categories/' . $p['category_slug'];
$listed = $p['on_sale'] === 1 || $p['on_sale'] === '1';
$product_href = '/products/' . $id;

// the query minus lang and notice, for the links back here
$query = [];
foreach ($_GET as $k => $v) {
    if ($k !== 'lang' && $k !== 'notice' && is_string($v)) {
        $query[] = $k . '=' . rawurlencode($v);
    }
}
$query = implode('&', $query);
$here = rawurlencode($query !== '' ? $path . '?' . $query : $path);
$tz = getenv('MP_TIME_ZONE') ?: 'Asia/Shanghai';
$offset = (new DateTime('now', new DateTimeZone($tz)))->format('P');
$tz_name = t('tz.' . $tz);

header('Content-Type: text/html; charset=utf-8');
header("Content-Security-Policy: default-src 'self'; img-src 'self' data:; form-action 'self'; "
    . "frame-ancestors 'none'; base-uri 'self'");
header('Cache-Control: private, no-cache');
header('Vary: Accept, Accept-Language, Cookie');
if (!$listed) {
    http_response_code(410);
}

echo "<!DOCTYPE html>\n", '<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>', h($name), ' · ', h(t('site.name')),
    '</title><link rel="stylesheet" href="/static/site.css"><link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
    '</head><body class="page-product"><header class="site-header"><div class="wrap"><a class="brand" href="/">',
    '<span class="brand-mark" aria-hidden="true">☁</span> ', h(t('site.name')), '</a>',
    '<form class="site-search" action="/search" method="get" role="search"><input type="search" name="q" maxlength="100" placeholder="',
    h(t('search.placeholder')), '" aria-label="', h(t('search.placeholder')), '" value=""><button type="submit">',
    h(t('search.button')), '</button></form><nav class="site-nav" aria-label="', h(t('nav.label')), '">',
    '<a href="/login?next=', h($here), '">', h(t('nav.signin')), '</a><a href="/register?next=', h($here), '">',
    h(t('nav.register')), '</a><a class="lang" href="', h($path . '?' . $query . ($query !== '' ? '&' : '') . 'lang=en'),
    '" lang="en">English</a></nav></div></header><main class="wrap">';

echo '<nav class="crumbs" aria-label="', h(t('crumbs.label')), '"><a href="/">', h(t('nav.home')), '</a>',
    '<span class="sep" aria-hidden="true"> › </span><a href="', h($cat_href), '">', h($category), '</a>',
    '<span class="sep" aria-hidden="true"> › </span><span aria-current="page">', h($name), '</span></nav>';

echo '<div class="product"><section class="product-main"><h1>', h($name), '</h1><p class="lead">',
    h(l10n($p['summary_zh'], $p['summary_en'])), '</p><dl class="facts"><dt>', h(t('product.vendor')), '</dt><dd>',
    h(l10n($p['vendor_zh'], $p['vendor_en'])), '</dd><dt>', h(t('product.delivery')), '</dt><dd><span class="badge badge-',
    h($p['delivery_mode']), '">', h(t('delivery.' . $p['delivery_mode'])), '</span><span class="muted"> ',
    h(t('delivery.' . $p['delivery_mode'] . '.hint')), '</span></dd><dt>', h(t('product.free_login')), '</dt><dd>',
    h(t((string)$p['free_login'] === '1' ? 'common.yes' : 'common.no')), '</dd></dl>';
$paras = $listed ? paragraphs(l10n($p['description_zh'], $p['description_en'])) : [];
if ($paras) {
    echo '<h2>', h(t('product.description')), '</h2><div class="description">';
    foreach ($paras as $para) {
        echo '<p>', h($para), '</p>';
    }
    echo '</div>';
}
echo '<h2>', h(t('support.title')), '</h2><ul class="contact">';
if ((string)$p['support_phone'] !== '') {
    echo '<li><span class="muted">', h(t('support.phone')), '</span> <a href="tel:',
        h(str_replace([' ', '-'], '', $p['support_phone'])), '">', h($p['support_phone']), '</a></li>';
}
if ((string)$p['support_email'] !== '') {
    echo '<li><span class="muted">', h(t('support.email')), '</span> <a href="mailto:', h($p['support_email']), '">',
        h($p['support_email']), '</a></li>';
}
$site = (string)$p['website'];
if (str_starts_with($site, 'https://') || str_starts_with($site, 'http://')) {
    echo '<li><span class="muted">', h(t('support.website')), '</span> <a href="', h($site),
        '" rel="noopener noreferrer">', h($site), '</a></li>';
}
echo '</ul></section><section class="product-buy" id="buy">';

if (!$listed) {
    echo '<div class="flash flash-info delisted" role="status"><p><strong>', h(t('product.delisted')), '</strong></p><p>',
        h(t('product.delisted_explain')), '</p></div><p class="actions"><a class="button primary" href="/services">',
        h(t('nav.services')), '</a><a class="button" href="', h($cat_href), '">', h(t('product.delisted_browse', $category)),
        '</a></p>';
} elseif ($choice === null) {
    echo '<p class="empty">', h(t('product.no_prices')), '</p>';
} else {
    [$ch_spec, $ch_months] = $choice;
    $spec = $specs[$ch_spec];
    echo '<h2>', h(t('product.prices')), '</h2><div class="chooser"><p class="chooser-label" id="spec-label">',
        h(t('product.choose_spec')), '</p><ul class="chips" aria-labelledby="spec-label">';
    foreach ($specs as $sid => $s) {
        $months = isset($s['prices'][$ch_months]) ? $ch_months : array_key_first($s['prices']);
        $current = $sid === $ch_spec;
        echo '<li><a class="chip', $current ? ' current' : '', '" href="', $product_href, '?spec=', $sid, '&amp;period=',
            $months, '#buy"', $current ? ' aria-current="true"' : '', '>', h($s['name']), '</a></li>';
    }
    echo '</ul>';
    if ($spec['features']) {
        echo '<ul class="features">';
        foreach ($spec['features'] as $f) {
            echo '<li>', h($f), '</li>';
        }
        echo '</ul>';
    }
    echo '<p class="chooser-label" id="period-label">', h(t('product.choose_period')),
        '</p><ul class="chips" aria-labelledby="period-label">';
    foreach ($spec['prices'] as $months => $cents) {
        $current = $months === $ch_months;
        echo '<li><a class="chip', $current ? ' current' : '', '" href="', $product_href, '?spec=', $ch_spec,
            '&amp;period=', $months, '#buy"', $current ? ' aria-current="true"' : '', '>', h(period($months)),
            '<span class="chip-price">', money($cents), '</span></a></li>';
    }
    echo '</ul>';
    if ($ch_months === 0) {
        echo '<p class="muted once-hint">', h(t('period.once.hint')), '</p>';
    }
    echo '</div><form class="buy" action="/buy" method="post"><input type="hidden" name="product" value="', $id,
        '"><input type="hidden" name="spec" value="', $ch_spec, '"><input type="hidden" name="period" value="', $ch_months,
        '"><div class="buy-bar"><p class="buy-choice"><span class="muted">', h(t('product.your_choice')), '</span> ',
        h($spec['name']), ' · ', h(period($ch_months)), '</p><p class="buy-price"><strong class="price">',
        money($spec['prices'][$ch_months]), '</strong></p><button type="submit" class="primary">', h(t('product.buy')),
        '</button></div></form>';

    echo '<div class="price-table"><h3>', h(t('product.all_prices')), '</h3><table class="prices stack"><caption>',
        h(t('product.prices_unit')), '</caption><thead><tr><th scope="col">', h(t('product.spec')), '</th>';
    foreach ($periods as $months) {
        echo '<th scope="col">', h(period($months)), '</th>';
    }
    echo '</tr></thead><tbody>';
    $not_sold = h(t('product.not_sold'));
    foreach ($specs as $sid => $s) {
        echo '<tr><th scope="row">', h($s['name']), '</th>';
        foreach ($periods as $months) {
            $label = h(period($months));
            if (isset($s['prices'][$months])) {
                echo '<td data-label="', $label, '"><a href="', $product_href, '?spec=', $sid, '&amp;period=', $months,
                    '#buy"><span class="money">', money_text($s['prices'][$months], true), '</span></a></td>';
            } else {
                echo '<td class="none" data-label="', $label, '"><span class="muted" title="', $not_sold,
                    '">—</span></td>';
            }
        }
        echo '</tr>';
    }
    echo '</tbody></table></div>';
}

echo '</section></div></main><footer class="site-footer"><div class="wrap"><p>', h(t('footer.text')),
    '</p><p class="muted times-note">',
    h($tz_name !== 'tz.' . $tz ? t('common.times_in', $tz_name, $offset) : t('common.times_in', $tz, $offset)),
    '</p><p class="muted"><a href="/feeds/catalog.xml">', h(t('footer.feed')), '</a></p></div></footer></body></html>', "\n";
