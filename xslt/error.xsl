<?xml version="1.0" encoding="UTF-8"?>
<!-- Error pages: 400, 403, 404, 405, 409, 413, 500, 503 and the rest, in
     the page's language: the heading names the status, the detail is the
     catalog's error.<code> (error.<status> when the code has none), and
     a link leads back to where the visitor was going. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:apply-templates select="error" mode="heading"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <section class="error-page">
      <p class="error-status"><xsl:value-of select="error/@status"/></p>
      <h1><xsl:apply-templates select="error" mode="heading"/></h1>
      <p class="error-detail"><xsl:apply-templates select="error" mode="detail"/></p>
      <p class="actions">
        <xsl:for-each select="error/back">
          <a class="button primary" href="{@href}"><xsl:value-of select="m:t(@key)"/></a>
        </xsl:for-each>
        <a class="button" href="/"><xsl:value-of select="m:t('error.back_home')"/></a>
      </p>
      <p class="muted"><xsl:value-of select="m:t('error.request_id', @request-id)"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
