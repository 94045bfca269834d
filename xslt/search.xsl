<?xml version="1.0" encoding="UTF-8"?>
<!-- Search: keywords over product names, summaries and category names,
     with the number of results, a page at a time. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('search.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="q" select="search/@q"/>
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('search.title')"/></xsl:call-template>
    <h1>
      <xsl:choose>
        <xsl:when test="string($q)"><xsl:value-of select="m:t('search.results_for', $q)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t('search.title')"/></xsl:otherwise>
      </xsl:choose>
    </h1>
    <form class="search-big" action="/search" method="get" role="search">
      <input type="search" name="q" maxlength="100" value="{$q}" placeholder="{m:t('search.placeholder')}"
             aria-label="{m:t('search.placeholder')}"/>
      <button type="submit"><xsl:value-of select="m:t('search.button')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="not(string($q))">
        <p class="empty"><xsl:value-of select="m:t('search.prompt')"/></p>
      </xsl:when>
      <xsl:when test="search/products/product">
        <p class="result-count" role="status"><xsl:value-of select="m:t('search.count', search/@count)"/></p>
        <xsl:apply-templates select="search/products" mode="cards"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:value-of select="m:t('search.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="pager">
      <xsl:with-param name="href" select="concat('/search?q=', search/@q-url, '&amp;')"/>
      <xsl:with-param name="list" select="search/products"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
