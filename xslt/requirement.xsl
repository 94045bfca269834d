<?xml version="1.0" encoding="UTF-8"?>
<!-- 提交需求 / 编辑需求: title, description and contact; every submission
     becomes a numbered version the vendor confirms. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:variable name="editing" select="/page/delivery/@versions &gt; 0"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="$editing"><xsl:value-of select="m:t('requirement.title_edit')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="m:t('requirement.title_new')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="d" select="delivery"/>
    <xsl:variable name="f" select="$d/requirement-form"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/deliveries'"/>
      <xsl:with-param name="text1" select="m:t('deliveries.title')"/>
      <xsl:with-param name="href2" select="concat('/deliveries/', $d/@no)"/>
      <xsl:with-param name="text2" select="$d/@no"/>
      <xsl:with-param name="here">
        <xsl:apply-templates select="." mode="title"/>
      </xsl:with-param>
    </xsl:call-template>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead">
      <xsl:value-of select="$d/product"/>
      <xsl:text> · </xsl:text>
      <xsl:value-of select="$d/spec"/>
    </p>
    <p>
      <xsl:choose>
        <xsl:when test="$editing"><xsl:value-of select="m:t('requirement.lead_edit', $d/@versions)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t('requirement.lead_new')"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <form class="stacked panel" action="/deliveries/{$d/@no}/requirement" method="post" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name" select="'title'"/>
        <xsl:with-param name="label" select="m:t('delivery.req.title')"/>
        <xsl:with-param name="max" select="$f/@title-max"/>
        <xsl:with-param name="value" select="$f/title"/>
        <xsl:with-param name="first" select="true()"/>
      </xsl:call-template>
      <xsl:variable name="err" select="/page/form-error[@field = 'description']"/>
      <label class="field">
        <span><xsl:value-of select="m:t('delivery.req.description')"/></span>
        <textarea name="description" rows="8" maxlength="{$f/@description-max}" required="required">
          <xsl:if test="$err">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">description-error</xsl:attribute>
            <xsl:attribute name="autofocus">autofocus</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$f/description"/>
        </textarea>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="'description'"/></xsl:call-template>
        <xsl:if test="not($err)">
          <span class="field-hint"><xsl:value-of select="m:t('requirement.description_hint', $f/@description-max)"/></span>
        </xsl:if>
      </label>
      <xsl:call-template name="field">
        <xsl:with-param name="name" select="'contact'"/>
        <xsl:with-param name="label" select="m:t('delivery.req.contact')"/>
        <xsl:with-param name="max" select="$f/@contact-max"/>
        <xsl:with-param name="value" select="$f/contact"/>
        <xsl:with-param name="hint" select="m:t('requirement.contact_hint')"/>
      </xsl:call-template>
      <xsl:variable name="kept" select="$d/attachments/attachment[@version = $d/@versions]"/>
      <xsl:if test="$kept">
        <fieldset class="files">
          <legend><xsl:value-of select="m:t('requirement.files_kept')"/></legend>
          <xsl:for-each select="$kept">
            <label class="check">
              <input type="checkbox" name="remove-{@id}" value="1"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="m:t('requirement.remove_file', @name)"/>
            </label>
          </xsl:for-each>
        </fieldset>
      </xsl:if>
      <xsl:variable name="ferr" select="/page/form-error[@field = 'attachments']"/>
      <label class="field">
        <span><xsl:value-of select="m:t('requirement.files')"/></span>
        <input type="file" name="attachments" multiple="multiple" accept="{$f/@accept}">
          <xsl:if test="$ferr">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">attachments-error</xsl:attribute>
          </xsl:if>
        </input>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="'attachments'"/></xsl:call-template>
        <span class="field-hint">
          <xsl:value-of select="m:t('requirement.files_hint', $f/@files-max, $f/@file-max-mb, $f/@total-max-mb)"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="m:t('requirement.files_types')"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="translate($f/@accept, ',', ' ')"/>
        </span>
      </label>
      <div class="actions">
        <button type="submit" class="button primary"><xsl:value-of select="m:t('requirement.save')"/></button>
        <xsl:text> </xsl:text>
        <a class="button" href="/deliveries/{$d/@no}"><xsl:value-of select="m:t('common.cancel_back')"/></a>
      </div>
    </form>
  </xsl:template>
</xsl:stylesheet>
