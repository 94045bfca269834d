<?xml version="1.0" encoding="UTF-8"?>
<!-- Search: keyword over product names and summaries. -->
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
        <xsl:apply-templates select="search/products" mode="cards"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:value-of select="m:t('search.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="pager/@after or pager/@next">
      <nav class="pager" aria-label="{m:t('pager.label')}">
        <xsl:if test="pager/@after">
          <a href="/search?q={search/@q-url}"><xsl:value-of select="m:t('pager.first')"/></a>
        </xsl:if>
        <xsl:if test="pager/@next">
          <a class="next" rel="next" href="/search?q={search/@q-url}&amp;after={pager/@next}"><xsl:value-of select="m:t('pager.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
