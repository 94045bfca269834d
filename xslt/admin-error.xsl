<?xml version="1.0" encoding="UTF-8"?>
<!-- An admin page's error: the error page in the console's layout. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

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
      </p>
      <p class="muted"><xsl:value-of select="m:t('error.request_id', @request-id)"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
