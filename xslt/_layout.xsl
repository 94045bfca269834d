<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layout: document shell, header with search and sign-in, notices,
     footer, and small helpers (money, period, time, status pills, steps).
     Page stylesheets import this and supply the "title" and "content" modes. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title"><xsl:apply-templates select="page" mode="title"/></xsl:variable>
    <html lang="{page/@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:if test="string($title)"><xsl:value-of select="$title"/> · </xsl:if>
          <xsl:value-of select="m:t('site.name')"/>
        </title>
        <link rel="stylesheet" href="/static/site.css"/>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
      </head>
      <body class="page-{page/@name}">
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">☁</span><xsl:text> </xsl:text><xsl:value-of select="m:t('site.name')"/></a>
            <form class="site-search" action="/search" method="get" role="search">
              <input type="search" name="q" maxlength="100" placeholder="{m:t('search.placeholder')}"
                     aria-label="{m:t('search.placeholder')}" value="{page/search/@q}"/>
              <button type="submit"><xsl:value-of select="m:t('search.button')"/></button>
            </form>
            <nav class="site-nav" aria-label="{m:t('nav.label')}">
              <xsl:apply-templates select="page" mode="account-nav"/>
              <xsl:choose>
                <xsl:when test="page/@lang = 'en'">
                  <a class="lang" href="{page/@path}?{page/@query}{substring('&amp;', 1, string-length(page/@query))}lang=zh-CN" lang="zh-CN">中文</a>
                </xsl:when>
                <xsl:otherwise>
                  <a class="lang" href="{page/@path}?{page/@query}{substring('&amp;', 1, string-length(page/@query))}lang=en" lang="en">English</a>
                </xsl:otherwise>
              </xsl:choose>
            </nav>
          </div>
        </header>
        <main class="wrap">
          <xsl:call-template name="flashes"/>
          <xsl:apply-templates select="page" mode="content"/>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p><xsl:value-of select="m:t('footer.text')"/></p>
            <p class="muted times-note"><xsl:call-template name="zone-note"/></p>
            <p class="muted"><a href="/feeds/catalog.xml"><xsl:value-of select="m:t('footer.feed')"/></a></p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="page" mode="title"/>

  <!-- Signed in: purchased services, orders, the account, sign out.
       Guests: sign in (coming back here afterwards) and register. -->
  <xsl:template match="page" mode="account-nav">
    <xsl:choose>
      <xsl:when test="session/user">
        <a href="/services"><xsl:value-of select="m:t('nav.services')"/></a>
        <a href="/deliveries"><xsl:value-of select="m:t('nav.deliveries')"/></a>
        <a href="/orders"><xsl:value-of select="m:t('nav.orders')"/></a>
        <a class="who" href="/account" title="{m:t('nav.account')}"><xsl:value-of select="session/user/name"/></a>
        <form class="inline-form signout" action="/logout" method="post">
          <input type="hidden" name="csrf" value="{session/@csrf}"/>
          <button type="submit"><xsl:value-of select="m:t('nav.signout')"/></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <xsl:choose>
          <xsl:when test="@name = 'login' or @name = 'register' or @name = 'error' or @path = '/'">
            <a href="/login"><xsl:value-of select="m:t('nav.signin')"/></a>
            <a href="/register"><xsl:value-of select="m:t('nav.register')"/></a>
          </xsl:when>
          <xsl:otherwise>
            <!-- @here is percent-encoded by the dispatcher: safe as a query value -->
            <a href="/login?next={@here}"><xsl:value-of select="m:t('nav.signin')"/></a>
            <a href="/register?next={@here}"><xsl:value-of select="m:t('nav.register')"/></a>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Top of main: the notice a redirect named (?notice=…), and a form error
       that belongs to no particular field. Field errors are placed by the
       page next to their field. Unknown notice keys are not shown. -->
  <xsl:template name="flashes">
    <xsl:for-each select="/page/notice[@key]">
      <xsl:variable name="text" select="m:t(@key)"/>
      <xsl:if test="$text != @key">
        <xsl:choose>
          <xsl:when test="starts-with(substring-after(@key, 'notice.'), 'not_')">
            <p class="flash flash-info" role="status"><xsl:value-of select="$text"/></p>
          </xsl:when>
          <xsl:otherwise>
            <p class="flash flash-ok" role="status"><xsl:value-of select="$text"/></p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="/page/form-error[not(@field)]">
      <p class="flash flash-error" role="alert">
        <xsl:call-template name="form-error-text"/>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of a form-error (context node): its message, with the
       retry wait for login.slow_down; a generic message for an unknown key. -->
  <xsl:template name="form-error-text">
    <xsl:variable name="text" select="m:t(@key, /page/retry-after/@seconds)"/>
    <xsl:choose>
      <xsl:when test="$text != @key"><xsl:value-of select="$text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="m:t('form.error')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A form field: label.field > span + input (+ its error, or its hint).
       The value comes back from /page/form (passwords never do); the first
       field of a form (first) or the first with an error takes the focus. -->
  <xsl:template name="field">
    <xsl:param name="name"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="label"/>
    <xsl:param name="autocomplete"/>
    <xsl:param name="max"/>
    <xsl:param name="hint"/>
    <xsl:param name="value" select="/page/form/field[@name = $name]"/>
    <xsl:param name="first" select="$name = 'email'"/>
    <xsl:variable name="err" select="/page/form-error[@field = $name]"/>
    <label class="field">
      <span><xsl:value-of select="$label"/></span>
      <input type="{$type}" name="{$name}" required="required" maxlength="{$max}" autocomplete="{$autocomplete}">
        <xsl:if test="$type != 'password'">
          <xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$autocomplete = 'new-password'">
          <xsl:attribute name="minlength">8</xsl:attribute>
        </xsl:if>
        <xsl:if test="$err">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$name"/>-error</xsl:attribute>
        </xsl:if>
        <xsl:if test="($err and /page/form-error[1]/@field = $name) or (not(/page/form-error) and $first)">
          <xsl:attribute name="autofocus">autofocus</xsl:attribute>
        </xsl:if>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$name"/></xsl:call-template>
      <xsl:if test="string($hint) and not($err)">
        <span class="field-hint"><xsl:value-of select="$hint"/></span>
      </xsl:if>
    </label>
  </xsl:template>

  <!-- The error for one field, placed by the page right after its input. -->
  <xsl:template name="field-error">
    <xsl:param name="field"/>
    <xsl:for-each select="/page/form-error[@field = $field]">
      <span class="field-error" id="{$field}-error" role="alert"><xsl:call-template name="form-error-text"/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- Money as text, from the model's "48000.00" (exact: the grouping
       works on the whole yuan as an integer, the cents are copied):
       ¥48,000.00, or CNY 48,000.00 in English; sign "+" adds a plus to
       a positive amount; bare leaves the currency out (a table whose
       caption names it). m:money-text, m:period and m:label are
       fcgi/view.c's: lists call these helpers many times a page. -->
  <xsl:template name="money-text">
    <xsl:param name="v"/>
    <xsl:param name="sign"/>
    <xsl:param name="bare" select="false()"/>
    <xsl:value-of select="m:money-text($v, $sign, $bare)"/>
  </xsl:template>

  <xsl:template name="money">
    <xsl:param name="v"/>
    <span class="money"><xsl:value-of select="m:money-text($v)"/></span>
  </xsl:template>

  <!-- A ledger amount with its sign: +¥500.00, -¥199.00. -->
  <xsl:template name="signed-money">
    <xsl:param name="v"/>
    <span class="money"><xsl:value-of select="m:money-text($v, '+')"/></span>
  </xsl:template>

  <!-- A period as bought: "3 个月", "1 年", or 一次性 / One-off for
       months="0" (a service sold once). -->
  <xsl:template name="period">
    <xsl:param name="months"/>
    <xsl:value-of select="m:period($months)"/>
  </xsl:template>

  <!-- A time from the model (ISO 8601 in the configured zone, with its
       offset: "2026-11-25T23:09:36+08:00") as <time>, shown as
       "2026-11-25 23:09:36"; the layout's footer names the zone. -->
  <xsl:template name="time">
    <xsl:param name="t"/>
    <xsl:if test="string($t)">
      <time datetime="{$t}"><xsl:call-template name="time-text"><xsl:with-param name="t" select="$t"/></xsl:call-template></time>
    </xsl:if>
  </xsl:template>

  <xsl:template name="time-text">
    <xsl:param name="t"/>
    <xsl:value-of select="concat(substring($t, 1, 10), ' ', substring($t, 12, 8))"/>
  </xsl:template>

  <!-- "Pay before …, or the order is cancelled." -->
  <xsl:template name="pay-by">
    <xsl:param name="t"/>
    <xsl:variable name="when"><xsl:call-template name="time-text"><xsl:with-param name="t" select="$t"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="m:t('order.pay_by', $when)"/>
  </xsl:template>

  <!-- "Times are Beijing time (UTC+08:00)": the zone's name from the
       catalog (tz.<zone>), or the zone itself. -->
  <xsl:template name="zone-note">
    <xsl:variable name="key" select="concat('tz.', /page/@tz)"/>
    <xsl:variable name="name" select="m:t($key)"/>
    <xsl:choose>
      <xsl:when test="$name != $key"><xsl:value-of select="m:t('common.times_in', $name, /page/@tz-offset)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="m:t('common.times_in', /page/@tz, /page/@tz-offset)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The message for prefix + value, or the raw value when there is none
       (a status or kind this version does not know yet). -->
  <xsl:template name="label">
    <xsl:param name="prefix"/>
    <xsl:param name="value"/>
    <xsl:value-of select="m:label($prefix, $value)"/>
  </xsl:template>

  <!-- A status pill; prefix is the message family (order.status. …). -->
  <!-- A file's size: bytes, KB or MB, one decimal. -->
  <xsl:template name="file-size">
    <xsl:param name="b"/>
    <xsl:choose>
      <xsl:when test="$b &lt; 1024"><xsl:value-of select="$b"/> B</xsl:when>
      <xsl:when test="$b &lt; 1048576"><xsl:value-of select="format-number($b div 1024, '0.0')"/> KB</xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($b div 1048576, '0.0')"/> MB</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An instance's state; a manual instance's is its delivery's. -->
  <xsl:template name="instance-status">
    <xsl:param name="i"/>
    <xsl:choose>
      <xsl:when test="string($i/@delivery-status)">
        <xsl:call-template name="status">
          <xsl:with-param name="prefix" select="'delivery.status.'"/>
          <xsl:with-param name="value" select="$i/@delivery-status"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="status">
          <xsl:with-param name="prefix" select="'instance.status.'"/>
          <xsl:with-param name="value" select="$i/@status"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status">
    <xsl:param name="prefix"/>
    <xsl:param name="value"/>
    <span class="status status-{$value}"><xsl:value-of select="m:label($prefix, $value)"/></span>
  </xsl:template>

  <!-- The checkout steps: 核对订单信息 → 支付 → 确认支付结果; at = 1, 2 or 3. -->
  <xsl:template name="steps">
    <xsl:param name="at"/>
    <ol class="steps" aria-label="{m:t('steps.label')}">
      <xsl:call-template name="step"><xsl:with-param name="n" select="1"/><xsl:with-param name="at" select="$at"/><xsl:with-param name="key" select="'steps.confirm'"/></xsl:call-template>
      <xsl:call-template name="step"><xsl:with-param name="n" select="2"/><xsl:with-param name="at" select="$at"/><xsl:with-param name="key" select="'steps.pay'"/></xsl:call-template>
      <xsl:call-template name="step"><xsl:with-param name="n" select="3"/><xsl:with-param name="at" select="$at"/><xsl:with-param name="key" select="'steps.result'"/></xsl:call-template>
    </ol>
  </xsl:template>

  <xsl:template name="step">
    <xsl:param name="n"/>
    <xsl:param name="at"/>
    <xsl:param name="key"/>
    <li>
      <xsl:choose>
        <xsl:when test="$n &lt; $at"><xsl:attribute name="class">done</xsl:attribute></xsl:when>
        <xsl:when test="$n = $at">
          <xsl:attribute name="class">current</xsl:attribute>
          <xsl:attribute name="aria-current">step</xsl:attribute>
        </xsl:when>
      </xsl:choose>
      <xsl:value-of select="m:t($key)"/>
    </li>
  </xsl:template>

  <!-- An error's heading (by status) and detail (error.<code>, else by
       status), in the page's language: the error page's and the cashier's. -->
  <xsl:template match="error" mode="heading">
    <xsl:variable name="key" select="concat('error.', @status)"/>
    <xsl:variable name="text" select="m:t($key)"/>
    <xsl:choose>
      <xsl:when test="$text != $key"><xsl:value-of select="$text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="m:t('error.generic')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="error" mode="detail">
    <xsl:variable name="key" select="concat('error.', @code)"/>
    <xsl:variable name="text" select="m:t($key)"/>
    <xsl:variable name="by-status" select="concat('error.detail.', @status)"/>
    <xsl:choose>
      <xsl:when test="$text != $key"><xsl:value-of select="$text"/></xsl:when>
      <xsl:when test="m:t($by-status) != $by-status"><xsl:value-of select="m:t($by-status)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="m:t('error.detail.other')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Breadcrumbs: 首页 › up to two links › where the visitor is. -->
  <xsl:template name="crumbs">
    <xsl:param name="href1"/>
    <xsl:param name="text1"/>
    <xsl:param name="href2"/>
    <xsl:param name="text2"/>
    <xsl:param name="here"/>
    <nav class="crumbs" aria-label="{m:t('crumbs.label')}">
      <a href="/"><xsl:value-of select="m:t('nav.home')"/></a>
      <xsl:if test="string($href1)">
        <span class="sep" aria-hidden="true"> › </span>
        <a href="{$href1}"><xsl:value-of select="$text1"/></a>
      </xsl:if>
      <xsl:if test="string($href2)">
        <span class="sep" aria-hidden="true"> › </span>
        <a href="{$href2}"><xsl:value-of select="$text2"/></a>
      </xsl:if>
      <span class="sep" aria-hidden="true"> › </span>
      <span aria-current="page"><xsl:value-of select="$here"/></span>
    </nav>
  </xsl:template>

  <!-- Pages of a list: first (on any later page), previous and next. href
       is the list's address ending in "?" or "&"; list carries the cursors
       (@prev, @next) and whether this is a later page (@after, @before). -->
  <xsl:template name="pager">
    <xsl:param name="href"/>
    <xsl:param name="list"/>
    <xsl:if test="$list/@prev or $list/@next or $list/@after or $list/@before">
      <nav class="pager" aria-label="{m:t('pager.label')}">
        <xsl:if test="$list/@after or $list/@before">
          <a class="first" href="{substring($href, 1, string-length($href) - 1)}"><xsl:value-of select="m:t('pager.first')"/></a>
        </xsl:if>
        <xsl:if test="$list/@prev">
          <a class="prev" rel="prev" href="{$href}before={$list/@prev}"><xsl:value-of select="m:t('pager.prev')"/></a>
        </xsl:if>
        <xsl:if test="$list/@next">
          <a class="next" rel="next" href="{$href}after={$list/@next}"><xsl:value-of select="m:t('pager.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A vendor's support contact (联系服务商): email, phone, website. -->
  <xsl:template match="support" mode="contact">
    <xsl:param name="website"/>
    <ul class="contact">
      <xsl:if test="string(@phone)">
        <li><span class="muted"><xsl:value-of select="m:t('support.phone')"/></span><xsl:text> </xsl:text><a href="tel:{translate(@phone, ' -', '')}"><xsl:value-of select="@phone"/></a></li>
      </xsl:if>
      <xsl:if test="string(@email)">
        <li><span class="muted"><xsl:value-of select="m:t('support.email')"/></span><xsl:text> </xsl:text><a href="mailto:{@email}"><xsl:value-of select="@email"/></a></li>
      </xsl:if>
      <xsl:if test="starts-with($website, 'https://') or starts-with($website, 'http://')">
        <li><span class="muted"><xsl:value-of select="m:t('support.website')"/></span><xsl:text> </xsl:text><a href="{$website}" rel="noopener noreferrer"><xsl:value-of select="$website"/></a></li>
      </xsl:if>
    </ul>
  </xsl:template>

  <!-- Percent-encodes the ASCII characters that would end or change a query
       value (non-ASCII is left for the browser to encode as UTF-8). -->
  <xsl:variable name="url-specials"> !"#$%&amp;'()*+,:;&lt;=&gt;?@[\]^`{|}</xsl:variable>
  <xsl:variable name="url-codes">%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D</xsl:variable>

  <xsl:template name="url-encode">
    <xsl:param name="s"/>
    <xsl:if test="string-length($s) &gt; 0">
      <xsl:variable name="c" select="substring($s, 1, 1)"/>
      <xsl:choose>
        <xsl:when test="contains($url-specials, $c)">
          <xsl:value-of select="substring($url-codes, 3 * string-length(substring-before($url-specials, $c)) + 1, 3)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="url-encode"><xsl:with-param name="s" select="substring($s, 2)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="product" mode="card">
    <li class="card">
      <a class="card-link" href="/products/{@id}">
        <span class="card-cat"><xsl:value-of select="category"/></span>
        <strong class="card-name"><xsl:value-of select="name"/></strong>
        <span class="card-summary"><xsl:value-of select="summary"/></span>
      </a>
      <div class="card-meta">
        <span class="card-vendor"><xsl:value-of select="vendor"/></span>
        <span class="badge badge-{@delivery}"><xsl:value-of select="m:t(concat('delivery.', @delivery))"/></span>
        <xsl:if test="@free-login = '1'">
          <span class="badge badge-sso"><xsl:value-of select="m:t('product.free_login')"/></span>
        </xsl:if>
      </div>
      <div class="card-price">
        <xsl:call-template name="money"><xsl:with-param name="v" select="price-from"/></xsl:call-template>
        <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="m:t('product.price_from')"/></span>
      </div>
    </li>
  </xsl:template>

  <xsl:template match="products" mode="cards">
    <ul class="cards">
      <xsl:apply-templates select="product" mode="card"/>
    </ul>
  </xsl:template>
</xsl:stylesheet>
