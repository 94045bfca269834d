<?xml version="1.0" encoding="UTF-8"?>
<!-- A new partner API key with its secret: the answer to the form that
     issued (or rotated) it, the only time the secret is shown. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.vendors.new_key')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="k" select="new-key"/>
    <h1><xsl:value-of select="m:t('admin.vendors.new_key_for', $k/@vendor)"/></h1>
    <p class="flash flash-info" role="status"><xsl:value-of select="m:t('admin.vendors.secret_once')"/></p>
    <table class="data admin-table new-key">
      <tbody>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.key_id')"/></th><td><code class="key-id"><xsl:value-of select="$k/@key-id"/></code></td></tr>
        <tr><th scope="row"><xsl:value-of select="m:t('admin.vendors.secret')"/></th><td><div class="secret-once"><xsl:value-of select="$k/secret"/></div></td></tr>
      </tbody>
    </table>
    <xsl:if test="$k/@replaces">
      <p><xsl:value-of select="m:t('admin.vendors.replaces', $k/@replaces)"/></p>
    </xsl:if>
    <p class="admin-actions"><a class="button" href="/admin/vendors/{$k/@vendor}#keys"><xsl:value-of select="m:t('admin.vendors.back')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
