<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layout: document shell, header with search and sign-in, footer.
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
            <a class="brand" href="/"><span class="brand-mark">☁</span><xsl:text> </xsl:text><xsl:value-of select="m:t('site.name')"/></a>
            <form class="site-search" action="/search" method="get" role="search">
              <input type="search" name="q" maxlength="100" placeholder="{m:t('search.placeholder')}"
                     aria-label="{m:t('search.placeholder')}" value="{page/search/@q}"/>
              <button type="submit"><xsl:value-of select="m:t('search.button')"/></button>
            </form>
            <nav class="site-nav">
              <xsl:apply-templates select="page" mode="account-nav"/>
              <xsl:choose>
                <xsl:when test="page/@lang = 'en'">
                  <a class="lang" href="{page/@path}?lang=zh-CN" lang="zh-CN">中文</a>
                </xsl:when>
                <xsl:otherwise>
                  <a class="lang" href="{page/@path}?lang=en" lang="en">English</a>
                </xsl:otherwise>
              </xsl:choose>
            </nav>
          </div>
        </header>
        <main class="wrap">
          <xsl:apply-templates select="page" mode="content"/>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p><xsl:value-of select="m:t('footer.text')"/></p>
            <p class="muted"><a href="/feeds/catalog.xml"><xsl:value-of select="m:t('footer.feed')"/></a></p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="page" mode="title"/>

  <xsl:template match="page" mode="account-nav">
    <xsl:choose>
      <xsl:when test="session/user">
        <span class="who"><xsl:value-of select="session/user/name"/></span>
      </xsl:when>
      <xsl:otherwise>
        <a href="/login"><xsl:value-of select="m:t('nav.signin')"/></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Money: ¥ and two decimals, as the model gives them. -->
  <xsl:template name="money">
    <xsl:param name="v"/>
    <span class="money">¥<xsl:value-of select="$v"/></span>
  </xsl:template>

  <xsl:template name="period">
    <xsl:param name="months"/>
    <xsl:value-of select="m:t(concat('period.', $months))"/>
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
