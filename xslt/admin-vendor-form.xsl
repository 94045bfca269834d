<?xml version="1.0" encoding="UTF-8"?>
<!-- A new vendor: slug, names, website and support email; shown again
     with each field's error when something is not right. The vendor's
     page imports this for its edit form's fields. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.vendors.new')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <p class="muted"><a href="/admin/vendors"><xsl:value-of select="m:t('admin.vendors.all')"/></a></p>
    <h1><xsl:value-of select="m:t('admin.vendors.new')"/></h1>
    <form class="admin-form vendor-form" action="{form/@action}" method="post">
      <xsl:call-template name="admin-csrf"/>
      <xsl:call-template name="vendor-field">
        <xsl:with-param name="name" select="'slug'"/>
        <xsl:with-param name="max" select="64"/>
        <xsl:with-param name="pattern" select="'[a-z0-9\-]{1,64}'"/>
        <xsl:with-param name="hint" select="m:t('admin.vendors.slug_hint')"/>
      </xsl:call-template>
      <xsl:call-template name="vendor-fields"/>
      <div class="admin-actions">
        <button type="submit" class="primary"><xsl:value-of select="m:t('admin.vendors.create')"/></button>
      </div>
    </form>
  </xsl:template>

  <!-- The fields both forms have: names, website, support email. -->
  <xsl:template name="vendor-fields">
    <xsl:call-template name="vendor-field">
      <xsl:with-param name="name" select="'name_zh'"/>
      <xsl:with-param name="max" select="200"/>
    </xsl:call-template>
    <xsl:call-template name="vendor-field">
      <xsl:with-param name="name" select="'name_en'"/>
      <xsl:with-param name="max" select="200"/>
    </xsl:call-template>
    <xsl:call-template name="vendor-field">
      <xsl:with-param name="name" select="'website'"/>
      <xsl:with-param name="type" select="'url'"/>
      <xsl:with-param name="max" select="500"/>
      <xsl:with-param name="required" select="false()"/>
      <xsl:with-param name="hint" select="m:t('admin.vendors.website_hint')"/>
    </xsl:call-template>
    <xsl:call-template name="vendor-field">
      <xsl:with-param name="name" select="'support_email'"/>
      <xsl:with-param name="type" select="'email'"/>
      <xsl:with-param name="max" select="254"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One field of a vendor form: its label (admin.vendors.<name>), the
       value from /page/form, its error or its hint. -->
  <xsl:template name="vendor-field">
    <xsl:param name="name"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="max"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="pattern"/>
    <xsl:param name="hint"/>
    <xsl:variable name="err" select="/page/form-error[@field = $name]"/>
    <label class="field">
      <span><xsl:value-of select="m:t(concat('admin.vendors.', $name))"/></span>
      <input type="{$type}" name="{$name}" maxlength="{$max}" value="{/page/form/field[@name = $name]}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="string($pattern)"><xsl:attribute name="pattern"><xsl:value-of select="$pattern"/></xsl:attribute></xsl:if>
        <xsl:if test="$err">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$name"/>-error</xsl:attribute>
        </xsl:if>
        <xsl:if test="$err and /page/form-error[@field][1]/@field = $name">
          <xsl:attribute name="autofocus">autofocus</xsl:attribute>
        </xsl:if>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$name"/></xsl:call-template>
      <xsl:if test="string($hint) and not($err)">
        <span class="field-hint"><xsl:value-of select="$hint"/></span>
      </xsl:if>
    </label>
  </xsl:template>
</xsl:stylesheet>
