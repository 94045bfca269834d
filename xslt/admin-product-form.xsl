<?xml version="1.0" encoding="UTF-8"?>
<!-- A new product: its vendor, category, names, texts, delivery mode,
     free login and support contact. It starts delisted; its page then
     takes specs and prices, and lists it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin-catalog.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.catalog.new_product')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="form" select="form[@target = 'product']"/>
    <p class="muted"><a href="/admin/catalog#products"><xsl:value-of select="m:t('admin.nav.catalog')"/></a></p>
    <h1><xsl:value-of select="m:t('admin.catalog.new_product')"/></h1>
    <p class="muted"><xsl:value-of select="m:t('admin.catalog.new_hint')"/></p>
    <form class="admin-form product-form" action="/admin/products" method="post">
      <xsl:call-template name="admin-csrf"/>
      <xsl:call-template name="cat-input">
        <xsl:with-param name="form" select="$form"/>
        <xsl:with-param name="name" select="'vendor'"/>
        <xsl:with-param name="label" select="m:t('admin.catalog.vendor_slug')"/>
        <xsl:with-param name="max" select="64"/>
        <xsl:with-param name="required" select="true()"/>
        <xsl:with-param name="hint" select="m:t('admin.catalog.vendor_hint')"/>
        <xsl:with-param name="list" select="'vendor-slugs'"/>
      </xsl:call-template>
      <datalist id="vendor-slugs">
        <xsl:for-each select="vendors/vendor"><option value="{@slug}"><xsl:call-template name="cat-name"/></option></xsl:for-each>
      </datalist>
      <xsl:call-template name="cat-product-fields">
        <xsl:with-param name="form" select="$form"/>
      </xsl:call-template>
      <div class="admin-actions">
        <button type="submit" class="primary"><xsl:value-of select="m:t('admin.catalog.create_product')"/></button>
        <a class="button" href="/admin/catalog#products"><xsl:value-of select="m:t('admin.catalog.cancel')"/></a>
      </div>
    </form>
  </xsl:template>
</xsl:stylesheet>
