<?xml version="1.0" encoding="UTF-8"?>
<!-- 申诉: the buyer asks the platform to step into a delivery (a vendor
     step idle too long, or the work rejected too often): the form with a
     required reason, or why there is none yet. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('appeal.form_title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="d" select="delivery"/>
    <xsl:variable name="f" select="$d/appeal-form"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/deliveries'"/>
      <xsl:with-param name="text1" select="m:t('deliveries.title')"/>
      <xsl:with-param name="href2" select="concat('/deliveries/', $d/@no)"/>
      <xsl:with-param name="text2" select="$d/@no"/>
      <xsl:with-param name="here" select="m:t('appeal.form_title')"/>
    </xsl:call-template>
    <h1><xsl:value-of select="m:t('appeal.form_title')"/></h1>
    <p class="lead">
      <xsl:value-of select="$d/product"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="status">
        <xsl:with-param name="prefix" select="'delivery.status.'"/>
        <xsl:with-param name="value" select="$d/@status"/>
      </xsl:call-template>
    </p>
    <xsl:choose>
      <xsl:when test="$f">
        <p><xsl:value-of select="m:t(concat('appeal.offer.', $f/@grounds), $d/@appeal-idle-days, $d/@appeal-rejections)"/></p>
        <p class="muted"><xsl:value-of select="m:t('appeal.form_lead')"/></p>
        <form class="stacked panel" action="/deliveries/{$d/@no}/appeal" method="post">
          <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
          <xsl:variable name="err" select="/page/form-error[@field = 'reason']"/>
          <label class="field">
            <span><xsl:value-of select="m:t('appeal.reason')"/></span>
            <textarea name="reason" rows="6" maxlength="{$f/@reason-max}" required="required" autofocus="autofocus">
              <xsl:if test="$err">
                <xsl:attribute name="aria-invalid">true</xsl:attribute>
                <xsl:attribute name="aria-describedby">reason-error</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="$f/reason"/>
            </textarea>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'reason'"/></xsl:call-template>
            <xsl:if test="not($err)">
              <span class="field-hint"><xsl:value-of select="m:t('appeal.reason_hint', $f/@reason-max)"/></span>
            </xsl:if>
          </label>
          <div class="actions">
            <button type="submit" class="button primary"><xsl:value-of select="m:t('appeal.submit')"/></button>
            <xsl:text> </xsl:text>
            <a class="button" href="/deliveries/{$d/@no}"><xsl:value-of select="m:t('common.cancel_back')"/></a>
          </div>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="why" select="$d/appeal-refused/@why"/>
        <section class="panel appeal-refused">
          <p><xsl:value-of select="m:t(concat('appeal.refused.', $why), $d/@appeal-idle-days, $d/@appeal-rejections)"/></p>
          <xsl:if test="string($d/appeal-refused/@from)">
            <p>
              <xsl:value-of select="m:t('appeal.later', $d/@appeal-idle-days, $d/@appeal-rejections)"/>
              <xsl:text> </xsl:text>
              <strong><xsl:call-template name="time"><xsl:with-param name="t" select="$d/appeal-refused/@from"/></xsl:call-template></strong>
            </p>
          </xsl:if>
          <div class="actions">
            <a class="button" href="/deliveries/{$d/@no}"><xsl:value-of select="m:t('delivery.back')"/></a>
          </div>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
