<?xml version="1.0" encoding="UTF-8"?>
<!-- Category: products of one category, sorted, a page at a time. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="category"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="category"/></xsl:call-template>
    <div class="list-head">
      <h1><xsl:value-of select="category"/>
        <small class="muted"><xsl:text> </xsl:text><xsl:value-of select="m:t('home.count', category/@count)"/></small></h1>
      <nav class="sorts" aria-label="{m:t('sort.nav')}">
        <span class="muted"><xsl:value-of select="m:t('sort.label')"/></span>
        <xsl:call-template name="sort-link"><xsl:with-param name="s" select="'newest'"/></xsl:call-template>
        <xsl:call-template name="sort-link"><xsl:with-param name="s" select="'price_asc'"/></xsl:call-template>
        <xsl:call-template name="sort-link"><xsl:with-param name="s" select="'price_desc'"/></xsl:call-template>
      </nav>
    </div>
    <xsl:choose>
      <xsl:when test="products/product">
        <xsl:apply-templates select="products" mode="cards"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:value-of select="m:t('category.empty')"/></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="pager">
      <xsl:with-param name="href" select="concat('/categories/', category/@slug, '?sort=', products/@sort, '&amp;')"/>
      <xsl:with-param name="list" select="products"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="sort-link">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="/page/products/@sort = $s">
        <strong class="sort current"><xsl:value-of select="m:t(concat('sort.', $s))"/></strong>
      </xsl:when>
      <xsl:otherwise>
        <a class="sort" href="/categories/{/page/category/@slug}?sort={$s}"><xsl:value-of select="m:t(concat('sort.', $s))"/></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
