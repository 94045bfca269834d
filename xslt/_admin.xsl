<?xml version="1.0" encoding="UTF-8"?>
<!-- The admin console's layout: the buyer layout's styles and helpers, but
     plainly the operator's (a dark header naming the console and the
     admin, the console's own navigation, no search or buyer links).
     Admin pages import this and supply the "title" and "content" modes. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title"><xsl:apply-templates select="page" mode="title"/></xsl:variable>
    <html lang="{page/@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:if test="string($title)"><xsl:value-of select="$title"/> · </xsl:if>
          <xsl:value-of select="m:t('admin.site')"/>
        </title>
        <link rel="stylesheet" href="/static/site.css"/>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
      </head>
      <body class="admin page-{page/@name}">
        <header class="admin-header">
          <div class="wrap">
            <a class="brand" href="/admin/"><span class="brand-mark" aria-hidden="true">☁</span><xsl:text> </xsl:text><xsl:value-of select="m:t('admin.site')"/></a>
            <nav class="admin-nav" aria-label="{m:t('admin.nav.label')}">
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/'"/><xsl:with-param name="key" select="'admin.nav.dashboard'"/></xsl:call-template>
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/vendors'"/><xsl:with-param name="key" select="'admin.nav.vendors'"/></xsl:call-template>
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/catalog'"/><xsl:with-param name="key" select="'admin.nav.catalog'"/></xsl:call-template>
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/buyers'"/><xsl:with-param name="key" select="'admin.nav.buyers'"/></xsl:call-template>
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/orders'"/><xsl:with-param name="key" select="'admin.nav.orders'"/></xsl:call-template>
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/deliveries'"/><xsl:with-param name="key" select="'admin.nav.deliveries'"/></xsl:call-template>
              <xsl:call-template name="admin-nav-link"><xsl:with-param name="href" select="'/admin/audit'"/><xsl:with-param name="key" select="'admin.nav.audit'"/></xsl:call-template>
            </nav>
            <span class="admin-who" title="{m:t('admin.signed_in_as')}"><xsl:value-of select="page/session/@admin"/></span>
            <xsl:choose>
              <xsl:when test="page/@lang = 'en'">
                <a class="lang" href="{page/@path}?{page/@query}{substring('&amp;', 1, string-length(page/@query))}lang=zh-CN" lang="zh-CN">中文</a>
              </xsl:when>
              <xsl:otherwise>
                <a class="lang" href="{page/@path}?{page/@query}{substring('&amp;', 1, string-length(page/@query))}lang=en" lang="en">English</a>
              </xsl:otherwise>
            </xsl:choose>
          </div>
        </header>
        <main class="wrap admin-main">
          <xsl:call-template name="flashes"/>
          <xsl:apply-templates select="page" mode="content"/>
        </main>
        <footer class="site-footer admin-footer">
          <div class="wrap">
            <p class="muted times-note"><xsl:call-template name="zone-note"/></p>
            <p class="muted"><a href="/"><xsl:value-of select="m:t('admin.to_site')"/></a></p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A console section's link; aria-current on the section this page is in. -->
  <xsl:template name="admin-nav-link">
    <xsl:param name="href"/>
    <xsl:param name="key"/>
    <xsl:variable name="path" select="/page/@path"/>
    <a href="{$href}">
      <xsl:if test="($href = '/admin/' and $path = '/admin/') or ($href != '/admin/' and starts-with($path, $href))">
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="m:t($key)"/>
    </a>
  </xsl:template>

  <!-- Every admin form's token. -->
  <xsl:template name="admin-csrf">
    <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
  </xsl:template>

  <!-- Pages of an admin list: like the buyer pager, with the list's own
       address (@href: its filters, ending in "?" or "&"). -->
  <xsl:template name="admin-pager">
    <xsl:param name="list"/>
    <xsl:call-template name="pager">
      <xsl:with-param name="href" select="$list/@href"/>
      <xsl:with-param name="list" select="$list"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "field: value" lines (audit before/after), one span each; a line
       without "field: " (a value's own next line) as it is. A long text is
       first cut in two at a line break near its middle, so that the
       templates nest about log2(lines) deep, not once per line: a product
       description of a few thousand lines stays within the processor's
       depth limit. -->
  <xsl:template name="admin-fields">
    <xsl:param name="text"/>
    <xsl:param name="at" select="floor(string-length($text) div 2)"/>
    <xsl:variable name="tail" select="substring($text, $at + 1)"/>
    <xsl:choose>
      <xsl:when test="not(string($text))"/>
      <xsl:when test="not(contains($text, '&#10;'))">
        <xsl:choose>
          <xsl:when test="contains($text, ': ')">
            <span class="field-line"><b><xsl:value-of select="substring-before($text, ': ')"/></b>: <xsl:value-of select="substring-after($text, ': ')"/></span>
          </xsl:when>
          <xsl:otherwise><span class="field-line"><xsl:value-of select="$text"/></span></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="contains($tail, '&#10;')">
        <xsl:call-template name="admin-fields">
          <xsl:with-param name="text" select="concat(substring($text, 1, $at), substring-before($tail, '&#10;'))"/>
        </xsl:call-template>
        <xsl:call-template name="admin-fields">
          <xsl:with-param name="text" select="substring-after($tail, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- every break is before $at: look for one nearer the start -->
        <xsl:call-template name="admin-fields">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="at" select="floor($at div 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
