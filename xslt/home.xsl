<?xml version="1.0" encoding="UTF-8"?>
<!-- Home: categories with product counts, newest products. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title"/>

  <xsl:template match="page" mode="content">
    <section class="hero">
      <h1><xsl:value-of select="m:t('home.heading')"/></h1>
      <p><xsl:value-of select="m:t('home.tagline')"/></p>
    </section>
    <section class="categories">
      <h2><xsl:value-of select="m:t('home.categories')"/></h2>
      <ul class="category-grid">
        <xsl:for-each select="categories/category">
          <li>
            <a href="/categories/{@slug}">
              <span class="cat-name"><xsl:value-of select="."/></span>
              <span class="cat-count"><xsl:value-of select="m:t('home.count', @count)"/></span>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <section class="newest">
      <h2><xsl:value-of select="m:t('home.newest')"/></h2>
      <xsl:apply-templates select="products" mode="cards"/>
    </section>
  </xsl:template>
</xsl:stylesheet>
